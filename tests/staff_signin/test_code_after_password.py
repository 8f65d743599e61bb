"""After the password, staff enter a code from their authenticator app before any back-office page opens."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.staff_signin.steps import code_now, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


def every_admin_page():
    pages = ["/admin/", "/admin/password_change/", "/admin/complaints/routingrule/try/",
             "/admin/channels_intake/call/statistics/", "/admin/channels_intake/tawasulupdate/mismatches/"]
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        pages.append(reverse("admin:%s_%s_changelist" % info))
        try:
            pages.append(reverse("admin:%s_%s_add" % info))
        except NoReverseMatch:  # a page rather than a list of rows (the routing quality report)
            pass
    return pages


def test_with_a_password_alone_every_admin_page_sends_staff_to_the_code_page(client, huda, authenticator):
    client.force_login(huda)
    pages = every_admin_page()
    assert len(pages) > 30
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        target = urlsplit(response["Location"])
        assert target.path == "/admin/sign-in/code/", page
        assert parse_qs(target.query)["next"] == [page]


def test_a_form_posted_with_a_password_alone_changes_nothing(client, huda, authenticator, maintenance):
    client.force_login(huda)
    response = client.post(f"/admin/complaints/department/{maintenance.pk}/change/",
                           {"code": "maintenance", "name_ar": "مخترق", "name_en": "Hacked"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/sign-in/code/")
    maintenance.refresh_from_db()
    assert maintenance.name_en == "Maintenance"


def test_signing_in_asks_for_the_code_after_the_password(client, huda, authenticator):
    response = sign_in(client, "agent.huda", next_url="/admin/complaints/complaint/")
    assert response.status_code == 302 and response["Location"] == "/admin/complaints/complaint/"
    response = client.get(response["Location"])
    assert response["Location"] == "/admin/sign-in/code/?next=%2Fadmin%2Fcomplaints%2Fcomplaint%2F"
    page = client.get(response["Location"], headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "Enter your sign-in code" in page.content.decode()


def test_the_code_the_app_shows_lets_the_user_in(client, huda, authenticator):
    sign_in(client, "agent.huda")
    response = client.post("/admin/sign-in/code/", {"code": code_now(authenticator),
                                                   "next": "/admin/complaints/complaint/"})
    assert response.status_code == 302 and response["Location"] == "/admin/complaints/complaint/"
    assert client.get("/admin/complaints/complaint/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client, huda, authenticator):
    sign_in(client, "agent.huda")
    right = code_now(authenticator)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    response = client.post("/admin/sign-in/code/", {"code": wrong, "next": "/admin/"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith("/admin/sign-in/code/")


def test_after_a_wrong_code_the_app_waits_before_checking_again(client, settings, huda, authenticator):
    """django-otp doubles the wait after each wrong code (here from a minute), so guessing is hopeless."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    sign_in(client, "agent.huda")
    client.post("/admin/sign-in/code/", {"code": "000000" if code_now(authenticator) != "000000" else "111111"})
    response = client.post("/admin/sign-in/code/", {"code": code_now(authenticator)},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "Too many wrong codes. Try again after" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_same_code_cannot_be_used_twice(huda, authenticator):
    """Someone who watched the code being typed cannot reuse it in another browser."""
    code = code_now(authenticator)
    first, second = Client(), Client()
    sign_in(first, "agent.huda")
    sign_in(second, "agent.huda")
    assert first.post("/admin/sign-in/code/", {"code": code}).status_code == 302
    assert second.post("/admin/sign-in/code/", {"code": code}).status_code == 400
    assert second.get("/admin/").status_code == 302


def test_a_code_typed_with_arabic_indic_digits_and_spaces_is_accepted(client, huda, authenticator):
    code = code_now(authenticator)
    arabic = code[:3].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + " " + code[3:]
    sign_in(client, "agent.huda")
    assert client.post("/admin/sign-in/code/", {"code": arabic}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_backup_code_works_once(huda, authenticator, backup_code):
    first = Client()
    sign_in(first, "agent.huda")
    response = first.post("/admin/sign-in/code/", {"code": backup_code.upper(), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200

    second = Client()
    sign_in(second, "agent.huda")
    assert second.post("/admin/sign-in/code/", {"code": backup_code}).status_code == 400
    assert second.get("/admin/").status_code == 302


def test_a_mistyped_backup_code_does_not_count_against_the_app(client, huda, authenticator, backup_code):
    """Each kind of code is checked only by its own device, so the app's code still works straight after."""
    sign_in(client, "agent.huda")
    assert client.post("/admin/sign-in/code/", {"code": "notacode"}).status_code == 400
    assert client.post("/admin/sign-in/code/", {"code": code_now(authenticator)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_after_the_code_the_user_goes_only_to_a_page_of_this_site(client, huda, authenticator):
    sign_in(client, "agent.huda")
    response = client.post("/admin/sign-in/code/", {"code": code_now(authenticator),
                                                   "next": "https://phishing.example/admin/"})
    assert response["Location"] == "/admin/"


def test_the_code_page_is_arabic_and_right_to_left_by_default(client, huda, authenticator):
    sign_in(client, "agent.huda")
    page = client.get("/admin/sign-in/code/").content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert 'autocomplete="one-time-code"' in page and 'dir="ltr"' in page


def test_before_the_code_staff_can_still_sign_out(client, huda, authenticator):
    sign_in(client, "agent.huda")
    response = client.post("/admin/logout/")
    assert response.status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_visitors_who_are_not_signed_in_go_to_the_password_page_and_citizens_are_not_asked(client):
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/sign-in/code/")["Location"].startswith("/admin/login/")
    assert client.get("/ar/").status_code == 200


def test_with_the_requirement_switched_off_the_password_is_enough(client, settings, huda, authenticator):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    sign_in(client, "agent.huda")
    assert client.get("/admin/").status_code == 200


def test_once_verified_the_code_page_sends_the_user_on(client, huda, authenticator):
    sign_in(client, "agent.huda")
    client.post("/admin/sign-in/code/", {"code": code_now(authenticator)})
    response = client.get("/admin/sign-in/code/?next=/admin/complaints/complaint/")
    assert response.status_code == 302 and response["Location"] == "/admin/complaints/complaint/"
