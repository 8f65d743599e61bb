from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffSigninConfig(AppConfig):
    name = "staff_signin"
    verbose_name = _("Staff sign-in")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
