"""Behind a trusted proxy, tracking's guessing lock and Open311's per-address rate count the
client the proxy forwarded for; from anywhere else X-Forwarded-For changes nothing."""

import pytest
from django.test import Client
from django.utils import timezone

from complaints.models import ComplaintEvent
from complaints.portal import tracking
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

NGINX = "127.0.0.1"


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = [NGINX]


@pytest.fixture
def complaint(maintenance):
    complaint = ComplaintFactory(contact_mobile="+97339123456", department=maintenance)
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED, created_at=timezone.now(),
                                  to_status="new", is_public=True)
    return complaint


def guess(reference, digits, *, forwarded_for, peer=NGINX):
    return Client(REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded_for).post(
        "/ar/track/", {"reference": reference, "mobile_last_digits": digits})


def test_one_citizens_wrong_guesses_do_not_slow_down_another_behind_the_same_proxy(complaint, behind_nginx):
    for _ in range(tracking.FREE_FAILURES + 1):
        guess(complaint.display_reference, "1111", forwarded_for="198.51.100.1")
    assert guess(complaint.display_reference, "3456", forwarded_for="198.51.100.2").status_code == 302
    assert guess(complaint.display_reference, "3456", forwarded_for="198.51.100.1").status_code == 429


def test_a_forged_header_from_an_untrusted_address_does_not_escape_the_tracking_lock(complaint, behind_nginx):
    for n in range(tracking.FREE_FAILURES + 1):
        guess(complaint.display_reference, "1111", forwarded_for=f"198.51.100.{n}", peer="203.0.113.9")
    assert guess(complaint.display_reference, "3456", forwarded_for="198.51.100.99",
                 peer="203.0.113.9").status_code == 429


def test_open311_counts_each_client_behind_the_proxy_on_its_own(settings, behind_nginx):
    settings.OPEN311_REQUESTS_PER_MINUTE = 3
    answers = [Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").get(
        "/open311/v2/services.json").status_code for n in range(10)]
    assert answers == [200] * 10
    one = Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert [one.get("/open311/v2/services.json").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_open311_ignores_a_forged_header_from_an_untrusted_address(settings, behind_nginx):
    settings.OPEN311_REQUESTS_PER_MINUTE = 3
    answers = [Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").get(
        "/open311/v2/services.json").status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]
