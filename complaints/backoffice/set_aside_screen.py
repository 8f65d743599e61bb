"""The complaints routing set aside (complaints/routing/set_aside.py): what failed and why, for the
supervisors, the complaints unit and the system administrator, who mend it and route it again."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints.backoffice.record_pages import ReadOnlyAdmin
from complaints.models import RoutingSetAside
from complaints.routing import set_aside


@admin.register(RoutingSetAside)
class RoutingSetAsideAdmin(ReadOnlyAdmin):
    list_display = ("case", "channel", "received_at", "error_type", "short_message", "attempts", "first_failed_at",
                    "last_failed_at")
    list_select_related = ("complaint",)
    list_filter = ("error_type",)
    search_fields = ("=complaint__reference",)
    fields = ("case", "channel", "received_at", "error_type", "error_message", "attempts", "first_failed_at",
              "last_failed_at", "traceback")
    readonly_fields = fields
    actions = ("route_again",)

    def get_queryset(self, request):
        return super().get_queryset(request).waiting()

    @admin.display(description=_("complaint"), ordering="complaint__reference")
    def case(self, entry):
        return format_html('<a href="{}">{}</a>', reverse("admin:complaints_complaint_change",
                                                          args=[entry.complaint_id]),
                           entry.complaint.display_reference)

    @admin.display(description=_("channel"))
    def channel(self, entry):
        return entry.complaint.get_channel_display()

    @admin.display(description=_("received"), ordering="complaint__received_at")
    def received_at(self, entry):
        return entry.complaint.received_at

    @admin.display(description=_("message"))
    def short_message(self, entry):
        return entry.error_message[:120]

    # Routing again is what the worker would do itself; whoever sees the list may ask for it.
    @admin.action(description=_("Route again"), permissions=("view",))
    def route_again(self, request, queryset):
        result = set_aside.route_again(list(queryset.values_list("complaint_id", flat=True)),
                                              by=request.user)
        if result.routed:
            self.message_user(request, gettext("Complaints routed: %(count)d.") % {"count": len(result.routed)})
        if result.still_failing:
            self.message_user(request, gettext("Routing failed again, and they stay set aside: %(count)d.")
                              % {"count": len(result.still_failing)}, messages.WARNING)
