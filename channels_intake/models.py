from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
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


class WalkInComplaint(Complaint):
    """Complaints received at the service centre's counter. A proxy, so that the walk-in screen
    has its own place in the back office and its own permissions, given to the complaints unit."""

    class Meta:
        proxy = True
        verbose_name = _("walk-in complaint")
        verbose_name_plural = _("walk-in complaints")
