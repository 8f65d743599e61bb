"""The Redis cache while Redis is away: misses, not errors, and no waiting on every call."""

import os
import subprocess
import sys
import time

import pytest
from django.core.cache import caches

from tests.support.processes import PROJECT_DIR, RedisServer

pytestmark = pytest.mark.services


@pytest.fixture
def redis_cache(settings):
    server = RedisServer()
    settings.CACHES = {"default": {"BACKEND": "housing_portal.cache.TolerantRedisCache", "LOCATION": server.url}}
    yield server, caches["default"]
    server.stop()


def test_a_redis_cache_url_gets_the_tolerant_backend():
    environment = {**os.environ, "DEBUG": "true", "CACHE_URL": "rediscache://redis:6379/1"}
    printed = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "print(settings.CACHES['default']['BACKEND'])"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "housing_portal.settings"}, cwd=PROJECT_DIR,
        capture_output=True, text=True, check=True).stdout.strip()
    assert printed == "housing_portal.cache.TolerantRedisCache"


def test_with_redis_away_every_call_is_a_miss_and_later_calls_do_not_wait(redis_cache, caplog):
    _server, cache = redis_cache  # never started: nothing listens on its port

    assert cache.get("k", "default") == "default"
    started = time.monotonic()
    assert cache.add("k", 1, timeout=60) is True
    assert cache.incr("k") == 1
    assert cache.get_many(["k"]) == {}
    assert cache.set("k", 1) is None and cache.delete("k") is False
    assert time.monotonic() - started < 0.05  # a refused connection is not tried again with back-off
    assert "Cache unreachable" in caplog.text


def test_the_cache_works_again_once_redis_is_back(redis_cache):
    server, cache = redis_cache
    assert cache.get("k") is None  # away
    server.start()

    assert cache.add("k", 41, timeout=60) is True
    assert cache.incr("k") == 42
    assert cache.get("k") == 42


def test_timeouts_mean_what_they_mean_in_django_none_forever_and_omitted_the_default(redis_cache):
    import redis

    server, cache = redis_cache
    server.start()
    cache.set("forever", 1, timeout=None)
    cache.add("forever-too", 1, timeout=None)
    cache.set("by-default", 1)
    cache.set_many({"many-forever": 1}, timeout=None)

    ttl = redis.Redis.from_url(server.url).ttl
    assert ttl(cache.make_and_validate_key("forever")) == -1  # no expiry
    assert ttl(cache.make_and_validate_key("forever-too")) == -1
    assert ttl(cache.make_and_validate_key("many-forever")) == -1
    assert 0 < ttl(cache.make_and_validate_key("by-default")) <= 300  # Django's default timeout
