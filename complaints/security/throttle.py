"""Counting attempts per key (an address, a reference) in the cache, to slow down and then
block guessing and flooding. The cache is shared by all web processes in production (Redis).
An address is always the client's as `proxies.client_address` sees it."""

import time

from django.core.cache import cache


def attempts(key: str) -> int:
    return cache.get(f"throttle:{key}", 0)


def record(key: str, *, window_seconds: int, amount: int = 1) -> int:
    """Counts `amount` more attempts under `key` and returns the count within the window, which
    starts with the first attempt (`add` sets its expiry; `incr` keeps it)."""
    full_key = f"throttle:{key}"
    if cache.add(full_key, amount, timeout=window_seconds):
        return amount
    try:
        count = cache.incr(full_key, amount)
    except ValueError:  # expired between add and incr
        cache.add(full_key, amount, timeout=window_seconds)
        return amount
    # None while Redis is away (housing_portal/cache.py): the count starts again.
    return amount if count is None else count


def record_all(keys: list[str], *, window_seconds: int) -> list[int]:
    """`record` for each of several keys."""
    return [record(key, window_seconds=window_seconds) for key in keys]


def clear(key: str) -> None:
    """Forgets the attempts under `key` and any hold-off on it."""
    cache.delete_many([f"throttle:{key}", f"throttle:{key}:next"])


def hold_off(key: str, *, seconds: float, window_seconds: int) -> None:
    """No further attempt under `key` is welcome for `seconds`."""
    cache.set(f"throttle:{key}:next", time.time() + seconds, timeout=window_seconds)


def seconds_to_wait(key: str) -> float:
    return max((cache.get(f"throttle:{key}:next") or 0) - time.time(), 0)
