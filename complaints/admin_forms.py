"""Forms used by the back-office screens."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from . import form_fields, references
from .models import CannedResponse, Category, Complaint, Department, LegalClause, RoutingRule


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


# --- The case page's actions (complaints/admin_case.py): one form per service call. ---------------

def officers_of(department_id):
    return (get_user_model().objects.filter(is_active=True, is_staff=True, staff_profile__department_id=department_id)
            .order_by("first_name", "last_name", "username"))


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class AssignForm(forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_of(complaint.department_id)


class OfficerWithDepartmentField(OfficerChoiceField):
    def label_from_instance(self, user):
        return f"{super().label_from_instance(user)} — {user.staff_profile.department}"


class BulkAssignForm(forms.Form):
    officer = OfficerWithDepartmentField(
        label=_("Officer"), help_text=_("Only the complaints of the officer's own department are assigned."),
        queryset=get_user_model().objects.filter(is_active=True, is_staff=True, staff_profile__department__isnull=False)
        .select_related("staff_profile__department").order_by("first_name", "last_name", "username"))


class CaseTransferForm(TransferForm):
    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_department"].queryset = self.fields["to_department"].queryset.exclude(
            pk=complaint.department_id)


class RequestInformationForm(forms.Form):
    question = forms.CharField(label=_("What do you need from the citizen?"),
                               help_text=_("The citizen is told by SMS and e-mail; the clock pauses until they answer."),
                               widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Note (staff only)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why is the case reopened?"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The case gets a fresh answer period from today."))

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)


class UrgencyForm(forms.Form):
    note = forms.CharField(label=_("Note (staff only)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)


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


class MergeForm(forms.Form):
    reference = forms.CharField(label=_("Reference of the complaint to merge into"), max_length=40,
                                help_text=_("An open complaint from the same citizen. This one keeps its reference "
                                            "and its clock stops."))

    def __init__(self, *args, complaint: Complaint, visible: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible = visible

    def clean_reference(self):
        reference = references.parse(self.cleaned_data["reference"])
        if reference is None:
            raise forms.ValidationError(_("This is not a valid reference: check the digits."))
        target = self.visible.filter(reference=reference).first()
        if target is None:
            raise forms.ValidationError(_("There is no complaint with this reference that you can see."))
        return target


class ClauseChoiceField(form_fields.ModelMultipleChoiceField):
    def label_from_instance(self, clause):
        return f"{clause.law} — {clause.article}"


class ReplyForm(forms.Form):
    """A reply in the citizen's language: a canned response, free text, or a canned response
    edited; with the legal clauses it cites."""

    canned = forms.ModelChoiceField(label=_("Canned response"), required=False,
                                    queryset=CannedResponse.objects.filter(is_active=True))
    text = forms.CharField(label=_("Reply"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    clauses = ClauseChoiceField(label=_("Legal clauses cited"), required=False,
                                queryset=LegalClause.objects.filter(is_active=True),
                                widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip():
            if cleaned.get("canned"):
                cleaned["text"] = cleaned["canned"].text_in(self.language)
            else:
                self.add_error("text", _("Write the reply or choose a canned response."))
        return cleaned
