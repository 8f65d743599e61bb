"""The servers a benchmark drives: gunicorn serving the portal and one Celery worker, started as
in production (DEBUG off, collected static files, Redis as broker and cache) but on plain HTTP on
127.0.0.1, plus what they cost in memory (peak resident set size, from /proc).

The server configuration is one value (`ServerConfig`) so that every figure names it.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH_SECRET_KEY = "benchmark-only-secret-key-not-for-production-0123456789abcdef"


@dataclass(frozen=True)
class ServerConfig:
    """gunicorn's settings for a run. Default: on 2 cores, 4 sync workers (2 per core): sync
    workers hold one request each and the portal's requests wait mostly on PostgreSQL, so two
    per core keep both cores busy; more only add memory and context switches here, since the
    database, Redis, the Celery worker and the load driver share the same cores."""

    workers: int = 2 * (os.cpu_count() or 1)
    worker_class: str = "sync"
    threads: int = 1

    def arguments(self) -> list[str]:
        arguments = ["--workers", str(self.workers), "--worker-class", self.worker_class]
        if self.worker_class == "gthread":
            arguments += ["--threads", str(self.threads)]
        return arguments

    def describe(self) -> str:
        threads = f" × {self.threads} threads" if self.worker_class == "gthread" else ""
        return f"gunicorn {self.workers} {self.worker_class} workers{threads}"


def environment(*, database_url: str, broker_url: str, cache_url: str, extra: dict | None = None) -> dict:
    """The portal's production settings, except plain HTTP (no TLS on 127.0.0.1)."""
    return {
        **os.environ,
        "DEBUG": "false", "SECRET_KEY": BENCH_SECRET_KEY, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0", "DATABASE_URL": database_url, "CELERY_BROKER_URL": broker_url,
        "CACHE_URL": cache_url, "LOG_LEVEL": "WARNING", "BENCH_CEILING": "true",
        # One Open311 client sends the whole load: its limit is still counted, never reached.
        "OPEN311_REQUESTS_PER_MINUTE": "1000000",
        **(extra or {}),
    }


def database_url(db: dict) -> str:
    """The URL of a Django database's settings, for the servers started in other processes."""
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def manage(env: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=PROJECT_DIR, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def collect_static(env: dict) -> None:
    """The hashed static files that DEBUG off needs, unless already collected since the last
    change under static/. Without whitenoise's compression (a minute on 2 cores for the 40 MB of
    fonts and Swagger UI): the benchmarks fetch no static file, and the names are the same."""
    manifest = PROJECT_DIR / "var" / "staticfiles" / "staticfiles.json"
    sources = [path.stat().st_mtime for path in (PROJECT_DIR / "static").rglob("*") if path.is_file()]
    if manifest.exists() and manifest.stat().st_mtime > max(sources, default=0):
        return
    subprocess.run([sys.executable, "-c", (
        "import django; django.setup(); from django.conf import settings; "
        "from django.test.utils import override_settings; from django.core.management import call_command; "
        "storages = {**settings.STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}}; "
        "override_settings(STORAGES=storages).enable(); "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )], cwd=PROJECT_DIR, env={**env, "DJANGO_SETTINGS_MODULE": "housing_portal.settings"}, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Process:
    """A server in its own process group, its output in a log file."""

    def __init__(self, command: list[str], *, env: dict, log_path: Path):
        self.command, self.env, self.log_path = command, env, log_path
        self.process = None

    def start(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.command, cwd=PROJECT_DIR, env=self.env, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()

    def children(self) -> list[int]:
        return child_pids(self.process.pid)

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


class Gunicorn(Process):
    def __init__(self, config: ServerConfig, *, env: dict, log_path: Path):
        self.port = free_port()
        self.config = config
        super().__init__([sys.executable, "-m", "gunicorn", "housing_portal.wsgi", "--bind",
                          f"127.0.0.1:{self.port}", *config.arguments(), "--log-level", "warning"],
                         env=env, log_path=log_path)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        super().start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{self.output()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                    if answer.status == 200 and len(self.children()) >= self.config.workers:
                        return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.output()[-3000:]}")


class CeleryWorker(Process):
    """One worker process (prefork, concurrency 1), as in the routing benchmark, with beat inside it:
    beat's reconcile task is what routes new complaints (intake sends no message)."""

    def __init__(self, *, env: dict, log_path: Path):
        super().__init__([sys.executable, "-m", "celery", "-A", "housing_portal", "worker", "--loglevel", "WARNING",
                          "--concurrency", "1", "--without-gossip", "--without-mingle",
                          "--hostname", f"bench-{os.getpid()}@localhost",
                          "--beat", "--schedule", str(log_path.with_name(f"celerybeat-{os.getpid()}"))],
                         env=env, log_path=log_path)


# --- Memory ------------------------------------------------------------------------------------

def child_pids(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(number) for number in text.split()]


def peak_rss_kib(pid: int) -> int:
    """The process's peak resident set size (VmHWM) in KiB; 0 when it is gone."""
    try:
        return parse_peak_rss(Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return 0


def parse_peak_rss(status_text: str) -> int:
    for line in status_text.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def peak_of(pids) -> int:
    return max((peak_rss_kib(pid) for pid in pids), default=0)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far; 0 when it is gone."""
    try:
        return parse_cpu_seconds(Path(f"/proc/{pid}/stat").read_text())
    except OSError:
        return 0.0


def parse_cpu_seconds(stat_text: str) -> float:
    # Fields after the command name (which may hold spaces, inside parentheses): utime and stime
    # are the 12th and 13th of them, in clock ticks.
    fields = stat_text.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
