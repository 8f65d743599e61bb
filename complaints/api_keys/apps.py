from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiKeysConfig(AppConfig):
    name = "complaints.api_keys"
    label = "api_keys"
    verbose_name = _("API keys")
    default_auto_field = "django.db.models.BigAutoField"
