"""The services the case page added: assign, reopen, mark and unmark urgent. Each changes the
complaint and writes an event naming who did it; a refusal changes nothing."""

import pytest
from django.utils import timezone, translation

from complaints import lifecycle, services
from complaints.models import Complaint, ComplaintEvent, StaffProfile
from tests.factories import ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Complaint.Status


@pytest.fixture
def complaint(maintenance):
    return ComplaintFactory(status=Status.IN_PROGRESS, department=maintenance)


def test_assigning_gives_the_case_to_an_officer_of_its_department(complaint, maintenance_officer, officer):
    event = services.assign_complaint(complaint=complaint, officer=maintenance_officer, by=officer)

    complaint.refresh_from_db()
    assert complaint.assignee == maintenance_officer
    assert (event.kind, event.actor, event.data["to_assignee"]) == (
        ComplaintEvent.Kind.ASSIGNED, officer, maintenance_officer.pk)


def test_an_officer_of_another_department_cannot_be_assigned(complaint, officer):
    elsewhere = UserFactory(username="officer.elsewhere")
    StaffProfile.objects.create(user=elsewhere, department=DepartmentFactory(code="allocations"))

    with translation.override("en"), pytest.raises(services.DomainError, match="does not work in"):
        services.assign_complaint(complaint=complaint, officer=elsewhere, by=officer)
    complaint.refresh_from_db()
    assert complaint.assignee is None and not complaint.events.exists()


def test_a_closed_case_cannot_be_assigned(maintenance, maintenance_officer, officer):
    closed = ComplaintFactory(status=Status.CLOSED, department=maintenance)
    with pytest.raises(services.DomainError):
        services.assign_complaint(complaint=closed, officer=maintenance_officer, by=officer)
    assert not closed.events.exists()


def test_reopening_a_closed_case_gives_it_a_fresh_answer_period(maintenance, officer):
    closed = ComplaintFactory(status=Status.CLOSED, department=maintenance,
                              received_at=timezone.now() - timezone.timedelta(days=60),
                              due_at=timezone.now() - timezone.timedelta(days=30))
    now = timezone.now()

    event = services.reopen_complaint(complaint=closed, by=officer, reason="The leak is back", now=now)

    closed.refresh_from_db()
    assert closed.status == Status.REOPENED and closed.due_at > now + timezone.timedelta(days=20)
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        Status.CLOSED, Status.REOPENED, officer, "The leak is back")


def test_reopening_needs_a_reason_and_an_answered_case(complaint, officer):
    with pytest.raises(services.DomainError):
        services.reopen_complaint(complaint=complaint, by=officer, reason=" ")
    with pytest.raises(lifecycle.IllegalTransition):
        services.reopen_complaint(complaint=complaint, by=officer, reason="Again")
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS and not complaint.events.exists()


def test_marking_and_unmarking_urgent_each_leave_an_event(complaint, officer):
    services.set_urgency(complaint=complaint, urgent=True, by=officer, note="Raised in parliament")
    complaint.refresh_from_db()
    assert complaint.is_urgent

    services.set_urgency(complaint=complaint, urgent=False, by=officer)
    complaint.refresh_from_db()
    assert not complaint.is_urgent
    assert [(e.kind, e.actor, e.data["urgent"]) for e in complaint.events.all()] == [
        (ComplaintEvent.Kind.URGENCY_CHANGED, officer, True), (ComplaintEvent.Kind.URGENCY_CHANGED, officer, False)]


def test_marking_urgent_twice_or_a_closed_case_is_refused(complaint, maintenance, officer):
    services.set_urgency(complaint=complaint, urgent=True, by=officer)
    with translation.override("en"), pytest.raises(services.DomainError, match="already marked urgent"):
        services.set_urgency(complaint=complaint, urgent=True, by=officer)
    closed = ComplaintFactory(status=Status.CLOSED, department=maintenance)
    with pytest.raises(services.DomainError):
        services.set_urgency(complaint=closed, urgent=True, by=officer)
    closed.refresh_from_db()
    assert not closed.is_urgent and complaint.events.count() == 1
