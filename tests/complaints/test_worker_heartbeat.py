"""Each Celery worker records its heartbeat in the database (complaints/operations/heartbeat.py): on Redis,
as in production, too (the worker's timer then runs in its event loop, not a thread)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.models import WorkerHeartbeat
from complaints.operations import heartbeat
from tests.support.processes import CeleryWorker, RedisServer, wait_until


@pytest.mark.django_db(transaction=True)
@pytest.mark.services
def test_a_worker_on_redis_records_its_heartbeat_while_it_runs_and_removes_it_when_it_stops(tmp_path):
    server = RedisServer().start()
    worker = CeleryWorker(broker_url=server.url, tmp_path=tmp_path).start()
    hostname = worker.command[worker.command.index("--hostname") + 1]
    try:
        wait_until(lambda: WorkerHeartbeat.objects.filter(hostname=hostname).exists(), timeout=60,
                   what="the worker's heartbeat")
        assert heartbeat.is_alive(heartbeat.last_heard_from(now=timezone.now()))
    finally:
        worker.stop()
        server.stop()
    assert not WorkerHeartbeat.objects.filter(hostname=hostname).exists()


@pytest.mark.django_db
def test_a_heartbeat_is_one_row_per_worker_moved_forward():
    now = timezone.now()
    heartbeat.record_heartbeat(hostname="portal@web-1", now=now - timedelta(seconds=30))
    heartbeat.record_heartbeat(hostname="portal@web-1", now=now)
    assert list(WorkerHeartbeat.objects.values_list("hostname", "seen_at")) == [("portal@web-1", now)]


@pytest.mark.parametrize("seconds, alive", [(None, False), (0, True), (119, True), (120, True), (121, False)])
def test_a_worker_silent_for_more_than_two_minutes_counts_as_gone(seconds, alive):
    assert heartbeat.is_alive(seconds) is alive
