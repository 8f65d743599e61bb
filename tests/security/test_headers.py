"""Security headers on the pages people use, and the templates kept free of what the Content
Security Policy forbids (inline script without the nonce, style="", on…= handlers,
javascript: links). Django's `check --deploy` says nothing about a missing CSP, so these do."""

import re
from pathlib import Path

import pytest

from complaints.models import Complaint
from complaints.portal.track_views import TRACKED
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]

CITIZEN_PAGES = ["/ar/", "/en/complaints/new/", "/ar/track/", "/ar/statistics/", "/admin/login/"]
STAFF_PAGES = ["/admin/", "/admin/complaints/complaint/", "/ar/minister/", "/ar/minister/council/",
               "/en/reports/", "/api/docs/"]
MACHINE_PAGES = ["/open311/v2/services.json", "/open311/v2/services.xml", "/api/schema/"]


@pytest.fixture
def staff_browser(client, ministry):
    client.force_login(UserFactory(username="root", is_superuser=True))
    return client


@pytest.fixture
def tracked_complaint(client, maintenance):
    complaint = ComplaintFactory(status=Complaint.Status.ROUTED, department=maintenance,
                                 contact_mobile="+97339123456")
    session = client.session
    session[TRACKED] = [complaint.pk]
    session.save()
    return complaint


def csp_of(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_secure_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = csp_of(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    for directive, sources in policy.items():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(sources), (directive, sources)
    return policy


def assert_scripts_carry_the_nonce(response, policy):
    """Scripts come from the portal's own files ('self') or carry this response's nonce; data
    blocks (json_script) are never run. Django adds the nonce to the header only when a template
    used it, so a page without inline script has none."""
    nonces = [source[len("'nonce-"):-1] for source in policy["script-src"] if source.startswith("'nonce-")]
    assert set(policy["script-src"]) - {f"'nonce-{nonce}'" for nonce in nonces} == {"'self'"}
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html, flags=re.I)
    assert scripts, "no script on the page: the nonce check would prove nothing"
    for tag in scripts:
        if re.search(r"\bsrc=", tag) or re.search(r'type="application/(?:ld\+)?json"', tag):
            continue
        assert nonces and f'nonce="{nonces[0]}"' in tag, tag
    assert not re.search(r"<[^>]+\sstyle\s*=", html, flags=re.I)
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html, flags=re.I)


@pytest.mark.parametrize("path", CITIZEN_PAGES)
def test_citizen_pages_send_the_security_headers_and_a_nonce_on_every_script(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_scripts_carry_the_nonce(response, assert_secure_headers(response))


def test_the_tracking_page_of_a_complaint_sends_them_too(client, tracked_complaint):
    response = client.get(f"/ar/track/{tracked_complaint.reference}/")
    assert response.status_code == 200
    assert_scripts_carry_the_nonce(response, assert_secure_headers(response))
    assert "no-store" in response["Cache-Control"]  # a page with personal data is never cached


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_send_the_security_headers_and_a_nonce_on_every_script(staff_browser, path):
    response = staff_browser.get(path)
    assert response.status_code == 200
    policy = assert_secure_headers(response)
    if not path.startswith("/api/docs/"):  # Swagger UI loads its scripts from the portal ('self')
        assert_scripts_carry_the_nonce(response, policy)


def test_the_case_page_sends_them_too(staff_browser, maintenance):
    complaint = ComplaintFactory(status=Complaint.Status.ROUTED, department=maintenance)
    response = staff_browser.get(f"/admin/complaints/complaint/{complaint.pk}/change/")
    assert response.status_code == 200
    assert_scripts_carry_the_nonce(response, assert_secure_headers(response))


@pytest.mark.parametrize("path", MACHINE_PAGES)
def test_machine_answers_send_the_headers_too(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_secure_headers(response)


def test_production_sends_hsts_and_sends_plain_http_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    assert client.get("/ar/")["Location"] == "https://testserver/ar/"
    hsts = client.get("/ar/", secure=True)["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000 and "includeSubDomains" in hsts


def test_production_cookies_are_secure_and_http_only(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    csrf = client.get("/en/complaints/new/", secure=True).cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    session = client.post("/en/complaints/new/", {"subject": "x"}, secure=True).cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


# --- The templates themselves -------------------------------------------------------------------

def template_files():
    folders = [PROJECT_DIR / "templates", *PROJECT_DIR.glob("*/templates"), *PROJECT_DIR.glob("*/*/templates")]
    return sorted({path for folder in folders for path in folder.rglob("*.html")})


FORBIDDEN = {
    "script without the nonce": re.compile(r"<script\b(?![^>]*\bnonce=\"\{\{ ?csp_nonce ?\}\}\")[^>]*>", re.I),
    'style=""': re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "an on…= handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "a javascript: link": re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
    "output marked safe": re.compile(r"\|\s*safe\b|\{%\s*autoescape\s+off", re.I),
}
# Output marked safe, where what is marked is built by the portal itself (not typed by anyone).
SAFE_MARKED_ON_PURPOSE: set[tuple[str, str]] = set()


def test_the_scan_finds_the_templates():
    names = {path.name for path in template_files()}
    assert {"base.html", "case.html", "dashboard.html", "code_form.html"} <= names


@pytest.mark.parametrize("rule", FORBIDDEN)
def test_no_template_holds_what_the_policy_forbids(rule):
    found = []
    for path in template_files():
        for match in FORBIDDEN[rule].finditer(path.read_text()):
            where = str(path.relative_to(PROJECT_DIR))
            if (where, match.group(0)) not in SAFE_MARKED_ON_PURPOSE:
                found.append(f"{where}: {match.group(0)}")
    assert found == []
