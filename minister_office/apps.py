from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinisterOfficeConfig(AppConfig):
    name = "minister_office"
    verbose_name = _("Minister's office")
