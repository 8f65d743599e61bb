"""Counting attempts per key: on Redis several keys in one round trip, elsewhere key by key."""

import pytest
from django.core.cache import caches

from complaints import throttle
from tests.support.processes import RedisServer


def test_record_all_counts_each_key_in_the_window(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "throttle-counts"}}
    assert throttle.record_all(["address:a", "client:1"], window_seconds=60) == [1, 1]
    assert throttle.record_all(["address:a", "client:2"], window_seconds=60) == [2, 1]
    assert throttle.attempts("address:a") == 2


@pytest.mark.services
def test_record_all_on_redis_counts_in_one_round_trip_and_sets_the_window_once(settings):
    server = RedisServer().start()
    try:
        settings.CACHES = {"default": {"BACKEND": "housing_portal.cache.TolerantRedisCache",
                                       "LOCATION": server.url}}
        backend = caches["default"]
        assert throttle.record_all(["address:b", "client:3"], window_seconds=60) == [1, 1]
        assert throttle.record(key="address:b", window_seconds=60) == 2  # the same counter as `record`
        assert throttle.record_all(["address:b"], window_seconds=600) == [3]
        client = backend._cache.get_client(write=False)
        ttl = client.ttl(backend.make_and_validate_key("throttle:address:b"))
        assert 0 < ttl <= 60  # the window runs from the first attempt, not extended by later ones
        assert throttle.attempts("address:b") == 3
    finally:
        server.stop()


@pytest.mark.services
def test_record_on_redis_counts_a_key_seen_before_in_one_round_trip(settings, monkeypatch):
    server = RedisServer().start()
    try:
        settings.CACHES = {"default": {"BACKEND": "housing_portal.cache.TolerantRedisCache",
                                       "LOCATION": server.url}}
        backend = caches["default"]
        for two_trips in ("add", "incr"):  # the way that takes a round trip for each
            monkeypatch.setattr(backend, two_trips, lambda *args, **kwargs: pytest.fail("not in one round trip"))

        assert [throttle.record("submit:10.0.0.1", window_seconds=3600) for _ in range(3)] == [1, 2, 3]
    finally:
        server.stop()
