"""Behind a trusted proxy the sign-in pause and its records name the client the proxy forwarded
for, not the proxy (complaints/security/proxies.py, TRUSTED_PROXIES)."""

import pytest
from axes.models import AccessAttempt, AccessLog

from tests.staff_signin.steps import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]


def test_wrong_passwords_from_citizens_behind_one_proxy_are_counted_per_client(client, huda, behind_nginx):
    for number in range(5):
        sign_in(client, "agent.huda", "not-the-password", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    response = sign_in(client, "agent.huda", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_five_wrong_passwords_from_one_client_behind_the_proxy_pause_that_client_only(client, huda, behind_nginx):
    for _ in range(5):
        sign_in(client, "agent.huda", "not-the-password", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sign_in(client, "agent.huda", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


def test_the_sign_in_record_names_the_client_behind_the_proxy(client, huda, behind_nginx):
    sign_in(client, "agent.huda", HTTP_X_FORWARDED_FOR="6.6.6.6, 2001:db8::5")
    assert AccessLog.objects.get().ip_address == "2001:db8::5"
