"""A worker killed in the middle of routing: the complaint is still routed, exactly once."""

import os
import signal

import pytest

from complaints import intake
from complaints.intake import IntakeRequest
from complaints.models import Complaint, ComplaintEvent
from tests.support.processes import CeleryWorker, RedisServer, broker, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def held_routing(tmp_path):
    gate, started = tmp_path / "gate", tmp_path / "started"
    gate.touch()
    return gate, started, {"SLOW_ROUTING_GATE": str(gate), "SLOW_ROUTING_STARTED": str(started)}


def slow_worker(redis_server, tmp_path, env, **extra_env):
    # Beat routes new complaints (intake sends no message), every second as in production.
    worker = CeleryWorker(broker_url=redis_server.url, tmp_path=tmp_path, beat=True,
                          extra_env={"ROUTING_RECONCILE_SECONDS": "1", **env, **extra_env})
    worker.command += ["--include", "tests.support.slow_routing"]
    return worker.start()


def submit_and_wait_until_routing_is_held(redis_server, started, category):
    with broker(redis_server.url):
        complaint = intake.receive(IntakeRequest(
            channel=Complaint.Channel.WEB, subject="عطل في المصعد", body="المصعد متوقف منذ أسبوع.",
            category=category)).complaint
    wait_until(started.exists, timeout=60, what="the worker to start routing")
    return complaint


def routed_once(complaint):
    complaint.refresh_from_db()
    return (complaint.status == Complaint.Status.ROUTED
            and complaint.events.filter(kind=ComplaintEvent.Kind.ROUTED).count() == 1)


def test_a_killed_pool_process_hands_the_task_back_and_it_is_routed_once(
        ministry, maintenance_category, redis_server, held_routing, tmp_path):
    gate, started, env = held_routing
    worker = slow_worker(redis_server, tmp_path, env)
    try:
        complaint = submit_and_wait_until_routing_is_held(redis_server, started, maintenance_category)
        assert Complaint.objects.get(pk=complaint.pk).status == Complaint.Status.NEW
        gate.unlink()
        os.kill(int(started.read_text()), signal.SIGKILL)

        wait_until(lambda: routed_once(complaint), timeout=60, what="the redelivered task to route")
    finally:
        worker.stop()

    assert "WorkerLostError" in worker.output()
    assert complaint.events.filter(kind=ComplaintEvent.Kind.ROUTED).count() == 1


def test_a_whole_worker_killed_mid_routing_is_recovered_by_the_next_worker(
        ministry, maintenance_category, redis_server, held_routing, tmp_path):
    gate, started, env = held_routing
    short_visibility = {"CELERY_VISIBILITY_TIMEOUT": "3"}
    first = slow_worker(redis_server, tmp_path / "first", env, **short_visibility)
    try:
        complaint = submit_and_wait_until_routing_is_held(redis_server, started, maintenance_category)
        os.killpg(first.process.pid, signal.SIGKILL)  # the machine dies: no process says goodbye
        first.process.wait()
    finally:
        first.stop()
    gate.unlink()
    assert Complaint.objects.get(pk=complaint.pk).status == Complaint.Status.NEW

    second = slow_worker(redis_server, tmp_path / "second", env, **short_visibility)
    try:
        wait_until(lambda: routed_once(complaint), timeout=90, what="the unacknowledged task to be redelivered")
    finally:
        second.stop()
    assert complaint.events.filter(kind=ComplaintEvent.Kind.ROUTED).count() == 1
