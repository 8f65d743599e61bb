"""Hands work to Celery without letting a missing broker hurt the caller.

The database is the durable record of the work owed (a complaint still NEW, a notification
not yet sent); a Celery message is only a prompt to do it soon. If the broker cannot take
the message, the beat tasks find the work on their next run. After a failure this process
stops trying for a few seconds, so that while the broker is away a citizen's request waits
for it at most once (the Redis client spends about 2 s retrying a refused connection).
"""

import logging
import time

log = logging.getLogger(__name__)
BROKER_BACKOFF_SECONDS = 10
_broker_down_until = 0.0


def request_routing(complaint_id: int, notification_ids: list[int] = ()) -> bool:
    """Routing of the complaint, then sending `notification_ids` (its acknowledgements): one message."""
    from . import tasks

    arguments = (complaint_id, list(notification_ids)) if notification_ids else (complaint_id,)
    return _publish(lambda: tasks.route_complaint.apply_async(args=arguments, retry=False),
                    f"Routing of complaint {complaint_id} deferred to reconcile")


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
