"""The public channels' fast intake: one INSERT while the citizen waits, the rest done by the
worker in batches before it routes (intake.receive(..., complete_later=True))."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints import intake, services, tasks
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Citizen, Complaint, ComplaintEvent, Notification, SearchText, SlaClock
from tests.factories import CitizenFactory
from tests.support import worker

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Asia/Bahrain"))


def a_request(cpr="850412345", mobile="39123456", name="فاطمة علي حسن", reference="", **overrides):
    return IntakeRequest(**{
        "channel": Complaint.Channel.WEB, "subject": "تسرب مياه في سقف الوحدة",
        "body": "يتسرب الماء من سقف غرفة النوم منذ شهرين.", "external_reference": reference,
        "citizen": CitizenDetails(name=name, cpr=cpr, mobile=mobile, preferred_language="en"), **overrides})


@pytest.mark.django_db
def test_the_complaint_is_stored_at_once_with_what_tracking_and_the_answer_need():
    complaint = intake.receive(a_request(), now=NOW, complete_later=True).complaint

    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.reference, stored.status, stored.contact_mobile) == (complaint.reference, "new", "+97339123456")
    assert stored.due_at == NOW + timedelta(days=30)
    assert stored.citizen is None and stored.intake_pending["citizen"]["cpr"] == "850412345"
    assert not ComplaintEvent.objects.exists() and not Notification.objects.exists()
    assert not SearchText.objects.exists() and not SlaClock.objects.exists() and not Citizen.objects.exists()


@pytest.mark.django_db
def test_the_worker_completes_it_as_a_staff_channel_would_have():
    complaint = intake.receive(a_request(), now=NOW, complete_later=True).complaint

    assert worker.completes_intake() == 1

    complaint.refresh_from_db()
    assert complaint.intake_pending is None
    assert (complaint.citizen.cpr, complaint.citizen.mobile, complaint.citizen.preferred_language) == (
        "850412345", "+97339123456", "en")
    event = complaint.events.get()
    assert (event.kind, event.created_at, event.data["answer_days"]) == (ComplaintEvent.Kind.SUBMITTED, NOW, 30)
    acknowledgement = Notification.objects.get(complaint=complaint)
    assert (acknowledgement.kind, acknowledgement.cause, acknowledgement.language) == (
        Notification.Kind.ACKNOWLEDGEMENT, f"event:{event.pk}", "en")
    assert "سقف" in complaint.search_text.text
    assert SlaClock.objects.get(complaint=complaint).due_at == complaint.due_at
    assert worker.completes_intake() == 0                                   # once


@pytest.mark.django_db
def test_one_batch_makes_each_new_citizen_once_and_never_overwrites_one_held():
    held = CitizenFactory(name="Ali Hasan", cpr="870101010", mobile="", email="")
    for _ in range(2):
        intake.receive(a_request(cpr="850412345"), now=NOW, complete_later=True)
    intake.receive(a_request(cpr="870101010", name="Someone Else", mobile="36000001"), now=NOW, complete_later=True)

    assert worker.completes_intake() == 3

    assert Citizen.objects.filter(cpr="850412345").count() == 1
    held.refresh_from_db()
    assert (held.name, held.mobile) == ("Ali Hasan", "+97336000001")      # gains what it lacked, keeps its name
    assert Complaint.objects.filter(citizen=held).count() == 1


@pytest.mark.django_db
def test_routing_waits_until_the_complaint_is_complete(ministry):
    complaint = intake.receive(a_request(), now=NOW, complete_later=True).complaint

    assert services.route_complaints([complaint.pk]) == {}

    worker.completes_intake()
    assert complaint.pk in services.route_complaints([complaint.pk])


@pytest.mark.django_db
def test_the_routing_task_completes_then_routes_and_acknowledges(ministry, mailoutbox, settings):
    settings.SMS_BACKEND = "complaints.sms.MemoryBackend"
    intake.receive(a_request(), now=NOW, complete_later=True)

    assert tasks.route_waiting() == 1

    complaint = Complaint.objects.get()
    assert (complaint.status, complaint.citizen.cpr) == (Complaint.Status.ROUTED, "850412345")
    assert Notification.objects.get(kind=Notification.Kind.ACKNOWLEDGEMENT).sent_at is not None


@pytest.mark.django_db
def test_a_repeat_delivery_gives_the_first_complaint_inside_a_callers_transaction():
    first = intake.receive(a_request(reference="app:1"), now=NOW, complete_later=True)
    again = intake.receive(a_request(reference="app:1"), now=NOW, complete_later=True)

    assert first.created and not again.created and again.complaint.pk == first.complaint.pk
    assert Complaint.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_citizen_waits_for_one_statement_only():
    with CaptureQueriesContext(connection) as queries:
        intake.receive(a_request(reference="app:2"), now=NOW, complete_later=True)

    assert [query["sql"].split()[0] for query in queries] == ["INSERT"]
