"""The Redis cache while Redis is away: misses, not errors, and no waiting on every call."""

import os
import subprocess
import sys
import time

import pytest
from django.core.cache import caches

from housing_portal.cache import redis_cache
from tests.support.processes import PROJECT_DIR, RedisServer

pytestmark = pytest.mark.services


@pytest.fixture
def redis_server(settings):
    server = RedisServer()
    settings.CACHES = {"default": redis_cache(server.url)}
    yield server
    server.stop()


@pytest.mark.parametrize("url", ["rediscache://redis:6379/1", "redis://redis:6379/1"])
def test_a_redis_cache_url_gets_django_redis_ignoring_a_redis_that_is_away(url):
    environment = {**os.environ, "DEBUG": "true", "CACHE_URL": url}
    printed = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "cache = settings.CACHES['default']; "
                               "print(cache['BACKEND'], cache['LOCATION'], cache['OPTIONS']['IGNORE_EXCEPTIONS'])"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "housing_portal.settings"}, cwd=PROJECT_DIR,
        capture_output=True, text=True, check=True).stdout.strip()
    assert printed == "django_redis.cache.RedisCache redis://redis:6379/1 True"


def test_with_redis_away_every_call_is_a_miss_and_later_calls_do_not_wait(redis_server, caplog):
    cache = caches["default"]  # the server is never started: nothing listens on its port

    assert cache.get("k", "default") == "default"
    started = time.monotonic()
    assert not cache.add("k", 1, timeout=60)
    assert cache.incr("k") is None
    assert cache.get_many(["k"]) == {}
    assert cache.set("k", 1) is None and not cache.delete("k")
    assert time.monotonic() - started < 0.05  # a refused connection is not tried again with back-off
    assert "Exception ignored" in caplog.text  # logged, so an operator sees it


def test_the_cache_works_again_once_redis_is_back(redis_server):
    cache = caches["default"]
    assert cache.get("k") is None  # away
    redis_server.start()

    assert cache.add("k", 41, timeout=60) is True
    assert cache.incr("k") == 42
    assert cache.get("k") == 42


def test_timeouts_mean_what_they_mean_in_django_none_forever_and_omitted_the_default(redis_server):
    import redis

    redis_server.start()
    cache = caches["default"]
    cache.set("forever", 1, timeout=None)
    cache.add("forever-too", 1, timeout=None)
    cache.set("by-default", 1)
    cache.set_many({"many-forever": 1}, timeout=None)

    ttl = redis.Redis.from_url(redis_server.url).ttl
    assert ttl(cache.make_and_validate_key("forever")) == -1  # no expiry
    assert ttl(cache.make_and_validate_key("forever-too")) == -1
    assert ttl(cache.make_and_validate_key("many-forever")) == -1
    assert 0 < ttl(cache.make_and_validate_key("by-default")) <= 300  # Django's default timeout
