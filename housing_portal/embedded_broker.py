"""The embedded broker's SQLite file (kombu's SQLAlchemy transport, settings.py), put in
write-ahead-log mode before kombu opens it: a message published is then one append and one fsync,
not a rollback journal's three, and readers never wait for a writer (about 5 times as many
messages a second on the development machine's disk; benchmarks/embedded_broker.py). The mode is
kept in the file, so this costs one PRAGMA per process start."""

import sqlite3
from contextlib import closing
from pathlib import Path

SQLITE_PREFIXES = ("sqla+sqlite:///", "sqlalchemy+sqlite:///")


def sqlite_path(broker_url: str) -> Path | None:
    """The file of a SQLite broker URL, or None for any other broker (or a memory database)."""
    for prefix in SQLITE_PREFIXES:
        if broker_url.startswith(prefix):
            name = broker_url[len(prefix):].partition("?")[0]
            return Path(name) if name and name != ":memory:" else None
    return None


def use_write_ahead_log(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, timeout=20)) as database:
        database.execute("PRAGMA journal_mode=WAL")


def declare_queues() -> None:
    """Creates the task queue's row once, before the web server, the worker and beat start
    together (scripts/run_portal.py): kombu's SQLAlchemy transport lets two processes that create
    the same queue at the same moment fail with IntegrityError, which would stop a fresh worker."""
    from housing_portal.celery import app

    with app.connection_for_write() as connection:
        for queue in app.amqp.queues.values():
            queue(connection.default_channel).declare()
