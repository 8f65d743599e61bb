"""Celery tasks: each takes ids, calls one service, and is safe to run twice."""

import logging

from celery import shared_task

from . import services

log = logging.getLogger(__name__)

RECONCILE_BATCH = 1000


@shared_task(acks_late=True, reject_on_worker_lost=True)
def route_complaint(complaint_id: int) -> None:
    services.route_complaint(complaint_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reconcile_unrouted() -> int:
    """Routes complaints whose routing message was lost or never sent (broker down)."""
    routed = 0
    for complaint_id in services.unrouted_complaint_ids(limit=RECONCILE_BATCH):
        if services.route_complaint(complaint_id) is not None:
            routed += 1
    if routed:
        log.info("Reconcile routed %d complaints", routed)
    return routed
