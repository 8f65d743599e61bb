"""Beat on exactly one machine.

Beat sends the periodic tasks (routing what waits, the SLA sweep, digests, retention): two beats
would send each of them twice. A second beat may be started by mistake (a second machine built from
the same image, a container restarted before the old one stopped), so beat sends only while it
holds a lock in the shared cache (Redis in production; `check --deploy` refuses a per-process cache).
The lock is a lease renewed on every tick: a beat that dies is replaced by a waiting one within
LEASE_SECONDS, and one stopped cleanly at once. While Redis is away no beat holds it; the tasks could not be sent anyway (the broker
is on the same Redis).
"""

import logging
import os
import socket
import uuid

from celery.beat import PersistentScheduler
from django.core.cache import cache

log = logging.getLogger(__name__)

LOCK_KEY = "beat:lock"
LEASE_SECONDS = 20
# A holder renews well within its lease; a waiting beat looks again this often.
RENEW_SECONDS = LEASE_SECONDS / 4


def release_lock(holder: str) -> None:
    if cache.get(LOCK_KEY) == holder:
        cache.delete(LOCK_KEY)


def holds_lock(holder: str, *, lease_seconds: int = LEASE_SECONDS) -> bool:
    """Takes the lock if it is free or renews it if `holder` has it; False if another beat has it."""
    if cache.add(LOCK_KEY, holder, timeout=lease_seconds):
        return True
    if cache.get(LOCK_KEY) == holder:
        cache.touch(LOCK_KEY, lease_seconds)
        return True
    return False


class SingleBeatScheduler(PersistentScheduler):
    """Celery's default scheduler, sending only while it holds beat's lock."""

    def __init__(self, *args, **kwargs):
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.holding = None
        super().__init__(*args, **kwargs)

    def tick(self, *args, **kwargs):
        holding = holds_lock(self.holder)
        if holding != self.holding:
            if holding:
                log.info("Beat %s holds the lock and sends the periodic tasks", self.holder)
            else:
                log.warning("Beat %s waits: another beat holds the lock", self.holder)
            self.holding = holding
        if not holding:
            return RENEW_SECONDS
        return min(super().tick(*args, **kwargs), RENEW_SECONDS)

    def close(self):
        """A beat stopped cleanly (a deployment) lets the next one start at once."""
        super().close()
        if self.holding:
            release_lock(self.holder)
