"""The language switch keeps the page and what was typed in it, whatever the browser's language
(Accept-Language) or an earlier choice (the language cookie) says."""

import re

import pytest
from django.conf import settings

from tests.channels_intake.test_web_form import PDF, answers, upload
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

DETAILS = "يتسرب الماء من سقف غرفة النوم منذ شهرين.\nوصل الماء إلى الكهرباء في الممر.\n" + "تفاصيل أكثر. " * 300


@pytest.fixture
def category(maintenance):
    return CategoryFactory(code="maintenance-defects", name_ar="أعطال الصيانة", name_en="Maintenance defects",
                           default_department=maintenance)


def browser_in(client, language, how):
    """The browser's own language, told by its Accept-Language or by an earlier choice."""
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return {}
    return {"HTTP_ACCEPT_LANGUAGE": language}


def field_value(html, name):
    return re.search(rf'<input [^>]*name="{name}"[^>]*value="([^"]*)"', html).group(1)


@pytest.mark.parametrize("how", ["accept-language", "cookie"])
@pytest.mark.parametrize("page, other_page, browser", [
    ("/ar/track/", "/en/track/", "en"),
    ("/en/complaints/new/check/", "/ar/complaints/new/check/", "ar"),
    ("/ar/", "/en/", "en"),
    ("/en/statistics/", "/ar/statistics/", "ar"),
])
def test_a_page_comes_back_in_the_other_language_when_the_browser_speaks_that_one(client, page, other_page,
                                                                                  browser, how):
    headers = browser_in(client, browser, how)
    language = other_page.split("/")[1]

    response = client.post("/i18n/setlang/", {"language": language, "next": page}, **headers)

    assert response.status_code == 302 and response["Location"] == other_page
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language


def test_the_query_of_the_page_is_kept(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/ar/statistics/?year=2026"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/statistics/?year=2026"


@pytest.mark.parametrize("how", ["accept-language", "cookie"])
def test_the_complaint_form_comes_back_in_english_with_everything_typed_and_attached(client, category, how):
    headers = browser_in(client, "en", how)
    typed = answers(category, body=DETAILS, cpr="8504", email="fatima@example.com")  # the CPR is not finished
    client.get("/ar/complaints/new/", **headers)

    switched = client.post("/ar/complaints/new/", {**typed, "language": "en",
                                                    "files": [upload("roof.pdf", PDF, "application/pdf")]}, **headers)

    assert switched.status_code == 302 and switched["Location"] == "/en/complaints/new/"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/en/complaints/new/", **headers).content.decode()
    assert '<html lang="en" dir="ltr">' in html and "Send a complaint, inquiry or suggestion" in html
    assert field_value(html, "subject") == typed["subject"]
    assert field_value(html, "name") == typed["name"] and field_value(html, "cpr") == "8504"
    assert field_value(html, "email") == "fatima@example.com"
    body = re.search(r'<textarea [^>]*name="body"[^>]*>(.*?)</textarea>', html, re.DOTALL).group(1)
    assert body.strip() == DETAILS.strip()
    assert re.search(rf'<option value="{category.pk}" selected>', html)
    assert re.search(r'<input type="radio" name="kind" value="complaint"[^>]*checked', html)
    assert "roof.pdf" in html                                    # the file attached before switching
    assert 'id="error-summary"' not in html                      # checked only on Continue


def test_after_switching_the_form_goes_on_to_the_check_in_the_new_language(client, category):
    switched = client.post("/ar/complaints/new/", {**answers(category), "language": "en",
                                                   "files": [upload("roof.pdf", PDF, "application/pdf")]})
    assert switched["Location"] == "/en/complaints/new/"         # the form again, not the check yet
    filled = client.get("/en/complaints/new/").content.decode()
    assert field_value(filled, "subject") == answers(category)["subject"]

    continued = client.post("/en/complaints/new/", answers(category))

    assert continued.status_code == 302 and continued["Location"] == "/en/complaints/new/check/"
    check = client.get("/en/complaints/new/check/").content.decode()
    assert "Check your answers before sending" in check and "roof.pdf" in check


def test_a_file_ticked_for_removal_is_kept_ticked_not_removed_by_the_switch(client, category):
    client.post("/ar/complaints/new/", {**answers(category, name=""),
                                        "files": [upload("roof.pdf", PDF, "application/pdf")]})
    key = re.search(r'name="remove_file" value="([^"]+)"', client.get("/ar/complaints/new/").content.decode()).group(1)

    client.post("/ar/complaints/new/", {**answers(category, name=""), "remove_file": key, "language": "en"})

    html = client.get("/en/complaints/new/").content.decode()
    assert "roof.pdf" in html
    assert re.search(rf'name="remove_file" value="{re.escape(key)}"[^>]* checked', html)


def test_the_tracking_form_comes_back_in_the_other_language_with_what_was_typed_once(client):
    typed = {"reference": "26-4815-1623-4", "mobile_last_digits": "3456"}

    response = client.post("/i18n/setlang/?next=/ar/track/", {**typed, "language": "en"},
                           HTTP_ACCEPT_LANGUAGE="en")

    assert response["Location"] == "/en/track/"
    html = client.get("/en/track/").content.decode()
    assert "Follow your complaint" in html
    assert field_value(html, "reference") == "26-4815-1623-4" and field_value(html, "mobile_last_digits") == "3456"
    again = client.get("/en/track/").content.decode()
    assert 'value="26-4815-1623-4"' not in again                 # handed over once, not kept


def test_fields_brought_for_one_page_are_not_shown_on_another(client):
    client.post("/i18n/setlang/?next=/ar/track/", {"reference": "26-4815-1623-4", "language": "en"})
    assert 'value="26-4815-1623-4"' not in client.get("/en/complaints/new/").content.decode()
    assert field_value(client.get("/en/track/").content.decode(), "reference") == "26-4815-1623-4"


@pytest.mark.parametrize("page, form_id, action", [
    ("/ar/complaints/new/", "complaint-form", "/ar/complaints/new/"),
    ("/en/track/", "track-form", "/i18n/setlang/?next=/en/track/"),
])
def test_the_switch_on_a_form_page_sends_the_form_along_and_enter_still_submits_it(client, category, page,
                                                                                     form_id, action):
    html = client.get(page).content.decode()
    switch = re.search(r'<button type="submit" name="language".*?</button>', html, re.DOTALL).group(0)
    assert f'form="{form_id}"' in switch and f'formaction="{action}"' in switch and "formnovalidate" in switch
    assert re.search(rf'<form method="post"[^>]* id="{form_id}"', html)
    # The form's default button (the one Enter presses) is the first in the page that belongs to it:
    # a plain submit, not the switch.
    first = re.search(rf'<button [^>]*form="{form_id}"[^>]*>', html).group(0)
    assert 'name="language"' not in first


def test_a_page_without_a_form_keeps_the_plain_switch(client):
    html = client.get("/en/").content.decode()
    switch = re.search(r'<form action="/i18n/setlang/".*?</form>', html, re.DOTALL).group(0)
    assert 'name="next" type="hidden" value="/en/"' in switch and "formaction" not in switch
