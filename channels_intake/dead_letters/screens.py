"""The dead letters of every machine channel: inbound items that failed after they were accepted,
with their errors; staff process them again, or correct the payload first."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from channels_intake import inbound
from channels_intake.dead_letters import corrections
from channels_intake.dead_letters.correction_form import PayloadCorrectionForm, pretty
from channels_intake.models import InboundCorrection, InboundItem
from complaints import services


class CorrectionInline(admin.TabularInline):
    """Who corrected the payload, when, and to what: read only, as the record is append-only."""
    model = InboundCorrection
    fields = readonly_fields = ("corrected_at", "corrected_by", "payload")
    extra = 0
    can_delete = False
    ordering = ("corrected_at", "pk")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InboundItem)
class InboundItemAdmin(admin.ModelAdmin):
    list_display = ("external_id", "channel", "state", "error_type", "failed_at", "attempts", "outcome")
    list_filter = ("state", "channel")
    list_select_related = ("complaint", "call", "social_post")
    search_fields = ("=external_id",)
    readonly_fields = ("channel", "external_id", "payload", "received_at", "state", "error_type", "error", "failed_at",
                       "attempts", "processed_at", "complaint", "call", "social_post")
    inlines = (CorrectionInline,)
    actions = ("retry",)

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("became"))
    def outcome(self, item):
        made = item.complaint or item.call or item.social_post
        return "" if made is None else getattr(made, "display_reference", None) or str(made)

    @admin.action(description=_("Process again"))
    def retry(self, request, queryset):
        done = 0
        for item in queryset.exclude(state=InboundItem.State.PROCESSED):
            try:
                corrections.process_again(item)
                done += 1
            except inbound.Kept as kept:
                self.message_user(request, f"{item}: {kept.errors}", messages.WARNING)
        self.message_user(request, ngettext("%(count)d item processed.", "%(count)d items processed.", done)
                          % {"count": done})

    def get_urls(self):
        return [path("<path:object_id>/correct/", self.admin_site.admin_view(self.correct_view),
                     name="channels_intake_inbounditem_correct"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The item, with a link to correct it for those who may."""
        item = self.get_object(request, object_id)
        if item and item.state != InboundItem.State.PROCESSED and request.user.has_perm(corrections.PERMISSION):
            extra_context = {**(extra_context or {}),
                             "correct_url": reverse("admin:channels_intake_inbounditem_correct", args=[item.pk])}
        return super().change_view(request, object_id, form_url, extra_context)

    def correct_view(self, request, object_id):
        """Correct the payload and process the item again. What was typed is shown again on any error."""
        item = get_object_or_404(InboundItem, pk=object_id)
        if not (self.has_view_permission(request, item) and request.user.has_perm(corrections.PERMISSION)):
            raise PermissionDenied
        change_url = reverse("admin:channels_intake_inbounditem_change", args=[item.pk])
        if item.state == InboundItem.State.PROCESSED:
            self.message_user(request, _("This item was processed already."), messages.INFO)
            return redirect(change_url)
        form = PayloadCorrectionForm(request.POST or None,
                                     initial={"payload": pretty(corrections.payload_to_process(item))})
        if request.method == "POST" and form.is_valid():
            try:
                made, _created = corrections.correct_and_process(item, payload=form.cleaned_data["payload"],
                                                                  by=request.user, now=timezone.now())
            except inbound.Kept as kept:
                form.add_error(None, _("The correction was recorded, but processing failed again: %(errors)s")
                               % {"errors": kept.errors})
            except services.DomainError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("Corrected and processed: %(made)s.")
                                  % {"made": getattr(made, "display_reference", None) or made}, messages.SUCCESS)
                return redirect(change_url)
        return TemplateResponse(request, "admin/channels_intake/monitor_decision.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": item,
            "title": _("Correct the payload and process it again"), "form": form,
            "submit_label": _("Save the correction and process again"), "source": [
                (_("channel"), item.get_channel_display()), (_("id in the channel"), item.external_id),
                (_("kind of error"), item.error_type), (_("error"), item.error),
                (_("payload as received"), pretty(item.payload))],
        })
