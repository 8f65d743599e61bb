"""Celery tasks of the channels: thin, each calls one function and is safe to run twice."""

from celery import shared_task

from . import media_digest


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=3)
def send_media_digests() -> int:
    return media_digest.send_digests()
