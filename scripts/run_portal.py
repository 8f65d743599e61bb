"""`make run`: the whole portal on one machine, supervised.

Prepares the database (migrate, demo data), then starts the web server, a Celery worker and beat,
each a process of its own with its log under var/log/. A worker or beat that stops is started again,
with a line saying so; one that keeps stopping (MAX_QUICK_RESTARTS within QUICK_RESTART_WINDOW
seconds) stops the whole portal with a message, since a portal that cannot route is worse than none.
The web server stopping stops everything. Ctrl-C or SIGTERM stops everything within a few seconds.

Embedded defaults (SQLite and the SQLite broker under var/) unless the environment says otherwise.
PORT is "8000", "127.0.0.1:8000" or "0.0.0.0:8000"; VAR_DIR moves var/ (the soak test uses it).
The web server does not reload on code changes (nor could the worker): restart `make run` instead.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MAX_QUICK_RESTARTS = 5
QUICK_RESTART_WINDOW = 60.0
STOP_GRACE_SECONDS = 5.0


class Stop(Exception):
    """Ctrl-C or SIGTERM: stop everything."""


def say(line: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {line}", flush=True)


def listen_address(port_setting: str) -> tuple[str, int]:
    """PORT as runserver takes it ("8000", "127.0.0.1:8000", "0.0.0.0:8000", "[::1]:8000")."""
    host, _, port = port_setting.strip().rpartition(":")
    return (host.strip("[]") or "127.0.0.1"), int(port)


def browser_url(host: str, port: int) -> str:
    """The address to open: on every interface means this machine's loopback too."""
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class Child:
    """One supervised program in a process group of its own, so that stopping it stops what it
    started too (Celery's pool processes)."""

    def __init__(self, name: str, command: list[str], *, env: dict, log_path: Path):
        self.name, self.command, self.env, self.log_path = name, command, env, log_path
        self.process = None
        self.restarts: list[float] = []

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.command, cwd=PROJECT_DIR, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)

    def exit_description(self) -> str | None:
        """None while running; how it ended otherwise."""
        code = self.process.poll() if self.process else None
        if code is None:
            return None
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"

    def signal_group(self, number: int) -> None:
        try:
            os.killpg(self.process.pid, number)
        except ProcessLookupError:
            pass

    def log_tail(self, lines: int = 8) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join("    " + line for line in text[-lines:])


def stop_all(children: list[Child]) -> None:
    """SIGTERM to each program (Celery's warm shutdown stops its own pool), then SIGKILL to whatever
    is left in their groups after STOP_GRACE_SECONDS."""
    started = [child for child in children if child.process is not None]
    for child in started:
        if child.process.poll() is None:
            child.process.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in started:
        try:
            child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for child in started:
        # The group, not only its leader: a pool process may outlive a leader that exited.
        child.signal_group(signal.SIGKILL)
        child.process.wait()


def wait_for_web(host: str, port: int, web: Child, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if web.exit_description():
            return
        try:
            with socket.create_connection(("127.0.0.1" if host in ("0.0.0.0", "::") else host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)


def supervise(children: list[Child], web: Child) -> int:
    """Watches the children until one cannot be kept running; returns the exit status."""
    while True:
        time.sleep(0.5)
        ended = web.exit_description()
        if ended:
            say(f"The web server stopped ({ended}); stopping the portal. Its last lines "
                f"({web.log_path}):\n{web.log_tail()}")
            return 1
        for child in children:
            if child is web:
                continue
            ended = child.exit_description()
            if not ended:
                continue
            now = time.monotonic()
            child.restarts = [at for at in child.restarts if now - at < QUICK_RESTART_WINDOW] + [now]
            if len(child.restarts) > MAX_QUICK_RESTARTS:
                say(f"The Celery {child.name} stopped {len(child.restarts)} times within "
                    f"{QUICK_RESTART_WINDOW:.0f} s ({ended}): giving up, and stopping the portal, because "
                    f"without it complaints would not be routed. Its last lines ({child.log_path}):\n"
                    f"{child.log_tail()}")
                return 1
            say(f"The Celery {child.name} stopped ({ended}); starting it again "
                f"(restart {len(child.restarts)} of at most {MAX_QUICK_RESTARTS} within "
                f"{QUICK_RESTART_WINDOW:.0f} s; log: {child.log_path}).")
            child.signal_group(signal.SIGKILL)  # what it left behind, pool processes included
            child.start()


def main() -> int:
    def on_signal(number, frame):
        raise Stop()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    env = dict(os.environ)
    env.setdefault("DEBUG", "true")
    # A demo on one machine: staff sign in with the password alone unless asked otherwise.
    env.setdefault("STAFF_TWO_FACTOR_REQUIRED", "false")
    var_dir = Path(env.setdefault("VAR_DIR", str(PROJECT_DIR / "var"))).resolve()
    env["VAR_DIR"] = str(var_dir)
    logs = var_dir / "log"
    logs.mkdir(parents=True, exist_ok=True)
    host, port = listen_address(env.get("PORT") or "127.0.0.1:8000")
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    children: list[Child] = []
    try:
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=PROJECT_DIR, env=env, check=True)
        subprocess.run([*manage, "seed_demo"], cwd=PROJECT_DIR, env=env, check=True)
        if env.get("CELERY_BROKER_URL", "sqla+").startswith(("sqla+", "sqlalchemy+")):
            # The embedded broker's queue, made before three processes race to make it.
            subprocess.run([PYTHON, "-c", "from housing_portal import embedded_broker; "
                                          "embedded_broker.declare_queues()"], cwd=PROJECT_DIR, env=env, check=True)

        celery = [PYTHON, "-m", "celery", "-A", "housing_portal"]
        web = Child("web server", [*manage, "runserver", "--noreload", address], env=env,
                    log_path=logs / "web.log")
        worker = Child("worker", [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2",
                                  "--hostname", "portal@%h"], env=env, log_path=logs / "worker.log")
        beat = Child("beat", [*celery, "beat", "--loglevel", "INFO",
                              "--schedule", str(var_dir / "celerybeat-schedule"),
                              "--pidfile", str(var_dir / "celerybeat.pid")], env=env, log_path=logs / "beat.log")
        children = [web, worker, beat]
        for child in children:
            child.start()
        say(f"Celery worker and beat started (logs: {logs}/worker.log, beat.log).")
        wait_for_web(host, port, web)
        if not web.exit_description():
            url = browser_url(host, port)
            say(f"Portal: {url}/ar/  ·  back office: {url}/admin/  (serving {address}; "
                f"log: {logs}/web.log). Ctrl-C stops it.")
        return supervise(children, web)
    except Stop:
        say("Stopping…")
        return 0
    except subprocess.CalledProcessError as error:
        say(f"Preparing the portal failed: {' '.join(error.cmd[1:3])} ({error.returncode}).")
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_all(children)
        if children:
            say("Stopped.")


if __name__ == "__main__":
    sys.exit(main())
