"""A staff session ends after 30 minutes without a request; citizens' tracking sessions are unaffected."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from complaints.models import ComplaintEvent
from tests.factories import ComplaintFactory
from tests.staff_signin.steps import sign_in

pytestmark = pytest.mark.django_db

IDLE = timedelta(minutes=30)


def stored_session(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def lasts_the_idle_time(response) -> bool:
    return 1800 - 5 <= response.cookies["sessionid"]["max-age"] <= 1800


def idle_for(client, minutes):
    """As if the last renewal were `minutes` ago."""
    session = client.session
    session.set_expiry(timezone.now() + IDLE - timedelta(minutes=minutes))
    session.save()


def test_signing_in_gives_a_session_that_lasts_the_idle_time(client, huda):
    response = sign_in(client, "agent.huda")
    assert lasts_the_idle_time(response)
    assert abs(stored_session(client).expire_date - (timezone.now() + IDLE)) < timedelta(seconds=30)


def test_each_request_starts_the_idle_time_again(client, huda):
    sign_in(client, "agent.huda")
    idle_for(client, minutes=29)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert lasts_the_idle_time(response)
    assert stored_session(client).expire_date > timezone.now() + IDLE - timedelta(seconds=30)


def test_the_session_is_written_at_most_once_a_minute(client, huda):
    client.force_login(huda)
    response = client.get("/admin/")
    assert "sessionid" not in response.cookies                 # signed in a moment ago: nothing to renew
    idle_for(client, minutes=2)
    assert lasts_the_idle_time(client.get("/admin/"))


def test_after_the_idle_time_the_session_has_ended(client, huda):
    sign_in(client, "agent.huda")
    idle_for(client, minutes=31)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_idle_time_comes_from_the_settings(client, settings, huda):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    assert 300 - 5 <= sign_in(client, "agent.huda").cookies["sessionid"]["max-age"] <= 300
    idle_for(client, minutes=28)                               # two minutes left
    assert 300 - 5 <= client.get("/admin/").cookies["sessionid"]["max-age"] <= 300


def test_a_citizens_tracking_session_keeps_the_sites_lifetime(client, settings, maintenance):
    complaint = ComplaintFactory(contact_mobile="+97339123456", department=maintenance)
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED,
                                  created_at=timezone.now(), to_status="new", is_public=True)
    response = client.post("/ar/track/", {"reference": complaint.display_reference, "mobile_last_digits": "3456"})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.get(response["Location"]).status_code == 200
    assert stored_session(client).expire_date > timezone.now() + timedelta(days=13)
