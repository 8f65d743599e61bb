"""Hands work to Celery without letting a missing broker hurt the caller.

The database is the durable record of the work owed (a complaint still NEW, a notification
not yet sent); a Celery message is only a prompt to do it soon. If the broker cannot take
the message, the beat tasks find the work on their next run. After a failure this process
stops trying that broker for a few seconds, so that while it is away a request waits for it at
most once (publishing to a Redis that refuses connections takes about 2 s).

Intake sends nothing: beat's `reconcile_unrouted` runs every ROUTING_RECONCILE_SECONDS (a second
in production) and routes what waits, so a request never talks to the broker about routing and
a worker is prompted once a second whatever the load.
"""

import logging
import time

from celery import current_app

log = logging.getLogger(__name__)
BROKER_BACKOFF_SECONDS = 10
# Until when (time.monotonic) each broker, by URL, is not tried again.
_broker_down_until: dict[str, float] = {}


# The tasks are named, not imported: the tasks module imports the services that call this one.
ROUTE_WAITING = "complaints.tasks.route_waiting"
SEND_NOTIFICATIONS = "complaints.tasks.send_notifications"


def continue_routing() -> bool:
    """Asks a worker to go on routing at once (more were waiting than one task takes)."""
    return _publish(lambda: current_app.send_task(ROUTE_WAITING, retry=False), "Routing deferred to reconcile")


def request_notifications(notification_ids: list[int]) -> bool:
    return _publish(lambda: current_app.send_task(SEND_NOTIFICATIONS, args=(notification_ids,), retry=False),
                    f"Notifications {notification_ids} deferred to beat")


def _publish(send, deferred: str) -> bool:
    broker = current_app.conf.broker_url
    if time.monotonic() < _broker_down_until.get(broker, 0.0):
        log.warning("%s: broker unavailable (not tried again yet)", deferred)
        return False
    try:
        send()
    except Exception as error:  # any broker failure: the beat tasks will pick the work up
        _broker_down_until[broker] = time.monotonic() + BROKER_BACKOFF_SECONDS
        log.warning("%s: broker unavailable (%s)", deferred, error.__class__.__name__)
        return False
    return True
