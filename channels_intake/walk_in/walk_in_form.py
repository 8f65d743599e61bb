"""The walk-in screen's form: the citizen found by CPR (or entered), then the complaint.

Nothing the agent entered is lost: a CPR lookup and a refused submission show the form again
with every value, and files already chosen are held in private storage under the form's token
until the complaint is recorded."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from channels_intake.walk_in.counter import CitizenFile
from channels_intake.web_form.web_submissions import MultipleFileField, MultipleFileInput
from complaints.files import uploads
from complaints.intake import CitizenDetails
from complaints.models import Category, Complaint, Language
from complaints.values import identity

TOKEN = re.compile(r"[0-9a-f]{32}")
CONTACT_FIELDS = ("name", "mobile", "email")
_HELD = "walk_in_files"


class WalkInForm(forms.Form):
    required_css_class = "required"
    token = forms.CharField(widget=forms.HiddenInput)
    # The CPR whose record filled in the contact fields, so that another lookup replaces them.
    filled_from = forms.CharField(widget=forms.HiddenInput, required=False)
    cpr = forms.CharField(label=_("CPR number"), max_length=20,
                          help_text=_("Latin or Arabic-Indic digits. Finding the citizen keeps everything else "
                                      "you entered."),
                          widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off",
                                                        "autofocus": True}))
    name = forms.CharField(label=_("Full name"), max_length=200,
                           error_messages={"required": _("Enter the citizen's full name.")})
    mobile = forms.CharField(label=_("Mobile number"), max_length=20, required=False,
                             help_text=_("The citizen receives the reference by SMS on this number."),
                             widget=forms.TextInput(attrs={"dir": "ltr", "type": "tel", "autocomplete": "off"}))
    email = forms.EmailField(label=_("E-mail (optional)"), required=False,
                             error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
                             widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "off"}))
    language = forms.ChoiceField(label=_("Language the citizen prefers"), choices=Language.choices,
                                 widget=forms.RadioSelect,
                                 help_text=_("The slip and the messages to the citizen are in this language."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Complaint.Kind.choices, initial=Complaint.Kind.COMPLAINT,
                             widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Details"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 8}))
    category = forms.ModelChoiceField(label=_("Category (optional)"), required=False,
                                      queryset=Category.objects.filter(is_active=True))
    housing_application_number = forms.CharField(label=_("Housing application number (optional)"), max_length=30,
                                                 required=False, widget=forms.TextInput(attrs={"dir": "ltr"}))
    files = MultipleFileField(label=_("Attachments (optional)"), required=False,
                              widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
                              help_text=_("Up to 5 files: PDF, JPEG or PNG, 10 MB each."))

    def __init__(self, *args, held_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.held_files = list(held_files)
        self.new_files: list = []

    @staticmethod
    def token_is_valid(token: str) -> bool:
        return bool(TOKEN.fullmatch(token))

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not self.token_is_valid(token):
            raise ValidationError(_("This form has expired: open the walk-in screen again."))
        return token

    def clean_cpr(self):
        return identity.normalise_cpr(self.cleaned_data["cpr"])

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        return identity.normalise_mobile(mobile) if mobile.strip() else ""

    def clean_files(self):
        self.new_files, errors = self.checked_uploads()
        if errors:
            raise ValidationError(errors)
        return None

    def checked_uploads(self) -> tuple[list, list]:
        """The files chosen now that may be attached (with their real type), and the errors of
        the others. Files that pass are kept even while something else must be corrected."""
        errors, accepted = [], []
        for upload in self.files.getlist(self.add_prefix("files")) if self.files else []:
            try:
                accepted.append((upload, uploads.check(upload)))
            except ValidationError as error:
                errors.extend(error.messages)
        room = max(uploads.MAX_FILES - len(self.held_files), 0)
        if len(accepted) > room:
            errors.append(_("Attach at most %(max)d files.") % {"max": uploads.MAX_FILES})
        return accepted[:room], errors

    def add_intake_errors(self, error: ValidationError) -> None:
        """Shows the intake service's refusal beside the fields it names."""
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)

    def citizen(self) -> CitizenDetails:
        data = self.cleaned_data
        return CitizenDetails(name=data["name"], cpr=data["cpr"], mobile=data["mobile"], email=data["email"],
                              preferred_language=data["language"])


def values_after_lookup(typed: dict, cpr: str, found: CitizenFile | None) -> dict:
    """The form's values once the citizen with `cpr` was looked up. What the agent typed is kept;
    empty contact fields take what the ministry holds; contact details that came from a lookup of
    another CPR are replaced, so one citizen's mobile never stays beside another's CPR."""
    values = dict(typed)
    looked_up_before = values.get("filled_from", "")
    from_another_citizen = bool(looked_up_before) and looked_up_before != cpr
    for name in CONTACT_FIELDS:
        held = getattr(found.citizen, name) if found else ""
        if from_another_citizen or not values.get(name, "").strip():
            values[name] = held
    if found and looked_up_before != cpr:
        values["language"] = found.citizen.preferred_language
    values["filled_from"] = cpr if found else ""
    return values


class HeldFiles:
    """Files the agent already chose for the form with `token`, kept in private storage (their
    names in the session) until the complaint is recorded or the files are removed."""

    def __init__(self, session, token: str):
        self.session, self.token = session, token
        self.files = [uploads.HeldFile(**held) for held in session.get(_HELD, {}).get(token, [])]

    def add(self, accepted) -> None:
        if accepted:
            self.files += [uploads.hold(upload, content_type) for upload, content_type in accepted]
            self._save()

    def remove(self, keys) -> None:
        removed = [held for held in self.files if held.key in keys]
        for held in removed:
            uploads.discard(held)
        if removed:
            self.files = [held for held in self.files if held.key not in keys]
            self._save()

    def open(self) -> list:
        return [uploads.open_held(held) for held in self.files]

    def forget(self) -> None:
        self.remove({held.key for held in self.files})

    def _save(self) -> None:
        everything = self.session.get(_HELD, {})
        if self.files:
            everything[self.token] = [held.as_dict() for held in self.files]
        else:
            everything.pop(self.token, None)
        self.session[_HELD] = everything
