"""Intake prompts a worker to route what waits; under load one prompt serves many complaints."""

import pytest

from complaints import dispatch
from housing_portal.cache import TolerantRedisCache
from tests.support.processes import RedisServer


@pytest.fixture
def published(monkeypatch):
    sent = []

    def publish(send, deferred):
        sent.append(deferred)
        return not getattr(publish, "broker_down", False)

    monkeypatch.setattr(dispatch, "_publish", publish)
    return publish, sent


@pytest.fixture
def shared_cache(settings):
    server = RedisServer().start()
    settings.CACHES = {"default": {"BACKEND": "housing_portal.cache.TolerantRedisCache", "LOCATION": server.url}}
    TolerantRedisCache.forget_failures()
    yield
    server.stop()


@pytest.mark.services
def test_while_a_prompt_waits_for_a_worker_no_other_is_sent(shared_cache, published):
    _publish, sent = published

    assert all(dispatch.prompt_routing() for _ in range(50))
    assert len(sent) == 1

    dispatch.routing_prompt_taken()  # a worker took it and is about to look
    dispatch.prompt_routing()
    assert len(sent) == 2  # a complaint stored from now on needs a prompt of its own


@pytest.mark.services
def test_a_prompt_the_broker_refused_does_not_hold_the_next_ones_back(shared_cache, published):
    publish, sent = published
    publish.broker_down = True
    assert dispatch.prompt_routing() is False

    publish.broker_down = False
    assert dispatch.prompt_routing() is True
    assert len(sent) == 2


def test_without_a_cache_the_workers_share_every_complaint_prompts(settings, published):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    _publish, sent = published

    for _ in range(3):
        dispatch.prompt_routing()
    assert len(sent) == 3
