"""The council pages' forms: they only check input; council.py changes things."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Department

from minister_office.council_models import AgendaItem


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class SessionForm(BootstrapForm):
    held_at = forms.DateTimeField(label=_("Date and time"),
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=_("Place"), max_length=200)
    members_present = forms.CharField(label=_("Council members present"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(BootstrapForm):
    attendance = forms.ChoiceField(label=_("Attendance"), choices=AgendaItem.Attendance.choices, required=False)
    decision = forms.CharField(label=_("Council's decision"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_action = forms.CharField(label=_("Follow-up action"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    follow_up_department = forms.TypedChoiceField(label=_("Responsible department"), coerce=int, required=False,
                                                  empty_value=None)
    follow_up_due_on = forms.DateField(label=_("Follow-up due"), required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, departments: list[tuple[int, str]], **kwargs):
        # The departments are read once per page and shared by every item's form.
        super().__init__(*args, **kwargs)
        self.fields["follow_up_department"].choices = [("", "—"), *departments]

    def clean_follow_up_department(self):
        department_id = self.cleaned_data["follow_up_department"]
        return Department.objects.get(pk=department_id) if department_id else None

    @staticmethod
    def initial_for(item: AgendaItem) -> dict:
        follow_up = getattr(item, "follow_up", None)
        return {"attendance": item.attendance, "decision": item.decision,
                "follow_up_action": follow_up.action if follow_up else "",
                "follow_up_department": follow_up.department_id if follow_up else None,
                "follow_up_due_on": follow_up.due_on if follow_up else None}


class CloseFollowUpForm(BootstrapForm):
    note = forms.CharField(label=_("How it was done"), widget=forms.Textarea(attrs={"rows": 2}))


def department_choices() -> list[tuple[int, str]]:
    return [(department.pk, department.name) for department in Department.objects.filter(is_active=True)]
