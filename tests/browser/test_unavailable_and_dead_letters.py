"""The pages the fault drills added, in a real browser: the 503 page while the database is away,
and the supervisor's list of messages given up (dead letters) with the action to send them again."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from complaints import intake
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint, Notification
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
VIEWPORTS = {"ar": PHONE, "en": DESKTOP}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_citizen_sees_the_briefly_unavailable_page_while_the_database_is_away(
        live_server, browser, screenshot, settings, monkeypatch, language):
    settings.DEBUG = False

    def refused(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(CursorWrapper, "execute", refused)
    page = browser.new_page(viewport=VIEWPORTS[language], locale=language)
    response = page.goto(f"{live_server.url}/{language}/complaints/new/")

    assert response.status == 503 and response.headers["retry-after"] == "30"
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    assert "80008001" in page.inner_text("main")
    screenshot(page, f"database_unavailable_{language}")
    page.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_supervisor_sees_the_messages_given_up_and_can_send_them_again(
        live_server, browser, screenshot, client, supervisor, language):
    intake.receive(IntakeRequest(channel=Complaint.Channel.WEB, subject="تسرب مياه", body="تفاصيل",
                                 citizen=CitizenDetails(name="فاطمة علي", cpr="850412345", mobile="39123456",
                                                        email="fatima@example.com")))
    Notification.objects.update(attempts=8, failed_at=timezone.now(), last_error="TimeoutError: timed out")
    client.force_login(supervisor)
    context = browser.new_context(viewport=VIEWPORTS[language], locale=language)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/admin/complaints/notification/?state=given_up")
    assert page.locator("#result_list tbody tr").count() == 2
    assert "39123456" not in page.content() and "…3456" in page.content()
    page.select_option("select[name=action]", "send_again")
    screenshot(page, f"notifications_given_up_{language}")
    context.close()
