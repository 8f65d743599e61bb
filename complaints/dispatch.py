"""Hands work to Celery without letting a missing broker hurt the caller.

The complaint row is the durable record that routing is owed (status NEW); the
message is only a prompt to do it soon. If the broker cannot take the message, the
reconcile task finds the complaint on its next run.
"""

import logging

log = logging.getLogger(__name__)


def request_routing(complaint_id: int) -> bool:
    from . import tasks

    try:
        tasks.route_complaint.apply_async(args=(complaint_id,), retry=False)
    except Exception as error:  # any broker failure: the reconcile task will route it
        log.warning("Routing of complaint %s deferred to reconcile: broker unavailable (%s)",
                    complaint_id, error.__class__.__name__)
        return False
    return True


def request_notifications(notification_ids: list[int]) -> bool:
    from . import tasks

    try:
        tasks.send_notifications.apply_async(args=(notification_ids,), retry=False)
    except Exception as error:  # the rows stay unsent; beat's send_pending_notifications sends them
        log.warning("Notifications %s deferred: broker unavailable (%s)", notification_ids,
                    error.__class__.__name__)
        return False
    return True
