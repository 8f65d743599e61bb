"""The citizen web form: the `web` channel's adapter. It only translates what the citizen
typed into an IntakeRequest; the intake service does the rest."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from complaints.files import uploads as attachments
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Category, Complaint, Language
from complaints.portal.forms import CitizenForm
from complaints.routing import rules
from complaints.values import identity


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the form's `clean_files`."""

    def clean(self, data, initial=None):
        return [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]


def saying(what_to_do) -> dict:
    """An empty or impossible answer is met with what to do, not "This field is required."."""
    return {"required": what_to_do, "invalid_choice": what_to_do}


class ComplaintForm(CitizenForm):
    kind = forms.ChoiceField(label=_("What would you like to send?"), choices=Complaint.Kind.choices,
                             widget=forms.RadioSelect, initial=Complaint.Kind.COMPLAINT,
                             error_messages=saying(_("Choose complaint, inquiry or suggestion.")))
    category = forms.ModelChoiceField(label=_("What is it about?"), queryset=Category.objects.filter(is_active=True),
                                      empty_label=_("Choose a subject area"),
                                      error_messages=saying(_("Choose what your message is about.")))
    subject = forms.CharField(label=_("Subject"), max_length=200,
                              help_text=_("A short title, for example “Water leaking from the ceiling”."),
                              error_messages=saying(_("Enter a subject.")))
    body = forms.CharField(label=_("Details"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("What happened, where, and since when. Do not include passwords or "
                                       "bank details."),
                           error_messages=saying(_("Describe your complaint, inquiry or suggestion.")))
    name = forms.CharField(label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}),
                           error_messages=saying(_("Enter your full name.")))
    cpr = forms.CharField(label=_("CPR number"), max_length=20, help_text=_("The 9 digits on your identity card."),
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"}),
                          error_messages=saying(_("Enter the 9 digits of your CPR (personal number).")))
    mobile = forms.CharField(label=_("Mobile number"), max_length=20,
                             help_text=_("We send your reference number and updates to this number."),
                             widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel",
                                                           "dir": "ltr"}),
                             error_messages=saying(_("Enter a Bahraini mobile number of 8 digits, for example "
                                                     "3XXX XXXX.")))
    email = forms.EmailField(label=_("E-mail (optional)"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
                             error_messages={"invalid": _("Enter an e-mail address like name@example.com.")})
    preferred_language = forms.ChoiceField(label=_("Language for our messages to you"), choices=Language.choices,
                                           widget=forms.RadioSelect,
                                           error_messages=saying(_("Choose Arabic or English.")))
    housing_application_number = forms.CharField(label=_("Housing application number (optional)"), max_length=30,
                                                 required=False, widget=forms.TextInput(attrs={"dir": "ltr"}))
    files = MultipleFileField(
        label=_("Attachments (optional)"), required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        help_text=_("Up to 5 files: PDF, JPEG or PNG, 10 MB each."))
    # Left empty by people; filled in by bots that fill in every field.
    website = forms.CharField(required=False, label=_("Leave this empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, held_files=(), address="", **kwargs):
        super().__init__(*args, **kwargs)
        self.held_files = list(held_files)
        self.address = address
        self.new_files = []
        for field in self.fields.values():
            if not isinstance(field.widget, forms.RadioSelect):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = css

    def clean_cpr(self):
        return identity.normalise_cpr(self.cleaned_data["cpr"])

    def clean_mobile(self):
        return identity.normalise_mobile(self.cleaned_data["mobile"])

    def clean_files(self):
        uploads = self.files.getlist(self.add_prefix("files"))
        errors, accepted = [], []
        for upload in uploads:
            try:
                accepted.append((upload, attachments.check(upload)))
            except ValidationError as error:
                errors.extend(error.messages)
        room = attachments.MAX_FILES - len(self.held_files)
        if len(accepted) > room:
            errors.append(_("Attach at most %(max)d files.") % {"max": attachments.MAX_FILES})
        # Files that passed are kept even when something else must be corrected, within the
        # address's hourly allowance of held files.
        self.new_files = accepted[:max(room, 0)]
        if not attachments.take_draft_allowance(self.address, [upload for upload, _type in self.new_files]):
            self.new_files = []
            errors.append(_("Too many files were attached from this connection in the last hour. Send your "
                            "message without attachments, or attach them again later."))
        if errors:
            raise ValidationError(errors)
        return None

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Leave this field empty."))
        return ""

    def typed(self) -> dict:
        """What the citizen typed so far, checked or not, to be shown again (after a language switch)."""
        return {name: self.data.get(self.add_prefix(name), "") for name in self.fields
                if name not in ("files", "website")}

    def details(self) -> dict:
        """What the citizen typed, as plain values the session can keep."""
        data = {name: self.cleaned_data[name] for name in
                ("kind", "subject", "body", "name", "cpr", "mobile", "email", "preferred_language",
                 "housing_application_number")}
        data["category"] = self.cleaned_data["category"].pk
        return data


def intake_request(details: dict, *, files, language: str, token: str) -> IntakeRequest:
    return IntakeRequest(
        channel=Complaint.Channel.WEB, kind=details["kind"], subject=details["subject"], body=details["body"],
        language=language, category=rules.category(details["category"]),
        citizen=CitizenDetails(name=details["name"], cpr=details["cpr"], mobile=details["mobile"],
                               email=details["email"], preferred_language=details["preferred_language"]),
        housing_application_number=details["housing_application_number"],
        external_reference=external_reference(token), attachments=tuple(files),
    )


def external_reference(token: str) -> str:
    """The draft's token makes the complaint's external reference: one draft, one complaint."""
    return f"web-{token}"


def already_sent(token: str) -> Complaint | None:
    """The complaint this draft already became, when the browser never saw the answer (a double
    click, or the database going away between storing the complaint and saving the session)."""
    return Complaint.objects.filter(channel=Complaint.Channel.WEB, external_reference=external_reference(token)).first()
