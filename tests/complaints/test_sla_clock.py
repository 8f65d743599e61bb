"""The SLA clock on real complaints: started at intake, paused and resumed by the lifecycle."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaints import intake
from complaints.intake import IntakeRequest
from complaints.lifecycle import change_status
from complaints.models import ClosureDate, Complaint, SlaClock
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
BAHRAIN = ZoneInfo("Asia/Bahrain")
Status = Complaint.Status
RECEIVED = datetime(2026, 11, 1, 9, 0, tzinfo=BAHRAIN)   # a Sunday


def submit(**values):
    values.setdefault("received_at", RECEIVED)
    return intake.receive(IntakeRequest(channel=Complaint.Channel.WEB, subject="s", body="b", **values),
                          now=values["received_at"]).complaint


def test_a_new_complaint_schedules_its_first_reminder_seven_days_before_it_is_due():
    complaint = submit()
    assert complaint.due_at == RECEIVED + timedelta(days=30)
    clock = SlaClock.objects.get(complaint=complaint)
    assert (clock.due_at, clock.stage) == (complaint.due_at, 0)
    assert clock.next_action_at == complaint.due_at - timedelta(days=7)


def test_the_kinds_own_figure_applies_when_the_category_has_none(settings):
    settings.SLA_KIND_DAYS = {"inquiry": 7}
    assert submit(kind="inquiry").due_at == RECEIVED + timedelta(days=7)
    assert submit(kind="complaint").due_at == RECEIVED + timedelta(days=30)


def test_with_the_working_calendar_weekends_holidays_and_closures_do_not_count(settings):
    settings.SLA_CALENDAR = "working"
    ClosureDate.objects.create(date=date(2026, 11, 3), reason="إغلاق طارئ")
    # 10 working days from Sunday 1 Nov: Mon 2, (Tue 3 closed), Wed 4, Thu 5, Sun 8 .. Thu 12, Sun 15, Mon 16
    settings.SLA_DEFAULT_DAYS = 10
    complaint = submit()
    assert complaint.due_at == datetime(2026, 11, 16, 9, 0, tzinfo=BAHRAIN)


def test_waiting_on_the_citizen_pauses_the_clock_and_resuming_gives_the_time_back(officer):
    complaint = submit()
    complaint.status = Status.ROUTED
    complaint.save()
    asked = RECEIVED + timedelta(days=10)
    change_status(complaint, Status.AWAITING_CITIZEN, by=officer, now=asked)
    complaint.refresh_from_db()
    assert complaint.sla_paused_at == asked
    assert SlaClock.objects.get(complaint=complaint).next_action_at is None      # no reminder while paused

    answered = asked + timedelta(days=6)
    change_status(complaint, Status.IN_PROGRESS, by=officer, now=answered)
    complaint.refresh_from_db()
    assert complaint.sla_paused_at is None
    assert complaint.due_at == RECEIVED + timedelta(days=36)  # six days given back
    clock = SlaClock.objects.get(complaint=complaint)
    assert (clock.due_at, clock.next_action_at) == (complaint.due_at, complaint.due_at - timedelta(days=7))


def test_a_resumed_complaint_close_to_its_due_date_is_not_reminded_twice(officer):
    complaint = ComplaintFactory(status=Status.AWAITING_CITIZEN, received_at=RECEIVED,
                                 due_at=RECEIVED + timedelta(days=30), clock__stage=1,
                                 sla_paused_at=RECEIVED + timedelta(days=25))
    change_status(complaint, Status.IN_PROGRESS, by=officer, now=RECEIVED + timedelta(days=27))
    complaint.refresh_from_db()
    assert complaint.due_at == RECEIVED + timedelta(days=32)
    clock = SlaClock.objects.get(complaint=complaint)
    assert clock.stage == 1                               # 5 days left: the 7-day reminder is done
    assert (clock.due_at, clock.next_action_at) == (complaint.due_at, complaint.due_at - timedelta(days=2))


@pytest.mark.parametrize("final", [Status.RESPONDED, Status.MERGED])
def test_answering_or_merging_stops_the_clock(officer, final):
    complaint = ComplaintFactory(status=Status.IN_PROGRESS, clock__next_action_at=RECEIVED)
    change_status(complaint, final, by=officer, now=RECEIVED + timedelta(days=3))
    complaint.refresh_from_db()
    assert SlaClock.objects.get(complaint=complaint).next_action_at is None
    if final == Status.RESPONDED:
        assert complaint.responded_at == RECEIVED + timedelta(days=3)


def test_reopening_starts_a_fresh_answer_period(officer):
    complaint = ComplaintFactory(status=Status.CLOSED, clock__breached_at=RECEIVED, clock__stage=3)
    reopened = RECEIVED + timedelta(days=50)
    change_status(complaint, Status.REOPENED, by=officer, now=reopened)
    complaint.refresh_from_db()
    assert complaint.due_at == reopened + timedelta(days=30)
    clock = SlaClock.objects.get(complaint=complaint)
    assert (clock.stage, clock.breached_at, clock.due_at) == (0, None, complaint.due_at)
    assert clock.next_action_at == complaint.due_at - timedelta(days=7)
