"""In Chromium, two citizens behind one address (the live server sees every browser as 127.0.0.1):
a stranger's wrong digits lock the stranger out of that reference, while the other citizen still
follows their own complaint, then opens it with the code the SMS brought."""

import time

import pytest

from complaints.models import Complaint
from complaints.portal import tracking
from complaints.security import throttle
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import serious_violations
from tests.factories import ComplaintFactory
from tests.support.tracking import deliver_codes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

TEXTS = {
    "ar": {"locked": "ساعة", "status": "لدى الإدارة المختصة", "code_sent": "أرسلنا رمزًا"},
    "en": {"locked": "an hour", "status": "With the department concerned", "code_sent": "We sent a 6-digit code"},
}


class PatientClock:
    """The throttle's clock, moved on instead of waiting out each pause (the live server runs in
    this process, so it reads the same clock)."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now


def try_digits(page, base, language, reference, digits):
    page.goto(f"{base}/{language}/track/")
    page.fill("#id_reference", reference)
    page.fill("#id_mobile_last_digits", digits)
    page.click("main button[type=submit]")


@pytest.mark.parametrize(("language", "viewport"), [("ar", PHONE), ("en", DESKTOP)], ids=["ar-phone", "en-desktop"])
def test_another_citizen_at_the_same_address_still_gets_in(live_server, browser, screenshot, maintenance,
                                                           monkeypatch, language, viewport):
    texts = TEXTS[language]
    size = "phone" if viewport is PHONE else "desktop"
    clock = PatientClock()
    monkeypatch.setattr(throttle, "time", clock)
    targeted = ComplaintFactory(contact_mobile="+97339123456", department=maintenance, status=Complaint.Status.ROUTED)
    neighbours = ComplaintFactory(contact_mobile="+97336665555", department=maintenance,
                                  status=Complaint.Status.ROUTED, subject="انقطاع الكهرباء في الشقة")

    stranger = browser.new_context(viewport=viewport).new_page()
    for _ in range(tracking.BLOCK_AFTER_FAILURES):
        clock.now += 600                                     # a patient guesser, never made to wait
        try_digits(stranger, live_server.url, language, targeted.display_reference, "0000")
    clock.now += 600
    try_digits(stranger, live_server.url, language, targeted.display_reference, "3456")
    assert texts["locked"] in stranger.inner_text("main .alert")
    assert stranger.input_value("#id_reference") == targeted.display_reference     # what was typed is kept
    screenshot(stranger, f"tracking-lock-{language}-{size}-1-stranger-locked")

    neighbour_context = browser.new_context(viewport=viewport, bypass_csp=True)  # axe is the test's script
    neighbour = neighbour_context.new_page()
    try_digits(neighbour, live_server.url, language, neighbours.display_reference, "5555")
    assert neighbour.url.endswith(f"/{language}/track/{neighbours.reference}/")
    assert texts["status"] in neighbour.inner_text("main")
    assert neighbours.subject not in neighbour.inner_text("main")            # the status only, so far
    assert serious_violations(neighbour) == []
    screenshot(neighbour, f"tracking-lock-{language}-{size}-2-neighbour-status")

    neighbour.click("main button[name=send]")
    assert texts["code_sent"] in neighbour.inner_text("main")
    assert serious_violations(neighbour) == []
    screenshot(neighbour, f"tracking-lock-{language}-{size}-3-code")
    [code] = deliver_codes()
    neighbour.fill("#id_code", code)
    neighbour.click("main button[name=verify]")
    assert neighbours.subject in neighbour.inner_text("h1")
    screenshot(neighbour, f"tracking-lock-{language}-{size}-4-neighbour-content")
    neighbour_context.close()
    stranger.context.close()
