import pytest

from tests.support.processes import RedisServer, broker

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client):
    server = RedisServer().start()
    try:
        with broker(server.url):
            response = client.get("/healthz")
    finally:
        server.stop()
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_degraded_when_the_broker_is_away(client):
    with broker(RedisServer().url):  # a port with nothing listening
        response = client.get("/healthz")
    assert response.status_code == 200  # citizens can still submit: routing waits
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "unavailable"}


def test_healthz_is_answered_over_plain_http_for_the_load_balancer(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code != 301
