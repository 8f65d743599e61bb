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


def test_signing_in_gives_a_session_that_lasts_the_idle_time(client, huda):
    response = sign_in(client, "agent.huda")
    assert response.cookies["sessionid"]["max-age"] == 1800
    assert abs(stored_session(client).expire_date - (timezone.now() + IDLE)) < timedelta(seconds=30)


def test_each_request_starts_the_idle_time_again(client, huda):
    sign_in(client, "agent.huda")
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))   # 29 minutes idle
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 1800
    assert stored_session(client).expire_date > timezone.now() + IDLE - timedelta(seconds=30)


def test_after_the_idle_time_the_session_has_ended(client, huda):
    sign_in(client, "agent.huda")
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_idle_time_comes_from_the_settings(client, settings, huda):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    client.force_login(huda)
    assert client.get("/admin/").cookies["sessionid"]["max-age"] == 300


def test_a_citizens_tracking_session_keeps_the_sites_lifetime(client, settings, maintenance):
    complaint = ComplaintFactory(contact_mobile="+97339123456", department=maintenance)
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED,
                                  created_at=timezone.now(), to_status="new", is_public=True)
    response = client.post("/ar/track/", {"reference": complaint.display_reference, "mobile_last_digits": "3456"})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.get(response["Location"]).status_code == 200
    assert stored_session(client).expire_date > timezone.now() + timedelta(days=13)
