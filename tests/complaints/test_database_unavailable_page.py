"""While the database is away (a restart, a failover), requests get a 503 page that says so,
with Retry-After, never a traceback or a bare "Server Error" (found by the PostgreSQL restart drill)."""

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["wrapped by Django", "raw from the driver"])
def database_away(request, monkeypatch, settings):
    settings.DEBUG = False
    # Django wraps the driver's errors, except in a few places (closing a cursor): both are seen.
    error = OperationalError if request.param == "wrapped by Django" else connection.Database.OperationalError

    def refused(*args, **kwargs):
        raise error("terminating connection due to administrator command")

    monkeypatch.setattr(CursorWrapper, "execute", refused)
    monkeypatch.setattr(CursorWrapper, "executemany", refused)


def test_a_page_that_needs_the_database_answers_503_in_the_citizens_language(maintenance, database_away):
    client = Client(raise_request_exception=False)
    response = client.get("/en/complaints/new/", headers={"Accept-Language": "en"})

    assert response.status_code == 503 and response["Retry-After"] == "30"
    html = response.content.decode()
    assert "The portal is briefly unavailable" in html and "80008001" in html
    assert "Traceback" not in html and "OperationalError" not in html

    arabic = client.get("/ar/complaints/new/").content.decode()
    assert 'dir="rtl"' in arabic and "80008001" in arabic


def test_a_machine_channel_gets_json_it_can_retry_on(database_away):
    response = Client(raise_request_exception=False).get("/api/v1/complaints/",
                                                         headers={"Authorization": "Token not-checked-yet"})
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json() == {"error": "The service is briefly unavailable; try again shortly."}


def test_other_errors_stay_a_plain_server_error(monkeypatch, settings):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("django.template.loader.render_to_string", broken)
    monkeypatch.setattr("django.shortcuts.render_to_string", broken, raising=False)
    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = Client(raise_request_exception=False).get("/en/complaints/new/")
    assert response.status_code == 500
