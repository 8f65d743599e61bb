"""Behind a reverse proxy each citizen is counted by their own address (the proxy's
X-Forwarded-For, believed from a trusted proxy only), over real HTTP: citizens on loopback
addresses of their own, a proxy that adds X-Forwarded-For as nginx does, and a live server."""

import random
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from benchmarks import load, scenarios
from channels_intake.web_form.views import SUBMISSIONS_PER_HOUR
from complaints.models import Complaint
from tests.factories import CategoryFactory
from tests.support.forwarding_proxy import forwarding_proxy

pytestmark = pytest.mark.django_db(transaction=True)

CITIZENS = 25
# Five at a time on PostgreSQL; one at a time on SQLite, whose file takes one writer at once.
AT_ONCE = 5 if connection.vendor == "postgresql" else 1


@pytest.fixture
def category(ministry):
    return CategoryFactory(code="maintenance-defects", name_ar="أعطال الصيانة", name_en="Maintenance defects",
                           default_department=ministry["maintenance"])


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]


def send_a_complaint(base_url: str, *, source_address: str, category_id: int, citizens: scenarios.Citizens,
                     forged_forwarded_for: str = "") -> int:
    """A citizen's whole visit (form, filled form, Send) from `source_address`; the status of Send."""
    session = load.Session(base_url, source_address=source_address)
    headers = {"X-Forwarded-For": forged_forwarded_for} if forged_forwarded_for else {}
    try:
        page = session.request("form", "GET", "/ar/complaints/new/", headers=headers)
        assert page.status == 200, page.status
        cpr, mobile = citizens.next()
        filled = session.request("form POST", "POST", "/ar/complaints/new/", headers=headers, form={
            "csrfmiddlewaretoken": session.csrf_token(page.body), "kind": "complaint", "category": category_id,
            "subject": "تسرب مياه من السقف", "body": "يتسرب الماء من سقف غرفة النوم منذ شهرين.",
            "name": "مواطن تجريبي", "cpr": cpr, "mobile": mobile, "email": "", "preferred_language": "ar",
            "housing_application_number": "", "website": ""})
        assert filled.status == 302, scenarios.invalid_fields(filled.body)
        sent = session.request("send", "POST", "/ar/complaints/new/check/", headers=headers,
                               form={"csrfmiddlewaretoken": session.csrf_token(b"")})
        return sent.status
    finally:
        session.close()


def test_twenty_five_citizens_through_the_proxy_within_a_minute_are_none_refused(live_server, category,
                                                                                 behind_nginx):
    addresses, citizens = load.SourceAddresses(), scenarios.Citizens(seed=random.randrange(10**6))
    sources = [addresses.next() for _ in range(CITIZENS)]
    with forwarding_proxy(live_server.url) as proxy_url, ThreadPoolExecutor(AT_ONCE) as pool:
        started = time.monotonic()
        answers = list(pool.map(lambda source: send_a_complaint(
            proxy_url, source_address=source, category_id=category.pk, citizens=citizens), sources))
        elapsed = time.monotonic() - started

    assert answers == [302] * CITIZENS  # not one 429: each was counted on their own address
    assert elapsed < 60
    assert Complaint.objects.count() == CITIZENS


def test_a_citizen_behind_the_proxy_who_forges_the_header_is_still_counted_by_their_own_address(
        live_server, category, behind_nginx):
    citizens = scenarios.Citizens(seed=random.randrange(10**6))
    with forwarding_proxy(live_server.url) as proxy_url:
        answers = [send_a_complaint(proxy_url, source_address="127.0.3.7", category_id=category.pk,
                                    citizens=citizens, forged_forwarded_for=f"198.51.100.{n}")
                   for n in range(SUBMISSIONS_PER_HOUR + 1)]
    assert answers == [302] * SUBMISSIONS_PER_HOUR + [429]


def test_a_forged_header_sent_straight_from_an_untrusted_address_is_ignored(live_server, category, behind_nginx):
    citizens = scenarios.Citizens(seed=random.randrange(10**6))
    answers = [send_a_complaint(live_server.url, source_address="127.0.2.9", category_id=category.pk,
                                citizens=citizens, forged_forwarded_for=f"198.51.100.{n}")
               for n in range(SUBMISSIONS_PER_HOUR + 1)]
    assert answers == [302] * SUBMISSIONS_PER_HOUR + [429]  # the eleventh from 127.0.2.9 is refused
    assert Complaint.objects.count() == SUBMISSIONS_PER_HOUR
