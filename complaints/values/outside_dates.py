"""The one check every channel applies to a date or a moment another system or person gives us.

A year-1 date (what some systems send for "unset") or a 9999-12-31 one, once stored, breaks
whatever later does arithmetic with it (routing's duplicate search overflowed on one), so such
dates are refused at the door: before 2000-01-01, or more than a day after now.

Pure: the time comes in as `now`; nothing here adds to or converts the date it checks, so a
year-1 or year-9999 value cannot overflow while being checked.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST = date(2000, 1, 1)
AHEAD = timedelta(days=1)  # clocks and time zones of other systems differ: a day's grace


def problem(value: date | datetime, *, now: datetime) -> str | None:
    """Why the date or moment cannot be accepted, or None. A naive moment is taken in the
    portal's time zone; a date is compared with the local date a day after `now`."""
    # A moment's own calendar date, as its sender wrote it, is what must not be before 2000.
    if (value.date() if isinstance(value, datetime) else value) < EARLIEST:
        return _("Give a date on or after 1 January 2000.")
    latest = now + AHEAD
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            too_late = value > timezone.make_naive(latest) if timezone.is_aware(latest) else value > latest
        else:
            too_late = value > latest
    else:
        too_late = value > (timezone.localtime(latest).date() if timezone.is_aware(latest) else latest.date())
    return _("Give a date no later than tomorrow.") if too_late else None


def check(value: date | datetime, *, now: datetime, field: str | None = None) -> None:
    """ValidationError (under `field` when given) when the date is out of bounds."""
    message = problem(value, now=now)
    if message is not None:
        raise ValidationError({field: [message]} if field else message, code="date_out_of_bounds")


def validate(value: date | datetime) -> None:
    """The check as a form or model field validator (`validators=[outside_dates.validate]`), at the time it runs."""
    check(value, now=timezone.now())
