from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.backoffice import form_fields
from complaints.models import Department
from minister_office import urgency
from minister_office.models import UrgencyAssessment

# The bodies the office refers cases to (complaints/routing/catalogue.py codes).
REFERRAL_BODIES = ("housing-committee", "legal-affairs", "studies", "allocations")


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                widget.attrs.setdefault("class", "form-check-input")
                continue
            widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")


class UrgencyStudyForm(BootstrapForm):
    household_size = forms.IntegerField(label=_("Household size"), min_value=1, max_value=40)
    monthly_income = forms.DecimalField(label=_("Monthly income of the household (BHD)"), min_value=0,
                                        max_digits=9, decimal_places=3)
    dependants = forms.IntegerField(label=_("Dependants"), min_value=0, max_value=40)
    members_with_disability = forms.IntegerField(label=_("Members with a disability"), min_value=0, max_value=40)
    elderly_members = forms.IntegerField(label=_("Elderly members"), min_value=0, max_value=40)
    members_with_chronic_illness = forms.IntegerField(label=_("Members with a chronic illness"), min_value=0,
                                                      max_value=40)
    housing = forms.ChoiceField(label=_("Current housing"), choices=UrgencyAssessment.Housing.choices)
    eviction_notice = forms.BooleanField(label=_("The family has an eviction notice"), required=False)
    years_on_waiting_list = forms.IntegerField(label=_("Years on the housing waiting list"), min_value=0,
                                               max_value=60)
    override = forms.ChoiceField(label=_("The office's decision"), choices=UrgencyAssessment.Override.choices,
                                 required=False)
    override_reason = forms.CharField(label=_("Reason for deciding against the score"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("override") and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Write the reason for deciding against the score."))
        return data

    def circumstances(self) -> urgency.Circumstances:
        return urgency.Circumstances(**{name: self.cleaned_data[name]
                                        for name in urgency.Circumstances.__dataclass_fields__})


class DirectiveForm(BootstrapForm):
    text = forms.CharField(label=_("The minister's directive"), widget=forms.Textarea(attrs={"rows": 4}))
    departments = form_fields.ModelMultipleChoiceField(
        label=_("Refer to"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Department.objects.filter(code__in=REFERRAL_BODIES, is_active=True))
    lead = forms.ModelChoiceField(label=_("Lead body"), required=False,
                                  queryset=Department.objects.filter(code__in=REFERRAL_BODIES, is_active=True),
                                  empty_label=_("— none —"))
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        departments, lead = list(data.get("departments") or ()), data.get("lead")
        if departments and lead is None:
            self.add_error("lead", _("Choose the lead body among the bodies the case is referred to."))
        elif lead is not None and lead not in departments:
            self.add_error("lead", _("The lead body must be one of the bodies the case is referred to."))
        return data
