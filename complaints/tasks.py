"""Celery tasks: each takes ids, calls one service, and is safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from complaints.notifications import to_citizens, to_staff
from complaints.plumbing import dispatch
from complaints.routing import learning, set_aside
from complaints.sla import clock, sweep

log = logging.getLogger(__name__)

RECONCILE_BATCH = 1000
# Each routing task also routes up to this many other waiting complaints in the same
# transaction: under load, one task does the work of many, and the rest find theirs done.
ROUTING_BATCH = 200
NOTICE_BATCH = 500


@shared_task(acks_late=True, reject_on_worker_lost=True)
def route_complaint(complaint_id: int) -> None:
    """Routes one complaint, and up to ROUTING_BATCH - 1 others waiting (the benchmarks' unit)."""
    set_aside.route_waiting([complaint_id], also_waiting=ROUTING_BATCH - 1)


# A transient database error (set_aside.TRANSIENT_ERRORS) is no complaint's fault: the task is
# tried again a few seconds later, and after that the reconcile beat takes over.
@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=set_aside.TRANSIENT_ERRORS,
             retry_backoff=2, retry_jitter=False, max_retries=3)
def route_waiting() -> int:
    """Routes the complaints waiting, then sends their acknowledgements (sent by a worker that
    found more waiting than one task takes)."""
    routed = _route_and_acknowledge_waiting()
    if routed >= RECONCILE_BATCH:
        dispatch.continue_routing()  # more were waiting than one task takes
    return routed


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reconcile_unrouted() -> int:
    """Beat's routing of new complaints, every ROUTING_RECONCILE_SECONDS: routes what waits."""
    routed = _route_and_acknowledge_waiting()
    if routed:
        log.info("Reconcile routed %d complaints", routed)
    return routed


def _route_and_acknowledge_waiting() -> int:
    routed = 0
    while routed < RECONCILE_BATCH:
        # A complaint whose routing fails is set aside, and the rest routed (routing_failures).
        batch = set_aside.route_waiting(also_waiting=ROUTING_BATCH)
        if not batch:
            break
        routed += len(batch)
        to_citizens.send_acknowledgements(list(batch))
    return routed


# Acknowledged on receipt, unlike the others: training takes minutes, and a run handed to a second
# worker while the first still trains would store two versions. A run lost with its worker waits
# for the next night.
@shared_task(acks_late=False)
def retrain_router() -> dict:
    """Nightly (beat, at ROUTING_RETRAIN_HOUR Bahrain time): trains the routing model on the corpus
    and the answered complaints, stores it, and promotes it only when at least as good as the current one."""
    outcome = learning.retrain()
    log.log(logging.INFO if outcome.promoted else logging.WARNING, "Routing model %s trained: %s",
            outcome.version.version, outcome.reason)
    return {"version": outcome.version.version, "promoted": outcome.promoted}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def sweep_sla() -> dict:
    now = timezone.now()
    result = sweep.sweep(now=now, plan=clock.plan(), chunk_size=settings.SLA_SWEEP_CHUNK,
                             on_notices=queue_sla_notices)
    queue_sla_notices(to_staff.notices_to_send_again(now=now, limit=10_000))
    if result.reminders or result.breaches:
        log.info("SLA sweep: %d reminders, %d breaches", result.reminders, result.breaches)
    return {"reminders": result.reminders, "breaches": result.breaches}


def queue_sla_notices(notice_ids: list[int]) -> None:
    for start in range(0, len(notice_ids), NOTICE_BATCH):
        batch = notice_ids[start:start + NOTICE_BATCH]
        try:
            send_sla_notices.apply_async(args=(batch,), retry=False)
        except Exception as error:  # the notices stay unsent; the next sweep queues them again
            log.warning("SLA notices deferred: broker unavailable (%s)", error.__class__.__name__)
            return


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=30,
             max_retries=5)
def send_sla_notices(notice_ids: list[int]) -> int:
    return to_staff.send_sla_notices(notice_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_notifications(notification_ids: list[int]) -> int:
    return sum(to_citizens.send(notification_id) for notification_id in notification_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_pending_notifications() -> int:
    """Messages whose task was lost, or whose gateway failed (after their back-off): tried again."""
    return to_citizens.send_due(now=timezone.now())


@shared_task(acks_late=True, reject_on_worker_lost=True)
def delete_expired_drafts() -> int:
    """Hourly: deletes files attached to web forms that were never sent (kept DRAFT_LIFETIME)."""
    from complaints.files import uploads

    return uploads.delete_expired_drafts(now=timezone.now())


# --- Data protection (complaints/data_protection) ---------------------------------------------

@shared_task(acks_late=True, reject_on_worker_lost=True)
def apply_retention() -> int:
    """Daily: anonymises what the retention policy says is due. Safe twice: done rows are skipped."""
    from complaints.data_protection import retention

    return retention.apply_retention().complaints


@shared_task(acks_late=True, reject_on_worker_lost=True)
def warn_of_due_data_requests() -> int:
    """Daily: tells the data protection officers of requests near their 10-working-day deadline."""
    from complaints.data_protection import warnings

    return warnings.warn_officers()
