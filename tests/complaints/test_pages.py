"""Public pages: Arabic first and right to left, English second, nothing from a CDN."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_root_sends_visitors_to_the_arabic_site(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_arabic_home_is_right_to_left_with_the_rtl_stylesheet(client):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "وزارة الإسكان" in html
    assert "80008001" in html


def test_english_home_is_left_to_right(client):
    html = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "bootstrap.min.css" in html and "bootstrap.rtl.min.css" not in html
    assert "Ministry of Housing" in html


@pytest.mark.parametrize("path", ["/ar/", "/en/"])
def test_pages_load_nothing_from_other_hosts(client, path):
    html = client.get(path).content.decode()
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)


def test_the_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/ar/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_the_language_switch_refuses_to_leave_the_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert "evil.example" not in response.get("Location", "")


def test_pages_carry_a_content_security_policy_with_a_nonce(client):
    response = client.get("/ar/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()


def test_the_admin_is_served_in_arabic_by_default(client, django_user_model):
    response = client.get("/admin/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in html
