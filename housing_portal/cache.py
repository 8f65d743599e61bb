"""The cache on Redis (django-redis), kept out of the citizen's way while Redis is away.

Redis holds both the broker's queues and the cache (docker-compose, .env.example). When it
stops, a complaint must still be stored and answered with its reference (docs/reliability.md,
drill 1), so a cache call that cannot reach Redis counts as a miss (django-redis's
IGNORE_EXCEPTIONS): `get` gives the default, writes do nothing, and a count starts again at one
(complaints/security/throttle.py). Throttles are open meanwhile: better than turning citizens away.
So that a call to a Redis that is away fails at once rather than after redis-py's retries with
back-off, the connections have short timeouts and no retry.

django-redis keeps one Redis client per process and counts with one round trip per `incr`.
"""

from redis.backoff import NoBackoff
from redis.retry import Retry

BACKEND = "django_redis.cache.RedisCache"
REDIS_BACKENDS = {BACKEND, "django.core.cache.backends.redis.RedisCache"}


def redis_cache(location: str, options: dict | None = None) -> dict:
    """The CACHES entry for a Redis at `location`, e.g. redis://127.0.0.1:6379/1."""
    return {"BACKEND": BACKEND, "LOCATION": location, "OPTIONS": {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 1.0,
        "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
        **(options or {}),
    }}
