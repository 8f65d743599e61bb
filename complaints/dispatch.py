"""Hands work to Celery without letting a missing broker hurt the caller.

The database is the durable record of the work owed (a complaint still NEW, a notification
not yet sent); a Celery message is only a prompt to do it soon. If the broker cannot take
the message, the beat tasks find the work on their next run. After a failure this process
stops trying for a few seconds, so that while the broker is away a citizen's request waits
for it at most once (the Redis client spends about 2 s retrying a refused connection).

A new complaint only prompts a worker to route whatever waits (`prompt_routing`). Under load
most submissions send no message at all: a prompt already waiting for a worker (a key in the
cache the workers share) will see them, because the worker removes the key before it looks.
"""

import logging
import time

from django.core.cache import cache

from housing_portal.cache import shared_between_processes

log = logging.getLogger(__name__)
BROKER_BACKOFF_SECONDS = 10
_broker_down_until = 0.0
ROUTING_PROMPT_KEY = "dispatch:routing-prompt"
# A prompt whose worker died, or whose message was lost, holds the others back this long at most
# (and the reconcile beat remains).
ROUTING_PROMPT_SECONDS = 10


def prompt_routing() -> bool:
    """Asks a worker to route the complaints waiting and send their acknowledgements, unless a
    prompt already waits for a worker. The caller's complaint must be committed already."""
    from . import tasks

    shared = shared_between_processes()
    if shared and not cache.add(ROUTING_PROMPT_KEY, 1, timeout=ROUTING_PROMPT_SECONDS):
        return True  # the worker that takes the waiting prompt looks after this commit
    sent = _publish(lambda: tasks.route_waiting.apply_async(retry=False), "Routing deferred to reconcile")
    if shared and not sent:
        cache.delete(ROUTING_PROMPT_KEY)
    return sent


def routing_prompt_taken() -> None:
    """Called by the worker before it looks for waiting complaints: a complaint committed from
    now on may not be seen, so its intake must prompt again."""
    if shared_between_processes():
        cache.delete(ROUTING_PROMPT_KEY)


def request_notifications(notification_ids: list[int]) -> bool:
    from . import tasks

    return _publish(lambda: tasks.send_notifications.apply_async(args=(notification_ids,), retry=False),
                    f"Notifications {notification_ids} deferred to beat")


def forget_broker_failures() -> None:
    global _broker_down_until
    _broker_down_until = 0.0


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
