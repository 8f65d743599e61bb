"""The outbox of messages to citizens: what waits, what was sent, and the messages given up after
every attempt (dead letters), which supervisors send again once the gateway is back."""

from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints.backoffice.queue_screen import CappedCountPaginator
from complaints.models import Notification
from complaints.notifications import to_citizens


class NotificationState(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting")), ("sent", _("Sent")), ("given_up", _("Given up"))]

    def queryset(self, request, queryset):
        return {"waiting": queryset.filter(sent_at__isnull=True, failed_at__isnull=True),
                "sent": queryset.filter(sent_at__isnull=False),
                "given_up": queryset.filter(failed_at__isnull=False)}.get(self.value(), queryset)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("complaint", "kind", "channel", "to", "created_at", "attempts", "next_attempt_at", "sent_at",
                    "failed_at", "last_error")
    list_select_related = ("complaint",)
    list_filter = (NotificationState, "channel", "kind")
    search_fields = ("=complaint__reference",)
    ordering = ("-created_at",)
    paginator = CappedCountPaginator
    show_full_result_count = False
    # The number or address stays masked here too: the case page shows it to those who may see it.
    fields = readonly_fields = ("complaint", "kind", "channel", "to", "language", "cause", "created_at", "attempts",
                                "next_attempt_at", "sent_at", "failed_at", "last_error")
    actions = ("send_again",)

    @admin.display(description=_("to"))
    def to(self, notification):
        return to_citizens.masked(notification)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again"), permissions=("change",))
    def send_again(self, request, queryset):
        chosen = list(queryset.values_list("pk", flat=True))
        queued = to_citizens.send_again(chosen)
        self.message_user(request, gettext("Messages queued again: %(count)d.") % {"count": len(queued)})
        if len(queued) < len(chosen):
            self.message_user(request, gettext("Only messages given up after every attempt are sent again; "
                                               "left alone: %(count)d.") % {"count": len(chosen) - len(queued)},
                              messages.WARNING)
