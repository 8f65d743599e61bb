"""The minister's office: urgency study, triage dashboard, directives and council sessions."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinisterOfficeConfig(AppConfig):
    name = "minister_office"
    verbose_name = _("Minister's office")

    def ready(self):
        from complaints import demo as core_demo
        from complaints import sla_sweep

        from minister_office import demo, escalations

        sla_sweep.sla_breached.connect(escalations.on_sla_breached, dispatch_uid="minister_office.escalations")
        core_demo.demo_seeded.connect(demo.seed_demo, dispatch_uid="minister_office_demo")

        from minister_office import data_protection

        data_protection.register()  # what retention, erasure and the export do with the office's records
