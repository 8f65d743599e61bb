"""The Celery application. Broker choices and their reasons live in settings.py."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "housing_portal.settings")

app = Celery("housing_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    # A task is acknowledged only after it has finished, and a task whose worker
    # process died is put back on the queue: every task is idempotent, so running
    # one twice is harmless and losing one is not.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    # Tasks take milliseconds: reserve a few at a time so the worker never waits on the broker
    # between two. Reserved tasks are unacknowledged, so a crash hands them back all the same.
    worker_prefetch_multiplier=8,
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    # Publishing from a web request must fail fast, not hang, when the broker is away:
    # the reconcile task picks the complaint up later.
    broker_connection_timeout=2,
    broker_connection_max_retries=0,
    worker_hijack_root_logger=False,
)
# Celery's Django fix-up closes the database connection around every task unless told to
# reuse it; reconnecting to PostgreSQL cost more than the routing itself (63 tasks/s
# against several hundred). Connections are still recycled after this many tasks, and
# Django checks a reused connection is alive before each task (CONN_HEALTH_CHECKS).
app.conf.CELERY_DB_REUSE_MAX = 500
app.autodiscover_tasks()
# Every worker writes a heartbeat that /healthz reads (complaints/operations/heartbeat.py).
app.steps["worker"].add("complaints.operations.heartbeat.Heartbeat")


ROUTING_RUN_EXPIRES_SECONDS = 60.0


def configure_schedule(sender=None, **kwargs):
    from django.conf import settings

    app.conf.beat_schedule = {
        # Routing of new complaints (intake sends no message): every second or so in production.
        # A run that waited a minute is dropped (the next does its work), so a worker that was
        # stopped does not come back to hours of them.
        "reconcile-unrouted-complaints": {
            "task": "complaints.tasks.reconcile_unrouted",
            "schedule": float(settings.ROUTING_RECONCILE_SECONDS),
            "options": {"expires": ROUTING_RUN_EXPIRES_SECONDS},
        },
        "send-pending-notifications": {
            "task": "complaints.tasks.send_pending_notifications",
            "schedule": 60.0,
        },
        "sweep-sla": {
            "task": "complaints.tasks.sweep_sla",
            "schedule": float(settings.SLA_SWEEP_SECONDS),
        },
        # Hourly, so that a beat that was down at midnight still sends yesterday's digests; each
        # (department, day) is recorded and sent once.
        "send-media-digests": {
            "task": "channels_intake.tasks.send_media_digests",
            "schedule": 3600.0,
        },
        "send-due-tawasul-updates": {
            "task": "channels_intake.tasks.send_due_tawasul_updates",
            "schedule": 60.0,
        },
        # Files held for web forms never sent: deleted a day after they were attached.
        "delete-expired-drafts": {
            "task": "complaints.tasks.delete_expired_drafts",
            "schedule": 3600.0,
        },
        # Data protection: once a day each; both are safe to run again.
        "apply-retention": {
            "task": "complaints.tasks.apply_retention",
            "schedule": 86400.0,
        },
        "warn-of-due-data-requests": {
            "task": "complaints.tasks.warn_of_due_data_requests",
            "schedule": 86400.0,
        },
        # Each night at ROUTING_RETRAIN_HOUR, Bahrain time (Celery takes Django's TIME_ZONE): the
        # routing model retrained, and promoted only when at least as good as the current one.
        "retrain-router": {
            "task": "complaints.tasks.retrain_router",
            "schedule": crontab(hour=settings.ROUTING_RETRAIN_HOUR, minute=0),
        },
    }


app.on_after_configure.connect(configure_schedule)
