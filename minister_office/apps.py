"""The minister's office: urgency study, triage dashboard, directives and council sessions."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinisterOfficeConfig(AppConfig):
    name = "minister_office"
    verbose_name = _("Minister's office")

    def ready(self):
        from complaints.sla import sweep
        from minister_office import escalations

        sweep.sla_breached.connect(escalations.on_sla_breached, dispatch_uid="minister_office.escalations")

        from minister_office import data_protection

        data_protection.register()  # what retention, erasure and the export do with the office's records
