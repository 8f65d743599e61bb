"""axe-core (vendored from npm) on every citizen page, in Arabic and English, phone and desktop:
no serious or critical violations."""

from pathlib import Path

import pytest

from complaints.models import Complaint
from tests.browser.conftest import CHROMIUM_FLAGS, DESKTOP, PHONE  # noqa: F401
from tests.factories import CategoryFactory, ComplaintFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()


def serious_violations(page):
    page.add_script_tag(content=AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def pages(live_server, maintenance):
    CategoryFactory(code="maintenance-defects", default_department=maintenance)
    complaint = ComplaintFactory(contact_mobile="+97339123456", department=maintenance,
                                 status=Complaint.Status.ROUTED)
    return live_server.url, complaint


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_citizen_pages_have_no_serious_accessibility_violations(browser, pages, language, viewport):
    base, complaint = pages
    # The page's own CSP forbids injected scripts, as it should; axe is the test's, not the page's.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in ("/", "/complaints/new/", "/track/"):
        page.goto(f"{base}/{language}{path}")
        found[path] = serious_violations(page)
    page.goto(f"{base}/{language}/complaints/new/")
    page.click("main button[type=submit]")                  # the form with its errors
    found["/complaints/new/ (errors)"] = serious_violations(page)
    page.goto(f"{base}/{language}/track/")
    page.fill("#id_reference", complaint.display_reference)
    page.fill("#id_mobile_last_digits", "3456")
    page.click("main button[type=submit]")
    found["/track/<reference>/"] = serious_violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}
