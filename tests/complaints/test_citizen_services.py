"""Staff ask, the citizen answers (the clock resumes); the citizen rates, and a poor rating
within 14 days reopens the case for the complaints unit's supervisor."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import citizen_services
from complaints.models import Complaint, ComplaintEvent, Notification, Rating, SlaClock
from complaints.services import DomainError
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Asia/Bahrain"))
Status = Complaint.Status


def test_asking_for_information_pauses_the_clock_and_tells_the_citizen(officer, maintenance):
    complaint = ComplaintFactory(status=Status.IN_PROGRESS, department=maintenance, contact_mobile="+97339123456",
                                 received_at=NOW - timedelta(days=10), due_at=NOW + timedelta(days=20))

    event = citizen_services.request_information(complaint=complaint, by=officer,
                                                 question="أرسل صورة من عقد الإيجار", now=NOW)

    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_CITIZEN and complaint.sla_paused_at == NOW
    assert (event.kind, event.is_public, event.note) == (ComplaintEvent.Kind.INFORMATION_REQUESTED, True,
                                                         "أرسل صورة من عقد الإيجار")
    assert Notification.objects.get().kind == Notification.Kind.INFORMATION_REQUESTED


def test_the_citizens_answer_resumes_the_clock_with_the_time_that_was_left(officer, maintenance):
    complaint = ComplaintFactory(status=Status.IN_PROGRESS, department=maintenance,
                                 received_at=NOW - timedelta(days=10), due_at=NOW + timedelta(days=20))
    citizen_services.request_information(complaint=complaint, by=officer, question="?", now=NOW)
    upload = SimpleUploadedFile("lease.pdf", b"%PDF-1.4 ... %%EOF", content_type="application/pdf")

    citizen_services.add_information(complaint=complaint, text="مرفق العقد", files=[upload],
                                    now=NOW + timedelta(days=5))

    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS
    assert complaint.due_at == NOW + timedelta(days=25)
    assert SlaClock.objects.get(complaint=complaint).next_action_at == complaint.due_at - timedelta(days=7)
    assert complaint.attachments.get().original_name == "lease.pdf"
    assert complaint.events.filter(kind=ComplaintEvent.Kind.CITIZEN_ANSWERED, note="مرفق العقد").exists()


def test_more_information_on_an_open_complaint_is_added_without_changing_its_status(maintenance):
    complaint = ComplaintFactory(status=Status.IN_PROGRESS, department=maintenance)
    citizen_services.add_information(complaint=complaint, text="تفاصيل إضافية")
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS
    assert complaint.events.filter(kind=ComplaintEvent.Kind.CITIZEN_ANSWERED, note="تفاصيل إضافية").exists()


@pytest.mark.parametrize("status", [Status.RESPONDED, Status.CLOSED, Status.MERGED])
def test_nothing_is_added_to_an_answered_or_closed_complaint(status):
    with pytest.raises(DomainError):
        citizen_services.add_information(complaint=ComplaintFactory(status=status), text="hello")


def answered(days_ago=3, status=Status.RESPONDED):
    return ComplaintFactory(status=status, responded_at=NOW - timedelta(days=days_ago))


def test_a_good_rating_is_kept_and_nothing_reopens():
    complaint = answered()
    citizen_services.rate_answer(complaint=complaint, score=5, comment="شكرًا", now=NOW)
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED
    assert Rating.objects.get().score == 5


@pytest.mark.parametrize("status", [Status.RESPONDED, Status.CLOSED])
def test_a_poor_rating_within_14_days_reopens_for_the_complaints_unit(ministry, status):
    complaint = answered(days_ago=13, status=status)
    citizen_services.rate_answer(complaint=complaint, score=2, comment="لم تُحل المشكلة", now=NOW)
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED
    assert complaint.department == ministry["complaints_unit"]
    assert complaint.due_at == NOW + timedelta(days=30)


def test_a_poor_rating_after_14_days_is_kept_but_reopens_nothing(ministry):
    complaint = answered(days_ago=15)
    citizen_services.rate_answer(complaint=complaint, score=1, now=NOW)
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED


def test_an_answer_is_rated_once(ministry):
    complaint = answered()
    citizen_services.rate_answer(complaint=complaint, score=4, now=NOW)
    with pytest.raises(DomainError):
        citizen_services.rate_answer(complaint=complaint, score=1, now=NOW)
    assert Rating.objects.count() == 1


def test_an_unanswered_complaint_cannot_be_rated():
    with pytest.raises(DomainError):
        citizen_services.rate_answer(complaint=ComplaintFactory(status=Status.IN_PROGRESS), score=5)
