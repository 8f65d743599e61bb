"""Drill 5: the SMS gateway and Tawasul answer 500, then stop answering at all (each call waits
past the client's timeout). Messages are retried after 1, 2, 4 … 60 minutes, then given up as dead
letters that a supervisor sees in the back office and sends again, which works once the service is
back. Meanwhile citizens sending complaints through the form never wait for either service.
"""

import re
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from channels_intake import tasks as channel_tasks
from channels_intake.models import TawasulUpdate
from channels_intake.tawasul import outbox
from complaints import intake, lifecycle
from complaints import tasks as complaint_tasks
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint, ComplaintEvent, Notification
from complaints.notifications import to_citizens
from tests.factories import ComplaintFactory
from tests.support.fake_http import FakeService
from tests.support.processes import CeleryWorker, broker, wait_until

pytestmark = [pytest.mark.faults]

SCHEDULE = [timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 16, 32, 60)]
TIMEOUT = 0.5


@pytest.fixture
def service():
    fake = FakeService().start()
    fake.hang_seconds = TIMEOUT * 4
    yield fake
    fake.stop()


def failing_then_hanging(service, attempt_number: int):
    """Attempts 1-4: 500; then the service hangs past the timeout."""
    service.mode = "error" if attempt_number <= 4 else "hang"




@pytest.mark.django_db
def test_sms_gateway_errors_and_timeouts_back_off_then_a_supervisor_sends_the_dead_letter_again(
        service, settings, supervisor, client, monkeypatch, django_capture_on_commit_callbacks, figure):
    settings.SMS_BACKEND = "complaints.notifications.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_TIMEOUT_SECONDS = service.url + "/messages", TIMEOUT
    intake.receive(IntakeRequest(channel=Complaint.Channel.WEB, subject="تسرب مياه", body="تفاصيل", citizen=CitizenDetails(
        name="فاطمة علي", cpr="850412345", mobile="39123456", email="")))
    notification = Notification.objects.get()
    # Its own task was lost: beat finds it once the grace is over.
    now = notification.created_at + to_citizens.PENDING_GRACE + timedelta(seconds=1)
    waits, errors, slowest = [], [], 0.0
    for number in range(1, to_citizens.MAX_ATTEMPTS + 1):
        assert to_citizens.pending_ids(now=now) == [notification.pk]
        assert to_citizens.pending_ids(now=now - timedelta(seconds=1)) == []
        failing_then_hanging(service, number)
        started = time.monotonic()
        assert to_citizens.attempt(notification.pk, now=now) is to_citizens.Outcome.FAILED
        slowest = max(slowest, time.monotonic() - started)
        notification.refresh_from_db()
        errors.append(notification.last_error)
        if notification.next_attempt_at:
            waits.append(notification.next_attempt_at - now)
            now = notification.next_attempt_at

    assert waits == SCHEDULE
    assert (notification.attempts, notification.failed_at, notification.sent_at) == (8, now, None)
    assert all("500" in error for error in errors[:4]) and all("timed out" in error for error in errors[4:])
    assert len(service.requests) == 8 and slowest < TIMEOUT + 1
    assert to_citizens.pending_ids(now=now + timedelta(days=30)) == []

    # The attempts ran on a simulated clock, hours ahead: the gateway's pause after the last failure
    # (CHANNEL_PAUSE, half a minute) would last that long here.
    to_citizens.forget_channel_failures()
    prompts = []
    monkeypatch.setattr("complaints.plumbing.dispatch.request_notifications", prompts.append)
    client.force_login(supervisor)
    listing = client.get("/admin/complaints/notification/?state=given_up", headers={"Accept-Language": "en"})
    assert f"/admin/complaints/notification/{notification.pk}/change/" in listing.content.decode()
    service.mode = "ok"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/complaints/notification/", {"action": "send_again",
                                                        "_selected_action": [notification.pk]})
    assert prompts == [[notification.pk]]
    assert complaint_tasks.send_notifications(prompts[0]) == 1

    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.failed_at is None
    assert len(service.requests) == 9 and service.requests[-1]["body"]["to"] == "+97339123456"
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.NOTIFIED).count() == 1
    figure(f"SMS: 4 × 500 then 4 × timeout ({TIMEOUT} s): retried after "
           f"{', '.join(str(int(wait.total_seconds() // 60)) for wait in waits)} min, given up after 8 attempts "
           f"(slowest attempt {slowest:.2f} s); sent again from the admin by a supervisor: sent once")


@pytest.mark.django_db
def test_tawasul_errors_and_timeouts_back_off_then_a_supervisor_sends_the_dead_letter_again(
        service, settings, supervisor, maintenance, client, monkeypatch, django_capture_on_commit_callbacks, figure):
    settings.TAWASUL_API_URL = service.url + "/tawasul"
    settings.TAWASUL_BACKEND = "channels_intake.tawasul.client.HttpBackend"
    settings.TAWASUL_TIMEOUT_SECONDS = TIMEOUT
    complaint = ComplaintFactory(channel=Complaint.Channel.TAWASUL, external_reference="TW-DRILL-0001",
                                 status=Complaint.Status.ROUTED, department=maintenance)
    with transaction.atomic():
        lifecycle.change_status(complaint, Complaint.Status.AWAITING_CITIZEN, by=None, now=timezone.now())
    update = TawasulUpdate.objects.get()
    now, waits, errors = update.next_attempt_at, [], []
    for number in range(1, outbox.MAX_ATTEMPTS + 1):
        assert outbox.due_ids(now=now) == [update.pk]
        failing_then_hanging(service, number)
        outcome = outbox.send(update.pk, now=now)
        update.refresh_from_db()
        errors.append(update.last_error)
        if outcome is outbox.Outcome.RETRY_LATER:
            assert outbox.due_ids(now=update.next_attempt_at - timedelta(seconds=1)) == []
            waits.append(update.next_attempt_at - now)
            now = update.next_attempt_at
        else:
            assert outcome is outbox.Outcome.GIVEN_UP

    assert waits == SCHEDULE and update.failed_at == now and update.sent_at is None
    assert all("500" in error for error in errors[:4]) and all("unreachable" in error for error in errors[4:])
    assert ComplaintEvent.objects.filter(complaint=complaint, kind=ComplaintEvent.Kind.TAWASUL_FAILED).count() == 1
    keys = {request["headers"]["Idempotency-Key"] for request in service.requests}
    assert len(service.requests) == 8 and keys == {f"moh-tawasul-update-{update.pk}"}  # one key: applied once

    prompts = []
    monkeypatch.setattr("channels_intake.tawasul.outbox.request_sending", prompts.append)
    client.force_login(supervisor)
    listing = client.get("/admin/channels_intake/tawasulupdate/?state=given_up")
    assert f"/admin/channels_intake/tawasulupdate/{update.pk}/change/" in listing.content.decode()
    service.mode = "ok"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/channels_intake/tawasulupdate/", {"action": "send_again", "_selected_action": [update.pk]})
    assert prompts == [[update.pk]]
    assert channel_tasks.send_tawasul_updates(prompts[0]) == 1

    update.refresh_from_db()
    assert update.sent_at is not None and update.failed_at is None and len(service.requests) == 9
    assert service.requests[-1]["path"] == "/tawasul/cases/TW-DRILL-0001/status"
    figure(f"Tawasul: 4 × 500 then 4 × timeout ({TIMEOUT} s): retried after "
           f"{', '.join(str(int(wait.total_seconds() // 60)) for wait in waits)} min, dead letter after 8 attempts "
           f"(same Idempotency-Key on all 9 calls); sent again from the admin by a supervisor: sent once")


@pytest.mark.django_db(transaction=True)
def test_citizens_never_wait_for_a_hanging_sms_gateway(service, ministry, maintenance_category, redis_server,
                                                        tmp_path, figure):
    service.mode, service.hang_seconds = "hang", 30
    worker = CeleryWorker(broker_url=redis_server.url, tmp_path=tmp_path, beat=True, extra_env={
        "SMS_BACKEND": "complaints.notifications.sms.HttpGatewayBackend", "SMS_GATEWAY_URL": service.url + "/messages",
        "SMS_GATEWAY_TIMEOUT_SECONDS": "3", "ROUTING_RECONCILE_SECONDS": "1"}).start()
    seconds, references = [], []
    try:
        wait_until(lambda: "ready" in worker.output(), timeout=60, what="the worker to start")
        with broker(redis_server.url):
            client = Client()  # one handler: a new Client loads the middleware (and whitenoise's files) anew
            for number in range(40):
                client.cookies.clear()  # a citizen of their own, from an address of their own
                client.defaults["REMOTE_ADDR"] = f"10.8.0.{number}"
                started = time.monotonic()
                client.post("/en/complaints/new/", {
                    "kind": "complaint", "category": maintenance_category.pk, "subject": f"Leak {number}",
                    "body": "Water leaks from the ceiling.", "name": "Fatima Ali", "cpr": f"{850000000 + number}",
                    "mobile": "3912 3456", "email": "", "preferred_language": "en",
                    "housing_application_number": "", "website": ""})
                sent = client.post("/en/complaints/new/check/")
                seconds.append(time.monotonic() - started)
                references.append(re.search(r"/sent/([0-9-]+)/", sent["Location"]).group(1))
                if number == 0:  # the other 39 are sent while the worker waits on the hanging gateway
                    wait_until(lambda: service.requests, timeout=30, what="the worker to call the gateway")
        gateway_calls_meanwhile = len(service.requests)
        routed_all = time.monotonic()
        wait_until(lambda: not Complaint.objects.filter(status=Complaint.Status.NEW).exists(), timeout=120,
                   what="the worker to route every complaint while the gateway hangs")
        routed_after = time.monotonic() - routed_all
    finally:
        worker.stop()

    seconds.sort()
    p50, p95 = seconds[len(seconds) // 2], seconds[int(len(seconds) * 0.95)]
    assert len(set(references)) == Complaint.objects.count() == 40
    assert gateway_calls_meanwhile >= 1, "the gateway was not being called while citizens sent complaints"
    assert p95 < 0.5, f"p95 {p95:.2f} s while the gateway hangs"
    # After the first call timed out, the worker left the gateway alone (CHANNEL_PAUSE) instead of
    # spending 3 s on each of the 40 messages, so routing did not queue behind them.
    assert len(service.requests) == 1 and routed_after < 10
    assert not Notification.objects.filter(sent_at__isnull=False).exists()
    assert Notification.objects.filter(attempts=1).count() == 1
    figure(f"40 form submissions while the SMS gateway hangs (worker calls time out after 3 s, "
           f"{gateway_calls_meanwhile} calls meanwhile): p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
           f"all routed {routed_after:.0f} s after the last submission")
