"""404, 403 and 500 are the portal's own pages, in the language of the page asked for (or the
browser's, for an address without one), with the hotline and the language switch; machines get JSON."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TITLES = {
    404: {"ar": "الصفحة غير موجودة", "en": "Page not found"},
    403: {"ar": "لا يمكنك فتح هذه الصفحة", "en": "You cannot open this page"},
    500: {"ar": "نعتذر، حدثت مشكلة في الخدمة", "en": "Sorry, there is a problem with the service"},
}
DIRECTION = {"ar": "rtl", "en": "ltr"}


def the_portals_page(response, status, language) -> bool:
    html = response.content.decode()
    return (response.status_code == status
            and f'<html lang="{language}" dir="{DIRECTION[language]}">' in html
            and TITLES[status][language] in html
            and "css/portal.css" in html and 'class="language-switch"' in html
            and 'href="tel:80008001"' in html)


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.fixture
def deployed(settings):
    settings.DEBUG = False


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_page_that_does_not_exist_is_the_portals_page_in_its_language(browser, deployed, language):
    response = browser.get(f"/{language}/complaints/no-such-page/")
    assert the_portals_page(response, 404, language)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_address_without_a_language_is_answered_in_the_browsers(browser, deployed, language):
    response = browser.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    assert the_portals_page(response, 404, language)


def test_the_switch_on_a_missing_page_gives_it_in_the_other_language(browser, deployed):
    response = browser.post("/i18n/setlang/", {"language": "ar", "next": "/en/no-such-page/"},
                            HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/ar/no-such-page/"
    assert the_portals_page(browser.get(response["Location"]), 404, "ar")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_page_someone_may_not_open_is_the_portals_page_in_its_language(browser, deployed, maintenance_officer,
                                                                         language):
    browser.force_login(maintenance_officer)        # staff, but not of the minister's office
    response = browser.get(f"/{language}/minister/")
    assert the_portals_page(response, 403, language)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_failure_is_the_portals_page_in_its_language(browser, deployed, monkeypatch, language):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("complaints.portal.views.render", broken)
    response = browser.get(f"/{language}/")
    assert the_portals_page(response, 500, language)
    assert "ValueError" not in response.content.decode()


def test_machines_get_json_for_an_address_that_does_not_exist(browser, deployed):
    response = browser.get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response.json() == {"error": "Not found."}
