"""`manage.py bench_intake`: intake throughput through the citizen form and the Open311 API
against a bare insert (the ceiling), the tracking page, and the peak memory of a gunicorn worker
and a Celery worker, all through gunicorn on the bench database.

Each intake load runs `clients` threads for `seconds` while the Celery worker is stopped, so that
the figures compare the web tier alone (routing messages are still published to Redis, and wait
there). The ceiling is measured before, between and after the two intake loads that have
targets, and each is compared with the ceilings on either side of it. The worker is started
afterwards: the time it takes to route and notify what the loads left is its own figure, and
every complaint must be routed. Then the rows are counted (accepted = stored), and the tracking
page is timed one request at a time, like the other pages.
"""

import functools
import random
import threading
import time
from dataclasses import dataclass, field

from django.utils import timezone

from complaints.models import Complaint

from benchmarks import load, runs, scenarios, servers

ROUTING_DEADLINE_SECONDS = 300
WARM_UP_RUNS = 8


@dataclass(frozen=True)
class Options:
    clients: int = 8
    seconds: float = 20.0
    tracking_clients: int = 1
    attachment_share: float = 0.1
    # Enough for 8 clients × 20 s of Sends at 450 a second; the run fails if they run out.
    form_drafts: int = 9000
    database_url: str = ""
    broker_url: str = ""
    cache_url: str = ""
    config: servers.ServerConfig = field(default_factory=servers.ServerConfig)


def bench(options: Options, write) -> bool:
    """Runs the loads and writes each figure; returns False when a count does not match, a
    request failed or a complaint was not routed."""
    rng = random.Random(2026)
    env = servers.environment(database_url=options.database_url, broker_url=options.broker_url,
                              cache_url=options.cache_url)
    texts = runs.texts()
    api_key = runs.open311_key()
    # Not from the seeded generator: a run straight after another must not come from the same
    # addresses (the limits' counts stay in Redis for an hour), nor send the same citizens again
    # (each would have the last run's complaints to be compared with as likely duplicates).
    fresh = random.SystemRandom()
    addresses = load.SourceAddresses(first=fresh.randrange(16_000_000))
    citizens = scenarios.Citizens(seed=fresh.randrange(10 ** 8))
    tracked = runs.tracked_sample(2000, rng=rng)
    started = runs.start_servers(options.config, env=env, start_worker=False)
    results = []
    try:
        write(f"server: {options.config.describe()}, DEBUG off, PostgreSQL, Redis as broker and cache; "
              f"1 Celery worker (concurrency 1), started after the intake loads")

        def load_of(label, scenario, *, clients=options.clients, after_warm_up=lambda: None):
            def scenario_for(index):
                return functools.partial(scenario, rng=random.Random(index)), load.Session(started.web.url)
            _warm_up(scenario_for)
            after_warm_up()
            cpu_before = started.cpu_seconds()
            result = load.run(scenario_for, clients=clients, seconds=options.seconds)
            web_cpu = started.cpu_seconds()["web"] - cpu_before["web"]
            write(f"\n{label}\n  {clients} clients, {result.elapsed:.1f} s; CPU of the web workers per request: "
                  f"{web_cpu * 1000 / max(1, len(result.samples)):.1f} ms")
            for kind in load.kinds(result.samples):
                write("  " + load.summarise(result.samples, kind=kind, elapsed=result.elapsed).line())
            for error in sorted(set(result.errors))[:5]:
                write(f"  error ×{result.errors.count(error)}: {error}")
            results.append(result)
            return result

        ledger, ceilings, ceiling_rows = scenarios.Ledger(), [], [0, 0]

        def ceiling_load(label):
            """The bare insert, measured again around each intake load: the machine's pace drifts
            between loads (±7 % and more), and an intake load is compared with the ceilings on
            either side of it."""
            before = {}
            ceilings.append(load_of(label, functools.partial(scenarios.ceiling_insert, texts=texts, ledger=ledger),
                                    after_warm_up=lambda: before.update(rows=runs.ceiling_rows(),
                                                                        accepted=ledger.count("ceiling"))))
            ceiling_rows[0] += ledger.count("ceiling") - before["accepted"]
            ceiling_rows[1] += runs.ceiling_rows() - before["rows"]

        ceiling_load("ceiling: a bare view inserting one row (POST /bench/ceiling/)")
        since = timezone.now()
        api = load_of("intake API: Open311 POST /open311/v2/requests.json (form post, citizen's CPR, "
                      "Idempotency-Key)", functools.partial(
                          scenarios.open311_submit, texts=texts, citizens=citizens, api_key=api_key, ledger=ledger))
        ceiling_load("ceiling again, after the Open311 load")
        form = load_of(f"citizen web form, whole visits: empty form, filled form ({options.attachment_share:.0%} "
                       "with a photo), check page, Send, confirmation", functools.partial(
                           scenarios.citizen_form, texts=texts, citizens=citizens, addresses=addresses,
                           ledger=ledger, attachment_share=options.attachment_share))
        drafts = scenarios.Drafts()
        filled = _prepare_drafts(started.web.url, options, drafts=drafts, texts=texts, citizens=citizens,
                                 addresses=addresses)
        write(f"\n{len(drafts):,} drafts filled in beforehand (filled form) in {filled:.1f} s, untimed")
        form_post = load_of("citizen web form, the form's POST alone: Send on a draft filled in beforehand",
                            functools.partial(scenarios.send_draft, drafts=drafts, ledger=ledger))
        ceiling_load("ceiling again, after the form's POST alone")
        sent = ledger.references("web form") + ledger.references("web form, Send alone")

        counts = [runs.Count("ceiling rows", ceiling_rows[0], ceiling_rows[1], ceiling_rows[1]),
                  runs.count_complaints("Open311 complaints", ledger.references("open311"),
                                        external_prefix=f"open311:{runs.OPEN311_SLUG}:", since=since),
                  runs.count_complaints("web form complaints", sent, external_prefix="web-", since=since)]
        write("\naccepted = stored (the warm-up's complaints included)")
        for count in counts:
            write("  " + count.line())

        submitted = ledger.references("open311") + sent
        queued = Complaint.objects.filter(status=Complaint.Status.NEW, received_at__gte=since).count()
        started.worker.start()
        waiting, seconds = runs.wait_until_routed(submitted, timeout=ROUTING_DEADLINE_SECONDS)
        write(f"  routing: the Celery worker, started after the loads, routed "
              f"{'all ' + str(queued) if not waiting else f'{queued - waiting} of {queued}'} waiting complaints "
              f"in {seconds:.1f} s (and sends their acknowledgements)")

        rates = [_rate(result, "ceiling POST") for result in ceilings]
        write("\nintake against the ceiling (complaints stored per second / bare rows inserted per second, the mean "
              f"of the ceilings measured before and after it: {' / '.join(f'{rate:.1f}' for rate in rates)})")
        for label, result, kind, around in (("Open311 API", api, "open311 POST", rates[0:2]),
                                            ("web form's POST", form_post, "send POST", rates[1:3]),
                                            ("web form visits", form, "send POST", rates[1:3])):
            rate, ceiling_rate = _rate(result, kind), sum(around) / len(around)
            summary = load.summarise(result.samples, kind=kind, elapsed=result.elapsed)
            write(f"  {label:<16} {rate:7.1f}/s  ratio {rate / ceiling_rate:.2f} (to each: "
                  f"{' / '.join(f'{rate / each:.2f}' for each in around)})  p95 {summary.p95:.1f} ms  "
                  f"(targets: ratio ≥ 0.5, p95 < 50 ms)")
        every = len(form.samples) / form.elapsed
        write(f"  (a whole visit is {len(form.samples) / max(1, ledger.count('web form')):.1f} requests: all of them "
              f"{every:.1f}/s, ratio {every / (sum(rates[1:3]) / 2):.2f})")

        tracking = load_of("tracking: the form, the lookup (reference + last 4 digits of the mobile), the page",
                           functools.partial(scenarios.track, complaints=tracked, addresses=addresses),
                           clients=options.tracking_clients)
        page = load.summarise(tracking.samples, kind="tracking page GET", elapsed=tracking.elapsed)
        lookup = load.summarise(tracking.samples, kind="track lookup POST", elapsed=tracking.elapsed)
        write(f"\ntracking at {Complaint.objects.count():,} complaints, {options.tracking_clients} client: "
              f"page p50 {page.p50:.1f} ms p95 {page.p95:.1f} ms; lookup p50 {lookup.p50:.1f} ms "
              f"p95 {lookup.p95:.1f} ms (target p95 < 50 ms)")

        memory = started.peak_memory_kib()
        write("\npeak memory (VmHWM) over the whole run: "
              + ", ".join(f"{name} {kib / 1024:.0f} MiB" for name, kib in memory.items()))
    finally:
        started.stop()
    failed = any(s.status >= 500 or s.status == 0 for r in results for s in r.samples)
    return not failed and not any(r.errors for r in results) and all(c.matches for c in counts) and not waiting


def _prepare_drafts(base_url, options: Options, *, drafts, texts, citizens, addresses) -> float:
    """Fills in `options.form_drafts` forms with `options.clients` clients; returns the seconds taken."""
    wanted = options.form_drafts
    started = time.monotonic()
    per_client = -(-wanted // options.clients)

    def fill(index):
        session, rng = load.Session(base_url), random.Random(1000 + index)
        try:
            for _ in range(per_client):
                scenarios.fill_draft(session, drafts=drafts, texts=texts, citizens=citizens, addresses=addresses,
                                     rng=rng, attachment_share=options.attachment_share)
        finally:
            session.close()

    threads = [threading.Thread(target=fill, args=(index,), daemon=True) for index in range(options.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def _warm_up(scenario_for):
    """A few requests before timing: each worker imports and connects on its first."""
    scenario, session = scenario_for(0)
    try:
        for _ in range(WARM_UP_RUNS):
            scenario(session)
    finally:
        session.close()


def _rate(result: load.Run, kind: str) -> float:
    good = [s for s in result.samples if s.kind == kind and 200 <= s.status < 400]
    return len(good) / result.elapsed if result.elapsed else 0.0


