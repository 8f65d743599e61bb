from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.models import Complaint, WorkerHeartbeat
from complaints.operations import health
from tests.factories import ComplaintFactory
from tests.support.processes import RedisServer, broker

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


def heard_from(seconds_ago: float, hostname="portal@web-1"):
    WorkerHeartbeat.objects.create(hostname=hostname, seen_at=timezone.now() - timedelta(seconds=seconds_ago))


def test_healthz_reports_database_broker_and_a_worker_heard_from_lately(client, redis_server):
    heard_from(20)
    with broker(redis_server.url):
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("status", "database", "broker", "worker")} == {
        "status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}
    assert 20 <= body["worker_last_seen_seconds"] <= 25
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_degraded_when_no_worker_was_heard_from_for_two_minutes(client, redis_server):
    heard_from(125, hostname="portal@old")
    with broker(redis_server.url):
        body = client.get("/healthz").json()
    assert (body["status"], body["worker"]) == ("degraded", "unavailable")
    assert body["worker_last_seen_seconds"] >= 125


def test_healthz_says_degraded_when_no_worker_ever_started(client, redis_server):
    with broker(redis_server.url):
        response = client.get("/healthz")
    assert response.status_code == 200  # citizens can still submit: routing waits
    assert response.json()["status"] == "degraded"
    assert response.json()["worker"] == "unavailable" and response.json()["worker_last_seen_seconds"] is None


def test_the_freshest_of_several_workers_counts():
    heard_from(600, hostname="portal@gone")
    heard_from(5, hostname="portal@alive")
    report = health.report()
    assert report["checks"]["worker"] is True
    assert report["figures"]["worker_last_seen_seconds"] <= 10


def test_healthz_says_degraded_when_the_broker_is_away(client):
    heard_from(1)
    with broker(RedisServer().url):  # a port with nothing listening
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert (response.json()["broker"], response.json()["worker"]) == ("unavailable", "ok")


def test_healthz_counts_the_complaints_waiting_to_be_routed_and_the_oldest_wait():
    now = timezone.now()
    ComplaintFactory(status=Complaint.Status.NEW, received_at=now - timedelta(seconds=300))
    ComplaintFactory(status=Complaint.Status.NEW, received_at=now - timedelta(seconds=30))
    ComplaintFactory(status=Complaint.Status.ROUTED, received_at=now - timedelta(days=3))

    figures = health.report(now=now)["figures"]

    assert (figures["waiting_to_be_routed"], figures["oldest_waiting_seconds"]) == (2, 300)


def test_nothing_waiting_is_zero_complaints_and_no_age(client):
    ComplaintFactory(status=Complaint.Status.ROUTED)
    body = client.get("/healthz").json()
    assert (body["waiting_to_be_routed"], body["oldest_waiting_seconds"]) == (0, None)


def test_healthz_asks_the_database_only_a_few_cheap_questions(client, django_assert_max_num_queries):
    heard_from(1)
    ComplaintFactory(status=Complaint.Status.NEW)
    # SELECT 1, the freshest heartbeat, the waiting complaints, those whose routing was set aside,
    # and the savepoint around the last three (its SAVEPOINT and RELEASE).
    with django_assert_max_num_queries(6):
        client.get("/healthz")


def test_without_a_database_healthz_is_503_and_reports_no_figures():
    response = health.as_response({
        "checks": {"database": False, "broker": True, "worker": False},
        "figures": {"worker_last_seen_seconds": None, "waiting_to_be_routed": None, "oldest_waiting_seconds": None}})
    assert response.status_code == 503
    assert b'"status": "down"' in response.content


def test_healthz_is_answered_over_plain_http_for_the_load_balancer(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code != 301


def test_a_database_that_answers_but_lacks_the_portals_tables_is_down_not_a_500(client):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE complaints_workerheartbeat RENAME TO complaints_workerheartbeat_away")
    try:
        response = client.get("/healthz")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE complaints_workerheartbeat_away RENAME TO complaints_workerheartbeat")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
