"""The admin's date drill-down (`date_hierarchy`) reads a year, month and day from the URL; one
such as 9999-12 made Django compute the next month and fail with OverflowError. The date it
names is checked like any date from outside (complaints/values/outside_dates.py) before the list runs."""

from datetime import date, timedelta

from django.shortcuts import render
from django.utils import timezone

from complaints.values import outside_dates


class CheckedDateHierarchy:
    """A ModelAdmin mixin. `date_hierarchy_years_ahead`: how far ahead the dates listed may lie
    (closure dates are set a year or two ahead; a call is never in the future)."""

    date_hierarchy_years_ahead = 0

    def changelist_view(self, request, extra_context=None):
        if self.date_hierarchy and (message := self.date_hierarchy_problem(request)):
            return render(request, "400_refused.html", {"message": message}, status=400)
        return super().changelist_view(request, extra_context)

    def date_hierarchy_problem(self, request) -> str | None:
        parts = [request.GET.get(f"{self.date_hierarchy}__{part}") for part in ("year", "month", "day")]
        if not parts[0]:
            return None
        try:
            named = date(*(int(part) if part else 1 for part in parts))
        except (ValueError, OverflowError):
            return None  # not a date at all: Django's own check refuses it ("?e=1")
        now = timezone.now() + timedelta(days=366 * self.date_hierarchy_years_ahead)
        return outside_dates.problem(named, now=now)
