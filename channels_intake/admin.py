"""The dead-letter view: inbound items that failed, with their errors, and a retry."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import inbound, tawasul
from .models import InboundItem

TRANSLATORS = {"tawasul": tawasul.translate}


@admin.register(InboundItem)
class InboundItemAdmin(admin.ModelAdmin):
    list_display = ("external_id", "channel", "state", "received_at", "attempts", "complaint")
    list_filter = ("state", "channel")
    search_fields = ("=external_id",)
    readonly_fields = ("channel", "external_id", "payload", "received_at", "state", "error", "attempts", "complaint")
    actions = ("retry",)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Process again"))
    def retry(self, request, queryset):
        done = 0
        for item in queryset.exclude(state=InboundItem.State.PROCESSED):
            try:
                inbound.process(item, translate=TRANSLATORS[item.channel])
                done += 1
            except inbound.Rejected as rejection:
                self.message_user(request, f"{item}: {rejection.errors}", messages.WARNING)
        self.message_user(request, ngettext("%(count)d item processed.", "%(count)d items processed.", done)
                          % {"count": done})
