"""What the page benchmarks share: a database ready to time (the demo's staff and reference data,
then N bench complaints), and a page timed through the whole Django stack in one process."""

import io
import os
import random
import statistics
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from benchmarks import seed
from complaints.sla import clock

WARM_UP = 3  # the first requests warm caches and connections


def prepare_database(complaints: int) -> tuple[int, float]:
    """The demo's staff and reference data, then bench complaints up to `complaints`;
    returns (added, seconds)."""
    call_command("seed_demo", password=os.environ.get("DEMO_PASSWORD", "bench"), verbosity=0, stdout=io.StringIO())
    return seed.Seeder(now=timezone.now(), rng=random.Random(2026), plan=clock.plan()).seed(complaints)


@dataclass(frozen=True)
class Timed:
    timings: list[float]  # milliseconds, after the warm-up
    last_page: bytes

    @property
    def p50(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        ordered = sorted(self.timings)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_page(user, url: str, *, params: dict | None = None, runs: int) -> Timed:
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="ar")
    client.force_login(user)
    timings = []
    for run in range(runs + WARM_UP):
        started = time.perf_counter()
        response = client.get(url, params or {})
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise CommandError(f"{url} {params or ''} answered {response.status_code}")
        if run >= WARM_UP:
            timings.append(elapsed)
    return Timed(timings, response.content)
