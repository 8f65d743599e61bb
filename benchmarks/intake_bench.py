"""`manage.py bench_intake`: intake throughput through the citizen form and the Open311 API
against a bare insert (the ceiling), the tracking page, and the peak memory of a gunicorn worker
and a Celery worker, all through gunicorn on the bench database.

Each load runs `clients` threads for `seconds`; afterwards the rows are counted (accepted =
stored) and every complaint must be routed by the Celery worker.
"""

import functools
import random
from dataclasses import dataclass, field

from django.utils import timezone

from . import load, runs, scenarios, servers

ROUTING_DEADLINE_SECONDS = 120


@dataclass(frozen=True)
class Options:
    clients: int = 8
    seconds: float = 20.0
    tracking_clients: int = 8
    attachment_share: float = 0.1
    database_url: str = ""
    broker_url: str = ""
    cache_url: str = ""
    config: servers.ServerConfig = field(default_factory=servers.ServerConfig)


def bench(options: Options, write) -> bool:
    """Runs the loads and writes each figure; returns False when a count does not match or a
    request failed."""
    rng = random.Random(2026)
    env = servers.environment(database_url=options.database_url, broker_url=options.broker_url,
                              cache_url=options.cache_url)
    texts = runs.texts()
    api_key = runs.open311_key()
    citizens = scenarios.Citizens(seed=rng.randrange(10 ** 8))
    addresses = load.SourceAddresses(first=rng.randrange(10 ** 6))
    tracked = runs.tracked_sample(2000, rng=rng)
    started_servers = runs.start_servers(options.config, env=env)
    ok = True
    try:
        url = started_servers.web.url
        write(f"server: {options.config.describe()}, 1 Celery worker (concurrency 1), DEBUG off, "
              f"PostgreSQL, Redis broker and cache; load: {options.clients} clients for {options.seconds:g} s each")
        ledger = scenarios.Ledger()

        def load_of(label, scenario, *, clients=options.clients, after_warm_up=lambda: None):
            def scenario_for(index):
                return (functools.partial(scenario, rng=random.Random(index)),
                        load.Session(url, source_address=None))
            _warm_up(scenario_for)
            after_warm_up()
            result = load.run(scenario_for, clients=clients, seconds=options.seconds)
            write(f"\n{label}: {result.elapsed:.1f} s")
            for kind in load.kinds(result.samples):
                write("  " + load.summarise(result.samples, kind=kind, elapsed=result.elapsed).line())
            for error in sorted(set(result.errors))[:5]:
                write(f"  error ×{result.errors.count(error)}: {error}")
            return result

        warm_ledger, before = scenarios.Ledger(), {}
        ceiling = load_of("ceiling: bare view inserting one row (POST /bench/ceiling/)", functools.partial(
            scenarios.ceiling_insert, texts=texts, ledger=warm_ledger),
            after_warm_up=lambda: before.update(rows=runs.ceiling_rows(), accepted=warm_ledger.count("ceiling")))
        stored_rows = runs.ceiling_rows() - before["rows"]
        ceiling_count = runs.Count("ceiling rows", warm_ledger.count("ceiling") - before["accepted"],
                                   stored_rows, stored_rows)

        since = timezone.now()
        api = load_of("intake API: Open311 POST /open311/v2/requests.json", functools.partial(
            scenarios.open311_submit, texts=texts, citizens=citizens, api_key=api_key, ledger=ledger))
        form = load_of("citizen web form: form, check, send, confirmation", functools.partial(
            scenarios.citizen_form, texts=texts, citizens=citizens, addresses=addresses, ledger=ledger,
            attachment_share=options.attachment_share))
        tracking = load_of("tracking: form, lookup (reference + last 4 digits), complaint page", functools.partial(
            scenarios.track, complaints=tracked, addresses=addresses), clients=options.tracking_clients)

        counts = [
            ceiling_count,
            runs.count_complaints("open311 complaints", ledger.references("open311"),
                                  external_prefix=f"open311:{runs.OPEN311_SLUG}:", since=since),
            runs.count_complaints("web form complaints", ledger.references("web form"),
                                  external_prefix="web-", since=since),
        ]
        write("\naccepted = stored (warm-up requests included for the complaints)")
        for count in counts:
            write("  " + count.line())
        waiting, seconds = runs.wait_until_routed(ledger.references("open311") + ledger.references("web form"),
                                                  timeout=ROUTING_DEADLINE_SECONDS)
        write(f"  routed by the Celery worker: {'all' if not waiting else f'{waiting} NOT'} "
              f"{seconds:.1f} s after the last load ended")

        ceiling_rate = _rate(ceiling, "ceiling POST")
        write("\nintake against the ceiling (requests per second that store a complaint / bare inserts per second)")
        for label, result, kind, per_complaint in (("Open311 API", api, "open311 POST", 1),
                                                   ("web form, send POST", form, "send POST", None)):
            rate = _rate(result, kind)
            summary = load.summarise(result.samples, kind=kind, elapsed=result.elapsed)
            write(f"  {label:<22} {rate:7.1f} complaints/s  ratio {rate / ceiling_rate:.2f}  "
                  f"p95 {summary.p95:.1f} ms   (targets: ratio ≥ 0.5, p95 < 50 ms)")
        all_requests = len(form.samples) / form.elapsed
        write(f"  web form, every request {all_requests:7.1f} requests/s  ratio {all_requests / ceiling_rate:.2f} "
              f"(a complaint takes {len(form.samples) / max(1, ledger.count('web form')):.1f} requests)")
        track_page = load.summarise(tracking.samples, kind="tracking page GET", elapsed=tracking.elapsed)
        write(f"\ntracking page at {_complaints():,} complaints: p50 {track_page.p50:.1f} ms  "
              f"p95 {track_page.p95:.1f} ms  (target p95 < 50 ms)")

        memory = started_servers.peak_memory_kib()
        write("\npeak memory (VmHWM): " + ", ".join(f"{name} {kib / 1024:.0f} MiB" for name, kib in memory.items()))
        for result in (ceiling, api, form, tracking):
            failed = [s for s in result.samples if s.status >= 500 or s.status == 0]
            ok = ok and not failed and not result.errors
        ok = ok and all(count.matches for count in counts) and not waiting
    finally:
        started_servers.stop()
    return ok


def _warm_up(scenario_for):
    """A few requests before timing: each worker imports and connects on its first."""
    scenario, session = scenario_for(0)
    try:
        for _ in range(8):
            scenario(session)
    finally:
        session.close()


def _rate(result: load.Run, kind: str) -> float:
    good = [s for s in result.samples if s.kind == kind and (200 <= s.status < 400)]
    return len(good) / result.elapsed if result.elapsed else 0.0


def _complaints() -> int:
    from complaints.models import Complaint

    return Complaint.objects.count()
