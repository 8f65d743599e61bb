"""django-otp's apps under names the back office can show in Arabic (used in INSTALLED_APPS)."""

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as BackupCodesDefault
from django_otp.plugins.otp_totp.apps import DefaultConfig as AuthenticatorDefault


class AuthenticatorAppsConfig(AuthenticatorDefault):
    verbose_name = _("Staff authenticator apps")


class BackupCodesConfig(BackupCodesDefault):
    verbose_name = _("Staff backup codes")
