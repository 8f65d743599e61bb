"""A member of staff signs in for the first time in Chromium: password, authenticator enrolment,
backup codes, back office; then again with a code. The pages keep to the Content Security Policy."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import serious_violations
from tests.factories import UserFactory
from tests.staff_signin.steps import PASSWORD, code_now

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def huda(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    user = UserFactory(username="agent.huda")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in_with_password(page, base):
    page.goto(f"{base}/admin/")
    page.fill("#id_username", "agent.huda")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


@pytest.mark.parametrize(("locale", "viewport", "direction"), [("ar", PHONE, "rtl"), ("en-GB", DESKTOP, "ltr")],
                         ids=["arabic-phone", "english-desktop"])
def test_first_sign_in_enrols_the_authenticator_then_the_code_is_asked_each_time(
        live_server, browser, screenshot, huda, locale, viewport, direction):
    context = browser.new_context(viewport=viewport, locale=locale)
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)

    sign_in_with_password(page, live_server.url)
    assert page.url.startswith(f"{live_server.url}/admin/sign-in/enrol/")
    assert page.evaluate("document.documentElement.dir") == direction
    qr = page.locator("svg.signin-qr").bounding_box()
    assert qr["width"] >= 180 and qr["width"] == qr["height"]        # the stylesheet sized it
    screenshot(page, f"staff_sign_in_enrol_{locale}")

    page.fill("#id_code", code_now(TOTPDevice.objects.get(user=huda)))
    page.click("input[type=submit].default")
    codes = page.locator(".signin-backup-codes code").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, f"staff_sign_in_backup_codes_{locale}")
    page.click("a.button")
    assert page.url == f"{live_server.url}/admin/"
    assert page.locator("#site-name").is_visible()

    page.click("#logout-form button")
    sign_in_with_password(page, live_server.url)
    assert page.url.startswith(f"{live_server.url}/admin/sign-in/code/")
    screenshot(page, f"staff_sign_in_code_{locale}")
    page.fill("#id_code", codes[0])
    page.click("input[type=submit].default")
    assert page.url == f"{live_server.url}/admin/"
    context.close()
    assert refused == []


def test_the_lockout_page_in_chromium(live_server, browser, screenshot, huda):
    context = browser.new_context(viewport=PHONE, locale="ar")
    page = context.new_page()
    for _ in range(5):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "agent.huda")
        page.fill("#id_password", "not-the-password")
        page.click("input[type=submit]")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator(".errornote").is_visible()
    screenshot(page, "staff_sign_in_lockout_ar")
    context.close()


@pytest.mark.parametrize("locale", ["ar", "en-GB"])
def test_the_sign_in_pages_have_no_serious_accessibility_violations(live_server, browser, huda, locale):
    # axe is the test's script, not the page's, so this context lets it past the CSP.
    context = browser.new_context(viewport=DESKTOP, locale=locale, bypass_csp=True)
    page = context.new_page()
    sign_in_with_password(page, live_server.url)
    found = {"enrol": serious_violations(page)}
    page.fill("#id_code", "000000")
    page.click("input[type=submit].default")
    found["enrol (wrong code)"] = serious_violations(page)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}
