"""System administrators lift a lockout and reset a lost phone from the back office, without ever
seeing anyone's authenticator key or backup codes."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice

from complaints.security import roles
from tests.factories import UserFactory
from tests.staff_signin.steps import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    user = UserFactory(username="it.salman")
    user.groups.add(roles.ensure_role_groups()["system-administrator"])
    client = Client()
    client.force_login(user)
    return client


def test_the_administrator_sees_no_authenticator_key(administrator, authenticator):
    page = administrator.get(f"/admin/otp_totp/totpdevice/{authenticator.pk}/change/")
    assert page.status_code == 200
    assert authenticator.key not in page.content.decode()
    assert administrator.get(f"/admin/otp_totp/totpdevice/{authenticator.pk}/config/").status_code != 200
    assert administrator.get(f"/admin/otp_totp/totpdevice/{authenticator.pk}/qrcode/").status_code != 200


def test_the_administrator_sees_no_backup_code(administrator, backup_code):
    device = StaticDevice.objects.get()
    page = administrator.get(f"/admin/otp_static/staticdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert backup_code not in page.content.decode()


def test_after_a_lost_phone_is_reset_its_owner_enrols_again(settings, administrator, huda, authenticator,
                                                             backup_code):
    administrator.post(f"/admin/otp_totp/totpdevice/{authenticator.pk}/delete/", {"post": "yes"})
    administrator.post(f"/admin/otp_static/staticdevice/{StaticDevice.objects.get().pk}/delete/", {"post": "yes"})
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    client = Client()
    sign_in(client, "agent.huda")
    assert client.get("/admin/")["Location"].startswith("/admin/sign-in/enrol/")


def test_the_administrator_lifts_a_lockout(administrator, huda):
    client = Client()
    for _ in range(5):
        sign_in(client, "agent.huda", "not-the-password")
    attempt = AccessAttempt.objects.get()
    administrator.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "agent.huda")["Location"] == "/admin/"


def test_the_administrator_cannot_add_an_authenticator_for_a_colleague(administrator):
    """Only the owner, signed in with their password, enrols an authenticator."""
    assert administrator.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert administrator.get("/admin/otp_static/staticdevice/add/").status_code == 403
