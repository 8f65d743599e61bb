"""The SLA clock on a complaint: started at intake, paused while waiting on the citizen,
stopped when answered, restarted on reopening. Uses the ministry's calendar and settings;
the arithmetic itself is in arithmetic.py. The only writer of due dates and of SlaClock rows."""

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

from complaints.models import ANSWERED_STATUSES, ClosureDate, Complaint, SlaClock
from complaints.sla import arithmetic

Status = Complaint.Status
_CALENDAR_TTL_SECONDS = 60
_cached_calendar: tuple[float, object] | None = None


def calendar():
    """The calendar SLA days are counted in: calendar days, or Bahrain working days."""
    global _cached_calendar
    if settings.SLA_CALENDAR != "working":
        return arithmetic.CalendarDays()
    if _cached_calendar is None or time.monotonic() - _cached_calendar[0] > _CALENDAR_TTL_SECONDS:
        _cached_calendar = (time.monotonic(), working_calendar())
    return _cached_calendar[1]


def working_calendar() -> arithmetic.WorkingDays:
    this_year = datetime.now().year
    public_holidays = holidays.country_holidays("BH", years=range(this_year - 1, this_year + 3))
    closures = ClosureDate.objects.values_list("date", flat=True)
    return arithmetic.WorkingDays(closed_dates=frozenset(public_holidays) | frozenset(closures),
                                  zone=ZoneInfo(settings.TIME_ZONE))


def forget_calendar() -> None:
    """Makes the next `calendar()` call read closure dates again (after an edit, or in tests)."""
    global _cached_calendar
    _cached_calendar = None


def plan() -> arithmetic.SweepPlan:
    return arithmetic.SweepPlan(tuple(settings.SLA_REMINDER_DAYS))


def answer_days(complaint: Complaint) -> int:
    return arithmetic.answer_days(
        category_days=complaint.category.sla_days if complaint.category else None,
        kind_days=settings.SLA_KIND_DAYS.get(complaint.kind),
        default_days=settings.SLA_DEFAULT_DAYS,
    )


def start(complaint: Complaint, *, received_at: datetime) -> None:
    """Sets the due date of a complaint about to be stored; call `start_sweeping` once it is."""
    complaint.due_at = calendar().add(received_at, answer_days(complaint))


def start_sweeping(complaints: list[Complaint]) -> None:
    """The sweep's rows for complaints just stored, in one insert."""
    SlaClock.objects.bulk_create([SlaClock(complaint=complaint, **_schedule(complaint.due_at, stage=0))
                                  for complaint in complaints])


def on_status_change(complaint: Complaint, *, from_status: str, to_status: str, now: datetime) -> tuple[str, ...]:
    """Moves the clock for a status change; returns the complaint fields it changed."""
    clock_row = SlaClock.objects.filter(complaint_id=complaint.pk)
    if to_status == Status.AWAITING_CITIZEN:
        complaint.sla_paused_at = now
        clock_row.update(next_action_at=None)
        return ("sla_paused_at",)
    if to_status in ANSWERED_STATUSES:
        clock_row.update(next_action_at=None)
        complaint.sla_paused_at = None
        if to_status == Status.RESPONDED:
            complaint.responded_at = now
            return ("sla_paused_at", "responded_at")
        return ("sla_paused_at",)
    if to_status == Status.REOPENED:
        # A reopened case gets a fresh answer period from the day it was reopened.
        complaint.due_at = calendar().add(now, answer_days(complaint))
        clock_row.update(breached_at=None, **_schedule(complaint.due_at, stage=0))
        return ("due_at",)
    if from_status == Status.AWAITING_CITIZEN:
        return _resume(complaint, now=now)
    return ()


def _resume(complaint: Complaint, *, now: datetime) -> tuple[str, ...]:
    """Gives back the time that was left when the clock was paused."""
    if complaint.sla_paused_at is not None:
        clock = calendar()
        time_left = clock.time_left(complaint.sla_paused_at, complaint.due_at)
        complaint.due_at = clock.resume(now, time_left)
        complaint.sla_paused_at = None
    clock_row = SlaClock.objects.filter(complaint_id=complaint.pk)
    breached = clock_row.filter(breached_at__isnull=False).exists()
    stage = plan().breach_stage if breached else plan().stage_at(complaint.due_at, now)
    clock_row.update(**_schedule(complaint.due_at, stage=stage))
    return ("due_at", "sla_paused_at")


def _schedule(due_at: datetime, *, stage: int) -> dict:
    return {"due_at": due_at, "stage": stage, "next_action_at": plan().next_action_at(due_at, stage)}
