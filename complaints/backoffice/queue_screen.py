"""The staff queue's pieces: filters, the SLA badge and a paginator that never counts a million rows."""

from datetime import timedelta

from django.contrib import admin
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from complaints.models import SLA_STATES, Complaint
from complaints.sla import arithmetic

COUNT_CAP = 10_000


class CappedCountPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows (a count over a LIMIT subquery), so a page costs the same
    with a thousand complaints or a million; deeper than that, staff narrow the filters."""

    @cached_property
    def count(self):
        return self.object_list[:COUNT_CAP + 1].count()


class OpenFilter(admin.SimpleListFilter):
    """The queue shows open complaints unless asked otherwise."""

    title = _("open or closed")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return (("yes", _("Open")), ("no", _("Closed or merged")), ("all", _("All")))

    def value(self):
        return super().value() or "yes"

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {"selected": self.value() == lookup, "display": title,
                   "query_string": changelist.get_query_string({self.parameter_name: lookup})}

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.open()
        if self.value() == "no":
            return queryset.ended()
        return queryset


class SlaStateFilter(admin.SimpleListFilter):
    title = _("answer due")
    parameter_name = "sla"

    def lookups(self, request, model_admin):
        return SLA_STATES

    def queryset(self, request, queryset):
        return queryset.sla_state(self.value(), now=timezone.now())


class ReceivedFilter(admin.SimpleListFilter):
    """Dates without the admin's date hierarchy, which scans the whole table to list the years."""

    title = _("received")
    parameter_name = "received"
    PERIODS = {"today": 0, "7": 7, "30": 30, "90": 90, "365": 365}

    def lookups(self, request, model_admin):
        return (("today", _("Today")), ("7", _("Last 7 days")), ("30", _("Last 30 days")),
                ("90", _("Last 90 days")), ("365", _("Last 12 months")))

    def queryset(self, request, queryset):
        days = self.PERIODS.get(self.value())
        if days is None:
            return queryset
        start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=days)
        return queryset.filter(received_at__gte=start)


SLA_BADGE = {
    "on_time": ("portal-sla-ok", "●"),
    "due_soon": ("portal-sla-soon", "▲"),
    "overdue": ("portal-sla-late", "■"),
    "paused": ("portal-sla-paused", "❚❚"),
    "answered": ("portal-sla-done", "✓"),
}


def sla_badge(complaint: Complaint, *, now=None):
    """Days left or days overdue, in words with a shape as well as a colour."""
    standing = complaint.sla_standing(now=now)
    css, mark = SLA_BADGE[standing.state]
    return format_html('<span class="portal-sla {}"><span aria-hidden="true">{}</span> {}</span>', css, mark,
                       _standing_in_words(standing))


def _standing_in_words(standing: arithmetic.Standing) -> str:
    days = standing.days
    if standing.state == "overdue":
        return ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days}
    if standing.state in ("on_time", "due_soon"):
        if days == 0:
            return _("due today")
        return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
    return pgettext("SLA badge", "paused") if standing.state == "paused" else pgettext("SLA badge", "answered")
