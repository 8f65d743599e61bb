from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsIntakeConfig(AppConfig):
    name = "channels_intake"
    verbose_name = _("Intake channels")

    def ready(self):
        from complaints import demo as core_demo
        from complaints import lifecycle

        from channels_intake import demo, private_files, tawasul_outbox

        lifecycle.status_changed.connect(tawasul_outbox.record, dispatch_uid="tawasul_outbox")
        core_demo.demo_seeded.connect(demo.seed_demo, dispatch_uid="channels_intake_demo")
        private_files.register()

        from complaints.reports import figures as report_figures

        from channels_intake import hotline_stats

        report_figures.register_hotline(hotline_stats.hotline_stats)  # the staff reports' hotline figures

        from channels_intake import data_protection

        data_protection.register()  # what retention, erasure and the export do with the channels' records
