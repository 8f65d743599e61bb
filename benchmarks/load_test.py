"""`manage.py load_test` (`make load-test`): 16 clients for 60 s against gunicorn and one Celery
worker, mixing citizens sending complaints through the web form, citizens tracking theirs and
staff reading the first page of the queue. It fails on any 5xx or unanswered request, when the
complaints stored differ from those the portal confirmed, or when one is not routed in time.
"""

import functools
import random
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from benchmarks import load, runs, scenarios, servers
from complaints.models import Complaint
from complaints.security import roles

STAFF_USERNAME = "load-test-supervisor"
# Of every 8 clients: 4 send complaints, 3 track one, 1 works the staff queue.
ROLES = ("submit", "track", "submit", "track", "submit", "staff", "submit", "track")


@dataclass(frozen=True)
class Options:
    clients: int = 16
    seconds: float = 60.0
    routing_deadline: float = 60.0
    database_url: str = ""
    broker_url: str = ""
    cache_url: str = ""
    config: servers.ServerConfig = field(default_factory=servers.ServerConfig)


@dataclass
class Verdict:
    failures: list = field(default_factory=list)

    def check(self, condition: bool, failure: str) -> None:
        if not condition:
            self.failures.append(failure)


def role_of(index: int) -> str:
    return ROLES[index % len(ROLES)]


def staff_user() -> tuple[str, str]:
    """A supervisor signed in with a password only (the servers run with two-factor off)."""
    password = secrets.token_urlsafe(16)
    user, _ = get_user_model().objects.get_or_create(username=STAFF_USERNAME, defaults={"is_staff": True})
    user.is_staff = user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.add(roles.ensure_role_groups()["supervisor"])
    return STAFF_USERNAME, password


def load_test(options: Options, write) -> Verdict:
    rng = random.Random()
    env = servers.environment(database_url=options.database_url, broker_url=options.broker_url,
                              cache_url=options.cache_url,
                              extra={"STAFF_TWO_FACTOR_REQUIRED": "false", "BENCH_CEILING": "false"})
    texts = runs.texts()
    username, password = staff_user()
    tracked = runs.tracked_sample(200, rng=rng)
    # Not from the seeded generator: a run straight after another must not come from the same
    # addresses (the limits' counts stay in Redis for an hour), nor send the same citizens again
    # (each would have the last run's complaints to be compared with as likely duplicates).
    fresh = random.SystemRandom()
    addresses = load.SourceAddresses(first=fresh.randrange(16_000_000))
    citizens = scenarios.Citizens(seed=fresh.randrange(10 ** 8))
    ledger = scenarios.Ledger()
    started_servers = runs.start_servers(options.config, env=env)
    verdict = Verdict()
    try:
        url = started_servers.web.url

        def scenario_for(index):
            role, client_rng = role_of(index), random.Random(index)
            scenario = {
                "submit": functools.partial(scenarios.citizen_form, texts=texts, citizens=citizens,
                                            addresses=addresses, ledger=ledger, attachment_share=0.1),
                "track": functools.partial(scenarios.track, complaints=tracked, addresses=addresses),
                "staff": functools.partial(scenarios.staff_queue, username=username, password=password),
            }[role]
            return functools.partial(scenario, rng=client_rng) if role != "staff" else scenario, load.Session(url)

        since = timezone.now()
        write(f"server: {options.config.describe()}, 1 Celery worker (concurrency 1), DEBUG off, two-factor off; "
              f"{options.clients} clients ({', '.join(f'{ROLES.count(r)}/8 {r}' for r in dict.fromkeys(ROLES))}) "
              f"for {options.seconds:g} s")
        result = load.run(scenario_for, clients=options.clients, seconds=options.seconds)
        write(f"ran {result.elapsed:.1f} s, {len(result.samples)} requests")
        for kind in load.kinds(result.samples):
            write("  " + load.summarise(result.samples, kind=kind, elapsed=result.elapsed).line())
        server_errors = [s for s in result.samples if s.status >= 500]
        unanswered = [s for s in result.samples if s.status == 0]
        verdict.check(not server_errors, f"{len(server_errors)} answers were 5xx")
        verdict.check(not unanswered, f"{len(unanswered)} requests got no answer")
        for error in sorted(set(result.errors)):
            verdict.failures.append(f"{result.errors.count(error)} × {error}")

        count = runs.count_complaints("complaints sent", ledger.references("web form"), external_prefix="web-",
                                      since=since)
        write("  " + count.line())
        verdict.check(count.accepted > 0, "no complaint was accepted")
        verdict.check(count.matches, f"accepted {count.accepted}, stored {count.stored} "
                                     f"({count.found} of the accepted found)")
        waiting, seconds = runs.wait_until_routed(ledger.references("web form"), timeout=options.routing_deadline)
        write(f"  routed: {'all' if not waiting else f'{waiting} still waiting'} {seconds:.1f} s after the load ended "
              f"(deadline {options.routing_deadline:g} s)")
        verdict.check(not waiting, f"{waiting} complaints not routed within {options.routing_deadline:g} s")
        memory = started_servers.peak_memory_kib()
        write("  peak memory (VmHWM): " + ", ".join(f"{name} {kib / 1024:.0f} MiB" for name, kib in memory.items()))
        still_new = Complaint.objects.filter(status=Complaint.Status.NEW, received_at__gte=since).count()
        verdict.check(still_new == 0, f"{still_new} complaints received during the test are still new")
    finally:
        started_servers.stop()
    return verdict
