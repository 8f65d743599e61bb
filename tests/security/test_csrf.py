"""CSRF on every view: a signed-in member of staff's browser posting without the token is refused
on every URL the resolver knows (admin screens and actions, citizen forms, the office's pages, the
staff API with a session). The only exceptions are the ones listed below, each authenticated by
something a forged cross-site request cannot carry; a new view without CSRF fails this test."""

import pytest
from django.conf import settings
from django.http import HttpResponseForbidden
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from tests.factories import UserFactory
from tests.security.url_patterns import every_route

pytestmark = pytest.mark.django_db

CSRF_REFUSED = "csrf-refused-by-the-portal"

# Views that take no CSRF token, and why a forged request gets nothing from them.
EXEMPT = {
    # Signed webhooks: HMAC-SHA256 over the timestamp and body, with a secret no browser holds.
    "channels_intake.webhooks.TawasulCaseWebhook",
    "channels_intake.webhooks.CallRecordWebhook",
    "channels_intake.webhooks.SocialPostWebhook",
    # Open311: no cookie is read at all; submitting needs the client application's api_key.
    "channels_intake.open311.views.ServiceListView",
    "channels_intake.open311.views.ServiceDefinitionView",
    "channels_intake.open311.views.RequestListView",
    "channels_intake.open311.views.RequestDetailView",
    "channels_intake.open311.urls.ServiceListViewXml",
    "channels_intake.open311.urls.ServiceDefinitionViewXml",
    "channels_intake.open311.urls.RequestListViewXml",
    "channels_intake.open311.urls.RequestDetailViewXml",
}


def refused(request, reason=""):
    return HttpResponseForbidden(CSRF_REFUSED)


@pytest.fixture
def signed_in_browser(settings):  # noqa: F811 (the fixture, not django.conf.settings)
    settings.CSRF_FAILURE_VIEW = "tests.security.test_csrf.refused"
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(username="root", is_superuser=True))
    # A forged request carries the victim's cookies, the CSRF cookie included; only the token is missing.
    browser.cookies[settings.CSRF_COOKIE_NAME] = _get_new_csrf_string()
    return browser


def csrf_refusal(response) -> bool:
    if response.status_code != 403:
        return False
    body = response.content.decode(errors="replace")
    return CSRF_REFUSED in body or "CSRF Failed" in body  # the first from Django, the second from DRF


def refused_only_for_want_of_the_token(browser, path) -> bool:
    response = browser.post(path, {"anything": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    if csrf_refusal(response) or response.status_code != 403:
        return csrf_refusal(response)
    # A 403 that does not say why (DRF's HTML views): the same post with the token must get past it.
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    return browser.post(path, {"anything": "1"}, HTTP_X_CSRFTOKEN=token).status_code != 403


def test_every_view_but_the_listed_ones_refuses_a_post_without_the_csrf_token(signed_in_browser):
    unprotected = set()
    for route in every_route():
        if not refused_only_for_want_of_the_token(signed_in_browser, route.path):
            unprotected.add(route.view_name)

    assert unprotected == EXEMPT


def test_every_method_that_changes_something_is_checked(signed_in_browser):
    """PUT, PATCH and DELETE go through the same check as POST (Django and DRF alike)."""
    routes = {route.view_name: route.path for route in every_route()}
    for path in (routes["complaints.api.views.ComplaintViewSet"], "/ar/track/", "/admin/logout/"):
        for method in ("put", "patch", "delete"):
            assert csrf_refusal(getattr(signed_in_browser, method)(path)), (method, path)


def test_the_same_post_with_the_token_gets_through(signed_in_browser):
    """The refusals above are about the token, not about the post itself."""
    token = signed_in_browser.cookies["csrftoken"].value
    response = signed_in_browser.post("/en/track/", {"reference": "1", "mobile_last_digits": "1",
                                                     "csrfmiddlewaretoken": token})
    assert response.status_code == 400 and not csrf_refusal(response)
