from django.conf import settings
from django.db import models
from django.utils.translation import get_language
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


class Call(models.Model):
    """One call to the hotline 80008001, as the telephone system reported it and as the agent
    logged it. A call is not a complaint: it may make one (`complaint`) or only give information."""

    class Status(models.TextChoices):
        ANSWERED = "answered", _("Answered")
        ABANDONED = "abandoned", _("Abandoned")

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        INQUIRY = "inquiry", _("Inquiry")
        SUGGESTION = "suggestion", _("Suggestion")
        FOLLOW_UP = "follow_up", _("Follow-up of a complaint")
        APPLICATION = "application", _("Housing application status")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint created")
        INFORMATION = "information", _("Information only")

    call_id = models.CharField(_("call id"), max_length=100, unique=True,
                               help_text=_("The telephone system's id of the call."))
    caller_number = models.CharField(_("caller number"), max_length=20, blank=True)
    started_at = models.DateTimeField(_("started"))
    wait_seconds = models.PositiveIntegerField(_("wait (seconds)"), null=True, blank=True)
    talk_seconds = models.PositiveIntegerField(_("talk duration (seconds)"), null=True, blank=True)
    status = models.CharField(_("answered or abandoned"), max_length=10, choices=Status.choices,
                              default=Status.ANSWERED)
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("agent"))
    agent_extension = models.CharField(_("agent extension"), max_length=20, blank=True)
    citizen = models.ForeignKey("complaints.Citizen", on_delete=models.PROTECT,
                                null=True, blank=True, related_name="calls", verbose_name=_("citizen"))
    kind = models.CharField(_("kind of call"), max_length=12, choices=Kind.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="call", verbose_name=_("complaint"))
    logged_at = models.DateTimeField(_("logged by the agent"), null=True, blank=True)
    # The telephone system's record as received; empty while only the agent has logged the call.
    telephony_record = models.JSONField(_("telephone system's record"), default=dict, blank=True)
    reported_at = models.DateTimeField(_("reported by the telephone system"), null=True, blank=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        permissions = [("view_hotline_statistics", _("Can view the hotline statistics"))]
        indexes = [models.Index(fields=["started_at", "status"], name="call_started_idx")]

    def __str__(self):
        return self.call_id

    @property
    def masked_caller_number(self) -> str:
        return "…" + self.caller_number[-4:] if self.caller_number else ""


class AllocationAnnouncement(models.Model):
    """A housing-allocation announcement, kept as a dated event so that the peaks of calls it
    causes can be read against it in the hotline statistics."""

    date = models.DateField(_("date"), db_index=True)
    title_ar = models.CharField(_("title in Arabic"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("allocation announcement")
        verbose_name_plural = _("allocation announcements")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" else self.title_ar
