"""Counting attempts per key with the cache's `add` and `incr`, in memory and on Redis."""

import pytest
import redis
from django.core.cache import caches

from complaints.security import throttle
from housing_portal.cache import redis_cache
from tests.support.processes import RedisServer


def test_record_all_counts_each_key_in_the_window(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "throttle-counts"}}
    assert throttle.record_all(["address:a", "client:1"], window_seconds=60) == [1, 1]
    assert throttle.record_all(["address:a", "client:2"], window_seconds=60) == [2, 1]
    assert throttle.attempts("address:a") == 2


@pytest.mark.services
def test_on_redis_the_window_runs_from_the_first_attempt_and_is_not_extended(settings):
    server = RedisServer().start()
    try:
        settings.CACHES = {"default": redis_cache(server.url)}
        backend = caches["default"]
        assert throttle.record_all(["address:b", "client:3"], window_seconds=60) == [1, 1]
        assert throttle.record(key="address:b", window_seconds=60) == 2  # the same counter as `record`
        assert throttle.record_all(["address:b"], window_seconds=600) == [3]
        ttl = redis.Redis.from_url(server.url).ttl(backend.make_key("throttle:address:b"))
        assert 0 < ttl <= 60
        assert throttle.attempts("address:b") == 3
    finally:
        server.stop()


@pytest.mark.services
def test_on_redis_a_count_that_expired_starts_again_at_one(settings):
    server = RedisServer().start()
    try:
        settings.CACHES = {"default": redis_cache(server.url)}
        assert [throttle.record("submit:10.0.0.1", window_seconds=3600) for _ in range(3)] == [1, 2, 3]
        redis.Redis.from_url(server.url).delete(caches["default"].make_key("throttle:submit:10.0.0.1"))

        assert throttle.record("submit:10.0.0.1", window_seconds=3600) == 1
    finally:
        server.stop()


@pytest.mark.services
def test_while_redis_is_away_every_count_starts_again_at_one(settings):
    settings.CACHES = {"default": redis_cache(RedisServer().url)}  # never started: nothing listens

    assert [throttle.record("submit:10.0.0.2", window_seconds=3600, amount=2) for _ in range(3)] == [2, 2, 2]


def test_clear_forgets_the_count_and_the_hold_off(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "throttle-clear"}}
    throttle.record("pair:a", window_seconds=60)
    throttle.hold_off("pair:a", seconds=30, window_seconds=60)
    assert throttle.seconds_to_wait("pair:a") > 0

    throttle.clear("pair:a")

    assert (throttle.attempts("pair:a"), throttle.seconds_to_wait("pair:a")) == (0, 0)
