"""Forms used by the back-office screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category, Complaint, Department, RoutingRule


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
