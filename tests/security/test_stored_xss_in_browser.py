"""Stored XSS in a real browser: the pages of tests/security/test_stored_xss.py opened in Chromium
with script stored in every field. The browser runs with the Content Security Policy switched off
(bypass_csp), so what is checked is the escaping itself, not the policy behind it: no payload sets
`window.__xss`, opens a dialog, or becomes a javascript: link or an element with an on…= handler."""

import pytest

from complaints.models import Complaint
from complaints.portal.track_views import TRACKED
from tests.browser.conftest import CHROMIUM_FLAGS, DESKTOP, PHONE  # noqa: F401  (the same browser)
from tests.factories import UserFactory
from tests.security import hostile_data
from tests.security.test_stored_xss import staff_pages

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WHAT_RAN = """() => ({
    flag: window.__xss === undefined ? null : String(window.__xss),
    javascriptLinks: [...document.querySelectorAll('a[href], form[action], iframe[src]')]
        .map(el => el.getAttribute('href') || el.getAttribute('action') || el.getAttribute('src'))
        .filter(url => /^\\s*javascript:/i.test(url)),
    handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
        .filter(attribute => /^on/i.test(attribute.name)).map(attribute => el.tagName + ' ' + attribute.name)),
})"""


def open_and_check(context, url, dialogs):
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append((url, dialog.message)), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    # Hover and focus everything once: handlers like onmouseover or onfocus would fire now.
    page.evaluate("() => document.querySelectorAll('b, img, svg, a').forEach(el => {"
                  " el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); })")
    found = page.evaluate(WHAT_RAN)
    page.close()
    return found


def test_stored_script_never_runs_in_staff_office_or_citizen_pages(live_server, browser, screenshot, client,
                                                                    ministry):
    staff = UserFactory(username="root", is_superuser=True)
    hostile = hostile_data.a_ministry_full_of_payloads(staff=staff, office=ministry["ministers_office"],
                                                       unit=ministry["complaints_unit"],
                                                       maintenance=ministry["maintenance"])
    client.force_login(staff)
    staff_context = browser.new_context(viewport=DESKTOP, locale="en", bypass_csp=True)
    staff_context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])
    results, dialogs = {}, []
    for path in staff_pages({**hostile, "staff": staff}):
        results[path] = open_and_check(staff_context, f"{live_server.url}{path}", dialogs)
    page = staff_context.new_page()
    page.goto(f"{live_server.url}/admin/complaints/complaint/{hostile['first'].pk}/change/")
    screenshot(page, "security-stored-xss-case-page-en")
    page.close()
    staff_context.close()

    first = hostile["first"]
    Complaint.objects.filter(pk=first.pk).update(status=Complaint.Status.AWAITING_CITIZEN)
    client.logout()
    session = client.session
    session[TRACKED] = [first.pk, hostile["second"].pk]
    session.save()
    citizen_context = browser.new_context(viewport=PHONE, locale="ar", bypass_csp=True)
    citizen_context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])
    for complaint in (first, hostile["second"]):
        for language in ("ar", "en"):
            path = f"/{language}/track/{complaint.reference}/"
            results[path] = open_and_check(citizen_context, f"{live_server.url}{path}", dialogs)
    page = citizen_context.new_page()
    page.goto(f"{live_server.url}/ar/track/{first.reference}/")
    screenshot(page, "security-stored-xss-tracking-ar")
    page.close()
    citizen_context.close()

    assert dialogs == []
    assert {path: found for path, found in results.items()
            if found["flag"] or found["javascriptLinks"] or found["handlers"]} == {}
    assert len(results) == len(staff_pages({**hostile, "staff": staff})) + 4


def test_the_check_catches_script_that_does_run(live_server, browser, client, settings):
    """The same check on a page that does run a payload: it must say so, or it proves nothing."""
    context = browser.new_context(bypass_csp=True)
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content(f"<p>{hostile_data.IMAGE}</p><b onmouseover=alert(1)>x</b><a href='javascript:x'>y</a>")
    page.wait_for_timeout(200)
    page.evaluate("() => document.querySelectorAll('b').forEach(el => "
                  "el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))")
    found = page.evaluate(WHAT_RAN)
    context.close()
    assert found["flag"] == "1" and found["javascriptLinks"] and found["handlers"] and dialogs == ["1"]
