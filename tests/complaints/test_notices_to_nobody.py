"""An SLA notice with no address to go to reaches the department's head, else the complaints
supervisors; one that reaches nobody is not marked sent, keeps its reason, and the sweep sends
it once somebody has an address."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from complaints import tasks
from complaints.models import Complaint, NotSentReason, SlaNotice, StaffProfile
from complaints.notifications import to_staff
from complaints.sla import arithmetic, sweep
from tests.factories import ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
# The beat task reads the clock itself: the notices are recorded at the real time.
NOW = timezone.now()
PLAN = arithmetic.SweepPlan((7, 2))


@pytest.fixture
def studies(db):
    """A department with no e-mail address, as every department is out of the box."""
    return DepartmentFactory(code="studies", name_en="Studies", email="")


def reminder_for(department) -> SlaNotice:
    """A complaint nobody is assigned to, due in five days: the sweep records its first reminder."""
    due_at = NOW + timedelta(days=5)
    ComplaintFactory(status=Complaint.Status.ROUTED, department=department, received_at=due_at - timedelta(days=30),
                     due_at=due_at, clock__stage=0, clock__next_action_at=due_at - timedelta(days=7))
    sweep.sweep(now=NOW, plan=PLAN, chunk_size=100)
    return SlaNotice.objects.get()


def send(notice) -> int:
    return to_staff.send_sla_notices([notice.pk], now=NOW)


def test_a_reminder_for_a_department_without_an_address_reaches_its_head(studies, staff_member):
    head = staff_member("head.maryam", "department-head", studies, email="maryam@housing.gov.bh")
    head.staff_profile.is_head = True
    head.staff_profile.save()
    staff_member("supervisor.noor", "supervisor", email="noor@housing.gov.bh")
    notice = reminder_for(studies)

    assert send(notice) == 1

    [message] = mail.outbox
    assert message.to == ["maryam@housing.gov.bh"]
    notice.refresh_from_db()
    assert notice.sent_at == NOW and notice.not_sent_reason == ""


def test_when_the_head_has_no_address_either_it_falls_to_the_complaints_supervisors(studies, staff_member):
    StaffProfile.objects.create(user=UserFactory(username="head.maryam", email=""), department=studies, is_head=True)
    staff_member("supervisor.noor", "supervisor", email="noor@housing.gov.bh")
    staff_member("supervisor.ali", "supervisor", email="ali@housing.gov.bh")
    staff_member("supervisor.away", "supervisor", email="away@housing.gov.bh", is_active=False)
    staff_member("officer.sara", "department-officer", studies, email="sara@housing.gov.bh")
    notice = reminder_for(studies)

    assert send(notice) == 1

    [message] = mail.outbox
    assert message.to == ["noor@housing.gov.bh", "ali@housing.gov.bh"]


def test_a_notice_to_nobody_is_not_marked_sent_and_says_why(studies, staff_member):
    staff_member("supervisor.noor", "supervisor", email="")
    notice = reminder_for(studies)

    assert send(notice) == 0

    assert mail.outbox == []
    notice.refresh_from_db()
    assert notice.sent_at is None
    assert notice.not_sent_reason == NotSentReason.NOBODY_TO_TELL
    with translation.override("en"):
        assert "no e-mail address" in notice.get_not_sent_reason_display()
    with translation.override("ar"):
        assert "بريد إلكتروني" in notice.get_not_sent_reason_display()


def test_the_sweep_sends_a_notice_to_nobody_once_the_department_has_an_address(studies, monkeypatch):
    notice = reminder_for(studies)
    send(notice)
    queued = []
    monkeypatch.setattr(tasks.send_sla_notices, "apply_async",
                        lambda args, **options: queued.append(tasks.send_sla_notices(*args)))

    tasks.sweep_sla()
    assert queued == [] and mail.outbox == []

    studies.email = "studies@housing.gov.bh"
    studies.save()
    tasks.sweep_sla()

    assert queued == [1]
    assert [message.to for message in mail.outbox] == [["studies@housing.gov.bh"]]
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.not_sent_reason == ""
    tasks.sweep_sla()
    assert len(mail.outbox) == 1


def test_a_supervisor_given_an_address_receives_every_notice_that_waited(studies, staff_member):
    supervisor = staff_member("supervisor.noor", "supervisor", email="")
    notice = reminder_for(studies)
    send(notice)
    assert to_staff.notices_to_send_again(now=NOW, limit=100) == []

    supervisor.email = "noor@housing.gov.bh"
    supervisor.save()

    assert to_staff.notices_to_send_again(now=NOW, limit=100) == [notice.pk]
    assert send(notice) == 1
    assert mail.outbox[0].to == ["noor@housing.gov.bh"]
