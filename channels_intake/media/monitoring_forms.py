"""The media and social monitors' forms: a complaint drafted from a post or a media item, a
dismissal, a forwarding, and logging a media item with its clipping."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from channels_intake.citizen_fields import OptionalCitizenMixin
from channels_intake.models import MediaItem, SocialPost
from complaints.files import uploads
from complaints.models import Category, Complaint, Department, Language
from complaints.values import outside_dates


class ComplaintDraftForm(OptionalCitizenMixin, forms.Form):
    """Starts from what the post or the item says; the citizen's details only if the monitor found them."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Complaint.Kind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 8}))
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.filter(is_active=True),
                                      required=False)
    name = forms.CharField(label=_("Citizen's name"), max_length=200, required=False)
    cpr = forms.CharField(label=_("CPR number"), max_length=20, required=False)
    mobile = forms.CharField(label=_("Mobile number"), max_length=20, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("name") or data.get("mobile")) and not data.get("cpr"):
            raise ValidationError({"cpr": _("Give the citizen's CPR number with their name or mobile.")})
        if data.get("cpr") and not data.get("name"):
            raise ValidationError({"name": _("Give the citizen's name with the CPR number.")})
        return data

    def complaint_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("kind", "language", "subject", "body", "category")}

    def add_intake_errors(self, error: ValidationError) -> None:
        """The intake service's messages, beside the field they are about."""
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)


class DismissPostForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=SocialPost.DismissalReason.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note (required for “Other”)"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("reason") == SocialPost.DismissalReason.OTHER and not data.get("note", "").strip():
            raise ValidationError({"note": _("Say why the post is dismissed.")})
        return data


class ForwardItemForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.filter(is_active=True))


class MediaItemForm(forms.ModelForm):
    class Meta:
        model = MediaItem
        fields = ("outlet", "medium", "published_on", "page_or_programme", "headline", "excerpt", "clipping")
        # A private file has no URL, so the widget must not try to link the one already stored.
        widgets = {"clipping": forms.FileInput, "published_on": forms.DateInput(attrs={"type": "date"})}

    def clean_published_on(self):
        published_on = self.cleaned_data.get("published_on")
        if published_on:
            outside_dates.validate(published_on)
        return published_on

    def clean_clipping(self):
        clipping = self.cleaned_data.get("clipping")
        if clipping and clipping != self.initial.get("clipping"):
            self.instance.clipping_type = uploads.check(clipping)
            self.instance.clipping_name = clipping.name = uploads.kept_name(clipping.name, self.instance.clipping_type)
        return clipping
