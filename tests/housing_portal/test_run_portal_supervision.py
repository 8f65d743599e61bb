"""`make run`'s supervisor (scripts/run_portal.py), its parts tested on small stand-in programs:
the address it prints, a stopped worker started again, and giving up on one that keeps stopping.
The whole script on the real portal: test_make_run_soak.py (make test-soak)."""

import importlib.util
import sys

import pytest

from benchmarks.servers import PROJECT_DIR
from tests.support.processes import wait_until

spec = importlib.util.spec_from_file_location("run_portal", PROJECT_DIR / "scripts" / "run_portal.py")
run_portal = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_portal)


@pytest.mark.parametrize("port, listens_on, url", [
    ("8123", ("127.0.0.1", 8123), "http://127.0.0.1:8123"),
    ("127.0.0.1:8123", ("127.0.0.1", 8123), "http://127.0.0.1:8123"),
    ("0.0.0.0:8123", ("0.0.0.0", 8123), "http://127.0.0.1:8123"),
    ("[::1]:8123", ("::1", 8123), "http://[::1]:8123"),
    ("192.168.1.20:9000", ("192.168.1.20", 9000), "http://192.168.1.20:9000"),
])
def test_the_address_printed_is_the_one_port_names(port, listens_on, url):
    assert run_portal.listen_address(port) == listens_on
    assert run_portal.browser_url(*listens_on) == url


def stand_in(name, code, tmp_path):
    return run_portal.Child(name, [sys.executable, "-c", code], env={}, log_path=tmp_path / f"{name}.log")


def test_a_worker_that_keeps_stopping_stops_the_portal_with_a_message(tmp_path, capsys):
    web = stand_in("web server", "import time; time.sleep(60)", tmp_path)
    worker = stand_in("worker", "print('cannot connect'); raise SystemExit(3)", tmp_path)
    children = [web, worker]
    for child in children:
        child.start()
    try:
        assert run_portal.supervise(children, web) == 1
    finally:
        run_portal.stop_all(children)

    output = capsys.readouterr().out
    assert output.count("The Celery worker stopped (exit code 3); starting it again") == run_portal.MAX_QUICK_RESTARTS
    assert "giving up, and stopping the portal" in output and "cannot connect" in output
    assert web.process.returncode is not None  # the web server was stopped with it


def test_a_web_server_that_stops_stops_the_portal_and_says_why(tmp_path, capsys):
    web = stand_in("web server", "print('Error: That port is already in use.'); raise SystemExit(1)", tmp_path)
    beat = stand_in("beat", "import time; time.sleep(60)", tmp_path)
    for child in (web, beat):
        child.start()
    try:
        assert run_portal.supervise([web, beat], web) == 1
    finally:
        run_portal.stop_all([web, beat])
    assert "The web server stopped (exit code 1)" in capsys.readouterr().out
    assert beat.process.returncode is not None


def test_stopping_ends_a_program_that_ignores_sigterm(tmp_path):
    stubborn = stand_in("worker", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                                  "print('ready', flush=True); time.sleep(60)", tmp_path)
    stubborn.start()
    wait_until(lambda: "ready" in stubborn.log_path.read_text(), timeout=30, what="the stand-in to start")
    run_portal.stop_all([stubborn])
    assert stubborn.process.returncode == -9
