"""Forms used by the back-office screens."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from complaints import case_actions
from complaints.backoffice import form_fields
from complaints.models import CannedResponse, Category, Complaint, Department, RoutingRule


class RoutingRuleForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("channels"), choices=Complaint.Channel.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: any channel."))
    kinds = forms.MultipleChoiceField(
        label=_("kinds"), choices=Complaint.Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: any kind."))

    class Meta:
        model = RoutingRule
        fields = ("name", "position", "is_active", "department", "keywords", "channels", "kinds",
                  "categories", "urgency")
        widgets = {"categories": forms.CheckboxSelectMultiple}


class TryRoutingForm(forms.Form):
    text = forms.CharField(label=_("Text of a complaint"), widget=forms.Textarea(attrs={"rows": 6}))
    channel = forms.ChoiceField(label=_("channel"), choices=Complaint.Channel.choices,
                                initial=Complaint.Channel.WEB)
    kind = forms.ChoiceField(label=_("kind"), choices=Complaint.Kind.choices, initial=Complaint.Kind.COMPLAINT)
    category = forms.ModelChoiceField(label=_("category"), queryset=Category.objects.filter(is_active=True),
                                      required=False)
    is_urgent = forms.BooleanField(label=_("urgent"), required=False)


class TransferForm(forms.Form):
    to_department = forms.ModelChoiceField(label=_("Transfer to"), queryset=Department.objects.filter(is_active=True))
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


# --- The case page's actions (complaints/backoffice/case_page.py): each form built from the action's inputs
# in case_actions.ACTIONS, the table the staff API reads too. ---------------------------------------

class RowChoiceField(forms.ModelChoiceField):
    """A choice of rows, each shown as its input says (case_actions.Input.shown_as)."""

    def __init__(self, *args, shown_as=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_as = shown_as

    def label_from_instance(self, obj):
        return self.shown_as(obj)


class RowsChoiceField(form_fields.ModelMultipleChoiceField):
    def __init__(self, *args, shown_as=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_as = shown_as

    def label_from_instance(self, obj):
        return self.shown_as(obj)


def form_field(spec: case_actions.Input) -> forms.Field:
    common = {"label": spec.label, "help_text": spec.help_text, "required": spec.required}
    if spec.choices is None:
        return forms.CharField(max_length=spec.max_length, widget=forms.Textarea(attrs={"rows": spec.rows}),
                               **common)
    if spec.many:
        return RowsChoiceField(queryset=None, shown_as=spec.shown_as,
                               widget=forms.CheckboxSelectMultiple, **common)
    return RowChoiceField(queryset=None, shown_as=spec.shown_as, **common)


class CaseActionForm(forms.Form):
    """The form of one case action: its inputs, their choices for this complaint."""

    action: case_actions.CaseAction

    def __init__(self, *args, complaint: Complaint, visible: QuerySet | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint, self.visible = complaint, visible
        for spec in self.action.inputs:
            if spec.choices is not None and spec.name in self.fields:
                rows = spec.choices(complaint)
                self.fields[spec.name].queryset = spec.listed(rows, complaint) if spec.listed else rows

    def clean(self):
        cleaned = super().clean()
        for spec in self.action.inputs:
            if spec.clean is not None and spec.name in cleaned:
                try:
                    cleaned[spec.name] = spec.clean(cleaned[spec.name], self.visible)
                except forms.ValidationError as error:
                    self.add_error(spec.name, error)
        return cleaned


def case_action_form(action: case_actions.CaseAction) -> type[CaseActionForm]:
    fields = {spec.name: form_field(spec) for spec in action.inputs}
    name = "".join(part.title() for part in action.name.split("-")) + "Form"
    return type(name, (CaseActionForm,), {"action": action, **fields})


CASE_ACTION_FORMS = {name: case_action_form(action) for name, action in case_actions.ACTIONS.items()}


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class OfficerWithDepartmentField(OfficerChoiceField):
    def label_from_instance(self, user):
        return f"{super().label_from_instance(user)} — {user.staff_profile.department}"


class BulkAssignForm(forms.Form):
    officer = OfficerWithDepartmentField(
        label=_("Officer"), help_text=_("Only the complaints of the officer's own department are assigned."),
        queryset=get_user_model().objects.filter(is_active=True, is_staff=True, staff_profile__department__isnull=False)
        .select_related("staff_profile__department").order_by("first_name", "last_name", "username"))


class AnswerReferralsForm(forms.Form):
    """One text box for each referral the user answers for; those left empty stay open."""

    def __init__(self, *args, complaint: Complaint, referrals, **kwargs):
        super().__init__(*args, **kwargs)
        self.referrals = list(referrals)
        for referral in self.referrals:
            self.fields[f"answer_{referral.pk}"] = forms.CharField(
                label=_("Answer of %(department)s") % {"department": referral.department}, required=False,
                help_text=referral.note, widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        cleaned = super().clean()
        answers = [(referral, cleaned.get(f"answer_{referral.pk}", "").strip()) for referral in self.referrals]
        cleaned["answers"] = [(referral, text) for referral, text in answers if text]
        if not cleaned["answers"]:
            raise forms.ValidationError(_("Write the answer."))
        return cleaned


class ReplyForm(CASE_ACTION_FORMS[case_actions.REPLY]):
    """The reply's inputs (case_actions) in the citizen's language, with a canned response to start
    from: free text, a canned response, or a canned response edited."""

    canned = forms.ModelChoiceField(label=_("Canned response"), required=False,
                                    queryset=CannedResponse.objects.filter(is_active=True))
    field_order = ("canned", "text", "clauses")

    def __init__(self, *args, complaint: Complaint, language: str, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        self.language = language
        self.fields["text"].required = False  # a canned response may give it

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip():
            if cleaned.get("canned"):
                cleaned["text"] = cleaned["canned"].text_in(self.language)
            else:
                self.add_error("text", _("Write the reply or choose a canned response."))
        return cleaned
