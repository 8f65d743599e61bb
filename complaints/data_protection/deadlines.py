"""The deadline of a citizen's data request: 10 working days after receipt, in Bahrain's working
week (Sunday to Thursday) less public holidays and the ministry's closure dates — the same
calendar as the SLA's working days (complaints.sla.clock)."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from complaints.sla import clock


def due_on(received_at: datetime, *, calendar=None) -> date:
    """The day of receipt does not count; a request received on a Thursday with one working day
    would be due on the Sunday."""
    calendar = calendar or clock.working_calendar()
    return calendar.add(timezone.localtime(received_at), settings.DATA_REQUEST_WORKING_DAYS).date()


def warn_from(due: date, *, calendar=None) -> date:
    """The first day on which the officers are warned: DATA_REQUEST_WARNING_DAYS working days before."""
    calendar = calendar or clock.working_calendar()
    day, counted = due, 0
    while counted < settings.DATA_REQUEST_WARNING_DAYS:
        day -= timedelta(days=1)
        counted += calendar.is_working_day(day)
    return day


def is_overdue(due: date, *, today: date) -> bool:
    return today > due
