"""Staff without an authenticator set one up at their next sign-in: scan, confirm, keep the backup codes."""

import re
from base64 import b32encode

import pytest
import segno
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff_signin.steps import code_now, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


def test_a_staff_member_without_an_authenticator_is_taken_to_enrolment(client, huda):
    sign_in(client, "agent.huda")
    response = client.get("/admin/complaints/complaint/")
    assert response["Location"] == "/admin/sign-in/enrol/?next=%2Fadmin%2Fcomplaints%2Fcomplaint%2F"
    assert client.get("/admin/sign-in/code/")["Location"].startswith("/admin/sign-in/enrol/")


def test_enrolment_from_scan_to_backup_codes(client, huda):
    sign_in(client, "agent.huda")
    page = client.get("/admin/sign-in/enrol/?next=/admin/complaints/complaint/", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Set up your authenticator app" in html
    assert '<svg viewBox="' in html and 'class="signin-qr"' in html
    pending = TOTPDevice.objects.get(user=huda, confirmed=False)
    key = b32encode(pending.bin_key).decode().rstrip("=")
    assert key[:4] + " " + key[4:8] in html                    # the key to type, for apps that cannot scan
    assert pending.config_url.startswith("otpauth://totp/Ministry%20of%20Housing%3Aagent.huda?secret=" + key)
    drawn = segno.make(pending.config_url, error="m").svg_inline(scale=4, lineclass=None)
    assert re.search(r' d="([^"]+)"', drawn).group(1) in html  # the QR code encodes that address

    response = client.post("/admin/sign-in/enrol/", {"code": code_now(pending),
                                                     "next": "/admin/complaints/complaint/"})
    assert response["Location"] == "/admin/sign-in/backup-codes/?next=%2Fadmin%2Fcomplaints%2Fcomplaint%2F"
    assert TOTPDevice.objects.get(pk=pending.pk).confirmed

    shown = client.get(response["Location"], headers={"Accept-Language": "en"})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown.content.decode())
    assert len(codes) == 10
    assert sorted(codes) == sorted(StaticDevice.objects.get(user=huda).token_set.values_list("token", flat=True))
    assert 'href="/admin/complaints/complaint/"' in shown.content.decode()

    again = client.get(response["Location"])                   # shown once only
    assert again.status_code == 302 and again["Location"] == "/admin/complaints/complaint/"
    assert client.get("/admin/complaints/complaint/").status_code == 200


def test_the_enrolment_page_draws_the_qr_code_itself_within_the_content_security_policy(client, huda):
    sign_in(client, "agent.huda")
    response = client.get("/admin/sign-in/enrol/")
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self';" in policy and "unsafe" not in policy
    assert " style=" not in html and "<style" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)     # nothing from another host
    assert "otpauth://" not in html                             # the QR code is drawn, not linked


def test_the_qr_code_stays_the_same_until_it_is_confirmed(client, huda):
    sign_in(client, "agent.huda")
    first = client.get("/admin/sign-in/enrol/").content.decode()
    second = client.get("/admin/sign-in/enrol/").content.decode()
    svg = re.compile(r"<svg.*?</svg>", re.S)
    assert svg.search(first).group() == svg.search(second).group()
    assert TOTPDevice.objects.filter(user=huda).count() == 1


def test_a_wrong_code_does_not_confirm_the_authenticator(client, huda):
    sign_in(client, "agent.huda")
    client.get("/admin/sign-in/enrol/")
    pending = TOTPDevice.objects.get(user=huda)
    wrong = f"{(int(code_now(pending)) + 1) % 1_000_000:06d}"
    response = client.post("/admin/sign-in/enrol/", {"code": wrong}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.get(pk=pending.pk).confirmed
    assert not StaticDevice.objects.filter(user=huda).exists()
    assert client.get("/admin/")["Location"].startswith("/admin/sign-in/enrol/")


def test_someone_with_only_the_password_cannot_add_an_authenticator_of_their_own(client, huda, authenticator):
    sign_in(client, "agent.huda")
    assert client.get("/admin/sign-in/enrol/")["Location"].startswith("/admin/sign-in/code/")
    response = client.post("/admin/sign-in/enrol/", {"code": "123456"})
    assert response["Location"].startswith("/admin/sign-in/code/")
    assert list(TOTPDevice.objects.filter(user=huda)) == [authenticator]


def test_backup_codes_alone_also_count_as_an_authenticator(client, huda, backup_code):
    """If only the backup codes are left (the phone was reset by an administrator, the codes were not),
    the code page asks for one of them rather than letting a password holder enrol."""
    sign_in(client, "agent.huda")
    assert client.get("/admin/")["Location"].startswith("/admin/sign-in/code/")


def test_the_enrolment_page_is_arabic_and_right_to_left_by_default(client, huda):
    sign_in(client, "agent.huda")
    html = client.get("/admin/sign-in/enrol/").content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert '<code class="signin-key" dir="ltr">' in html
