"""A call logged by the agent hours after it was taken: the complaint was received when the call
was, so its answer period (and its working days, on Bahrain dates) count from the call."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from channels_intake.calls import call_log as calls
from channels_intake.models import Call
from complaints.intake import CitizenDetails

pytestmark = pytest.mark.django_db
BAHRAIN = ZoneInfo("Asia/Bahrain")


@pytest.fixture
def agent(staff_member):
    return staff_member("agent.maryam", "call-centre-agent")


def reported_call(started_at):
    return Call.objects.create(call_id="PBX-20261125-000777", caller_number="+97339123456", started_at=started_at,
                               wait_seconds=12, talk_seconds=240, status=Call.Status.ANSWERED,
                               reported_at=started_at + timedelta(minutes=5))


def log_the_complaint(*, by, now):
    log = calls.CallLog(call_id="PBX-20261125-000777", caller_number="+97339123456", kind=Call.Kind.COMPLAINT,
                        citizen=CitizenDetails(name="فاطمة علي", cpr="850412345", mobile="+97339123456"))
    details = calls.ComplaintDetails(subject="تسرب مياه في المطبخ", body="تسرب مياه من السقف في المطبخ منذ شهر.")
    return calls.log_complaint_call(log, details, by=by, now=now).complaint


def test_the_complaint_is_received_when_the_call_was_taken_not_when_it_was_logged(agent, ministry):
    started_at = datetime(2026, 11, 25, 6, 14, tzinfo=UTC)
    reported_call(started_at)

    complaint = log_the_complaint(by=agent, now=started_at + timedelta(hours=7))

    complaint.refresh_from_db()
    assert complaint.received_at == started_at
    assert complaint.due_at == started_at + timedelta(days=30)


def test_working_days_count_from_the_bahrain_day_of_a_call_taken_after_midnight(agent, ministry, settings):
    settings.SLA_CALENDAR, settings.SLA_DEFAULT_DAYS = "working", 1
    started_at = datetime(2026, 11, 26, 1, 30, tzinfo=BAHRAIN)   # Thursday in Bahrain, Wednesday 22:30 UTC
    reported_call(started_at.astimezone(UTC))

    complaint = log_the_complaint(by=agent, now=datetime(2026, 11, 26, 9, 0, tzinfo=BAHRAIN))

    complaint.refresh_from_db()
    assert complaint.due_at == datetime(2026, 11, 29, 1, 30, tzinfo=BAHRAIN)   # Sunday: the weekend does not count
