"""The data protection officer's screens in Chromium: the request queue with its deadline badges,
a request with its actions, and the export page — right to left in Arabic on a phone, English on a
desktop, nothing refused by the Content Security Policy. Screenshots under var/screenshots/."""

import json
from datetime import timedelta
from pathlib import Path

import polib
import pytest
from django.utils import timezone, translation
from django.utils.translation import trans_real

from complaints.data_protection import requests
from complaints.security.roles import ensure_role_groups
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import CitizenFactory, ComplaintFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.fixture
def catalogue_with_pending(settings, tmp_path):
    """The Arabic catalogue with this work's pending translations, compiled for the live server."""
    catalogue = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))
    known = {entry.msgid for entry in catalogue}
    for path in (LOCALE / "pending").glob("*.json"):
        for msgid, msgstr in json.loads(path.read_text()).items():
            if msgid not in known and "\u0004" not in msgid:
                catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path), *settings.LOCALE_PATHS]
    trans_real._translations = {}
    trans_real._active = trans_real.Local()
    yield
    trans_real._translations = {}
    translation.activate("en")


def officer_and_requests():
    officer = UserFactory(username="dpo.huda", first_name="Huda", email="dpo@housing.gov.bh")
    officer.groups.add(ensure_role_groups()["data-protection-officer"])
    fatima = CitizenFactory(name="فاطمة علي حسن", cpr="900000011")
    ComplaintFactory(citizen=fatima)
    now = timezone.now()
    late = requests.receive_request(kind="erasure", cpr="900000011", channel="letter", by=officer,
                                    received_at=now - timedelta(days=25), details="أرجو محو بياناتي")
    requests.receive_request(kind="correction", cpr="900000011", channel="service_centre", by=officer,
                             received_at=now - timedelta(days=10), details="الاسم مكتوب خطأ")
    requests.receive_request(kind="export", cpr="900000011", channel="email", by=officer, received_at=now)
    return officer, late


@pytest.mark.parametrize(("language", "viewport"), [("ar", PHONE), ("en", DESKTOP)])
def test_the_officer_works_the_queue_in_both_languages(live_server, browser, screenshot, client,
                                                       catalogue_with_pending, language, viewport):
    officer, late = officer_and_requests()
    client.force_login(officer)
    context = browser.new_context(viewport=viewport, locale=language)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error"
            and "Failed to load resource" not in message.text else None)
    page.on("response", lambda response: problems.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("favicon.ico") else None)

    page.goto(f"{live_server.url}/admin/complaints/datasubjectrequest/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("#result_list tbody tr").count() == 3
    assert page.locator(".portal-sla-late").count() == 1
    screenshot(page, f"data-protection-queue-{language}")

    page.goto(f"{live_server.url}/admin/complaints/datasubjectrequest/{late.pk}/change/")
    assert page.locator(".object-tools a").count() >= 4
    screenshot(page, f"data-protection-request-{language}")

    page.goto(f"{live_server.url}/admin/complaints/datasubjectrequest/{late.pk}/erase/")
    screenshot(page, f"data-protection-erase-{language}")

    page.goto(f"{live_server.url}/admin/complaints/datasubjectrequest/export/")
    page.fill("input[name=cpr]", "900000011")
    with page.expect_download() as download:
        page.click("button[value=zip]")
    assert download.value.suggested_filename.endswith(".zip")
    screenshot(page, f"data-protection-export-{language}")
    assert problems == []
    context.close()
