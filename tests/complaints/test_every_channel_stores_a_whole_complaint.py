"""Every channel, the public ones included, stores a whole complaint in one transaction: its
citizen, its first event, its acknowledgement queued, its search text and its clock row."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaints import intake, search, tasks
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Citizen, Complaint, ComplaintEvent, Notification, SearchText, SlaClock

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Asia/Bahrain"))


def a_request(channel=Complaint.Channel.WEB, **overrides):
    return IntakeRequest(**{
        "channel": channel, "subject": "تسرب مياه في سقف الوحدة",
        "body": "يتسرب الماء من سقف غرفة النوم منذ شهرين.",
        "citizen": CitizenDetails(name="فاطمة علي حسن", cpr="850412345", mobile="39123456", preferred_language="en"),
        **overrides})


@pytest.mark.parametrize("channel", [Complaint.Channel.WEB, Complaint.Channel.CALL_CENTRE])
def test_the_complaint_is_whole_the_moment_the_citizen_is_answered(channel):
    complaint = intake.receive(a_request(channel), now=NOW).complaint

    stored = Complaint.objects.select_related("citizen").get(pk=complaint.pk)
    assert (stored.citizen.cpr, stored.citizen.preferred_language, stored.contact_mobile) == (
        "850412345", "en", "+97339123456")
    event = stored.events.get()
    assert (event.kind, event.created_at, event.data["answer_days"]) == (ComplaintEvent.Kind.SUBMITTED, NOW, 30)
    acknowledgement = Notification.objects.get(complaint=stored)
    assert (acknowledgement.kind, acknowledgement.cause, acknowledgement.language) == (
        Notification.Kind.ACKNOWLEDGEMENT, f"event:{event.pk}", "en")
    assert "سقف" in SearchText.objects.get(complaint=stored).text
    assert SlaClock.objects.get(complaint=stored).due_at == stored.due_at == NOW + timedelta(days=30)


def test_a_complaint_that_cannot_be_stored_whole_is_not_stored_at_all(monkeypatch):
    def broken(complaints):
        raise RuntimeError("search text refused")

    monkeypatch.setattr(search, "remember", broken)

    with pytest.raises(RuntimeError):
        intake.receive(a_request(), now=NOW)

    assert not Complaint.objects.exists() and not Citizen.objects.exists()
    assert not ComplaintEvent.objects.exists() and not Notification.objects.exists()
    assert not SlaClock.objects.exists()


def test_a_public_complaint_is_routed_at_once_and_acknowledged_by_the_routing_task(ministry, settings):
    settings.SMS_BACKEND = "complaints.notifications.sms.MemoryBackend"
    complaint = intake.receive(a_request(), now=NOW).complaint

    assert tasks.route_waiting() == 1

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ROUTED
    assert Notification.objects.get(kind=Notification.Kind.ACKNOWLEDGEMENT).sent_at is not None


def test_a_repeat_delivery_inside_a_callers_transaction_gives_the_first_complaint():
    first = intake.receive(a_request(external_reference="app:1"), now=NOW)
    again = intake.receive(a_request(external_reference="app:1"), now=NOW)

    assert first.created and not again.created and again.complaint.pk == first.complaint.pk
    assert Complaint.objects.count() == 1 and ComplaintEvent.objects.count() == 1
