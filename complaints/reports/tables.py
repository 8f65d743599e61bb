"""The staff reports as tables: one definition shown as a chart, as an accessible table beside it,
and exported as CSV and XLSX."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complaints.reports import figures
from complaints.reports.figures import WEEK, Filters


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list]
    chart: str = "bar"  # bar, stacked (bars stacked by series), line
    chart_columns: list[int] = field(default_factory=list)  # the columns drawn, after the first (labels)
    second_axis_columns: list[int] = field(default_factory=list)  # drawn against a second scale (days, not %)
    summary_rows: int = 0  # trailing rows of totals: in the table and the exports, not in the chart

    def chart_data(self) -> dict:
        """What static/complaints/reports.js needs to draw the chart: passed with json_script."""
        rows = self.rows[:len(self.rows) - self.summary_rows]
        return {"type": self.chart, "labels": [str(row[0]) for row in rows],
                "datasets": [{"label": self.columns[index], "data": [row[index] for row in rows],
                              "axis": "y1" if index in self.second_axis_columns else "y"}
                             for index in self.chart_columns]}


def period_label(period: date, filters: Filters) -> str:
    if filters.period == WEEK:
        return _("Week of %(date)s") % {"date": date_format(period, "SHORT_DATE_FORMAT")}
    return date_format(period, "YEAR_MONTH_FORMAT")


def volume_table(volumes: figures.Volumes, filters: Filters) -> Table:
    titles = {"channel": _("Complaints received by channel"), "kind": _("Complaints received by kind"),
              "category": _("Complaints received by category"),
              "department": _("Complaints received by department")}
    rows = [[period_label(period, filters), *(series.counts[index] for series in volumes.series),
             volumes.totals[index]] for index, period in enumerate(volumes.periods)]
    return Table(slug=f"volumes-{volumes.dimension}", title=titles[volumes.dimension],
                 columns=[_("Period"), *(series.label for series in volumes.series), _("Total")], rows=rows,
                 chart="stacked", chart_columns=list(range(1, len(volumes.series) + 1)))


def answers_table(total: figures.Answers, by_period: list[figures.Answers], filters: Filters) -> Table:
    def row(label, answers):
        return [label, answers.received, answers.decided, answers.within_30_days,
                answers.share_within_30_days, answers.answered, answers.median_days]

    return Table(slug="answers", title=_("Answered within 30 days and median time to answer"),
                 columns=[_("Period"), _("Received"), _("Received more than 30 days ago or answered"),
                          _("Answered within 30 days"), _("Share answered within 30 days (%)"), _("Answered"),
                          _("Median days to answer")],
                 rows=[row(period_label(a.period, filters), a) for a in by_period] + [row(_("Whole range"), total)],
                 chart="line", chart_columns=[4, 6], second_axis_columns=[6], summary_rows=1)


def backlog_table(backlog: dict[str, int]) -> Table:
    labels = {"0-7": _("0 to 7 days"), "8-14": _("8 to 14 days"), "15-30": _("15 to 30 days"),
              "over-30": _("More than 30 days")}
    return Table(slug="backlog", title=_("Waiting for an answer today, by age"),
                 columns=[_("Age"), _("Complaints waiting")],
                 rows=[[labels[key], backlog[key]] for key, *_ignored in figures.AGE_BUCKETS], chart_columns=[1])


def satisfaction_table(satisfaction: figures.Satisfaction) -> Table:
    rows = [[str(score), satisfaction.by_score[score]] for score in range(1, 6)]
    return Table(slug="satisfaction", title=_("Citizens' ratings of the answers (1 to 5)"),
                 columns=[_("Score"), _("Ratings")], rows=rows, chart_columns=[1])


def hotline_table(periods: list[figures.HotlinePeriod], filters: Filters) -> Table:
    return Table(slug="hotline", title=_("Hotline 80008001"),
                 columns=[_("Period"), _("Calls"), _("Answered"), _("Abandoned"), _("Answered (%)"),
                          _("Average wait of answered calls (seconds)")],
                 rows=[[period_label(p.period, filters), p.calls, p.answered, p.abandoned, p.answered_percent,
                        p.average_wait] for p in periods],
                 chart="stacked", chart_columns=[2, 3])


def report_tables(complaints, filters: Filters, *, now: datetime) -> list[Table]:
    """Every table of the staff reports for the complaints the user may see."""
    tables = [volume_table(figures.volumes(complaints, filters, dimension), filters)
              for dimension in figures.DIMENSIONS]
    total, by_period = figures.answer_figures(complaints, filters, now=now)
    tables.append(answers_table(total, by_period, filters))
    tables.append(backlog_table(figures.backlog(complaints, filters, now=now)))
    tables.append(satisfaction_table(figures.satisfaction(complaints, filters)))
    hotline = figures.hotline(filters)
    if hotline is not None:
        tables.append(hotline_table(hotline, filters))
    return tables
