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
