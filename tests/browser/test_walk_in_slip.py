"""The walk-in slip as Chromium prints it: the citizen's language and direction, the reference
and due date, no screen toolbar, and one page."""

import re

import pytest

from complaints.models import Complaint
from complaints.security.roles import ensure_role_groups
from tests.browser.conftest import DESKTOP
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_the_slip_prints_on_one_page_in_the_citizens_language(live_server, browser, screenshot, client, language,
                                                              direction):
    agent = UserFactory(username="agent.huda")
    agent.groups.add(ensure_role_groups()["complaints-unit-agent"])
    client.force_login(agent)
    client.post("/admin/channels_intake/walkincomplaint/add/", {
        "token": "0" * 31 + "1", "cpr": "850412345", "name": "فاطمة علي حسن", "mobile": "39123456",
        "language": language, "kind": "complaint", "subject": "تسرب مياه في سقف الوحدة",
        "body": "يتسرب الماء من سقف غرفة النوم منذ شهرين.", "record": "1"})
    complaint = Complaint.objects.get()
    context = browser.new_context(viewport=DESKTOP)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/admin/channels_intake/walkincomplaint/{complaint.pk}/slip/")
    page.emulate_media(media="print")

    assert page.locator(".slip-toolbar").is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('.slip')).direction") == direction
    assert page.locator(".slip-reference").inner_text().strip() == complaint.display_reference
    assert f"/{language}/track/" in page.locator(".slip-url").inner_text()
    screenshot(page, f"walk_in_slip_{language}")
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
