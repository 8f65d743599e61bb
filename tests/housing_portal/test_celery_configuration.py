"""Celery is configured for Redis deliberately: nothing lost when a worker dies, nothing delayed
past the visibility timeout, and periodic work on beat. (The embedded broker of `make run`:
test_embedded_broker.py.)"""

import ast
from pathlib import Path

from celery.schedules import crontab
from django.conf import settings

from housing_portal.celery import app
from tests.support.fresh_settings import settings_with

PROJECT_DIR = Path(__file__).resolve().parents[2]


def test_tasks_are_acknowledged_late_and_handed_back_when_a_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True


def redis_transport_options() -> dict:
    return settings_with(CELERY_BROKER_URL="redis://redis:6379/0").CELERY_BROKER_TRANSPORT_OPTIONS


def test_a_visibility_timeout_was_chosen_and_unacknowledged_tasks_are_looked_for_often():
    options = redis_transport_options()
    assert options["visibility_timeout"] == 600
    assert options["unacked_restore_interval"] * options["unacked_restore_throttle"] <= 10


def test_workers_keep_their_database_connection_between_tasks():
    assert app.conf.CELERY_DB_REUSE_MAX >= 100


def test_beat_reconciles_routing_and_sweeps_the_sla():
    tasks = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert tasks == {
        "complaints.tasks.reconcile_unrouted": float(settings.ROUTING_RECONCILE_SECONDS),
        "complaints.tasks.sweep_sla": float(settings.SLA_SWEEP_SECONDS),
        "complaints.tasks.send_pending_notifications": 60.0,
        "channels_intake.tasks.send_media_digests": 3600.0,
        "channels_intake.tasks.send_due_tawasul_updates": 60.0,
        "complaints.tasks.delete_expired_drafts": 3600.0,
        "complaints.tasks.apply_retention": 86400.0,
        "complaints.tasks.warn_of_due_data_requests": 86400.0,
        "complaints.tasks.retrain_router": crontab(hour=settings.ROUTING_RETRAIN_HOUR, minute=0),
    }


def test_a_routing_run_that_waited_a_minute_is_dropped_so_a_stopped_worker_finds_no_backlog_of_them():
    [entry] = [entry for entry in app.conf.beat_schedule.values()
               if entry["task"] == "complaints.tasks.reconcile_unrouted"]
    assert entry["options"]["expires"] == 60.0


def test_no_task_is_scheduled_with_a_countdown_or_an_eta():
    """Redis redelivers a task whose ETA lies beyond the visibility timeout, again and again, and a
    countdown compares the clocks of two machines: deadlines live in the database and beat scans
    them instead."""
    offenders = []
    for path in PROJECT_DIR.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.keyword) and node.arg in ("countdown", "eta"):
                offenders.append(f"{path.relative_to(PROJECT_DIR)}:{node.value.lineno}")
    assert offenders == []
