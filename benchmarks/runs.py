"""What `bench_intake` and `load_test` share: the servers started on the bench database, the
texts and keys the simulated clients use, and the accounting of what was accepted against what
was stored and routed."""

import random
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from benchmarks import servers
from benchmarks.scenarios import Texts
from complaints.api_keys.models import Open311Client
from complaints.models import Category, Complaint
from complaints.values import references
from housing_portal.demo import core_data

OPEN311_SLUG = "load-driver"
LOG_DIR = servers.PROJECT_DIR / "var" / "bench"


def texts() -> Texts:
    categories = list(Category.objects.filter(is_active=True).values_list("pk", "code"))
    if not categories:
        raise RuntimeError("No active category: run seed_demo first.")
    return Texts(
        complaints=tuple((subject, body, language) for subject, body, _kind, _code, language
                         in core_data.COMPLAINT_TEMPLATES),
        category_ids=tuple(pk for pk, _code in categories),
        service_codes=tuple(code for _pk, code in categories),
    )


def open311_key() -> str:
    """A fresh key for the load driver's Open311 client (made on first use)."""
    client = Open311Client.objects.filter(slug=OPEN311_SLUG).first() or Open311Client(
        slug=OPEN311_SLUG, name="Load driver (benchmarks)")
    key = client.set_new_key()
    client.is_active = True
    client.save()
    return key


@dataclass
class Servers:
    web: servers.Gunicorn
    worker: servers.CeleryWorker

    def stop(self):
        self.web.stop()
        self.worker.stop()

    def cpu_seconds(self) -> dict:
        """CPU time used so far by the gunicorn workers and by the Celery worker's processes."""
        worker = [self.worker.process.pid, *self.worker.children()] if self.worker.process else []
        return {"web": sum(servers.cpu_seconds(pid) for pid in self.web.children()),
                "celery": sum(servers.cpu_seconds(pid) for pid in worker)}

    def peak_memory_kib(self) -> dict:
        """Peak resident memory of the busiest gunicorn worker and of the Celery worker's two
        processes (the main process, which takes messages, and the pool process that runs tasks)."""
        return {"web worker": servers.peak_of(self.web.children()),
                "celery main process": servers.peak_rss_kib(self.worker.process.pid),
                "celery pool process": servers.peak_of(self.worker.children())}


def start_servers(config: servers.ServerConfig, *, env: dict, log_dir: Path = LOG_DIR,
                  start_worker: bool = True) -> Servers:
    """Migrates (the ceiling's table too), collects static files, then starts gunicorn and one
    Celery worker (now, or later with `Servers.worker.start()`) with the production settings of `env`."""
    servers.manage(env, "migrate", "--noinput", "-v0")
    servers.collect_static(env)
    worker = servers.CeleryWorker(env=env, log_path=log_dir / "celery.log")
    if start_worker:
        worker.start()
    try:
        web = servers.Gunicorn(config, env=env, log_path=log_dir / "gunicorn.log").start()
    except Exception:
        worker.stop()
        raise
    return Servers(web, worker)


# --- Accounting ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Count:
    label: str
    accepted: int  # answers that said stored (201, or the redirect to the confirmation)
    stored: int  # rows of that kind found afterwards
    found: int  # of the accepted references, how many are stored

    @property
    def matches(self) -> bool:
        return self.accepted == self.stored == self.found

    def line(self) -> str:
        verdict = "ok" if self.matches else "MISMATCH"
        return f"{self.label:<34} accepted {self.accepted:>6}  stored {self.stored:>6}  {verdict}"


def count_complaints(label: str, accepted_references, *, external_prefix: str, since) -> Count:
    """What was accepted against what is stored: every accepted reference must be there, and no
    other complaint of that kind received since `since`."""
    canonical = {references.parse(text) for text in accepted_references}
    return Count(
        label, accepted=len(accepted_references),
        stored=Complaint.objects.filter(external_reference__startswith=external_prefix, received_at__gte=since).count(),
        found=Complaint.objects.filter(reference__in=canonical).count() if canonical else 0,
    )


def ceiling_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_ceiling_row")
        return cursor.fetchone()[0]


def wait_until_routed(references_, *, timeout: float) -> tuple[int, float]:
    """Waits until every complaint with these references has left NEW; returns (still new, seconds)."""
    canonical = [references.parse(text) for text in references_]
    started = time.monotonic()
    while True:
        waiting = Complaint.objects.filter(reference__in=canonical, status=Complaint.Status.NEW).count()
        elapsed = time.monotonic() - started
        if waiting == 0 or elapsed > timeout:
            return waiting, elapsed
        time.sleep(0.5)


def tracked_sample(size: int, *, rng: random.Random) -> list[tuple[str, str]]:
    """(reference, mobile) of `size` complaints picked at random across the table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM complaints_complaint")
        low, high = cursor.fetchone()
    ids = [rng.randint(low, high) for _ in range(size * 3)]
    found = list(Complaint.objects.filter(pk__in=ids).exclude(contact_mobile="")
                 .values_list("reference", "contact_mobile")[:size])
    if not found:
        raise RuntimeError("No complaint with a mobile to track.")
    return found
