"""The hotline 80008001 in the back office: the calls, the agent's screen for logging one, the
statistics, and the allocation announcements the statistics are read against."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from channels_intake.calls import call_forms, call_log, hotline_stats
from channels_intake.calls.call_forms import CallLogForm, StatisticsRangeForm
from channels_intake.models import AllocationAnnouncement, Call
from complaints.backoffice.date_drilldown import CheckedDateHierarchy


@admin.register(Call)
class CallAdmin(CheckedDateHierarchy, admin.ModelAdmin):
    """Calls to the hotline 80008001. Agents log a call through `log_view` (one service call);
    the telephone system's figures are never edited here."""

    list_display = ("call_id", "started_at", "masked_caller_number", "status", "wait_seconds", "talk_seconds",
                    "agent_extension", "agent", "kind", "outcome", "complaint", "log_link")
    list_filter = ("status", "outcome", "kind")
    ordering = ("-started_at",)
    list_select_related = ("agent", "complaint")
    search_fields = ("=call_id", "=caller_number")
    date_hierarchy = "started_at"
    show_full_result_count = False  # a busy hotline: no second COUNT(*) over every call
    readonly_fields = ("call_id", "caller_number", "started_at", "wait_seconds", "talk_seconds", "status",
                       "agent_extension", "agent", "citizen", "kind", "notes", "outcome", "complaint", "logged_at",
                       "reported_at", "telephony_record")

    @admin.display(description=_("caller number"))
    def masked_caller_number(self, call):
        return call.masked_caller_number

    @admin.display(description=_("log"))
    def log_link(self, call):
        if call.outcome == Call.Outcome.COMPLAINT:
            return ""
        return format_html('<a href="{}">{}</a>', reverse("admin:channels_intake_call_log", args=[call.pk]),
                           _("Log this call"))

    def get_urls(self):
        return [
            path("<int:call_pk>/log/", self.admin_site.admin_view(self.log_view), name="channels_intake_call_log"),
            path("statistics/", self.admin_site.admin_view(self.statistics_view),
                 name="channels_intake_call_statistics"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """A call the telephone system has not (yet) reported: logged the same way."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        return self.log_view(request)

    def log_view(self, request, call_pk=None):
        call = get_object_or_404(Call, pk=call_pk) if call_pk else None
        if call and not self.has_change_permission(request, call):
            raise PermissionDenied
        finding = "_find" in request.POST  # "Find the citizen": show them, keep what was typed, save nothing
        form = CallLogForm(request.POST if request.method == "POST" and not finding else None,
                           initial=request.POST.dict() if finding else None, call=call)
        if request.method == "POST" and not finding and form.is_valid():
            try:
                if form.cleaned_data["outcome"] == Call.Outcome.COMPLAINT:
                    logged = call_log.log_complaint_call(form.call_log(), form.complaint_details(), by=request.user)
                else:
                    logged = call_log.log_information_call(form.call_log(), by=request.user)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return self._logged(request, logged)
        citizen = call_forms.find_citizen(form["cpr"].value())
        return TemplateResponse(request, "admin/channels_intake/call/log.html", {
            **self.admin_site.each_context(request), "title": _("Log a call to the hotline 80008001"),
            "opts": self.model._meta, "form": form, "call": call, "citizen": citizen,
            "earlier_complaints": call_log.earlier_complaints(citizen) if citizen else [],
            "cpr_not_found": bool(form["cpr"].value()) and citizen is None,
        })

    def _logged(self, request, call):
        if call.complaint_id:
            self.message_user(request, _("Call logged as complaint %(reference)s; the citizen is told the "
                                         "reference by SMS.") % {"reference": call.complaint.display_reference},
                              messages.SUCCESS)
            return redirect(reverse("admin:complaints_complaint_change", args=[call.complaint_id]))
        self.message_user(request, _("Call %(call_id)s logged as information only.") % {"call_id": call.call_id},
                          messages.SUCCESS)
        return redirect(reverse("admin:channels_intake_call_changelist"))

    def statistics_view(self, request):
        if not request.user.has_perm("channels_intake.view_hotline_statistics"):
            raise PermissionDenied
        start, end = hotline_stats.default_range(timezone.localdate())
        form = StatisticsRangeForm(request.GET or None, initial={"start": start, "end": end})
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        return TemplateResponse(request, "admin/channels_intake/call/statistics.html", {
            **self.admin_site.each_context(request), "title": _("Hotline 80008001 statistics"),
            "opts": self.model._meta, "form": form, "stats": hotline_stats.hotline_stats(start=start, end=end),
        })


@admin.register(AllocationAnnouncement)
class AllocationAnnouncementAdmin(CheckedDateHierarchy, admin.ModelAdmin):
    list_display = ("date", "title_ar", "title_en")
    date_hierarchy = "date"
    date_hierarchy_years_ahead = 2
    search_fields = ("title_ar", "title_en")
