"""Five wrong passwords for one username from one address pause signing in there for half an hour."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from axes.utils import reset
from django.test import Client

from tests.staff_signin.steps import sign_in

pytestmark = pytest.mark.django_db


def fail_five_times(client, username="agent.huda", **request):
    for _ in range(5):
        response = sign_in(client, username, "not-the-password", **request)
    return response


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_four_wrong_passwords_are_forgiven(client, huda):
    for _ in range(4):
        assert sign_in(client, "agent.huda", "not-the-password").status_code == 200
    assert signed_in(sign_in(client, "agent.huda"))


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, huda):
    fail_five_times(client)
    response = sign_in(client, "agent.huda", headers={"Accept-Language": "en"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-in attempts." in page
    assert "paused for 30 minutes" in page
    assert 'href="/admin/login/"' in page
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_arabic_and_right_to_left_by_default(client, huda):
    fail_five_times(client)
    response = sign_in(client, "agent.huda")
    assert response.status_code == 429
    assert 'lang="ar" dir="rtl"' in response.content.decode()


def test_another_user_at_the_same_address_is_unaffected(client, huda, hamad):
    fail_five_times(client)
    assert signed_in(sign_in(Client(), "agent.hamad"))


def test_the_address_counted_is_the_one_the_proxy_sets_not_a_header_the_client_sends(client, huda):
    """Like the portal's other throttles: X-Forwarded-For is written by whoever sends the request."""
    for number in range(5):
        sign_in(client, "agent.huda", "not-the-password", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert sign_in(client, "agent.huda", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


def test_after_the_cool_off_the_right_password_works_again(client, huda):
    fail_five_times(client)

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=29))
    assert sign_in(client, "agent.huda").status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31))
    assert signed_in(sign_in(client, "agent.huda"))


def test_the_limit_and_the_cool_off_come_from_the_settings(client, settings, huda):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=5)
    sign_in(client, "agent.huda", "not-the-password")
    response = sign_in(client, "agent.huda", "not-the-password", headers={"Accept-Language": "en"})
    assert response.status_code == 429
    assert "paused for 5 minutes" in response.content.decode()


def test_an_administrator_can_lift_the_pause(client, huda):
    fail_five_times(client)
    reset(username="agent.huda")
    assert signed_in(sign_in(client, "agent.huda"))


def test_signing_in_clears_the_earlier_failures(client, huda):
    for _ in range(4):
        sign_in(client, "agent.huda", "not-the-password")
    assert signed_in(sign_in(client, "agent.huda"))
    client.post("/admin/logout/")
    for _ in range(4):
        sign_in(client, "agent.huda", "not-the-password")
    assert signed_in(sign_in(client, "agent.huda"))


def test_a_sign_in_without_a_client_address_is_recorded_without_one(huda):
    """force_login's request has no REMOTE_ADDR; the database's IP address column must still accept it."""
    Client().force_login(huda)
    assert AccessLog.objects.get().ip_address is None
