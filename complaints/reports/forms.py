from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint, Department
from complaints.reports.figures import MONTH, WEEK, Filters
from complaints.security import access

# The range is bounded so that every figure (and SQLite's median) reads a bounded set of rows.
MAX_DAYS = 731


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    period = forms.ChoiceField(label=_("Group by"), choices=[(MONTH, _("Month")), (WEEK, _("Week"))], initial=MONTH)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False,
                                        empty_label=_("All departments"))
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("All channels")), *Complaint.Channel.choices])

    def __init__(self, data, *, user, today: date):
        self.today = today
        start = (today.replace(day=1) - timedelta(days=330)).replace(day=1)
        super().__init__(data if data else None, initial={"start": start, "end": today, "period": MONTH})
        departments = Department.objects.filter(is_active=True)
        if not access.works_ministry_wide(user):
            departments = departments.filter(pk=access.department_of(user))
        self.fields["department"].queryset = departments.order_by("name_ar")
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if isinstance(field, forms.ChoiceField)
                                          else "form-control")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end date must be on or after the start date."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("start", _("Choose a range of at most two years."))
        return data

    def filters(self) -> Filters:
        """The chosen filter, or the default (the last twelve months) when nothing valid was sent."""
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            return Filters(start=data["start"], end=data["end"], period=data["period"] or MONTH,
                           department_id=data["department"].pk if data["department"] else None,
                           channel=data["channel"])
        return Filters(start=self.initial["start"], end=self.initial["end"])
