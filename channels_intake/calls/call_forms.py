"""The call-centre agent's form for logging a call, and the date range of the hotline statistics."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from channels_intake.calls import call_log as calls
from channels_intake.models import Call
from complaints.intake import CitizenDetails
from complaints.models import Category, Citizen, Language
from complaints.values import identity, outside_dates

COMPLAINT_FIELDS = ("subject", "body", "category", "language")


class CallLogForm(forms.Form):
    call_id = forms.CharField(label=_("Call id from the telephone system"), max_length=100, required=False,
                              help_text=_("Leave it empty when the telephone system shows none."))
    caller_number = forms.CharField(label=_("Caller number"), max_length=20)
    cpr = forms.CharField(label=_("CPR number"), max_length=20, required=False)
    name = forms.CharField(label=_("Citizen's name"), max_length=200, required=False,
                           help_text=_("Needed only for a citizen the ministry does not know yet."))
    mobile = forms.CharField(label=_("Mobile number for the SMS"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("Kind of call"), choices=Call.Kind.choices)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Call.Outcome.choices, widget=forms.RadioSelect,
                                initial=Call.Outcome.COMPLAINT)
    subject = forms.CharField(label=_("Subject of the complaint"), max_length=200, required=False)
    body = forms.CharField(label=_("Details of the complaint"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.filter(is_active=True),
                                      required=False)
    language = forms.ChoiceField(label=_("Language of the complaint"), choices=Language.choices)

    def __init__(self, *args, call: Call | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_citizen: Citizen | None = None
        if call is not None:
            # Opened from the telephone system's record: its id and number are what they are.
            self.fields["call_id"].disabled = True
            self.fields["call_id"].initial = call.call_id
            self.initial.setdefault("caller_number", call.caller_number)
            self.initial.setdefault("mobile", mobile_or_blank(call.caller_number))

    def clean_cpr(self):
        cpr = self.cleaned_data["cpr"]
        if not cpr.strip():
            return ""
        cpr = identity.normalise_cpr(cpr)
        self.known_citizen = Citizen.objects.filter(cpr=cpr).first()
        return cpr

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        return identity.normalise_mobile(mobile) if mobile.strip() else ""

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Call.Outcome.COMPLAINT:
            if not data.get("subject", "").strip():
                self.add_error("subject", _("Enter the subject of the complaint."))
            if not data.get("body", "").strip():
                self.add_error("body", _("Enter the details of the complaint."))
            if data.get("cpr") and not self.known_citizen and not data.get("name", "").strip():
                self.add_error("name", _("No citizen has this CPR yet: enter the caller's full name."))
        return data

    def caller_fields(self):
        return [self[name] for name in ("call_id", "caller_number", "cpr")]

    def call_fields(self):
        return [self[name] for name in ("name", "mobile", "kind", "notes", "outcome")]

    def complaint_fields(self):
        return [self[name] for name in COMPLAINT_FIELDS]

    def call_log(self) -> calls.CallLog:
        data = self.cleaned_data
        return calls.CallLog(call_id=data["call_id"] or "", caller_number=data["caller_number"].strip(),
                             kind=data["kind"], notes=data["notes"].strip(), citizen=self._citizen())

    def complaint_details(self) -> calls.ComplaintDetails:
        data = self.cleaned_data
        return calls.ComplaintDetails(subject=data["subject"], body=data["body"], category=data["category"],
                                      language=data["language"])

    def add_service_errors(self, error: ValidationError) -> None:
        """Shows the intake's refusal beside the field it names (or above the form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field_name, messages in error.message_dict.items():
            self.add_error(field_name if field_name in self.fields else None, messages)

    def _citizen(self) -> CitizenDetails | None:
        data = self.cleaned_data
        if not data["cpr"]:
            return None
        known = self.known_citizen
        return CitizenDetails(
            name=known.name if known else data["name"].strip(), cpr=data["cpr"],
            mobile=data["mobile"] or (known.mobile if known else ""),
            preferred_language=known.preferred_language if known else data["language"])


def mobile_or_blank(number: str) -> str:
    try:
        return identity.normalise_mobile(number) if number else ""
    except ValidationError:
        return ""  # a landline or a withheld number: no SMS to it


def find_citizen(cpr: str | None) -> Citizen | None:
    try:
        return Citizen.objects.filter(cpr=identity.normalise_cpr(cpr)).first() if cpr else None
    except ValidationError:
        return None


class StatisticsRangeForm(forms.Form):
    MAX_DAYS = 366

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}),
                            validators=[outside_dates.validate])
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}),
                          validators=[outside_dates.validate])

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise ValidationError(_("The first day must not be after the last day."))
            if end - start >= timedelta(days=self.MAX_DAYS):
                raise ValidationError(_("Choose at most %(days)d days.") % {"days": self.MAX_DAYS})
        return data
