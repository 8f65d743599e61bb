"""The data-protection records: each retention run, and the citizens' requests with the decisions
taken on them. Imported by complaints.models, so they belong to the complaints app."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.append_only import AppendOnlyModel

__all__ = ["RetentionRun", "DataSubjectRequest", "DataSubjectDecision"]


class RetentionRun(AppendOnlyModel):
    """One run of the retention policy, with what it did (or, for a dry run, would have done)."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    cutoff = models.DateTimeField(_("closed before"))
    dry_run = models.BooleanField(_("dry run"), default=False)
    triggered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("run by"))
    complaints = models.PositiveIntegerField(_("complaints anonymised"), default=0)
    citizens = models.PositiveIntegerField(_("citizens anonymised"), default=0)
    files = models.PositiveIntegerField(_("files deleted"), default=0)
    held = models.PositiveIntegerField(_("complaints held back"), default=0)
    # Rows redacted per kind of record, e.g. {"replies": 12, "inbound items": 3}.
    counts = models.JSONField(_("records redacted"), default=dict, blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} · {self.complaints}"


class DataSubjectRequest(models.Model):
    """A citizen's request about their personal data, answered within 10 working days."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        ERASURE = "erasure", _("Erasure")
        EXPORT = "export", _("Copy of the data (export)")

    class Channel(models.TextChoices):
        SERVICE_CENTRE = "service_centre", _("Service centre")
        LETTER = "letter", _("Letter")
        EMAIL = "email", _("E-mail")
        CALL_CENTRE = "call_centre", _("Call centre 80008001")
        TAWASUL = "tawasul", _("Tawasul")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    cpr = models.CharField(_("CPR number"), max_length=9)
    received_at = models.DateTimeField(_("received"))
    channel = models.CharField(_("received through"), max_length=16, choices=Channel.choices)
    details = models.TextField(_("what the citizen asks"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    due_on = models.DateField(_("answer due"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    # When the officers were warned that the deadline is near (once).
    warned_at = models.DateTimeField(_("deadline warning sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["due_on", "id"]
        permissions = [("export_personal_data", _("Can export a citizen's personal data")),
                       ("erase_personal_data", _("Can correct and erase a citizen's personal data"))]
        indexes = [models.Index(fields=["due_on", "id"], condition=Q(status="open"), name="dsr_open_due_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · •••••{self.cpr[-4:]} · {self.received_at:%Y-%m-%d}"

    @property
    def masked_cpr(self) -> str:
        return "•••••" + self.cpr[-4:]


class DataSubjectDecision(AppendOnlyModel):
    """What was done on a request, by whom and when: written once, never changed. The note says
    what was decided and why; the request holds the citizen's CPR, not this row."""

    class Action(models.TextChoices):
        CORRECTED = "corrected", _("Correction applied")
        ERASED = "erased", _("Erasure carried out")
        ERASURE_REFUSED = "erasure_refused", _("Erasure refused")
        EXPORTED = "exported", _("Data exported")
        CLOSED = "closed", _("Closed")

    request = models.ForeignKey(DataSubjectRequest, on_delete=models.PROTECT, related_name="decisions",
                                verbose_name=_("request"))
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("by"))
    at = models.DateTimeField(_("when"))
    note = models.TextField(_("note"), blank=True)
    # Facts without personal data: the fields corrected, the counts of what was anonymised.
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("data subject request decision")
        verbose_name_plural = _("data subject request decisions")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"
