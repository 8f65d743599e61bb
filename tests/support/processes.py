"""Real servers and workers for the tests that need them: a private Redis and Celery workers.

Each test that uses them gets its own Redis on a free port, so it can stop and start
the broker at will without touching the machine's Redis.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import kombu.pools
import pytest
from django.db import connection

from complaints import dispatch
from housing_portal.celery import app as celery_app

PROJECT_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


class CeleryWorker:
    """`celery worker` in its own process, on the test database and the given broker."""

    def __init__(self, *, broker_url: str, tmp_path: Path, beat: bool = False, extra_env: dict | None = None):
        tmp_path.mkdir(parents=True, exist_ok=True)
        self.log_path = tmp_path / "worker.log"
        self.command = [sys.executable, "-m", "celery", "-A", "housing_portal", "worker",
                        "--loglevel", "INFO", "--concurrency", "1", "--without-gossip", "--without-mingle",
                        "--hostname", f"test-{os.getpid()}-{free_port()}@localhost"]
        if beat:
            self.command += ["--beat", "--schedule", str(tmp_path / "beat-schedule")]
        self.env = {**os.environ, "CELERY_BROKER_URL": broker_url, "DATABASE_URL": test_database_url(),
                    **(extra_env or {})}
        self.process = None

    def start(self):
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.command, cwd=PROJECT_DIR, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def broker(url: str):
    """Points this process's Celery publishing at `url` for the duration."""
    previous_conf = celery_app.conf.broker_url
    previous_env = os.environ.get("CELERY_BROKER_URL")

    def switch(conf_url, env_url):
        dispatch.forget_broker_failures()
        kombu.pools.reset()  # closes and forgets every pooled connection and producer
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        celery_app.conf.broker_url = conf_url
        # Celery reads this variable before its own configuration.
        if env_url is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = env_url

    switch(url, url)
    try:
        yield
    finally:
        switch(previous_conf, previous_env)
