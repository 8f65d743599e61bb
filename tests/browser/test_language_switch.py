"""A citizen whose browser speaks the other language types into the complaint form, switches the
page's language and back, and finds the same page with everything typed and attached; Enter in a
field still goes on to the check, never to the other language."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import CategoryFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

TEXTS = {
    "ar": {"subject": "تسرب مياه من سقف غرفة النوم", "name": "فاطمة علي حسن", "heading": "أرسل شكوى",
           "check": "راجع إجاباتك قبل الإرسال"},
    "en": {"subject": "Water leaking from the bedroom ceiling", "name": "Fatima Ali Hassan",
           "heading": "Send a complaint", "check": "Check your answers before sending"},
}
DETAILS = ("The water has leaked from the ceiling for two months.\nIt reached the light in the corridor.\n"
           + "يتسرب الماء من السقف منذ شهرين. " * 120)
OTHER = {"ar": "en", "en": "ar"}


@pytest.fixture
def roof_photo(tmp_path):
    from PIL import Image

    path = tmp_path / "roof.jpg"
    Image.new("RGB", (64, 48), "gray").save(path, "JPEG")
    return path


@pytest.mark.parametrize("language, browser_locale, viewport", [("ar", "en-US", PHONE), ("en", "ar-BH", DESKTOP)],
                         ids=["arabic-page-english-browser", "english-page-arabic-browser"])
def test_switching_language_keeps_the_page_and_everything_typed(live_server, browser, screenshot, maintenance,
                                                                roof_photo, language, browser_locale, viewport):
    CategoryFactory(code="maintenance-defects", name_ar="أعطال الصيانة", name_en="Maintenance defects",
                    default_department=maintenance)
    texts, other = TEXTS[language], OTHER[language]
    context = browser.new_context(locale=browser_locale, viewport=viewport)
    page = context.new_page()

    page.goto(f"{live_server.url}/{language}/complaints/new/")
    page.check("input[name=kind][value=complaint]")
    page.select_option("select[name=category]", index=1)
    page.fill("#id_subject", texts["subject"])
    page.fill("#id_body", DETAILS)
    page.fill("#id_name", texts["name"])
    page.fill("#id_cpr", "850412345")
    page.fill("#id_mobile", "3912 3456")
    page.set_input_files("#id_files", str(roof_photo))
    screenshot(page, f"language-switch-{language}-1-typed")

    page.click("header button[name=language]")                  # the browser speaks the other language

    assert page.url == f"{live_server.url}/{other}/complaints/new/"
    assert page.get_attribute("html", "lang") == other
    assert TEXTS[other]["heading"] in page.inner_text("h1")
    assert page.input_value("#id_subject") == texts["subject"] and page.input_value("#id_name") == texts["name"]
    assert page.input_value("#id_body") == DETAILS
    assert page.input_value("#id_cpr") == "850412345" and page.input_value("#id_mobile") == "3912 3456"
    assert page.is_checked("input[name=kind][value=complaint]")
    assert "roof.jpg" in page.inner_text("main")
    assert page.locator("#error-summary").count() == 0
    screenshot(page, f"language-switch-{language}-2-switched")

    page.click("header button[name=language]")                  # and back, after that choice was remembered
    assert page.url == f"{live_server.url}/{language}/complaints/new/"
    assert page.input_value("#id_body") == DETAILS and "roof.jpg" in page.inner_text("main")

    page.press("#id_subject", "Enter")                           # Enter goes on with the form
    page.wait_for_url(f"{live_server.url}/{language}/complaints/new/check/")
    main = page.inner_text("main")
    assert texts["check"] in main and texts["subject"] in main and "roof.jpg" in main
    screenshot(page, f"language-switch-{language}-3-check")
    context.close()


def test_the_tracking_form_keeps_what_was_typed_across_the_switch(live_server, browser):
    context = browser.new_context(locale="en-US", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/track/")
    page.fill("#id_reference", "26-4815-1623-4")

    page.click("header button[name=language]")

    assert page.url == f"{live_server.url}/en/track/"
    assert page.get_attribute("html", "lang") == "en"
    assert page.input_value("#id_reference") == "26-4815-1623-4"
    context.close()
