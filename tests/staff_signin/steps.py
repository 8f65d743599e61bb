"""The sign-in steps as a browser takes them, and the code an authenticator app shows."""

from django_otp.oath import TOTP

PASSWORD = "a-long-staff-passphrase-2026"


def code_now(device) -> str:
    """What the authenticator app on the phone shows at this moment."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def sign_in(client, username, password=PASSWORD, *, next_url="/admin/", **request):
    return client.post(f"/admin/login/?next={next_url}", {"username": username, "password": password,
                                                          "next": next_url}, **request)
