"""SLA arithmetic: when a complaint must be answered, and what the sweep does next.

Pure functions and small value objects; the time and the calendar are passed in.
Two calendars: plain calendar days (the default, as the ministry promises "30 days"),
or Bahrain working days (Friday and Saturday off, public holidays and closure dates).
A day is always a Bahrain calendar day, whatever time zone a moment arrives in: a complaint
received at 01:30 on a Thursday in Manama (22:30 UTC on the Wednesday) was received on the Thursday.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

FRIDAY, SATURDAY = 4, 5
BAHRAIN = ZoneInfo("Asia/Bahrain")  # the ministry's clock passes settings.TIME_ZONE; this is the default


def local(moment: datetime, zone: tzinfo = BAHRAIN) -> datetime:
    """`moment` on the wall clock of `zone`; a naive moment is taken as already local."""
    return moment.astimezone(zone) if moment.tzinfo is not None else moment


def answer_days(*, category_days: int | None, kind_days: int | None, default_days: int) -> int:
    """The category's own figure, else the kind's, else the ministry's default."""
    return category_days or kind_days or default_days


@dataclass(frozen=True)
class CalendarDays:
    def add(self, start: datetime, days: int) -> datetime:
        return start + timedelta(days=days)

    def time_left(self, paused_at: datetime, due_at: datetime) -> timedelta:
        return due_at - paused_at

    def resume(self, resumed_at: datetime, time_left) -> datetime:
        """The new due date after a pause: exactly the time that was left, counted from now."""
        return resumed_at + time_left


@dataclass(frozen=True)
class WorkingDays:
    closed_dates: frozenset[date] = field(default_factory=frozenset)
    weekend: frozenset[int] = frozenset({FRIDAY, SATURDAY})
    zone: tzinfo = BAHRAIN  # whose calendar the days are counted in

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.closed_dates

    def add(self, start: datetime, days: int) -> datetime:
        """`days` working days after `start`, at the same time of day.

        The day of receipt does not count: a complaint received on Thursday with one working
        day is due on Sunday (Friday and Saturday are the weekend).
        """
        start = local(start, self.zone)
        day = start.date()
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return start + timedelta(days=(day - start.date()).days)

    def time_left(self, paused_at: datetime, due_at: datetime) -> int:
        """Working days left between the pause and the due date."""
        day, left = local(paused_at, self.zone).date(), 0
        while day < local(due_at, self.zone).date():
            day += timedelta(days=1)
            left += self.is_working_day(day)
        return left

    def resume(self, resumed_at: datetime, time_left: int) -> datetime:
        return self.add(resumed_at, time_left)


@dataclass(frozen=True)
class SweepPlan:
    """When reminders fall due for a complaint: `reminder_days` before the due date, largest first.

    Stage 0 means nothing sent; stage k (1..n) means the k-th reminder was sent; stage n+1
    means the answer is overdue and the breach was recorded.
    """

    reminder_days: tuple[int, ...] = (7, 2)

    def __post_init__(self):
        object.__setattr__(self, "reminder_days", tuple(sorted(set(self.reminder_days), reverse=True)))

    @property
    def breach_stage(self) -> int:
        return len(self.reminder_days) + 1

    def stage_at(self, due_at: datetime, now: datetime) -> int:
        """The stage a complaint due at `due_at` has reached by `now`."""
        if due_at <= now:
            return self.breach_stage
        return sum(1 for days in self.reminder_days if due_at - timedelta(days=days) <= now)

    def next_action_at(self, due_at: datetime, stage: int) -> datetime | None:
        """When the sweep must next look at a complaint at `stage`; None once breached."""
        if stage >= self.breach_stage:
            return None
        if stage < len(self.reminder_days):
            return due_at - timedelta(days=self.reminder_days[stage])
        return due_at


@dataclass(frozen=True)
class Standing:
    """Where a complaint stands against its answer date, as the queue shows it."""

    state: str  # "answered", "paused", "overdue", "due_soon", "on_time"
    days: int = 0  # days left, or days overdue


DUE_SOON_DAYS = 7


def due_soon_until(now: datetime, zone: tzinfo = BAHRAIN) -> datetime:
    """The one boundary between "due soon" and "on time", for the queue's badge and its filter:
    an answer due before this moment is due soon. It is the start of the local day DUE_SOON_DAYS + 1
    days after today, so "7 days left" by the calendar is always due soon and "8 days left" never is."""
    today = local(now, zone).date()
    return datetime.combine(today + timedelta(days=DUE_SOON_DAYS + 1), time.min,
                            tzinfo=zone if now.tzinfo is not None else None)


def standing(*, due_at: datetime, now: datetime, paused: bool, answered: bool,
             zone: tzinfo = BAHRAIN) -> Standing:
    """Whole days, counted by the Bahrain calendar date of `now` and of the due date."""
    if answered:
        return Standing("answered")
    if paused:
        return Standing("paused")
    days_left = (local(due_at, zone).date() - local(now, zone).date()).days
    if due_at < now:
        return Standing("overdue", max(1, -days_left))
    if due_at < due_soon_until(now, zone):
        return Standing("due_soon", days_left)
    return Standing("on_time", days_left)
