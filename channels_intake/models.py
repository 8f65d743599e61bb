from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint, ComplaintEvent, Reply
from complaints.storage import GeneratedName, private_storage


class InboundItem(models.Model):
    """Every item a machine channel delivers, stored as received before anything else happens.

    Nothing received is lost (a failure leaves the item here, with its error, to retry), and a
    redelivery finds the item already here (unique per channel and the channel's own id).
    """

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=16, choices=Complaint.Channel.choices)
    external_id = models.CharField(_("id in the channel"), max_length=100)
    payload = models.JSONField(_("payload as received"))
    received_at = models.DateTimeField(_("received"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.RECEIVED)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    complaint = models.ForeignKey(Complaint, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="inbound_items", verbose_name=_("complaint"))

    class Meta:
        verbose_name = _("inbound item")
        verbose_name_plural = _("inbound items")
        constraints = [models.UniqueConstraint(fields=["channel", "external_id"], name="inbound_once_per_channel")]
        indexes = [models.Index(fields=["received_at"], condition=models.Q(state="failed"),
                                name="inbound_failed_idx")]

    def __str__(self):
        return f"{self.get_channel_display()} {self.external_id}"


class BoxLetter(models.Model):
    """A letter from the "Taht Amrak" box, digitised by service-centre staff, with its chain of
    custody: which box, when it was collected, who opened it and who witnessed the opening."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="box_letter",
                                     verbose_name=_("complaint"))
    box = models.CharField(_("box"), max_length=100, help_text=_("Where the box stands, e.g. Isa Town service centre."))
    collected_on = models.DateField(_("collected on"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by"))
    witnessed_by = models.CharField(_("witnessed by"), max_length=200)
    scan = models.FileField(_("scanned letter"), upload_to=GeneratedName("letters"), storage=private_storage)

    class Meta:
        verbose_name = _("Taht Amrak letter")
        verbose_name_plural = _("Taht Amrak letters")


class TawasulUpdate(models.Model):
    """A status change or a reply owed to Tawasul for one of its cases: the outbox row, written in
    the transaction of the change and sent afterwards by Celery, at least once and recorded once.

    While it waits, `next_attempt_at` says when to try (again); once sent, or given up as a dead
    letter after the last attempt, it is cleared.
    """

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        REPLY = "reply", _("Reply")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="tawasul_updates",
                                  verbose_name=_("complaint"))
    event = models.OneToOneField(ComplaintEvent, on_delete=models.CASCADE, related_name="tawasul_update",
                                 verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    case_number = models.CharField(_("Tawasul case number"), max_length=100)
    tawasul_status = models.CharField(_("status in Tawasul"), max_length=32)
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                              verbose_name=_("reply"))
    happened_at = models.DateTimeField(_("changed"))
    created_at = models.DateTimeField(_("queued"))
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("given up"), null=True, blank=True)

    class Meta:
        verbose_name = _("update to Tawasul")
        verbose_name_plural = _("updates to Tawasul")
        indexes = [models.Index(fields=["next_attempt_at"], condition=models.Q(next_attempt_at__isnull=False),
                                name="tawasul_update_due_idx")]

    def __str__(self):
        return f"{self.case_number} · {self.get_kind_display()}"
