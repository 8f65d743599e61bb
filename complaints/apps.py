from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from complaints.security import proxies


def create_role_groups(app_config, using="default", **kwargs):
    """After each migrate, once the last app's permissions exist: one group per staff role."""
    from django.apps import apps

    from complaints.security.roles import ensure_role_groups

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is with_models[-1] and using == "default":
        ensure_role_groups()


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        post_migrate.connect(create_role_groups, dispatch_uid="complaints.create_role_groups")
        # A mistyped TRUSTED_PROXIES stops every process at start, not each throttled request later.
        proxies.trusted_networks(tuple(settings.TRUSTED_PROXIES))

        from complaints.data_protection import core_holder
        from complaints.security import checks  # noqa: F401  (registers the deploy check)

        core_holder.register()  # what retention, erasure and the export do with the core's records
