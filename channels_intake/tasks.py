"""Celery tasks of the channels: thin, each calls one function and is safe to run twice."""

from celery import shared_task
from django.utils import timezone

from channels_intake.media import digest
from channels_intake.tawasul import outbox


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=3)
def send_media_digests() -> int:
    return digest.send_digests()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_tawasul_updates(update_ids: list[int]) -> int:
    return sum(outbox.send(pk) is outbox.Outcome.SENT for pk in update_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_due_tawasul_updates() -> int:
    """Retries after their back-off, and updates whose task was lost (broker down): a batch at a time."""
    return outbox.send_due(now=timezone.now())
