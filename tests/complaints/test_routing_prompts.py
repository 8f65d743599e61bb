"""Intake prompts a worker to route what waits; under load one prompt serves many complaints, and
a web process asks nothing of Redis per complaint."""

import pytest

from complaints import dispatch


@pytest.fixture
def published(monkeypatch):
    sent = []

    def publish(send, deferred):
        sent.append(deferred)
        return not getattr(publish, "broker_down", False)

    monkeypatch.setattr(dispatch, "_publish", publish)
    dispatch.forget_broker_failures()
    yield publish, sent
    dispatch.forget_broker_failures()


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(dispatch.time, "time", lambda: now[0])
    return now


def test_a_prompt_covers_the_commits_of_the_next_half_second(published, clock):
    _publish, sent = published

    assert all(dispatch.prompt_routing() for _ in range(50))
    assert len(sent) == 1

    clock[0] += dispatch.ROUTING_PROMPT_DELAY_SECONDS / 2 - 0.01
    dispatch.prompt_routing()
    assert len(sent) == 1

    clock[0] += 0.01  # the worker may now be looking: a later commit needs a prompt of its own
    dispatch.prompt_routing()
    assert len(sent) == 2


def test_the_worker_runs_the_prompt_after_the_commits_it_covers(monkeypatch):
    from complaints import tasks

    calls = []
    monkeypatch.setattr(tasks.route_waiting, "apply_async", lambda **options: calls.append(options))
    dispatch.forget_broker_failures()
    try:
        assert dispatch.prompt_routing() is True
    finally:
        dispatch.forget_broker_failures()
    assert calls == [{"countdown": dispatch.ROUTING_PROMPT_DELAY_SECONDS, "retry": False}]


def test_a_prompt_the_broker_refused_does_not_hold_the_next_ones_back(published, clock):
    publish, sent = published
    publish.broker_down = True
    assert dispatch.prompt_routing() is False

    publish.broker_down = False
    assert dispatch.prompt_routing() is True
    assert len(sent) == 2


def test_a_worker_with_more_waiting_goes_on_at_once(monkeypatch):
    from complaints import tasks

    calls = []
    monkeypatch.setattr(tasks.route_waiting, "apply_async", lambda **options: calls.append(options))
    monkeypatch.setattr(tasks, "_route_and_acknowledge_waiting", lambda: tasks.RECONCILE_BATCH)
    tasks.route_waiting()
    assert calls == [{"retry": False}]
