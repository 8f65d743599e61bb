"""The public statistics: small counts held back, shares that cannot give them back, no personal data."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from channels_intake.models import Call
from complaints.models import Complaint, Rating
from complaints.reports import public
from complaints.reports.public import Cell, safe_share, suppress_row
from tests.factories import ComplaintFactory

from .conftest import CANARY_CPR, CANARY_MOBILE, CANARY_NAME, bh


@pytest.mark.parametrize("counts, shown, total", [
    # Nothing small: everything shown.
    ({"web": 20, "tawasul": 6}, {"web": 20, "tawasul": 6}, 26),
    # One small count: the next smallest goes too, or total - web would give tawasul back.
    ({"web": 20, "tawasul": 3, "call_centre": 6}, {"web": 20, "tawasul": None, "call_centre": None}, 29),
    # Zero is under 5 as well.
    ({"web": 20, "media": 0, "call_centre": 6}, {"web": 20, "media": None, "call_centre": None}, 26),
    # Two small counts: their sum is known, not which is which.
    ({"web": 20, "tawasul": 3, "media": 1}, {"web": 20, "tawasul": None, "media": None}, 24),
    # A small total is held back itself, and then needs no partner.
    ({"web": 3, "tawasul": 0}, {"web": None, "tawasul": None}, None),
])
def test_small_counts_are_held_back(counts, shown, total):
    cells, total_cell = suppress_row(counts)
    assert {key: cell.value for key, cell in cells.items()} == shown
    assert total_cell == Cell(total)


@pytest.mark.parametrize("counts", [
    {"web": 20, "tawasul": 3, "call_centre": 6},
    {"web": 40, "tawasul": 1, "call_centre": 7, "media": 9},
    {"web": 5, "tawasul": 4},
])
def test_no_held_back_count_can_be_worked_out_from_the_total(counts):
    cells, total = suppress_row(counts)
    held = [key for key, cell in cells.items() if cell.suppressed]
    if total.suppressed:
        return
    assert len(held) != 1
    rest = total.value - sum(cell.value for cell in cells.values() if not cell.suppressed)
    # Every held-back cell could be anything from 0 to the rest: more than one split fits.
    assert len(held) >= 2 and rest >= 0


@pytest.mark.parametrize("part, whole, share", [
    (21, 26, 81), (26, 26, 100), (0, 12, 0), (7, 10, None), (3, 10, None), (4, 4, None), (5, 10, 50),
])
def test_a_share_is_shown_only_when_it_cannot_give_a_small_count_away(part, whole, share):
    assert safe_share(part, whole) == share


@pytest.fixture
def april(ministry, canary):
    """April 2026: web 20 (15 answered in 10 days, 5 in 40), call centre 6 (answered in 5 days),
    Tawasul 3 (answered in 2 days, rated 1), nothing else. 10 calls, 7 answered."""
    def make(channel, day, answered_after):
        received = bh(2026, 4, day, 9)
        return ComplaintFactory(channel=channel, received_at=received, responded_at=received + answered_after,
                                status=Complaint.Status.CLOSED, citizen=canary, contact_mobile=CANARY_MOBILE,
                                department=ministry["maintenance"])

    web = [make("web", 1 + n, timedelta(days=10)) for n in range(15)]
    web += [make("web", 1 + n, timedelta(days=40)) for n in range(5)]
    calls = [make("call_centre", 2, timedelta(days=5)) for _ in range(6)]
    tawasul = [make("tawasul", 3, timedelta(days=2)) for _ in range(3)]
    for complaint, score in [*((c, 4) for c in web[:5]), (calls[0], 5), *((c, 1) for c in tawasul)]:
        Rating.objects.create(complaint=complaint, responded_at=complaint.responded_at, score=score,
                              created_at=complaint.responded_at)
    for n in range(10):
        Call.objects.create(call_id=f"april-{n}", caller_number=CANARY_MOBILE, started_at=bh(2026, 4, 5, 9, n),
                            status="answered" if n < 7 else "abandoned", wait_seconds=30)


def test_the_months_figures_leave_the_held_back_channels_out(april, frozen_now):
    month = next(m for m in public.statistics(now=frozen_now) if m.month.month == 4 and m.month.year == 2026)
    assert month.by_channel["web"] == Cell(20)
    assert month.by_channel["call_centre"] == Cell(6)
    assert month.by_channel["tawasul"].suppressed and month.by_channel["media"].suppressed
    assert month.total == Cell(29)
    # Web and call centre only: 26 decided, 21 within 30 days (Tawasul's 3 would make it 24 of 29, 83%).
    assert month.share_within_30_days == 81
    # Five 4s and a 5 (Tawasul's three 1s left out): 4.17.
    assert month.average_satisfaction == 4.2
    # 10 calls shown; 7 of 10 answered is not, as it would give away the 3 abandoned.
    assert month.calls == Cell(10) and month.calls_answered_share is None


def test_the_page_says_fewer_than_5_explains_the_rule_and_names_nobody(client, april, frozen_now):
    html = client.get("/en/statistics/").content.decode()
    assert "fewer than 5" in html and "Why some figures read" in html
    assert "81%" in html and "4.2" in html
    for personal in (CANARY_NAME, CANARY_CPR, CANARY_MOBILE, CANARY_MOBILE.removeprefix("+973"), CANARY_CPR[-4:]):
        assert personal not in html
    for complaint in Complaint.objects.all()[:3]:
        assert complaint.reference not in html and complaint.display_reference not in html


def test_the_page_is_open_to_everyone_in_both_languages(client, db):
    for language in ("ar", "en"):
        response = client.get(f"/{language}/statistics/")
        assert response.status_code == 200
        assert response.context["months"] and len(response.context["months"]) == 12


def test_the_figures_are_cached_for_a_few_minutes_per_language(client, april, frozen_now,
                                                                django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/en/statistics/")
    with django_assert_max_num_queries(0):
        client.get("/en/statistics/")
    with CaptureQueriesContext(connection) as arabic:
        client.get("/ar/statistics/")
    assert len(arabic) > 0  # the Arabic page has its own entry
    assert cache.get("public-statistics:ar") and cache.get("public-statistics:en")


def test_the_footer_links_to_the_statistics(client, db):
    assert 'href="/ar/statistics/"' in client.get("/ar/").content.decode()
