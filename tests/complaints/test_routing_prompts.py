"""Routing is beat's: intake sends no message. A worker that finds more waiting than one task takes
asks for more at once, and a broker that refused a message is not waited for again at once."""

import os
import uuid

import pytest
from celery import current_app

from complaints import tasks
from complaints.plumbing import dispatch


@pytest.fixture
def a_broker_of_its_own(monkeypatch):
    """A broker URL no other test used, so that no failure remembered before counts."""
    monkeypatch.setenv("CELERY_BROKER_URL", f"redis://127.0.0.1:6379/0?{uuid.uuid4()}")  # Celery reads it first
    monkeypatch.setattr(current_app.conf, "broker_url", os.environ["CELERY_BROKER_URL"])


def test_a_worker_with_more_waiting_goes_on_at_once(monkeypatch, a_broker_of_its_own):
    calls = []
    monkeypatch.setattr(current_app, "send_task", lambda name, **options: calls.append((name, options)))
    monkeypatch.setattr(tasks, "_route_and_acknowledge_waiting", lambda: tasks.RECONCILE_BATCH)
    tasks.route_waiting()
    assert calls == [("complaints.tasks.route_waiting", {"retry": False})]


def test_a_broker_that_refused_a_message_is_not_tried_again_for_a_while(monkeypatch, a_broker_of_its_own, caplog):
    tried = []

    def refused(name, **options):
        tried.append(name)
        raise ConnectionRefusedError("broker away")

    monkeypatch.setattr(current_app, "send_task", refused)

    assert dispatch.continue_routing() is False
    assert dispatch.continue_routing() is False
    assert len(tried) == 1
    assert "not tried again yet" in caplog.text


def test_another_broker_is_tried_though_one_failed(monkeypatch, a_broker_of_its_own):
    outcomes = iter([ConnectionRefusedError("broker away"), None])

    def publish(name, **options):
        if (outcome := next(outcomes)) is not None:
            raise outcome

    monkeypatch.setattr(current_app, "send_task", publish)
    assert dispatch.continue_routing() is False

    monkeypatch.setenv("CELERY_BROKER_URL", f"redis://127.0.0.1:6379/0?{uuid.uuid4()}")
    assert dispatch.continue_routing() is True


def test_the_named_tasks_exist():
    assert {dispatch.ROUTE_WAITING, dispatch.SEND_NOTIFICATIONS} <= set(current_app.tasks)
