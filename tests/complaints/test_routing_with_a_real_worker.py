"""Routing end to end: a real Celery worker, a real Redis, and the broker going away."""

import time

import pytest

from complaints import intake
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint, ComplaintEvent, Notification
from tests.support.processes import CeleryWorker, RedisServer, broker, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


def submit(category=None):
    return intake.receive(IntakeRequest(
        channel=Complaint.Channel.WEB, subject="تسرب مياه في السقف", body="يتسرب الماء من السقف منذ شهرين.",
        category=category, citizen=CitizenDetails(name="فاطمة علي", cpr="850412345", mobile="39123456"),
    )).complaint


def routed(complaint):
    return lambda: Complaint.objects.filter(pk=complaint.pk, status=Complaint.Status.ROUTED).exists()


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


def test_a_worker_with_beat_routes_a_submitted_complaint_within_seconds(ministry, maintenance_category,
                                                                        redis_server, tmp_path):
    worker = CeleryWorker(broker_url=redis_server.url, tmp_path=tmp_path, beat=True,
                          extra_env={"ROUTING_RECONCILE_SECONDS": "1"}).start()
    try:
        with broker(redis_server.url):
            complaint = submit(category=maintenance_category)
        wait_until(routed(complaint), timeout=60, what="the worker to route the complaint")
        wait_until(lambda: Notification.objects.filter(complaint=complaint, sent_at__isnull=False).exists(),
                   timeout=60, what="the worker to send the acknowledgement")
    finally:
        worker.stop()

    complaint.refresh_from_db()
    assert complaint.department == ministry["maintenance"]
    assert complaint.events.filter(kind=ComplaintEvent.Kind.ROUTED).count() == 1
    assert complaint.events.filter(kind=ComplaintEvent.Kind.NOTIFIED).count() == 1
    assert "reconcile_unrouted" in worker.output()


def test_a_complaint_sent_while_the_broker_is_down_is_stored_and_routed_when_it_returns(
        ministry, maintenance_category, tmp_path, caplog):
    redis_server = RedisServer()  # chosen port, not started: nothing is listening

    with broker(redis_server.url):
        started = time.monotonic()
        complaint = submit(category=maintenance_category)
        elapsed = time.monotonic() - started

    assert elapsed < 3, f"submission waited {elapsed:.1f} s for a broker that is down"
    assert "broker unavailable" not in caplog.text           # intake sends the broker nothing
    assert Complaint.objects.get(pk=complaint.pk).status == Complaint.Status.NEW

    redis_server.start()
    worker = CeleryWorker(broker_url=redis_server.url, tmp_path=tmp_path, beat=True,
                          extra_env={"ROUTING_RECONCILE_SECONDS": "2"}).start()
    try:
        wait_until(routed(complaint), timeout=60, what="reconcile to route the complaint")
        wait_until(lambda: Notification.objects.filter(complaint=complaint, sent_at__isnull=False).exists(),
                   timeout=30, what="reconcile to send the acknowledgement of what it routed")
    finally:
        worker.stop()
        redis_server.stop()

    complaint.refresh_from_db()
    assert complaint.department == ministry["maintenance"]
    assert complaint.events.filter(kind=ComplaintEvent.Kind.ROUTED).count() == 1
