"""Real servers and workers for the tests that need them: a private Redis and Celery workers.

Each test that uses them gets its own Redis on a free port, so it can stop and start
the broker at will without touching the machine's Redis.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import kombu.pools
import pytest
from django.db import connection

from benchmarks.servers import PROJECT_DIR, Process, free_port  # noqa: F401  (PROJECT_DIR: for the tests)
from housing_portal.celery import app as celery_app


def require_program(name: str) -> str:
    """The program's path. Missing on a developer's machine: skip, with the reason.
    Missing where REQUIRE_SERVICES is set (CI): fail, so that nothing hides."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed"
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(message)
    pytest.skip(message)


def wait_until(predicate, *, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")


class RedisServer:
    def __init__(self, port: int | None = None):
        self.binary = require_program("redis-server")
        self.port = port or free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--maxmemory-policy", "noeviction"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10, what=f"redis on port {self.port}")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def test_database_url() -> str:
    """The URL of the database this test run uses, for a worker in another process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


class CeleryWorker(Process):
    """`celery worker` in its own process, on the test database and the given broker."""

    def __init__(self, *, broker_url: str, tmp_path: Path, beat: bool = False, extra_env: dict | None = None):
        command = [sys.executable, "-m", "celery", "-A", "housing_portal", "worker",
                        "--loglevel", "INFO", "--concurrency", "1", "--without-gossip", "--without-mingle",
                        "--hostname", f"test-{os.getpid()}-{free_port()}@localhost"]
        if beat:
            command += ["--beat", "--schedule", str(tmp_path / "beat-schedule")]
        super().__init__(command, log_path=tmp_path / "worker.log", env={
            **os.environ, "CELERY_BROKER_URL": broker_url, "DATABASE_URL": test_database_url(), **(extra_env or {})})


@contextmanager
def broker(url: str):
    """Points this process's Celery publishing at `url` for the duration, with the transport
    options settings.py gives that broker (Redis's and the embedded SQLite broker's differ)."""
    from tests.support.fresh_settings import settings_with

    previous_conf = celery_app.conf.broker_url
    previous_options = celery_app.conf.broker_transport_options
    previous_env = os.environ.get("CELERY_BROKER_URL")

    def switch(conf_url, env_url, options):
        kombu.pools.reset()  # closes and forgets every pooled connection and producer
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        celery_app.conf.broker_url = conf_url
        celery_app.conf.broker_transport_options = options
        # Celery reads this variable before its own configuration.
        if env_url is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = env_url

    switch(url, url, settings_with(CELERY_BROKER_URL=url).CELERY_BROKER_TRANSPORT_OPTIONS)
    try:
        yield
    finally:
        switch(previous_conf, previous_env, previous_options)


# --- Fault drills (tests/faults): a private PostgreSQL cluster and a gunicorn web server -------


def postgres_program(name: str) -> str:
    """A PostgreSQL server program (initdb, pg_ctl): Debian keeps them out of PATH, under
    /usr/lib/postgresql/<version>/bin; the newest installed is used."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                      key=lambda path: [int(part) for part in path.parts[-3].split(".") if part.isdigit()])
    if versions:
        return str(versions[-1])
    return require_program(name)  # skips, or fails under REQUIRE_SERVICES


class PostgresCluster:
    """A PostgreSQL cluster of its own (initdb in a temporary folder, a free port), so that a drill
    may stop and restart it without touching the machine's server. Run as the `postgres` OS user
    when the tests run as root (the server refuses to run as root)."""

    def __init__(self):
        self.initdb, self.pg_ctl = postgres_program("initdb"), postgres_program("pg_ctl")
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="drill-postgres-"))
        self.data = self.folder / "data"
        self.log_path = self.folder / "server.log"
        self.as_owner = []
        if os.geteuid() == 0:
            self.as_owner = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *command):
        subprocess.run([*self.as_owner, *command], check=True, capture_output=True, cwd=self.folder)

    def create(self):
        self._run(self.initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        return self.start()

    def start(self):
        self._run(self.pg_ctl, "-D", str(self.data), "-l", str(self.log_path), "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start")
        return self

    def stop(self, mode: str = "fast"):
        self._run(self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def sql(self, statement: str, database: str = "postgres") -> str:
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database)
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(statement)
                return cursor.fetchall() if cursor.description else None
        finally:
            conn.close()

    def destroy(self):
        try:
            self.stop(mode="immediate")
        except subprocess.CalledProcessError:
            pass  # not running
        shutil.rmtree(self.folder, ignore_errors=True)

    def server_log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class WebServer(Process):
    """gunicorn serving the portal with production settings (DEBUG off, so errors are the pages a
    citizen would see), on a free port, with `tests.support.drill_settings` adding only what a test
    server needs. `env` names its database and broker."""

    def __init__(self, *, tmp_path: Path, env: dict, workers: int = 2):
        self.port = free_port()
        super().__init__(
            [sys.executable, "-m", "gunicorn", "housing_portal.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5"],
            log_path=tmp_path / "gunicorn.log",
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.support.drill_settings", "DEBUG": "false",
                 "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false",
                 "CSRF_COOKIE_SECURE": "false", "SECURE_HSTS_SECONDS": "0", **env})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        super().start()
        wait_until(self._answers, timeout=60, what=f"gunicorn on port {self.port}")
        return self

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{self.output()}")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False
