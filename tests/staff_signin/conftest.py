"""Staff with passwords, their authenticators and backup codes."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.security import roles
from tests.factories import UserFactory
from tests.staff_signin.steps import PASSWORD


@pytest.fixture
def two_factor_required(settings):
    """The test environment turns the code step off (admin tests use force_login); production has it on."""
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def staff_member(username: str):
    user = UserFactory(username=username)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(roles.ensure_role_groups()["complaints-unit-agent"])
    return user


@pytest.fixture
def huda(db):
    """A complaints-unit agent with a password."""
    return staff_member("agent.huda")


@pytest.fixture
def hamad(db):
    """Another agent, signing in from the same office."""
    return staff_member("agent.hamad")


@pytest.fixture
def authenticator(huda):
    return TOTPDevice.objects.create(user=huda, name="authenticator app", confirmed=True)


@pytest.fixture
def backup_code(huda):
    device = StaticDevice.objects.create(user=huda, name="backup codes", confirmed=True)
    return StaticToken.objects.create(device=device, token="k7q2m4xa").token
