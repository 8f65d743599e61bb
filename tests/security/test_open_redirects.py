"""Open redirects: every redirect that takes a target from the request (staff sign-in and sign-out
`next`, the code step after the password, the language switcher's `next` and Referer) stays on
the portal whatever it is given."""

from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from housing_portal.staff_signin import views as signin_views
from tests.staff_signin.conftest import staff_member
from tests.staff_signin.steps import code_now, sign_in

pytestmark = pytest.mark.django_db

ELSEWHERE = [
    "https://evil.example/", "http://evil.example", "//evil.example/", "/\\evil.example/", "\\\\evil.example",
    "/\\/evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
    "https:evil.example", " //evil.example", "\t//evil.example", "http://testserver@evil.example/",
    "https://evil.example\\@testserver/", "///evil.example", "https://testserver.evil.example/",
]


def stays_on_site(location: str) -> bool:
    # Browsers read a backslash as a slash and drop leading spaces and control characters.
    seen_as = location.strip(" \t\r\n\x00").replace("\\", "/")
    parts = urlsplit(seen_as)
    if parts.scheme not in ("", "http", "https"):
        return False
    if seen_as.startswith("//"):
        return parts.netloc == "testserver"
    return parts.netloc in ("", "testserver")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_in_never_sends_staff_elsewhere(client, target):
    staff_member("agent.huda")
    response = sign_in(client, "agent.huda", next_url=target)
    assert response.status_code == 302 and stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_out_never_sends_staff_elsewhere(client, target):
    client.force_login(staff_member("agent.huda"))
    response = client.post("/admin/logout/", {"next": target})
    assert response.status_code in (200, 302)
    assert response.status_code == 200 or stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_code_step_never_sends_staff_elsewhere(client, settings, target):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    huda = staff_member("agent.huda")
    device = TOTPDevice.objects.create(user=huda, name="authenticator app", confirmed=True)
    sign_in(client, "agent.huda", next_url=target)
    response = client.post(f"/admin/sign-in/code/?next={target}", {"code": code_now(device), "next": target})
    assert response.status_code == 302 and stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_next_url_of_the_sign_in_steps_is_on_site_or_the_back_office(target):
    for request in (RequestFactory().get("/", {"next": target}), RequestFactory().post("/", {"next": target})):
        assert signin_views._next_url(request) == "/admin/"


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_language_switcher_never_sends_anyone_elsewhere(client, target):
    by_next = client.post("/i18n/setlang/", {"language": "en", "next": target})
    by_referer = client.post("/i18n/setlang/", {"language": "en"}, HTTP_REFERER=target)
    for response in (by_next, by_referer):
        assert response.status_code == 302 and stays_on_site(response["Location"]), response["Location"]


def test_an_address_on_the_portal_is_still_followed(client):
    """The refusals are about other sites: a path on the portal is where the switcher goes."""
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/track/"})
    assert response["Location"] == "/en/track/"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "localhost.evil.example"])
def test_a_forged_host_header_is_refused(client, host):
    """Links the portal builds (in e-mails, redirects) can never point at a host an attacker names."""
    assert client.get("/ar/", HTTP_HOST=host).status_code == 400
