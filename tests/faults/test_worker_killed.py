"""Drill 2: a Celery worker killed with SIGKILL (the whole worker, as when its machine dies) in the
middle of routing, and in the middle of a batch of SMS; the next worker finishes the work.

Every complaint is routed exactly once (one routed event each); every message is sent at least
once (the gateway's own record, a file) and recorded once (sent_at set, one event, one row each).
"""

import json
import os
import re
import signal
import time

import pytest

from complaints import intake, tasks
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint, ComplaintEvent, Notification
from tests.support.processes import CeleryWorker, RedisServer, broker, wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

# The broker hands an unacknowledged task to another worker after this many seconds.
VISIBILITY = {"CELERY_VISIBILITY_TIMEOUT": "3"}
# Beat routes new complaints (intake sends no message), every second as in production.
ROUTING_EVERY_SECOND = {"ROUTING_RECONCILE_SECONDS": "1"}


def submit_many(count: int, category) -> list[int]:
    return [intake.receive(IntakeRequest(
        channel=Complaint.Channel.WEB, subject=f"تسرب مياه {number}", body="يتسرب الماء من السقف منذ شهرين.",
        category=category, citizen=CitizenDetails(name="فاطمة علي", cpr=f"{850000000 + number}",
                                                  mobile=f"3912{number:04d}"))).complaint.pk
            for number in range(count)]


def drill_worker(redis_server, folder, *, beat=False, **env):
    worker = CeleryWorker(broker_url=redis_server.url, tmp_path=folder, beat=beat,
                          extra_env={**VISIBILITY, **ROUTING_EVERY_SECOND, **env})
    worker.command += ["--include", "tests.support.drill_backends"]
    return worker.start()


def kill(worker):
    os.killpg(worker.process.pid, signal.SIGKILL)  # no process of the worker says goodbye
    worker.process.wait()
    worker.stop()


def test_a_worker_killed_in_the_middle_of_routing_leaves_every_complaint_routed_exactly_once(
        ministry, maintenance_category, redis_server, tmp_path, figure):
    total = 300
    with broker(redis_server.url):
        ids = submit_many(total, maintenance_category)       # 300 complaints wait, NEW, for beat's routing
    complaints = Complaint.objects.filter(pk__in=ids)
    routed = complaints.filter(status=Complaint.Status.ROUTED)

    # A task routes its complaint and up to 199 others in one transaction: the first batch of 200
    # is committed, and the worker is held at the 50th decision of the second batch, then killed.
    held = tmp_path / "held"
    first = drill_worker(redis_server, tmp_path / "first", beat=True, DRILL_ROUTING_DELAY="0.005",
                         DRILL_ROUTING_HOLD_AT="250", DRILL_HELD=str(held))
    try:
        wait_until(held.exists, timeout=90, interval=0.05, what="the worker to be half-way through a batch")
    finally:
        kill(first)
    routed_at_kill = routed.count()
    assert routed_at_kill == 200, "the worker was not killed in the middle of the second batch"

    started = time.monotonic()
    second = drill_worker(redis_server, tmp_path / "second", beat=True)
    try:
        wait_until(lambda: routed.count() == total, timeout=90, what="the next worker to route the rest")
    finally:
        second.stop()
    recovered = time.monotonic() - started

    events = ComplaintEvent.objects.filter(complaint__in=complaints, kind=ComplaintEvent.Kind.ROUTED)
    assert events.count() == total and events.values("complaint").distinct().count() == total
    assert not complaints.exclude(status=Complaint.Status.ROUTED).exists()
    assert "reconcile_unrouted" in second.output()
    figure(f"{total} complaints, worker SIGKILLed with {routed_at_kill} routed and a batch open; "
           f"the next worker routed the other {total - routed_at_kill} in {recovered:.0f} s; "
           f"{events.count()} routed events, one per complaint")


def test_a_worker_killed_in_the_middle_of_a_batch_of_sms_sends_each_at_least_once_and_records_it_once(
        ministry, maintenance_category, redis_server, tmp_path, figure):
    total = 100
    with broker(RedisServer().url):                          # nobody listens: the messages wait in the table
        submit_many(total, maintenance_category)
    notifications = Notification.objects.filter(channel=Notification.Channel.SMS)
    assert notifications.count() == total
    with broker(redis_server.url):                           # one task for the whole batch
        tasks.send_notifications.apply_async(args=(list(notifications.values_list("pk", flat=True)),))

    gateway_log = tmp_path / "sms.jsonl"
    sent_by_gateway = lambda: len(gateway_log.read_text().splitlines()) if gateway_log.exists() else 0  # noqa: E731
    # The gateway takes each message, then the worker spends 50 ms before it records it sent; the
    # 30th is held after it left, and the worker killed: a message that left but is not recorded.
    sms = {"SMS_BACKEND": "tests.support.drill_backends.RecordingSlowSms", "DRILL_SMS_LOG": str(gateway_log)}
    held = tmp_path / "held"
    first = drill_worker(redis_server, tmp_path / "first", DRILL_SMS_DELAY="0.05", DRILL_SMS_HOLD_AT="30",
                         DRILL_HELD=str(held), **sms)
    try:
        wait_until(held.exists, timeout=90, interval=0.05, what="the 30th message to leave")
    finally:
        kill(first)
    recorded_at_kill = notifications.filter(sent_at__isnull=False).count()
    assert (sent_by_gateway(), recorded_at_kill) == (30, 29)

    started = time.monotonic()
    second = drill_worker(redis_server, tmp_path / "second", **sms)
    try:
        wait_until(lambda: not notifications.filter(sent_at__isnull=True).exists(), timeout=90,
                   what="the next worker to send the rest")
    finally:
        second.stop()
    recovered = time.monotonic() - started

    references = {re.search(r"\d{2}-\d{4}-\d{4}-\d", json.loads(line)["text"]).group(0)
                  for line in gateway_log.read_text().splitlines()}
    lines = len(gateway_log.read_text().splitlines())
    expected = {complaint.display_reference for complaint in Complaint.objects.all()}
    assert references == expected                              # every message left at least once
    assert lines == total + 1                                  # the one in flight at the kill left twice
    assert notifications.count() == total                      # one row per message
    events = ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.NOTIFIED)
    assert events.count() == total and len({event.data["notification"] for event in events}) == total
    figure(f"{total} SMS in one task, worker SIGKILLed after {recorded_at_kill} recorded sent; the next worker "
           f"sent the rest in {recovered:.0f} s; the gateway saw {lines} messages ({lines - total} twice: "
           f"left but not yet recorded when the worker died), {events.count()} recorded once each")
