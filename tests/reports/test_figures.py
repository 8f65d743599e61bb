"""Each figure of the staff reports, recomputed by hand from tests/reports/conftest.py."""

from datetime import date

from django.utils import translation

from complaints.models import Complaint
from complaints.reports import figures

from .conftest import NOW, RANGE


def test_volumes_by_channel_per_bahrain_month(hand_counted):
    volumes = figures.volumes(Complaint.objects.all(), RANGE, "channel")
    assert volumes.periods == [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
    counts = {series.key: series.counts for series in volumes.series}
    # March: A, B; April: C (call centre), D (Tawasul), G (merged, still received); May: H; June: E and F,
    # F received at 01:30 on 1 June Bahrain time. The complaint of February is outside the range.
    assert counts == {"web": [2, 1, 0, 2], "service_centre": [0, 0, 1, 0], "call_centre": [0, 1, 0, 0],
                      "tawasul": [0, 1, 0, 0]}
    assert volumes.totals == [2, 3, 1, 2]


def test_volumes_by_kind_category_and_department(hand_counted):
    with translation.override("ar"):
        _check_volumes_by_kind_category_and_department()


def _check_volumes_by_kind_category_and_department():
    by_kind = {s.key: s.total for s in figures.volumes(Complaint.objects.all(), RANGE, "kind").series}
    assert by_kind == {"complaint": 7, "inquiry": 1}
    by_category = {s.label: s.total for s in figures.volumes(Complaint.objects.all(), RANGE, "category").series}
    assert by_category == {"أعطال الصيانة": 6, "بلا تصنيف": 2}
    by_department = {s.label: s.total for s in figures.volumes(Complaint.objects.all(), RANGE, "department").series}
    assert by_department == {"إدارة الصيانة": 6, "وحدة الشكاوى": 2}


def test_volumes_by_week(hand_counted):
    weekly = figures.Filters(start=date(2026, 3, 1), end=date(2026, 3, 31), period=figures.WEEK)
    volumes = figures.volumes(Complaint.objects.all(), weekly, "channel")
    assert volumes.periods[0] == date(2026, 2, 23)  # the Monday of the week of 1 March
    web = volumes.series[0].counts
    assert web[volumes.periods.index(date(2026, 3, 2))] == 1  # A, Thursday 5 March
    assert web[volumes.periods.index(date(2026, 3, 16))] == 1  # B, Friday 20 March
    assert sum(web) == 2


def test_share_answered_within_30_days_and_median(hand_counted):
    total, by_period = figures.answer_figures(Complaint.objects.all(), RANGE, now=NOW)
    # Not merged: A B C D E F H = 7. Answered: A (10 days), B (40), C (4). Decided: those three and D
    # (received more than 30 days before now, unanswered); E, F and H are still within their 30 days.
    assert (total.received, total.answered, total.decided, total.within_30_days) == (7, 3, 4, 2)
    assert total.share_within_30_days == 50.0
    assert total.median_days == 10.0  # median of 4, 10, 40
    march, april, may, june = by_period
    assert (march.decided, march.within_30_days, march.share_within_30_days) == (2, 1, 50.0)
    assert march.median_days == 25.0  # the median of 10 and 40
    assert (april.received, april.decided, april.within_30_days, april.median_days) == (2, 2, 1, 4.0)
    assert (may.received, may.decided, may.share_within_30_days, may.median_days) == (1, 0, None, None)
    assert june.received == 2


def test_backlog_by_age_today(hand_counted):
    # Waiting for an answer: D (66 days), E (5), F (14), H (26), the February one (125). C is answered.
    assert figures.backlog(Complaint.objects.all(), RANGE, now=NOW) == {"0-7": 1, "8-14": 1, "15-30": 1,
                                                                       "over-30": 2}


def test_backlog_follows_the_channel_filter(hand_counted):
    tawasul = figures.Filters(start=RANGE.start, end=RANGE.end, channel="tawasul")
    assert figures.backlog(Complaint.objects.all(), tawasul, now=NOW) == {"0-7": 0, "8-14": 0, "15-30": 0,
                                                                         "over-30": 1}


def test_satisfaction_of_the_answers_in_the_range(hand_counted):
    satisfaction = figures.satisfaction(Complaint.objects.all(), RANGE)
    assert satisfaction.by_score == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}  # the February complaint's 1 is outside
    assert satisfaction.average == 3.67


def test_hotline_figures_per_month(hand_counted):
    march, april, may, june = figures.hotline(RANGE)
    assert (march.calls, june.calls) == (0, 0)
    assert (april.calls, april.answered, april.abandoned, april.answered_percent, april.average_wait) == \
        (2, 1, 1, 50.0, 20.0)
    assert (may.calls, may.answered, may.average_wait) == (1, 1, 40.0)


def test_filters_by_department_and_channel(hand_counted, maintenance):
    web_maintenance = figures.Filters(start=RANGE.start, end=RANGE.end, department_id=maintenance.pk, channel="web")
    volumes = figures.volumes(Complaint.objects.all(), web_maintenance, "channel")
    assert [(s.key, s.counts) for s in volumes.series] == [("web", [2, 1, 0, 1])]  # A B, G, F


def test_the_median_is_computed_by_postgresql_itself(hand_counted):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        figures.answer_figures(Complaint.objects.all(), RANGE, now=NOW)
    on_postgresql = connection.vendor == "postgresql"
    assert any("PERCENTILE_CONT" in query["sql"] for query in queries) is on_postgresql
    # PostgreSQL: the range's totals and the per-period rows, no complaint read into Python.
    # SQLite: a third query reads the filtered range's answer times.
    assert len(queries) == (2 if on_postgresql else 3)
