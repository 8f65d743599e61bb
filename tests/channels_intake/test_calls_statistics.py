"""Hotline statistics: figures by day and by hour of the day in Bahrain time, computed by the
database, read against the allocation announcements; a page for supervisors only."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from channels_intake.calls import hotline_stats
from channels_intake.calls.hotline_stats import Figures
from channels_intake.models import AllocationAnnouncement, Call
from complaints.security import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
STATS_URL = "/admin/channels_intake/call/statistics/"
A, X = Call.Status.ANSWERED, Call.Status.ABANDONED

# (started at, UTC; answered or abandoned; seconds waited). Bahrain is UTC+3 all year.
CALLS = [
    ("2026-11-23T20:00", A, 5),   # 23 Nov 23:00 Bahrain: before the range
    ("2026-11-23T22:00", A, 30),  # 24 Nov 01:00 Bahrain, although 23 Nov in UTC
    ("2026-11-24T06:15", A, 60),  # 24 Nov 09:15
    ("2026-11-24T06:45", X, 90),  # 24 Nov 09:45
    ("2026-11-25T06:05", A, 10),  # 25 Nov 09:05, the announcement day
    ("2026-11-25T06:10", A, 20),  # 25 Nov 09:10
    ("2026-11-25T07:00", X, 40),  # 25 Nov 10:00
    ("2026-11-25T07:30", X, 50),  # 25 Nov 10:30
    ("2026-11-25T20:30", A, 0),   # 25 Nov 23:30
    ("2026-11-26T21:30", A, 7),   # 27 Nov 00:30 Bahrain, although 26 Nov in UTC: after the range
]


@pytest.fixture
def hotline(db):
    Call.objects.bulk_create(
        Call(call_id=f"PBX-{number}", caller_number="+97339123456", status=status, wait_seconds=wait,
             talk_seconds=60 if status == A else 0, started_at=datetime.fromisoformat(started).replace(tzinfo=UTC))
        for number, (started, status, wait) in enumerate(CALLS))
    AllocationAnnouncement.objects.create(date=date(2026, 11, 25), title_ar="توزيع وحدات مدينة سلمان",
                                          title_en="Salman Town units allocated")
    AllocationAnnouncement.objects.create(date=date(2026, 11, 28), title_ar="خارج الفترة", title_en="Outside the range")


def test_the_totals_over_the_range(hotline, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        stats = hotline_stats.hotline_stats(start=date(2026, 11, 24), end=date(2026, 11, 26))

    assert stats.totals == Figures(total=8, answered=5, abandoned=3, average_wait=24.0, average_wait_abandoned=60.0)
    assert (stats.totals.answered_rate, stats.totals.answered_percent) == (0.625, 62.5)


def test_calls_by_day_in_bahrain_time_with_the_announcements(hotline):
    stats = hotline_stats.hotline_stats(start=date(2026, 11, 24), end=date(2026, 11, 26))

    assert [(day.date, day.figures) for day in stats.days] == [
        (date(2026, 11, 24), Figures(3, 2, 1, 45.0, 90.0)),
        (date(2026, 11, 25), Figures(5, 3, 2, 10.0, 45.0)),
        (date(2026, 11, 26), Figures()),
    ]
    assert [[a.title_en for a in day.announcements] for day in stats.days] == [
        [], ["Salman Town units allocated"], []]
    assert stats.busiest_day_total == 5


def test_calls_by_hour_of_the_day_in_bahrain_time(hotline):
    stats = hotline_stats.hotline_stats(start=date(2026, 11, 24), end=date(2026, 11, 26))

    assert [hour.hour for hour in stats.hours] == list(range(24))
    busy = {hour.hour: hour.figures for hour in stats.hours if hour.figures.total}
    assert busy == {1: Figures(1, 1, 0, 30.0, None), 9: Figures(4, 3, 1, 30.0, 90.0),
                    10: Figures(2, 0, 2, None, 45.0), 23: Figures(1, 1, 0, 0.0, None)}


def test_a_range_without_calls_has_zeros_and_no_rate():
    stats = hotline_stats.hotline_stats(start=date(2026, 1, 1), end=date(2026, 1, 1))
    assert stats.totals == Figures() and stats.totals.answered_rate is None
    assert [day.date for day in stats.days] == [date(2026, 1, 1)] and stats.busiest_hour_total == 0


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 11, 28), (date(2026, 10, 30), date(2026, 11, 28))),
    (date(2026, 3, 1), (date(2026, 1, 31), date(2026, 3, 1))),
])
def test_the_default_range_is_the_last_30_days(today, expected):
    assert hotline_stats.default_range(today) == expected


def logged_in(client, role_code, username):
    user = UserFactory(username=username)
    user.groups.add(roles.ensure_role_groups()[role_code])
    client.force_login(user)
    return client


def test_a_supervisor_sees_the_statistics_page(client, hotline):
    response = logged_in(client, "supervisor", "supervisor.noora").get(
        STATS_URL, {"start": "2026-11-24", "end": "2026-11-26"}, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["stats"].totals.total == 8
    assert "<td>62.5%</td>" in page  # 5 of 8 answered
    assert "Salman Town units allocated" in page and "Outside the range" not in page


def test_the_statistics_default_to_the_last_30_days_and_show_arabic_titles_in_arabic(client):
    today = timezone.localdate()
    AllocationAnnouncement.objects.create(date=today - timedelta(days=29), title_ar="إعلان قبل تسعة وعشرين يوما",
                                          title_en="29 days ago")
    AllocationAnnouncement.objects.create(date=today - timedelta(days=30), title_ar="إعلان قبل ثلاثين يوما",
                                          title_en="30 days ago")

    response = logged_in(client, "supervisor", "supervisor.noora").get(STATS_URL)

    stats = response.context["stats"]
    assert (stats.start, stats.end) == (today - timedelta(days=29), today)
    page = response.content.decode()
    assert "إعلان قبل تسعة وعشرين يوما" in page and "قبل ثلاثين" not in page and "29 days ago" not in page


def test_a_range_the_wrong_way_round_is_refused_with_a_message(client, hotline):
    response = logged_in(client, "supervisor", "supervisor.noora").get(
        STATS_URL, {"start": "2026-11-26", "end": "2026-11-24"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "The first day must not be after the last day." in response.content.decode()


def test_the_call_list_links_supervisors_to_the_statistics(client):
    page = logged_in(client, "supervisor", "supervisor.noora").get("/admin/channels_intake/call/").content.decode()
    assert STATS_URL in page


def test_call_centre_agents_and_anonymous_visitors_do_not_see_the_statistics(client, hotline):
    anonymous = client.get(STATS_URL)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert logged_in(client, "call-centre-agent", "agent.maryam").get(STATS_URL).status_code == 403
