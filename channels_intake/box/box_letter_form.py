"""The service-centre form for digitising a letter from the "Taht Amrak" box."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from channels_intake.citizen_fields import OptionalCitizenMixin
from complaints.files import uploads
from complaints.models import Language
from complaints.values import outside_dates


class BoxLetterForm(OptionalCitizenMixin, forms.Form):
    box = forms.CharField(label=_("Box"), max_length=100)
    letter_number = forms.CharField(label=_("Number written on the letter at opening"), max_length=30)
    collected_on = forms.DateField(label=_("Collected on"), widget=forms.DateInput(attrs={"type": "date"}),
                                   validators=[outside_dates.validate])
    witnessed_by = forms.CharField(label=_("Opening witnessed by"), max_length=200)
    scan = forms.FileField(label=_("Scanned letter (PDF, JPEG or PNG)"))
    name = forms.CharField(label=_("Citizen's name"), max_length=200, required=False)
    cpr = forms.CharField(label=_("CPR number"), max_length=20, required=False)
    mobile = forms.CharField(label=_("Mobile number"), max_length=20, required=False)
    language = forms.ChoiceField(label=_("Language of the letter"), choices=Language.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Text of the letter"), widget=forms.Textarea(attrs={"rows": 8}))

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        uploads.check(scan)
        return scan

    def clean(self):
        data = super().clean()
        if data.get("cpr") and not data.get("name"):
            raise ValidationError({"name": _("Give the name written on the letter with the CPR.")})
        return data
