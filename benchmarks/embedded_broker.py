"""The embedded broker measured: kombu's SQLAlchemy transport on a SQLite file, the default of
`make run` (settings.py, Celery section). Prints each figure with the command that produced it.

    .venv/bin/python -m benchmarks.embedded_broker                      # the default broker
    .venv/bin/python -m benchmarks.embedded_broker --seconds 60 --publishers 4
    .venv/bin/python -m benchmarks.embedded_broker --broker filesystem  # the one it replaced
    .venv/bin/python -m benchmarks.embedded_broker --rollback-journal   # SQLite without WAL

1. Round trip through a real Celery worker (prefork, concurrency 1): one task sent and its result
   awaited, again and again (results on a SQLite file too). An idle worker looks for messages once a
   second (kombu's virtual transports poll), so this is latency, not capacity.
2. Throughput through the same worker: N tasks sent at once, the time until all have run.
3. The hammer: PUBLISHERS processes publish as fast as they can for SECONDS while two consumer
   processes take and acknowledge; every message must arrive once, whole. A failure is a publish
   that raised, a message that could not be decoded, one missing, or one delivered twice.
"""

import argparse
import json
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from celery import Celery
from kombu import Connection

PROJECT_DIR = Path(__file__).resolve().parent.parent
FOLDER = Path(os.environ.get("EMBEDDED_BROKER_BENCH_DIR", tempfile.gettempdir())) / "embedded-broker-bench"
QUEUE = "bench-hammer"


def broker_url(kind: str) -> tuple[str, dict]:
    """The broker URL and transport options of a kind, in FOLDER."""
    if kind == "sqlite":
        return f"sqla+sqlite:///{FOLDER / 'broker.sqlite3'}", {"connect_args": {"timeout": 20}}
    if kind == "filesystem":
        queue = FOLDER / "queue"
        queue.mkdir(parents=True, exist_ok=True)
        return "filesystem://", {"data_folder_in": str(queue), "data_folder_out": str(queue),
                                 "control_folder": str(FOLDER / "control"), "polling_interval": 0.2}
    raise SystemExit(f"unknown broker {kind!r}: sqlite or filesystem")


# The Celery application the benchmark's worker runs: no Django, one task.
_url, _options = broker_url(os.environ.get("EMBEDDED_BROKER_KIND", "sqlite"))
app = Celery("embedded_broker_bench", broker=_url, backend=f"db+sqlite:///{FOLDER / 'results.sqlite3'}")
app.conf.update(broker_transport_options=_options, worker_hijack_root_logger=False,
                broker_connection_retry_on_startup=True, task_acks_late=True)


@app.task(name="bench.echo")
def echo(number):
    return number


# --- 1 and 2: through a Celery worker ---------------------------------------------------------

def start_worker(kind: str) -> subprocess.Popen:
    env = {**os.environ, "EMBEDDED_BROKER_KIND": kind, "EMBEDDED_BROKER_BENCH_DIR": str(FOLDER.parent)}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "benchmarks.embedded_broker", "worker", "--concurrency", "1",
         "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
         "--hostname", f"bench-{os.getpid()}@localhost"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=open(FOLDER / "worker.log", "wb"),
        start_new_session=True)


def round_trips(count: int) -> float:
    echo.delay(-1).get(timeout=60)  # the worker is up and connected
    started = time.monotonic()
    for number in range(count):
        assert echo.delay(number).get(timeout=60) == number
    return count / (time.monotonic() - started)


def throughput(count: int) -> float:
    started = time.monotonic()
    results = [echo.delay(number) for number in range(count)]
    assert [result.get(timeout=300) for result in results] == list(range(count))
    return count / (time.monotonic() - started)


# --- 3: the hammer ------------------------------------------------------------------------------

def publisher(kind: str, index: int, seconds: float, counts) -> None:
    url, options = broker_url(kind)
    sent = failed = 0
    deadline = time.monotonic() + seconds
    with Connection(url, transport_options=options) as connection:
        queue = connection.SimpleQueue(QUEUE)
        while time.monotonic() < deadline:
            # Bodies of varied size, as task messages are (a routing prompt to a reply with text).
            body = {"publisher": index, "sequence": sent, "padding": "ب" * (50 + sent % 2000)}
            try:
                queue.put(body, serializer="json")
                sent += 1
            except Exception:
                failed += 1
        queue.close()
    counts.put(("published", index, sent, failed))


def consumer(kind: str, stop_at, received) -> None:
    url, options = broker_url(kind)
    seen, broken = [], 0
    with Connection(url, transport_options=options) as connection:
        queue = connection.SimpleQueue(QUEUE)
        while True:
            try:
                message = queue.get(timeout=1)
            except queue.Empty:
                if time.time() > stop_at.value:
                    break
                continue
            except Exception:  # a half-written message: what kombu issue #1551 looks like
                broken += 1
                continue
            try:
                body = message.decode()
                seen.append((body["publisher"], body["sequence"]))
            except Exception:
                broken += 1
            message.ack()
        queue.close()
    received.put((seen, broken))


def hammer(kind: str, *, publishers: int, seconds: float) -> dict:
    # Declared once beforehand, as scripts/run_portal.py does for the portal's queue: kombu's
    # SQLAlchemy transport lets two processes creating the same queue at once fail (IntegrityError).
    url, options = broker_url(kind)
    with Connection(url, transport_options=options) as connection:
        connection.SimpleQueue(QUEUE).close()
    counts, received = multiprocessing.Queue(), multiprocessing.Queue()
    stop_at = multiprocessing.Value("d", time.time() + seconds + 30)
    consumers = [multiprocessing.Process(target=consumer, args=(kind, stop_at, received)) for _ in range(2)]
    senders = [multiprocessing.Process(target=publisher, args=(kind, i, seconds, counts)) for i in range(publishers)]
    for process in consumers + senders:
        process.start()
    sent_by = {}
    publish_failures = 0
    for _ in senders:
        _kind, index, sent, failed = counts.get()
        sent_by[index] = sent
        publish_failures += failed
    stop_at.value = time.time() + 5  # the consumers drain what is left, then stop when it is quiet
    seen, broken = [], 0
    for _ in consumers:
        got, bad = received.get(timeout=seconds + 600)
        seen += got
        broken += bad
    for process in consumers + senders:
        process.join()
    expected = {(index, sequence) for index, sent in sent_by.items() for sequence in range(sent)}
    return {"published": sum(sent_by.values()), "received": len(seen), "publish_failures": publish_failures,
            "undecodable": broken, "missing": len(expected - set(seen)), "duplicates": len(seen) - len(set(seen))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--broker", default="sqlite", choices=["sqlite", "filesystem"])
    parser.add_argument("--round-trips", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--publishers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rollback-journal", action="store_true",
                        help="leave the SQLite files in their default journal mode, not the WAL settings.py sets")
    arguments = parser.parse_args()
    command = "python -m benchmarks.embedded_broker " + " ".join(sys.argv[1:])
    if arguments.broker != os.environ.get("EMBEDDED_BROKER_KIND", "sqlite"):
        # The module-level app must point at the chosen broker: run again with it set.
        env = {**os.environ, "EMBEDDED_BROKER_KIND": arguments.broker}
        return subprocess.call([sys.executable, "-m", "benchmarks.embedded_broker", *sys.argv[1:]], env=env,
                               cwd=PROJECT_DIR)

    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    if arguments.broker == "sqlite" and not arguments.rollback_journal:
        for name in ("broker.sqlite3", "results.sqlite3"):
            # What housing_portal/embedded_broker.py does (not imported: that would load Django).
            sqlite3.connect(FOLDER / name).execute("PRAGMA journal_mode=WAL").connection.close()
    print(f"Broker: {arguments.broker} ({_url}); {os.cpu_count()} cores. Command: {command}")
    worker = start_worker(arguments.broker)
    try:
        print(f"Round trip through a Celery worker: {round_trips(arguments.round_trips):.1f} tasks/s "
              f"({arguments.round_trips} tasks, each sent and its result awaited)")
        print(f"Throughput through a Celery worker: {throughput(arguments.tasks):.0f} tasks/s "
              f"({arguments.tasks} tasks sent at once, until all had run)")
    finally:
        os.killpg(worker.pid, 15)
        worker.wait()
    started = time.monotonic()
    figures = hammer(arguments.broker, publishers=arguments.publishers, seconds=arguments.seconds)
    elapsed = time.monotonic() - started
    failures = (figures["publish_failures"] + figures["undecodable"] + figures["missing"] + figures["duplicates"])
    print(f"Hammer: {arguments.publishers} publishers for {arguments.seconds:.0f} s, 2 consumers: "
          f"{figures['published']} published ({figures['published'] / arguments.seconds:.0f}/s), "
          f"{figures['received']} received in {elapsed:.0f} s; failures {failures} {json.dumps(figures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
