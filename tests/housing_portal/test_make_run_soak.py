"""The soak of `make run` (make test-soak): scripts/run_portal.py itself, on the embedded defaults
(SQLite and the SQLite broker) in a temporary var/, for SOAK_SECONDS (default 300) with a citizen
sending a complaint through the web form every few seconds, each from a loopback address of their
own; every one must be routed and the worker and beat must never die. Then the worker is killed
with SIGKILL, comes back, and routes what is sent after. Then SIGTERM stops everything.

One portal for the module (preparing it, migrate and the demo data, takes a minute or two), used
by the tests in order.
"""

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks import load, scenarios
from benchmarks.servers import PROJECT_DIR, free_port
from tests.support.processes import wait_until

pytestmark = pytest.mark.soak

SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "300"))
SECONDS_BETWEEN_COMPLAINTS = 4
READY = re.compile(r"Portal: (http://\S+)/ar/")


class Portal:
    def __init__(self, var_dir: Path):
        self.var_dir = var_dir
        self.port = free_port()
        self.output_path = var_dir.parent / "make-run.out"
        # Only what a developer's shell would have: none of the test suite's settings.
        env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TZ") if name in os.environ}
        env.update(VAR_DIR=str(var_dir), PORT=str(self.port))
        self.process = subprocess.Popen([sys.executable, "scripts/run_portal.py"], cwd=PROJECT_DIR, env=env,
                                        stdout=open(self.output_path, "wb"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.url = None

    def output(self) -> str:
        return self.output_path.read_text(errors="replace")

    def wait_until_ready(self):
        def ready():
            assert self.process.poll() is None, f"make run stopped:\n{self.output()[-3000:]}"
            match = READY.search(self.output())
            if match:
                self.url = match.group(1)
            return bool(match)
        wait_until(ready, timeout=600, interval=1, what="make run to serve the portal")

    def database(self):
        return sqlite3.connect(f"file:{self.var_dir / 'portal.sqlite3'}?mode=ro", uri=True, timeout=20)

    def texts(self) -> scenarios.Texts:
        with self.database() as db:
            categories = tuple(row[0] for row in db.execute("SELECT id FROM complaints_category"))
        return scenarios.Texts(complaints=(("تسرب مياه في السقف", "يتسرب الماء من سقف غرفة النوم منذ شهرين.", "ar"),),
                               category_ids=categories, service_codes=())

    def unrouted(self, references: list[str]) -> list[str]:
        with self.database() as db:
            rows = dict(db.execute(
                f"SELECT reference, department_id FROM complaints_complaint WHERE status != 'new' AND reference IN "
                f"({','.join('?' * len(references))})", [reference.replace('-', '') for reference in references]))
        return [reference for reference in references if not rows.get(reference.replace('-', ''))]

    def worker_pid(self) -> int:
        for pid in child_pids(self.process.pid):
            if " worker " in cmdline(pid):
                return pid
        raise AssertionError("no worker among make run's processes")


def child_pids(pid: int) -> list[int]:
    try:
        return [int(number) for number in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def descendants(pid: int) -> list[int]:
    found = []
    for child in child_pids(pid):
        found += [child, *descendants(child)]
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("make-run") / "var"
    portal = Portal(var_dir)
    try:
        portal.wait_until_ready()
        yield portal
    finally:
        if portal.process.poll() is None:
            os.killpg(portal.process.pid, signal.SIGKILL)
        for pid in descendants(portal.process.pid):
            os.kill(pid, signal.SIGKILL)


class Citizens:
    def __init__(self, portal: Portal):
        self.portal = portal
        self.texts = portal.texts()
        self.numbers = scenarios.Citizens(seed=random.randrange(10_000_000))
        self.addresses = load.SourceAddresses(first=random.randrange(1000, 100_000))
        self.ledger = scenarios.Ledger()
        self.rng = random.Random(16)

    def send_one(self) -> str:
        """One citizen's whole visit to the web form (form, check, Send), from an address of their own."""
        session = load.Session(self.portal.url)
        try:
            scenarios.citizen_form(session, texts=self.texts, citizens=self.numbers, addresses=self.addresses,
                                   ledger=self.ledger, rng=self.rng)
        finally:
            session.close()
        assert all(sample.status < 400 for sample in session.samples), session.samples
        return self.ledger.references("web form")[-1]


def test_make_run_routes_every_web_form_complaint_for_minutes_and_nothing_dies(portal):
    citizens = Citizens(portal)
    assert portal.url == f"http://127.0.0.1:{portal.port}"  # the address PORT named, not 8000
    started = time.monotonic()
    sent = []
    while time.monotonic() - started < SOAK_SECONDS:
        sent.append(citizens.send_one())
        time.sleep(SECONDS_BETWEEN_COMPLAINTS)

    # Routing prompts run a second after they are sent; the reconcile beat task every minute.
    wait_until(lambda: not portal.unrouted(sent), timeout=150, interval=2,
               what=f"all {len(sent)} complaints to be routed; still new: {portal.unrouted(sent)}")
    assert len(sent) >= SOAK_SECONDS / (SECONDS_BETWEEN_COMPLAINTS + 5)
    print(f"make run soak: {len(sent)} web-form complaints over {SOAK_SECONDS:.0f} s, every one routed")
    assert "stopped" not in portal.output(), portal.output()[-3000:]  # no worker, beat or web server died
    assert portal.process.poll() is None


def test_a_worker_killed_under_make_run_comes_back_and_routes(portal):
    citizens = Citizens(portal)
    killed = portal.worker_pid()
    os.kill(killed, signal.SIGKILL)

    wait_until(lambda: "The Celery worker stopped (killed by SIGKILL); starting it again" in portal.output(),
               timeout=30, what="make run to notice the worker died")
    wait_until(lambda: portal.worker_pid() != killed, timeout=30, what="a new worker")
    sent = [citizens.send_one() for _ in range(3)]
    wait_until(lambda: not portal.unrouted(sent), timeout=150, interval=2, what="the new worker to route")
    assert portal.process.poll() is None


def test_sigterm_stops_make_run_and_every_process_it_started_within_seconds(portal):
    started_by_it = descendants(portal.process.pid)
    assert len(started_by_it) >= 3  # the web server, the worker (and its pool), beat

    portal.process.send_signal(signal.SIGTERM)
    portal.process.wait(timeout=15)
    wait_until(lambda: not any(alive(pid) for pid in started_by_it), timeout=5, what="every child to be gone")
    assert portal.process.returncode == 0
    assert portal.output().rstrip().endswith("Stopped.")
