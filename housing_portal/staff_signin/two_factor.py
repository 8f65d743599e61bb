"""The second step of a staff sign-in: a code from an authenticator app (TOTP), or a backup code.

django-otp keeps the devices; this module decides who must verify, enrols a new authenticator
and checks a typed code against the right kind of device.
"""

from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp import verify_token as verify_device_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.values import digits

BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator app"
BACKUP_CODES_NAME = "backup codes"


def must_verify(user) -> bool:
    """A staff user signed in with a password but not yet with a code."""
    return user.is_authenticated and user.is_staff and not user.is_verified()


def needs_enrolment(user) -> bool:
    """No confirmed device of any kind. Someone holding only the password must not be able to
    add a device of their own while the owner still has one (or still has backup codes)."""
    return not user_has_device(user, confirmed=True)


def normalise_code(text: str) -> str:
    """As typed: Arabic-Indic digits, spaces and dashes are all accepted; backup codes in any case."""
    return "".join(ch for ch in digits.to_latin_digits(text) if ch.isalnum()).lower()


def _is_app_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


@dataclass(frozen=True)
class Verification:
    device: object | None  # the django-otp device that accepted the code
    retry_after: datetime | None = None  # set when the device refuses to check codes for now


def verify(user, text: str) -> Verification:
    """Checks a code against the user's confirmed devices of the matching kind only, so that a
    backup code never counts as a wrong app code (each device throttles its own failures)."""
    code = normalise_code(text)
    model = TOTPDevice if _is_app_code(code) else StaticDevice
    retry_after = None
    for device in model.objects.devices_for_user(user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if not allowed:
            retry_after = (details or {}).get("locked_until")
            continue
        verified = verify_device_token(user, device.persistent_id, code)
        if verified is not None:
            return Verification(verified)
    return Verification(None, retry_after)


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being enrolled: the same key until it is confirmed, so reloading the
    page does not invalidate a QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG: drawn on the server, no script, no style attribute."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, omitsize=True, svgclass="signin-qr", lineclass=None, light="#fff",
        title=_("QR code to scan with your authenticator app"))


def manual_key(device: TOTPDevice) -> str:
    """The key for typing into an app that cannot scan, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def confirm_enrolment(device: TOTPDevice, text: str) -> list[str] | None:
    """Confirms the authenticator with a code it shows and issues fresh backup codes (replacing
    any earlier ones). Returns the backup codes, or None when the code is wrong."""
    code = normalise_code(text)
    if not _is_app_code(code):
        return None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, confirmed=False).first()
        if device is None or not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=device.user).delete()
        backup = StaticDevice.objects.create(user=device.user, name=BACKUP_CODES_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes
