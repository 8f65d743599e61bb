"""The cache on Redis, kept out of the citizen's way while Redis is away.

Redis holds both the broker's queues and the cache (docker-compose, .env.example). When it
stops, a complaint must still be stored and answered with its reference (docs/reliability.md,
drill 1), so a cache call that cannot reach Redis counts as a miss: `get` gives the default,
`add` and `set` act as if stored, a count starts again at one. Throttles are open meanwhile:
better than turning citizens away.

This is Django's own RedisCache; only its public methods are wrapped. So that a call to a Redis
that is away fails at once rather than after redis-py's retries with back-off, the connections
default to no retry and short timeouts (OPTIONS in CACHES may say otherwise).
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

log = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
CONNECTION_DEFAULTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0, "retry": Retry(NoBackoff(), 0)}


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, {**params, "OPTIONS": {**CONNECTION_DEFAULTS, **params.get("OPTIONS", {})}})

    def _tolerant(self, call, fallback):
        try:
            return call()
        except UNREACHABLE as error:
            log.warning("Cache unreachable (%s): working without it", error.__class__.__name__)
            return fallback

    def get(self, key, default=None, version=None):
        return self._tolerant(lambda: super(TolerantRedisCache, self).get(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._tolerant(lambda: parent.set(key, value, timeout=timeout, version=version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._tolerant(lambda: parent.add(key, value, timeout=timeout, version=version), True)

    def incr(self, key, delta=1, version=None):
        return self._tolerant(lambda: super(TolerantRedisCache, self).incr(key, delta, version), delta)

    def delete(self, key, version=None):
        return self._tolerant(lambda: super(TolerantRedisCache, self).delete(key, version), False)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._tolerant(lambda: parent.touch(key, timeout=timeout, version=version), False)

    def has_key(self, key, version=None):
        return self._tolerant(lambda: super(TolerantRedisCache, self).has_key(key, version), False)

    def get_many(self, keys, version=None):
        return self._tolerant(lambda: super(TolerantRedisCache, self).get_many(keys, version), {})

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._tolerant(lambda: parent.set_many(data, timeout=timeout, version=version), list(data))

    def delete_many(self, keys, version=None):
        return self._tolerant(lambda: super(TolerantRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._tolerant(lambda: super(TolerantRedisCache, self).clear(), False)
