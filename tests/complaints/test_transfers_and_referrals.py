"""Staff move complaints between departments; the citizen's due date never moves with them."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from complaints import services
from complaints.models import Complaint, ComplaintEvent, Referral, SlaClock
from tests.factories import ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal_affairs(db):
    return DepartmentFactory(code="legal-affairs", name_ar="الشؤون القانونية", name_en="Legal Affairs")


@pytest.fixture
def housing_committee(db):
    return DepartmentFactory(code="housing-committee", name_ar="لجنة الإسكان", name_en="Housing Committee")


@pytest.fixture
def routed(maintenance, officer):
    return ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance, assignee=officer)


def test_a_transfer_moves_the_complaint_and_records_from_to_who_and_why(routed, legal_affairs, officer, maintenance):
    due_before = routed.due_at

    event = services.transfer_complaint(complaint=routed, to_department=legal_affairs, by=officer,
                                        reason="نزاع على ملكية الوحدة")

    routed.refresh_from_db()
    assert routed.department == legal_affairs
    assert routed.assignee is None           # the new department assigns its own officer
    assert routed.due_at == due_before       # the SLA clock keeps running
    assert (event.kind, event.from_department, event.to_department, event.actor, event.note) == (
        ComplaintEvent.Kind.TRANSFERRED, maintenance, legal_affairs, officer, "نزاع على ملكية الوحدة")
    assert event.is_public is False


def test_a_transfer_needs_a_reason(routed, legal_affairs, officer):
    with translation.override("ar"), pytest.raises(services.DomainError) as error:
        services.transfer_complaint(complaint=routed, to_department=legal_affairs, by=officer, reason="  ")
    assert str(error.value) == "اذكر سبب التحويل."
    assert not ComplaintEvent.objects.exists()


def test_a_transfer_to_the_same_department_is_refused(routed, maintenance, officer):
    with pytest.raises(services.DomainError):
        services.transfer_complaint(complaint=routed, to_department=maintenance, by=officer, reason="x")


@pytest.mark.parametrize("status", [Complaint.Status.NEW, Complaint.Status.CLOSED, Complaint.Status.MERGED])
def test_unrouted_and_finished_complaints_cannot_be_transferred(status, legal_affairs, officer):
    complaint = ComplaintFactory(status=status)
    with pytest.raises(services.DomainError):
        services.transfer_complaint(complaint=complaint, to_department=legal_affairs, by=officer, reason="x")


def test_the_ministers_office_refers_a_case_to_several_bodies_with_one_lead(
        routed, legal_affairs, housing_committee, officer, maintenance):
    event = services.refer_complaint(complaint=routed, departments=[legal_affairs, housing_committee],
                                     lead=housing_committee, by=officer, note="بتوجيه من الوزير")

    routed.refresh_from_db()
    assert routed.department == housing_committee
    referrals = {r.department.code: r.is_lead for r in Referral.objects.filter(complaint=routed)}
    assert referrals == {"legal-affairs": False, "housing-committee": True}
    assert event.kind == ComplaintEvent.Kind.REFERRED
    assert set(event.data["departments"]) == {legal_affairs.pk, housing_committee.pk}


def test_referring_again_adds_bodies_and_can_change_the_lead(routed, legal_affairs, housing_committee, officer):
    services.refer_complaint(complaint=routed, departments=[legal_affairs], lead=housing_committee, by=officer)
    services.refer_complaint(complaint=routed, departments=[housing_committee], lead=legal_affairs, by=officer)

    assert Referral.objects.filter(complaint=routed).count() == 2
    assert Referral.objects.get(complaint=routed, is_lead=True).department == legal_affairs
    routed.refresh_from_db()
    assert routed.department == legal_affairs


def test_transferring_a_referred_case_moves_the_lead(routed, legal_affairs, housing_committee, officer):
    services.refer_complaint(complaint=routed, departments=[legal_affairs], lead=housing_committee, by=officer)
    services.transfer_complaint(complaint=routed, to_department=legal_affairs, by=officer, reason="الأساس قانوني")
    assert Referral.objects.get(complaint=routed, is_lead=True).department == legal_affairs


def test_the_sla_clock_keeps_its_schedule_through_transfers(routed, legal_affairs, officer):
    SlaClock.objects.filter(complaint=routed).update(next_action_at=timezone.now() + timedelta(days=3), stage=1)
    before = SlaClock.objects.filter(complaint=routed).values("due_at", "next_action_at", "stage").get()
    services.transfer_complaint(complaint=routed, to_department=legal_affairs, by=officer, reason="x")
    routed.refresh_from_db()
    assert SlaClock.objects.filter(complaint=routed).values("due_at", "next_action_at", "stage").get() == before
    assert routed.due_at == before["due_at"]
