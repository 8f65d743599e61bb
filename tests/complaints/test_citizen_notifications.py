"""Citizens are told by SMS and e-mail, in their language; each message sent at least once and
recorded once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from complaints import intake, tasks
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint, ComplaintEvent, Notification
from complaints.notifications import to_citizens
from complaints.notifications.sms import MemoryBackend

pytestmark = pytest.mark.django_db


def submit(language="ar", email="fatima@example.com", mobile="39123456", **values):
    return intake.receive(IntakeRequest(
        channel=Complaint.Channel.WEB, subject="تسرب مياه", body="تفاصيل", language=language,
        citizen=CitizenDetails(name="فاطمة علي", cpr="850412345", mobile=mobile, email=email,
                               preferred_language=language), **values)).complaint


def send_all():
    return sum(to_citizens.send(pk) for pk in Notification.objects.values_list("pk", flat=True))


def test_a_new_complaint_queues_an_acknowledgement_by_sms_and_email():
    complaint = submit()
    assert set(Notification.objects.values_list("kind", "channel", "recipient")) == {
        ("acknowledgement", "sms", "+97339123456"), ("acknowledgement", "email", "fatima@example.com")}
    assert not MemoryBackend.outbox                      # nothing is sent inside the transaction
    assert send_all() == 2
    [sms] = MemoryBackend.outbox
    assert complaint.display_reference in sms.text and "وزارة الإسكان" in sms.text
    assert mail.outbox[0].to == ["fatima@example.com"] and complaint.display_reference in mail.outbox[0].subject


def test_messages_come_in_the_citizens_language():
    complaint = submit(language="en")
    send_all()
    assert MemoryBackend.outbox[0].text.startswith("Ministry of Housing: we received your message.")
    assert "You will be answered by" in mail.outbox[0].body
    assert complaint.display_reference in mail.outbox[0].body


def test_each_send_is_written_on_the_timeline_with_the_number_masked():
    complaint = submit(email="")
    send_all()
    event = complaint.events.get(kind=ComplaintEvent.Kind.NOTIFIED)
    assert event.note.endswith("…3456") and "39123456" not in event.note
    assert event.is_public is False


def test_a_message_is_sent_once_however_often_it_is_asked_for():
    submit(email="")
    send_all()
    send_all()
    tasks.send_pending_notifications()
    assert len(MemoryBackend.outbox) == 1
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.NOTIFIED).count() == 1


def test_no_contact_details_no_messages():
    intake.receive(IntakeRequest(channel=Complaint.Channel.MEDIA, subject="s", body="b"))
    assert not Notification.objects.exists()


def test_a_failing_gateway_is_counted_and_the_message_tried_again_later(monkeypatch):
    submit(email="")

    def broken(self, message):
        raise ConnectionError("gateway down")

    monkeypatch.setattr(MemoryBackend, "send", broken)
    assert send_all() == 0
    notification = Notification.objects.get()
    assert (notification.attempts, notification.sent_at) == (1, None)
    assert "gateway down" in notification.last_error

    monkeypatch.undo()
    to_citizens.forget_channel_failures()      # the gateway's pause after a failure is over
    assert tasks.send_pending_notifications() == 0       # waiting out its back-off (a minute)
    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert tasks.send_pending_notifications() == 1
    assert Notification.objects.get().sent_at is not None


def test_messages_whose_task_was_lost_are_sent_by_beat():
    submit()
    assert tasks.send_pending_notifications() == 0       # too fresh: their own task is on its way
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert tasks.send_pending_notifications() == 2


def test_the_same_delivery_twice_notifies_once():
    submit(external_reference="TW-1")
    submit(external_reference="TW-1")
    assert Notification.objects.count() == 2            # one SMS and one e-mail, not four


def test_a_new_complaints_acknowledgements_wait_for_its_routing_and_no_message_is_sent(
        django_capture_on_commit_callbacks, monkeypatch):
    separately = []
    monkeypatch.setattr("complaints.plumbing.dispatch.request_notifications", separately.append)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit()

    assert callbacks == [] and separately == []  # beat's routing sends them
    assert Notification.objects.filter(sent_at__isnull=True).count() == 2


def test_a_new_complaint_gets_its_acknowledgements_ids_from_the_insert_itself(django_capture_on_commit_callbacks,
                                                                             monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        submit()

    assert not [q for q in queries if q["sql"].startswith("SELECT") and "complaints_notification" in q["sql"]]
    assert Notification.objects.count() == 2


def test_the_prompted_worker_routes_what_waits_then_sends_those_acknowledgements(ministry):
    first, second = submit(email=""), submit(email="")
    already_tried = Notification.objects.filter(complaint=second).get()
    Notification.objects.filter(pk=already_tried.pk).update(attempts=1, next_attempt_at=timezone.now())

    assert tasks.route_waiting() == 2

    assert set(Complaint.objects.values_list("status", flat=True)) == {Complaint.Status.ROUTED}
    assert Notification.objects.get(complaint=first).sent_at is not None
    assert Notification.objects.get(complaint=second).sent_at is None  # left to its back-off
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.NOTIFIED).count() == 1
