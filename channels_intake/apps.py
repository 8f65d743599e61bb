from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsIntakeConfig(AppConfig):
    name = "channels_intake"
    verbose_name = _("Intake channels")

    def ready(self):
        from channels_intake import private_files
        from channels_intake.tawasul import outbox
        from complaints import lifecycle

        lifecycle.status_changed.connect(outbox.record, dispatch_uid="tawasul_outbox")
        private_files.register()

        from channels_intake.calls import hotline_stats
        from complaints.reports import figures as report_figures

        report_figures.register_hotline(hotline_stats.hotline_stats)  # the staff reports' hotline figures

        from channels_intake import data_protection

        data_protection.register()  # what retention, erasure and the export do with the channels' records
