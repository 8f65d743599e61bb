from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffSigninConfig(AppConfig):
    name = "housing_portal.staff_signin"
    label = "staff_signin"
    verbose_name = _("Staff sign-in")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from housing_portal.staff_signin import checks  # noqa: F401  (registers the deploy check)
        from housing_portal.staff_signin import idle

        user_logged_in.connect(idle.start_idle_clock, dispatch_uid="staff_signin.start_idle_clock")
