"""Hands work to Celery without letting a missing broker hurt the caller.

The database is the durable record of the work owed (a complaint still NEW, a notification
not yet sent); a Celery message is only a prompt to do it soon. If the broker cannot take
the message, the beat tasks find the work on their next run. After a failure this process
stops trying for a few seconds, so that while the broker is away a citizen's request waits
for it at most once (the Redis client spends about 2 s retrying a refused connection).

A new complaint only prompts a worker to route whatever waits (`prompt_routing`), and under load
most submissions send no message at all: a web process sends a prompt that the worker runs
ROUTING_PROMPT_DELAY_SECONDS later, and the complaints this process commits meanwhile need no
prompt of their own, since the worker will look after their commit. A process so sends at most a
few prompts a second, whatever the load, and asks nothing of Redis per complaint.
"""

import logging
import threading
import time

log = logging.getLogger(__name__)
BROKER_BACKOFF_SECONDS = 10
_broker_down_until = 0.0
# How long after a prompt is sent the worker runs it: how long the first complaint after a quiet
# spell waits to be routed. Complaints committed in the first half of that time need no prompt of
# their own; the other half is the margin for clocks (the worker compares the moment with its own).
ROUTING_PROMPT_DELAY_SECONDS = 1.0


class _PromptCover:
    """Until when a prompt this process sent covers a new commit."""

    def __init__(self):
        self.until = 0.0
        self.lock = threading.Lock()


_prompt_cover = _PromptCover()


def prompt_routing() -> bool:
    """Makes sure a worker will route the complaints waiting, and send their acknowledgements,
    after the caller's commit (which must have happened). False if the broker refused."""
    from . import tasks

    with _prompt_cover.lock:
        sent_at = time.time()
        if sent_at < _prompt_cover.until:
            return True  # a prompt of this process runs after this commit
        sent = _publish(lambda: tasks.route_waiting.apply_async(countdown=ROUTING_PROMPT_DELAY_SECONDS, retry=False),
                        "Routing deferred to reconcile")
        if sent:
            _prompt_cover.until = sent_at + ROUTING_PROMPT_DELAY_SECONDS / 2
        return sent


def continue_routing() -> bool:
    """Asks a worker to go on routing at once (more were waiting than one task takes)."""
    from . import tasks

    return _publish(lambda: tasks.route_waiting.apply_async(retry=False), "Routing deferred to reconcile")


def request_notifications(notification_ids: list[int]) -> bool:
    from . import tasks

    return _publish(lambda: tasks.send_notifications.apply_async(args=(notification_ids,), retry=False),
                    f"Notifications {notification_ids} deferred to beat")


def forget_broker_failures() -> None:
    """Forgets a broker that failed and the prompt sent to it (a test switching brokers)."""
    global _broker_down_until
    _broker_down_until = 0.0
    _prompt_cover.until = 0.0


def _publish(send, deferred: str) -> bool:
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        log.warning("%s: broker unavailable (not tried again yet)", deferred)
        return False
    try:
        send()
    except Exception as error:  # any broker failure: the beat tasks will pick the work up
        _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        log.warning("%s: broker unavailable (%s)", deferred, error.__class__.__name__)
        return False
    return True
