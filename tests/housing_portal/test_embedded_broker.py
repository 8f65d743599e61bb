"""The embedded broker of `make run`: kombu's SQLAlchemy transport on a SQLite file under var/,
which cannot hand a worker half a message (kombu's filesystem transport could: issue 16)."""

import sqlite3

import pytest
from kombu import Connection

from housing_portal import embedded_broker
from tests.support.fresh_settings import settings_with
from tests.support.processes import broker


@pytest.fixture
def embedded(tmp_path):
    """The settings a process gets with no CELERY_BROKER_URL, its var/ in tmp_path."""
    return settings_with(CELERY_BROKER_URL=None, VAR_DIR=str(tmp_path))


def test_without_a_broker_url_the_broker_is_a_sqlite_file_under_var(embedded, tmp_path):
    assert embedded.CELERY_BROKER_URL == f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"


def test_the_embedded_broker_gets_only_options_sqlalchemy_accepts_and_no_remote_control(embedded):
    # kombu hands them all to create_engine, which refuses Redis's visibility_timeout and the like.
    assert embedded.CELERY_BROKER_TRANSPORT_OPTIONS == {"connect_args": {"timeout": 20}}
    assert embedded.CELERY_WORKER_ENABLE_REMOTE_CONTROL is False  # it needs fanout, which this lacks


def test_the_broker_file_is_in_write_ahead_log_mode(embedded, tmp_path):
    with sqlite3.connect(tmp_path / "broker.sqlite3") as database:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_messages_go_through_the_embedded_broker_whole_and_once(embedded):
    sent = [{"number": number, "text": "تسرب مياه " * (number * 50)} for number in range(30)]
    with Connection(embedded.CELERY_BROKER_URL, transport_options=embedded.CELERY_BROKER_TRANSPORT_OPTIONS) as conn:
        queue = conn.SimpleQueue("embedded-broker-test")
        for body in sent:
            queue.put(body, serializer="json")
        received = []
        for _ in sent:
            message = queue.get(timeout=5)
            received.append(message.payload)
            message.ack()
        with pytest.raises(queue.Empty):
            queue.get(timeout=1.5)
        queue.close()
    assert received == sent


def test_make_run_creates_the_task_queue_before_its_processes_race_to(tmp_path):
    url = f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    with broker(url):
        embedded_broker.declare_queues()
    with sqlite3.connect(tmp_path / "broker.sqlite3") as database:
        assert database.execute("SELECT name FROM kombu_queue").fetchall() == [("celery",)]


def test_redis_keeps_its_own_options_and_remote_control(tmp_path):
    production = settings_with(CELERY_BROKER_URL="redis://redis:6379/0", VAR_DIR=str(tmp_path))
    assert production.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] == 600
    assert not hasattr(production, "CELERY_WORKER_ENABLE_REMOTE_CONTROL")
    assert not (tmp_path / "broker.sqlite3").exists()


@pytest.mark.parametrize("url, path", [
    ("sqla+sqlite:////srv/portal/var/broker.sqlite3", "/srv/portal/var/broker.sqlite3"),
    ("sqlalchemy+sqlite:///var/broker.sqlite3", "var/broker.sqlite3"),
    ("sqla+sqlite:///var/broker.sqlite3?timeout=5", "var/broker.sqlite3"),
    ("sqla+sqlite:///:memory:", None),
    ("sqla+postgresql://postgres@db/broker", None),
    ("redis://redis:6379/0", None),
])
def test_the_sqlite_file_is_read_from_the_broker_url(url, path):
    found = embedded_broker.sqlite_path(url)
    assert (str(found) if found else None) == path
