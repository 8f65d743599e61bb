"""The workers' heartbeat: each Celery worker records, every half minute, that it is alive, so that
/healthz can say when no worker is routing complaints (complaints/operations/health.py).

A worker bootstep (Celery's documented bootstep API) on the worker's own timer, so it needs no beat
and no broker round trip; the row is in the database, which the web server reads wherever it runs.
"""

import logging
from datetime import datetime

from celery import bootsteps
from django.db import DatabaseError, connection
from django.utils import timezone

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30.0
# A worker not heard from for this long counts as gone: four heartbeats missed.
SILENCE_SECONDS = 120


def record_heartbeat(*, hostname: str, now: datetime) -> None:
    from complaints.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(hostname=hostname, defaults={"seen_at": now})


def forget_worker(*, hostname: str) -> None:
    """A worker that stops cleanly says so at once, rather than leaving /healthz to notice after
    two minutes."""
    from complaints.models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(hostname=hostname).delete()


def last_heard_from(*, now: datetime) -> float | None:
    """Seconds since the freshest heartbeat of any worker, or None when none was ever recorded."""
    from django.db.models import Max

    from complaints.models import WorkerHeartbeat

    latest = WorkerHeartbeat.objects.aggregate(latest=Max("seen_at"))["latest"]
    return None if latest is None else max(0.0, (now - latest).total_seconds())


def is_alive(seconds_since: float | None) -> bool:
    return seconds_since is not None and seconds_since <= SILENCE_SECONDS


class Heartbeat(bootsteps.StartStopStep):
    """Writes the worker's heartbeat when it starts and every HEARTBEAT_SECONDS after."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.timer_entry = None

    def start(self, worker):
        self.beat(worker)
        self.timer_entry = worker.timer.call_repeatedly(HEARTBEAT_SECONDS, self.beat, (worker,), priority=10)

    def stop(self, worker):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None
        self._quietly(forget_worker, hostname=worker.hostname)

    def beat(self, worker):
        self._quietly(record_heartbeat, hostname=worker.hostname, now=timezone.now())

    @staticmethod
    def _quietly(action, **arguments):
        # A database that is away must not stop the worker: the heartbeat simply goes stale, which
        # is what /healthz should then say.
        try:
            action(**arguments)
        except DatabaseError as error:
            log.warning("Worker heartbeat not recorded: %s", error)
        finally:
            # The timer's thread keeps no connection open between heartbeats.
            connection.close()
