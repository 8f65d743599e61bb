"""`check --deploy` warns when the back office would accept a password alone, and fails when the
key that signs staff sessions is one anybody can read in this repository."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from housing_portal import settings as project_settings

ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


@register(Tags.security, deploy=True)
def staff_two_factor_is_required(app_configs, **kwargs):
    if settings.DEBUG or settings.STAFF_TWO_FACTOR_REQUIRED:
        return []
    return [Warning(
        "STAFF_TWO_FACTOR_REQUIRED is off: staff can open the back office with a password alone.",
        hint="Set STAFF_TWO_FACTOR_REQUIRED=true so every staff user confirms a code from an authenticator app.",
        id="staff_signin.W001",
    )]


@register(Tags.security, deploy=True)
def secret_key_is_not_published(app_configs, **kwargs):
    if settings.SECRET_KEY not in published_secret_keys():
        return []
    return [Error(
        "SECRET_KEY is a published placeholder (from .env.example or the development key in settings.py): "
        "anyone could sign sessions and password-reset links.",
        hint='Set SECRET_KEY to a long random string of your own: '
             'python -c "import secrets; print(secrets.token_urlsafe(50))"',
        id="staff_signin.E001",
    )]


def published_secret_keys() -> set[str]:
    """The development key in settings.py, and the placeholder .env.example shows (read from the
    file, so a changed placeholder is still caught)."""
    keys = {project_settings._DEVELOPMENT_SECRET_KEY}
    if ENV_EXAMPLE.exists():
        for line in ENV_EXAMPLE.read_text().splitlines():
            name, _, value = line.partition("=")
            if name.strip() == "SECRET_KEY" and value.strip():
                keys.add(value.strip())
    return keys
