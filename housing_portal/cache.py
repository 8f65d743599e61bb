"""The cache on Redis, kept out of the citizen's way while Redis is away.

Redis holds both the broker's queues and the cache (docker-compose, .env.example). When it
stops, a complaint must still be stored and answered with its reference (docs/reliability.md,
drill 1), so a cache call that cannot reach Redis counts as a miss: `get` gives the default,
`add` and `set` act as if stored, a count starts again at one. The failure is logged, and for
AWAY_SECONDS this process does not try Redis again (the client spends seconds retrying a refused
connection). Throttles are open meanwhile: better than turning citizens away.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
AWAY_SECONDS = 10
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class ReusedClients(RedisCacheClient):
    """Django makes a new redis.Redis object for every cache call, which costs about 0.25 ms (it
    copies some 170 response callbacks). One per connection pool is enough: redis-py's clients
    are safe to share between threads."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})  # by pool; the pools are kept for good
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class TolerantRedisCache(RedisCache):
    _away_until = 0.0  # per process, like the connections

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients

    def _tolerant(self, call, fallback):
        if time.monotonic() < TolerantRedisCache._away_until:
            return fallback
        try:
            return call()
        except UNREACHABLE as error:
            TolerantRedisCache._away_until = time.monotonic() + AWAY_SECONDS
            log.warning("Cache unreachable (%s): working without it for %d s", error.__class__.__name__,
                        AWAY_SECONDS)
            return fallback

    @classmethod
    def forget_failures(cls) -> None:
        cls._away_until = 0.0

    def get(self, key, default=None, version=None):
        return self._tolerant(lambda: RedisCache.get(self, key, default, version), default)

    def set(self, key, value, timeout=None, version=None):  # noqa: D102 (the default timeout is Django's)
        kwargs = {} if timeout is None else {"timeout": timeout}
        return self._tolerant(lambda: RedisCache.set(self, key, value, version=version, **kwargs), None)

    def add(self, key, value, timeout=None, version=None):
        kwargs = {} if timeout is None else {"timeout": timeout}
        return self._tolerant(lambda: RedisCache.add(self, key, value, version=version, **kwargs), True)

    def incr(self, key, delta=1, version=None):
        return self._tolerant(lambda: RedisCache.incr(self, key, delta, version), delta)

    def delete(self, key, version=None):
        return self._tolerant(lambda: RedisCache.delete(self, key, version), False)

    def touch(self, key, timeout=None, version=None):
        kwargs = {} if timeout is None else {"timeout": timeout}
        return self._tolerant(lambda: RedisCache.touch(self, key, version=version, **kwargs), False)

    def has_key(self, key, version=None):
        return self._tolerant(lambda: RedisCache.has_key(self, key, version), False)

    def get_many(self, keys, version=None):
        return self._tolerant(lambda: RedisCache.get_many(self, keys, version), {})

    def set_many(self, data, timeout=None, version=None):
        kwargs = {} if timeout is None else {"timeout": timeout}
        return self._tolerant(lambda: RedisCache.set_many(self, data, version=version, **kwargs), list(data))

    def delete_many(self, keys, version=None):
        return self._tolerant(lambda: RedisCache.delete_many(self, keys, version), None)

    def clear(self):
        return self._tolerant(lambda: RedisCache.clear(self), False)

    def count_in_window(self, keys: list[str], window_seconds: int) -> list[int]:
        """One more under each key, in one command; a key's window starts with its first count."""
        def call():
            full_keys = [self.make_and_validate_key(key) for key in keys]
            client = self._cache.get_client(full_keys[0], write=True)
            return _count_in_window_script(client)(keys=full_keys, args=[window_seconds], client=client)
        return self._tolerant(call, [1] * len(keys))


# One command where a pipeline of INCR and EXPIRE per key cost redis-py three times the CPU.
COUNT_IN_WINDOW = """
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  redis.call('EXPIRE', key, ARGV[1], 'NX')
end
return counts
"""


def _count_in_window_script(client):
    scripts = client.__dict__.setdefault("_housing_scripts", {})
    if "count_in_window" not in scripts:
        scripts["count_in_window"] = client.register_script(COUNT_IN_WINDOW)
    return scripts["count_in_window"]
