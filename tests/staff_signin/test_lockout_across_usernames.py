"""One password tried against many usernames from one address is stopped too: after
AXES_ADDRESS_FAILURE_LIMIT (20) failures from an address, whatever the usernames, signing in from
there is paused for the cool-off (housing_portal/staff_signin/lockout.py). A few colleagues'
typing in one office does not come near it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.test import Client

from tests.staff_signin.steps import sign_in

pytestmark = pytest.mark.django_db
ANOTHER_ADDRESS = {"REMOTE_ADDR": "203.0.113.9"}


def spray(client, count, password="Winter2026!"):
    """The same password against `count` different usernames, as a password spray does."""
    return [sign_in(client, f"staff.{number:02d}", password) for number in range(count)]


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_twenty_usernames_failing_from_one_address_pause_signing_in_from_there(client, huda):
    answers = spray(client, 20)

    assert [answer.status_code for answer in answers[:19]] == [200] * 19  # the sign-in form again
    assert answers[19].status_code == 429
    refused = sign_in(client, "agent.huda", headers={"Accept-Language": "en"})
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    assert "signing in from this network is paused for 30 minutes, for every account" in refused.content.decode()


def test_the_pause_page_says_so_in_arabic_by_default(client, huda):
    spray(client, 20)
    page = sign_in(client, "agent.huda").content.decode()
    assert "أُوقف الدخول إلى جميع الحسابات من هذه الشبكة مؤقتًا لمدة 30 دقيقة" in page


def test_the_pause_holds_for_every_username_even_one_never_tried(client, huda):
    spray(client, 20)
    assert sign_in(Client(), "agent.huda").status_code == 429
    assert sign_in(Client(), "someone.new", "anything").status_code == 429


def test_another_address_is_unaffected(client, huda):
    spray(client, 20)
    assert signed_in(sign_in(Client(), "agent.huda", **ANOTHER_ADDRESS))


def test_colleagues_mistyping_in_one_office_are_not_paused(client, huda, hamad):
    for username in ("agent.huda", "agent.hamad", "agent.sara"):
        for _ in range(4):
            sign_in(client, username, "not-the-password")
    spray(client, 7)  # 19 failures from the office in all
    assert signed_in(sign_in(Client(), "agent.hamad"))


def test_the_limit_comes_from_the_settings(client, settings, huda):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 3
    assert [answer.status_code for answer in spray(client, 3)] == [200, 200, 429]


def test_after_the_cool_off_signing_in_works_again(client, huda):
    spray(client, 20)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.latest("attempt_time").attempt_time
                                 - timedelta(minutes=31))
    assert signed_in(sign_in(client, "agent.huda"))


def test_an_administrator_can_lift_the_pause_on_the_address(client, huda):
    spray(client, 20)
    reset(ip="127.0.0.1")
    assert signed_in(sign_in(client, "agent.huda"))
