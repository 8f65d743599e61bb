"""The statistics the ministry publishes: monthly complaints by channel, the share answered within
30 days, average satisfaction and the hotline's calls answered. No personal data, and no figure
small enough to point at a person:

- a count under 5 (zero included) is shown as "fewer than 5";
- when a month has exactly one such count, the next smallest count of that month is held back too,
  so the month's total minus the shown counts cannot give the small one back;
- the complaints of the held-back cells are left out of the month's shares and average, and a
  share is shown only when both the part and the rest are 0 or at least 5 (an average: 5 ratings).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, F, Q
from django.utils import formats
from django.utils.translation import gettext

from complaints.models import Complaint, Rating
from complaints.reports import charts
from complaints.reports import figures

THRESHOLD = 5
MONTHS = 12


@dataclass(frozen=True)
class Cell:
    value: int | None  # None: held back

    @property
    def suppressed(self) -> bool:
        return self.value is None


def suppress_row(counts: dict[str, int]) -> tuple[dict[str, Cell], Cell]:
    """The counts of one row and its total, with small counts held back (see the module's rules)."""
    held = {key for key, count in counts.items() if count < THRESHOLD}
    total = sum(counts.values())
    total_cell = Cell(total if total >= THRESHOLD else None)
    if len(held) == 1 and not total_cell.suppressed:
        shown = sorted((count, key) for key, count in counts.items() if key not in held)
        if shown:
            held.add(shown[0][1])
    return {key: Cell(None if key in held else count) for key, count in counts.items()}, total_cell


def safe_share(part: int, whole: int) -> float | None:
    """Percent, whole number; None when it would let a count under 5 be worked out."""
    rest = whole - part
    if whole < THRESHOLD or 0 < part < THRESHOLD or 0 < rest < THRESHOLD:
        return None
    return round(100 * part / whole)


@dataclass(frozen=True)
class Month:
    month: date
    by_channel: dict[str, Cell]
    total: Cell
    share_within_30_days: float | None
    average_satisfaction: float | None
    calls: Cell
    calls_answered_share: float | None


def published_months(today: date) -> figures.Filters:
    """The last 12 whole months before the current one."""
    first_of_this_month = today.replace(day=1)
    start = first_of_this_month
    for _ in range(MONTHS):
        start = (start - timedelta(days=1)).replace(day=1)
    return figures.Filters(start=start, end=first_of_this_month - timedelta(days=1))


def statistics(*, now: datetime) -> list[Month]:
    """Every complaint counts here (the public sees the ministry's totals, not one department's)."""
    filters = published_months(now.astimezone(figures.bahrain()).date())
    received = filters.apply(Complaint.objects.all())
    by_month_channel: dict[date, dict[str, int]] = {m: {c: 0 for c in Complaint.Channel.values}
                                                    for m in filters.periods()}
    answers: dict[tuple[date, str], dict] = {}
    within = Q(responded_at__lte=F("received_at") + timedelta(days=figures.ANSWER_DAYS))
    decided = Q(responded_at__isnull=False) | Q(received_at__lte=now - timedelta(days=figures.ANSWER_DAYS))
    not_merged = ~Q(status=Complaint.Status.MERGED)
    for row in (received.annotate(period=filters.truncate()).values("period", "channel")
                .annotate(n=Count("pk"), decided=Count("pk", filter=decided & not_merged),
                          within=Count("pk", filter=within & not_merged)).order_by()):
        month = figures._period_date(row["period"])
        if month in by_month_channel and row["channel"] in by_month_channel[month]:
            by_month_channel[month][row["channel"]] = row["n"]
            answers[month, row["channel"]] = row
    ratings: dict[tuple[date, str], tuple[int, float]] = {}
    for row in (Rating.objects.filter(complaint__in=received.values("pk"))
                .annotate(period=filters.truncate("complaint__received_at"))
                .values("period", "complaint__channel").annotate(n=Count("pk"), total=Avg("score")).order_by()):
        ratings[figures._period_date(row["period"]), row["complaint__channel"]] = (row["n"], float(row["total"]) * row["n"])
    calls = _calls_by_month(filters)
    months = []
    for month, counts in by_month_channel.items():
        cells, total = suppress_row(counts)
        shown = [channel for channel, cell in cells.items() if not cell.suppressed]
        decided_n = sum(answers.get((month, c), {}).get("decided", 0) for c in shown)
        within_n = sum(answers.get((month, c), {}).get("within", 0) for c in shown)
        rated = [ratings[month, c] for c in shown if (month, c) in ratings]
        rated_n = sum(n for n, _ in rated)
        call_total, call_answered = calls.get(month, (0, 0))
        months.append(Month(
            month=month, by_channel=cells, total=total,
            share_within_30_days=safe_share(within_n, decided_n),
            average_satisfaction=round(sum(s for _, s in rated) / rated_n, 1) if rated_n >= THRESHOLD else None,
            calls=Cell(call_total if call_total >= THRESHOLD else None),
            calls_answered_share=safe_share(call_answered, call_total)))
    return months


def _calls_by_month(filters: figures.Filters) -> dict[date, tuple[int, int]]:
    hotline = figures.hotline(filters)
    return {row.period: (row.calls, row.answered) for row in hotline or []}



def channel_labels() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Complaint.Channel.choices]


def draw_charts(months: list[Month], *, right_to_left: bool) -> dict[str, charts.BarChart]:
    """The page's two charts, drawn from the very figures of its tables and written as they are."""
    fewer = gettext("fewer than %(threshold)s") % {"threshold": THRESHOLD}
    not_shown = gettext("not shown")
    labels = [formats.date_format(month.month, "YEAR_MONTH_FORMAT") for month in months]
    received = [(label, month.total.value, fewer if month.total.suppressed else str(month.total.value))
                for label, month in zip(labels, months)]
    on_time = [(label, month.share_within_30_days,
                not_shown if month.share_within_30_days is None else f"{month.share_within_30_days}%")
               for label, month in zip(labels, months)]
    return {
        "received": charts.bar_chart(
            chart_id="chart-received", title=gettext("Complaints received each month"),
            category_title=gettext("Month"), value_title=gettext("Complaints received"),
            rows=received, right_to_left=right_to_left),
        "on_time": charts.bar_chart(
            chart_id="chart-on-time", title=gettext("Share answered within 30 days, each month"),
            category_title=gettext("Month"), value_title=gettext("Answered within 30 days (%)"),
            rows=on_time, right_to_left=right_to_left, maximum=100, tick_suffix="%"),
    }
