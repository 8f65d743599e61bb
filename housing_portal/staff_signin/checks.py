"""`check --deploy` warns when the back office would accept a password alone."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def staff_two_factor_is_required(app_configs, **kwargs):
    if settings.DEBUG or settings.STAFF_TWO_FACTOR_REQUIRED:
        return []
    return [Warning(
        "STAFF_TWO_FACTOR_REQUIRED is off: staff can open the back office with a password alone.",
        hint="Set STAFF_TWO_FACTOR_REQUIRED=true so every staff user confirms a code from an authenticator app.",
        id="staff_signin.W001",
    )]
