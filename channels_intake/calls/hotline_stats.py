"""Figures of the hotline 80008001 for a range of days, computed by the database and returned as
plain values (the reports reuse them). Days and hours are Bahrain's, whatever time zone the
calls were reported in."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.db.models.functions import ExtractHour, TruncDate
from django.utils.translation import get_language

from channels_intake.models import AllocationAnnouncement, Call

ANSWERED = Q(status=Call.Status.ANSWERED)
ABANDONED = Q(status=Call.Status.ABANDONED)
FIGURES = {
    "total": Count("pk"),
    "answered": Count("pk", filter=ANSWERED),
    "abandoned": Count("pk", filter=ABANDONED),
    "average_wait": Avg("wait_seconds", filter=ANSWERED),
    "average_wait_abandoned": Avg("wait_seconds", filter=ABANDONED),
}


@dataclass(frozen=True)
class Figures:
    total: int = 0
    answered: int = 0
    abandoned: int = 0
    average_wait: float | None = None  # seconds, answered calls
    average_wait_abandoned: float | None = None  # seconds a caller waited before hanging up

    @property
    def answered_rate(self) -> float | None:
        """Share of the calls that were answered, 0 to 1; None without calls."""
        return self.answered / self.total if self.total else None

    @property
    def answered_percent(self) -> float | None:
        return None if self.answered_rate is None else round(self.answered_rate * 100, 1)


@dataclass(frozen=True)
class Announcement:
    date: date
    title_ar: str
    title_en: str
    note: str

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" else self.title_ar


@dataclass(frozen=True)
class Day:
    date: date
    figures: Figures
    announcements: list[Announcement] = field(default_factory=list)


@dataclass(frozen=True)
class Hour:
    hour: int  # 0 to 23, Bahrain time
    figures: Figures


@dataclass(frozen=True)
class HotlineStats:
    start: date
    end: date  # included
    totals: Figures
    days: list[Day]
    hours: list[Hour]

    @property
    def busiest_day_total(self) -> int:
        return max((day.figures.total for day in self.days), default=0)

    @property
    def busiest_hour_total(self) -> int:
        return max((hour.figures.total for hour in self.hours), default=0)


def default_range(today: date) -> tuple[date, date]:
    """The last 30 days, today included."""
    return today - timedelta(days=29), today


def hotline_stats(*, start: date, end: date) -> HotlineStats:
    """The figures of the calls started from `start` to `end` (both included), Bahrain time.
    Days and hours without calls are listed with zeros, so a chart has no gaps."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calls = Call.objects.filter(started_at__gte=datetime.combine(start, time(), zone),
                                started_at__lt=datetime.combine(end + timedelta(days=1), time(), zone))
    by_day = {row.pop("day"): _figures(row) for row in calls.annotate(day=TruncDate("started_at", tzinfo=zone))
              .values("day").annotate(**FIGURES).order_by("day")}
    by_hour = {row.pop("hour"): _figures(row) for row in calls.annotate(hour=ExtractHour("started_at", tzinfo=zone))
               .values("hour").annotate(**FIGURES).order_by("hour")}
    announcements: dict[date, list[Announcement]] = {}
    for announcement in AllocationAnnouncement.objects.filter(date__range=(start, end)).order_by("date", "pk"):
        announcements.setdefault(announcement.date, []).append(Announcement(
            date=announcement.date, title_ar=announcement.title_ar, title_en=announcement.title_en,
            note=announcement.note))
    days = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
    return HotlineStats(
        start=start, end=end, totals=_figures(calls.aggregate(**FIGURES)),
        days=[Day(day, by_day.get(day, Figures()), announcements.get(day, [])) for day in days],
        hours=[Hour(hour, by_hour.get(hour, Figures())) for hour in range(24)],
    )


def _figures(row: dict) -> Figures:
    def seconds(value):
        return None if value is None else round(float(value), 1)  # PostgreSQL averages as Decimal

    return Figures(total=row["total"], answered=row["answered"], abandoned=row["abandoned"],
                   average_wait=seconds(row["average_wait"]),
                   average_wait_abandoned=seconds(row["average_wait_abandoned"]))
