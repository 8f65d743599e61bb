"""A small ministry whose figures were worked out by hand (see each test for the arithmetic).

"Now" is 15 June 2026, noon in Bahrain; the reports look at 1 March to 15 June 2026 by month.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from channels_intake.models import Call
from complaints.models import Complaint, Rating
from complaints.reports.figures import Filters
from tests.factories import CitizenFactory, ComplaintFactory

BAHRAIN = ZoneInfo("Asia/Bahrain")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=BAHRAIN)
RANGE = Filters(start=date(2026, 3, 1), end=date(2026, 6, 15))
# Personal data that must never reach the public statistics.
CANARY_NAME, CANARY_CPR, CANARY_MOBILE = "Canary Zubaida Al-Qanari", "930177777", "+97336661234"


def bh(*parts):
    return datetime(*parts, tzinfo=BAHRAIN)


@pytest.fixture
def canary(db):
    return CitizenFactory(name=CANARY_NAME, cpr=CANARY_CPR, mobile=CANARY_MOBILE)


@pytest.fixture
def hand_counted(ministry, maintenance_category, canary):
    """Eight complaints in the range and one before it, three ratings, three calls."""
    maintenance, unit = ministry["maintenance"], ministry["complaints_unit"]
    Status, Channel, Kind = Complaint.Status, Complaint.Channel, Complaint.Kind

    def make(name, received_at, *, channel=Channel.WEB, kind=Kind.COMPLAINT, department=maintenance,
             status=Status.IN_PROGRESS, answered_after=None, category=maintenance_category):
        return ComplaintFactory(
            subject=name, channel=channel, kind=kind, department=department, status=status, category=category,
            received_at=received_at, citizen=canary, contact_mobile=CANARY_MOBILE,
            responded_at=received_at + answered_after if answered_after else None)

    made = {
        "A": make("A", bh(2026, 3, 5, 10), status=Status.CLOSED, answered_after=timedelta(days=10)),
        "B": make("B", bh(2026, 3, 20, 9), kind=Kind.INQUIRY, status=Status.CLOSED, answered_after=timedelta(days=40)),
        "C": make("C", bh(2026, 4, 2, 8), channel=Channel.CALL_CENTRE, status=Status.RESPONDED,
                  answered_after=timedelta(days=4)),
        "D": make("D", bh(2026, 4, 10, 8), channel=Channel.TAWASUL, department=unit, category=None),
        "E": make("E", bh(2026, 6, 10, 12), department=unit, status=Status.ROUTED, category=None),
        # 22:30 UTC on 31 May is 01:30 on 1 June in Bahrain: a June complaint.
        "F": make("F", datetime(2026, 5, 31, 22, 30, tzinfo=ZoneInfo("UTC"))),
        "G": make("G", bh(2026, 4, 5, 8), status=Status.MERGED),
        "H": make("H", bh(2026, 5, 20, 9), channel=Channel.SERVICE_CENTRE, status=Status.AWAITING_CITIZEN),
        "before": make("before", bh(2026, 2, 10, 9)),
    }
    for name, score in (("A", 5), ("B", 2), ("C", 4), ("before", 1)):
        Rating.objects.create(complaint=made[name], responded_at=made[name].responded_at or NOW, score=score,
                              created_at=NOW)
    for call_id, started_at, status, wait in (("c1", bh(2026, 4, 3, 9), "answered", 20),
                                              ("c2", bh(2026, 4, 3, 10), "abandoned", 50),
                                              ("c3", bh(2026, 5, 1, 9), "answered", 40)):
        Call.objects.create(call_id=call_id, caller_number=CANARY_MOBILE, started_at=started_at, status=status,
                            wait_seconds=wait)
    return made


@pytest.fixture
def frozen_now(monkeypatch):
    """The pages read the clock through django.utils.timezone.now."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW
