"""Values kept in each process for a short while: things read on every request or routing
decision that staff change rarely (routing rules, departments, categories, Open311 clients).
An edit in the back office applies everywhere within SECONDS."""

import time

SECONDS = 30
_values: dict[str, tuple[float, object]] = {}


def cached(name: str, load):
    hit = _values.get(name)
    if hit is None or time.monotonic() - hit[0] > SECONDS:
        hit = (time.monotonic(), load())
        _values[name] = hit
    return hit[1]


def forget() -> None:
    _values.clear()
