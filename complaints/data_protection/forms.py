"""The back office's forms for citizens' data requests."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from complaints.data_protection.requests import CORRECTABLE_FIELDS
from complaints.models import DataSubjectRequest
from complaints.values import identity

FIELD_LABELS = {"name": _("full name"), "mobile": _("mobile number"), "email": _("e-mail"),
                "preferred_language": _("preferred language")}


class NewRequestForm(forms.ModelForm):
    # Typed with spaces or Arabic-Indic digits at times: normalised to the 9 digits.
    cpr = forms.CharField(label=_("CPR number"), max_length=20)

    class Meta:
        model = DataSubjectRequest
        fields = ("kind", "cpr", "channel", "received_at", "details")

    def clean_cpr(self):
        return identity.normalise_cpr(self.cleaned_data["cpr"])


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("detail to correct"), choices=[(name, FIELD_LABELS[name])
                                                                      for name in CORRECTABLE_FIELDS])
    value = forms.CharField(label=_("corrected value"), max_length=254, required=False)


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           help_text=_("Say what was done and why, not the citizen's data itself: "
                                       "this note is kept unchanged."))


class ClosingForm(DecisionForm):
    def clean_note(self):
        if not self.cleaned_data["note"].strip():
            raise ValidationError(_("Say what was done or decided."))
        return self.cleaned_data["note"]


class ExportForm(forms.Form):
    cpr = forms.CharField(label=_("CPR number"), max_length=20)

    def clean_cpr(self):
        return identity.normalise_cpr(self.cleaned_data["cpr"])
