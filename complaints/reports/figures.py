"""The staff reports' figures for a set of complaints (already scoped by Complaint.objects.visible_to)
and a filter, computed by the database: grouped counts, TruncMonth/TruncWeek in Bahrain time,
percentile_cont for the median on PostgreSQL. Every function returns plain values."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connections
from django.db.models import Aggregate, Avg, Count, DurationField, F, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import get_language, gettext

from complaints.models import OPEN_STATUSES, Complaint, Rating

ANSWER_DAYS = 30
MONTH, WEEK = "month", "week"
# Today's backlog by age in whole days since receipt: (label key, youngest, oldest or None).
AGE_BUCKETS = (("0-7", 0, 7), ("8-14", 8, 14), ("15-30", 15, 30), ("over-30", 31, None))
WAITING_FOR_AN_ANSWER = tuple(status for status in OPEN_STATUSES if status != Complaint.Status.RESPONDED)


def bahrain() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Filters:
    start: date  # Bahrain dates, both included
    end: date
    period: str = MONTH
    department_id: int | None = None
    channel: str = ""

    def apply(self, complaints: QuerySet, *, dates: bool = True) -> QuerySet:
        if dates:
            complaints = complaints.filter(
                received_at__gte=datetime.combine(self.start, time(), bahrain()),
                received_at__lt=datetime.combine(self.end + timedelta(days=1), time(), bahrain()))
        if self.department_id:
            complaints = complaints.filter(department_id=self.department_id)
        if self.channel:
            complaints = complaints.filter(channel=self.channel)
        return complaints

    def periods(self) -> list[date]:
        """Every month (its first day) or week (its Monday) of the range, so charts have no gaps."""
        if self.period == WEEK:
            first = self.start - timedelta(days=self.start.weekday())
            return [first + timedelta(weeks=n) for n in range((self.end - first).days // 7 + 1)]
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months

    def period_of(self, day: date) -> date:
        return day - timedelta(days=day.weekday()) if self.period == WEEK else day.replace(day=1)

    def truncate(self, field="received_at"):
        trunc = TruncWeek if self.period == WEEK else TruncMonth
        return trunc(field, tzinfo=bahrain())


def _period_date(value) -> date:
    """A truncated received_at as a Bahrain date (backends return a datetime or a date)."""
    if isinstance(value, datetime):
        return timezone.localtime(value, bahrain()).date() if timezone.is_aware(value) else value.date()
    return value


# --- volumes -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    key: str
    label: str
    counts: list[int]  # one per period

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Volumes:
    dimension: str
    periods: list[date]
    series: list[Series]

    @property
    def totals(self) -> list[int]:
        return [sum(column) for column in zip(*(s.counts for s in self.series))] or [0] * len(self.periods)


DIMENSIONS = ("channel", "kind", "category", "department")


def volumes(complaints: QuerySet, filters: Filters, dimension: str) -> Volumes:
    """Complaints received per period, split by channel, kind, category or department (one query)."""
    fields = {"channel": ("channel",), "kind": ("kind",),
              "category": ("category_id", "category__name_ar", "category__name_en"),
              "department": ("department_id", "department__name_ar", "department__name_en")}[dimension]
    periods = filters.periods()
    position = {period: index for index, period in enumerate(periods)}
    counts: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    rows = (filters.apply(complaints).annotate(period=filters.truncate()).values("period", *fields)
            .annotate(n=Count("pk")).order_by())
    for row in rows:
        key = str(row[fields[0]] if row[fields[0]] is not None else "")
        labels[key] = _label(dimension, key, row, fields)
        counts.setdefault(key, [0] * len(periods))
        index = position.get(_period_date(row["period"]))
        if index is not None:
            counts[key][index] += row["n"]
    order = _dimension_order(dimension, labels)
    return Volumes(dimension, periods, [Series(key, labels[key], counts[key]) for key in order])


def _label(dimension, key, row, fields) -> str:
    if dimension == "channel":
        return str(Complaint.Channel(key).label) if key in Complaint.Channel.values else key
    if dimension == "kind":
        return str(Complaint.Kind(key).label) if key in Complaint.Kind.values else key
    if not key:
        return gettext("None yet") if dimension == "department" else gettext("No category")
    name_ar, name_en = row[fields[1]], row[fields[2]]
    return name_en if get_language() == "en" and name_en else name_ar


def _dimension_order(dimension, labels: dict[str, str]) -> list[str]:
    choices = {"channel": Complaint.Channel.values, "kind": Complaint.Kind.values}.get(dimension)
    if choices:
        return [key for key in choices if key in labels] + sorted(set(labels) - set(choices))
    return sorted(labels, key=lambda key: (key == "", labels[key]))


# --- answers ---------------------------------------------------------------------------------------

class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median, interpolated, computed by the database."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


@dataclass(frozen=True)
class Answers:
    period: date | None  # None: the whole range
    received: int  # complaints received (merged ones left out: they are answered in their case)
    decided: int  # answered, or received more than 30 days ago: whether it made 30 days is known
    within_30_days: int
    answered: int
    median_days: float | None  # days from receipt to the answer, answered complaints

    @property
    def share_within_30_days(self) -> float | None:
        """Percent of the decided complaints answered within 30 days, one decimal."""
        return round(100 * self.within_30_days / self.decided, 1) if self.decided else None


def answer_figures(complaints: QuerySet, filters: Filters, *, now: datetime) -> tuple[Answers, list[Answers]]:
    """Share answered within 30 days and median time to answer, for the whole range and per period."""
    cohort = filters.apply(complaints).exclude(status=Complaint.Status.MERGED)
    answered = Q(responded_at__isnull=False)
    counts = {
        "received": Count("pk"),
        "answered": Count("pk", filter=answered),
        "decided": Count("pk", filter=answered | Q(received_at__lte=now - timedelta(days=ANSWER_DAYS))),
        "within_30_days": Count("pk", filter=Q(responded_at__lte=F("received_at") + timedelta(days=ANSWER_DAYS))),
    }
    on_postgresql = connections[cohort.db].vendor == "postgresql"
    if on_postgresql:
        counts["median"] = Median(F("responded_at") - F("received_at"), filter=answered)
    total = cohort.aggregate(**counts)
    rows = {_period_date(row.pop("period")): row for row in
            cohort.annotate(period=filters.truncate()).values("period").annotate(**counts).order_by()}
    if not on_postgresql:
        # SQLite (development and the fast tests) has no percentile_cont: the durations of the
        # filtered range's answered complaints are read instead, never the whole table.
        durations: dict[date, list[float]] = {}
        for period, received_at, responded_at in (cohort.filter(answered).annotate(period=filters.truncate())
                                                  .values_list("period", "received_at", "responded_at")):
            durations.setdefault(_period_date(period), []).append((responded_at - received_at).total_seconds())
        every = [seconds for values in durations.values() for seconds in values]
        total["median"] = timedelta(seconds=median(every)) if every else None
        for period, row in rows.items():
            row["median"] = timedelta(seconds=median(durations[period])) if durations.get(period) else None
    empty = {"received": 0, "answered": 0, "decided": 0, "within_30_days": 0, "median": None}
    return (_answers(None, total), [_answers(period, rows.get(period, empty)) for period in filters.periods()])


def _answers(period, row) -> Answers:
    median_value = row["median"]
    return Answers(period=period, received=row["received"], decided=row["decided"],
                   within_30_days=row["within_30_days"], answered=row["answered"],
                   median_days=None if median_value is None else round(median_value.total_seconds() / 86400, 1))


# --- backlog -----------------------------------------------------------------------------------------

def backlog(complaints: QuerySet, filters: Filters, *, now: datetime) -> dict[str, int]:
    """Today's complaints waiting for an answer, by age in whole days (the date range does not apply:
    the backlog is what is waiting now, however old)."""
    waiting = filters.apply(complaints, dates=False).filter(status__in=WAITING_FOR_AN_ANSWER)
    buckets = {}
    for key, youngest, oldest in AGE_BUCKETS:
        # Aged at least `youngest` whole days: received at or before now - youngest days.
        condition = Q(received_at__lte=now - timedelta(days=youngest))
        if oldest is not None:
            condition &= Q(received_at__gt=now - timedelta(days=oldest + 1))
        buckets[key] = Count("pk", filter=condition)
    return waiting.aggregate(**buckets)


# --- satisfaction -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Satisfaction:
    by_score: dict[int, int]  # 1..5 -> ratings
    average: float | None

    @property
    def ratings(self) -> int:
        return sum(self.by_score.values())


def satisfaction(complaints: QuerySet, filters: Filters) -> Satisfaction:
    """The citizens' ratings (1 to 5) of the answers to the complaints received in the range."""
    figures = {f"score_{score}": Count("pk", filter=Q(score=score)) for score in range(1, 6)}
    row = Rating.objects.filter(complaint__in=filters.apply(complaints).values("pk")).aggregate(
        average=Avg("score"), **figures)
    average = row.pop("average")
    return Satisfaction(by_score={score: row[f"score_{score}"] for score in range(1, 6)},
                        average=None if average is None else round(float(average), 2))


# --- hotline ------------------------------------------------------------------------------------------
# The hotline's calls are the channels' business (channels_intake.calls.hotline_stats); the core does not
# import the channels, so they hand their figures function in when the apps are ready.

_hotline_source = None


def register_hotline(source) -> None:
    """`source(start=, end=)` returns the hotline's figures per day (channels_intake.calls.hotline_stats)."""
    global _hotline_source
    _hotline_source = source


@dataclass(frozen=True)
class HotlinePeriod:
    period: date
    calls: int
    answered: int
    abandoned: int
    average_wait: float | None  # seconds, answered calls

    @property
    def answered_percent(self) -> float | None:
        return round(100 * self.answered / self.calls, 1) if self.calls else None


def hotline(filters: Filters) -> list[HotlinePeriod] | None:
    """Calls to the hotline per period (days added up; the range is bounded, at most a few hundred
    days). None when no channel registered the hotline."""
    if _hotline_source is None:
        return None
    stats = _hotline_source(start=filters.start, end=filters.end)
    sums: dict[date, list[float]] = {period: [0, 0, 0, 0.0] for period in filters.periods()}
    for day in stats.days:
        row = sums.setdefault(filters.period_of(day.date), [0, 0, 0, 0.0])
        figures = day.figures
        row[0] += figures.total
        row[1] += figures.answered
        row[2] += figures.abandoned
        row[3] += (figures.average_wait or 0) * figures.answered
    return [HotlinePeriod(period, calls, answered, abandoned, round(wait / answered, 1) if answered else None)
            for period, (calls, answered, abandoned, wait) in sorted(sums.items())]
