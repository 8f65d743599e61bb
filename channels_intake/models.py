from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from complaints.append_only import AppendOnlyModel
from complaints.files.storage import GeneratedName, private_storage
from complaints.models import Complaint, ComplaintEvent, NotSentReason, Reply


class InboundItem(models.Model):
    """Every item a machine channel delivers, stored as received before anything else happens.

    Nothing received is lost (a failure leaves the item here, with its error, to retry), and a
    redelivery finds the item already here (unique per channel and the channel's own id).
    Tawasul cases are stored here first; the other machine channels (hotline calls, social posts,
    Open311 requests) keep their own record and come here only when they fail after being
    accepted, as dead letters (channels_intake.inbound.keep). Staff correct a dead letter's
    payload (InboundCorrection, `payload` stays as received) and process it again.
    """

    class Channel(models.TextChoices):
        TAWASUL = "tawasul", _("Tawasul")
        CALL_CENTRE = "call_centre", _("Call centre 80008001")
        SOCIAL_MEDIA = "social_media", _("Social media")
        OPEN311 = "open311", _("Open311")

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    external_id = models.CharField(_("id in the channel"), max_length=100)
    payload = models.JSONField(_("payload as received"))
    received_at = models.DateTimeField(_("received"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.RECEIVED)
    error = models.TextField(_("error"), blank=True)
    error_type = models.CharField(_("kind of error"), max_length=100, blank=True)
    failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    # What the item became: a complaint, or for a channel whose items are not complaints its record.
    complaint = models.ForeignKey(Complaint, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="inbound_items", verbose_name=_("complaint"))
    call = models.ForeignKey("Call", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="inbound_items", verbose_name=_("call"))
    social_post = models.ForeignKey("SocialPost", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="inbound_items", verbose_name=_("social media post"))

    class Meta:
        verbose_name = _("inbound item")
        verbose_name_plural = _("inbound items")
        permissions = [("correct_inbound_payload", _("Can correct inbound payloads"))]
        constraints = [models.UniqueConstraint(fields=["channel", "external_id"], name="inbound_once_per_channel")]
        indexes = [models.Index(fields=["received_at"], condition=models.Q(state="failed"),
                                name="inbound_failed_idx")]

    def __str__(self):
        return f"{self.get_channel_display()} {self.external_id}"


class InboundCorrection(AppendOnlyModel):
    """A payload a member of staff typed in place of a failed item's, with who and when: written
    once, never changed. The item is processed again with its latest correction."""

    item = models.ForeignKey(InboundItem, on_delete=models.PROTECT, related_name="corrections",
                             verbose_name=_("inbound item"))
    payload = models.JSONField(_("corrected payload"))
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("corrected by"))
    corrected_at = models.DateTimeField(_("corrected"))
    # Data protection blanks a citizen's details here as on the item itself.
    redactable = {"payload": {}}

    class Meta:
        verbose_name = _("payload correction")
        verbose_name_plural = _("payload corrections")

    def __str__(self):
        return f"{self.item} · {self.corrected_at:%Y-%m-%d %H:%M}"


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
    # Data protection: the scan was deleted from storage at this time (complaints.data_protection).
    scan_erased_at = models.DateTimeField(_("scan deleted"), null=True, blank=True)

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


class SocialPost(models.Model):
    """A post about the ministry found on social media. It is not a complaint until a monitor
    turns it into one or dismisses it; this row is the raw item as delivered, kept once per
    platform and post id so that a redelivered post is recognised."""

    class Platform(models.TextChoices):
        X = "x", _("X (Twitter)")
        INSTAGRAM = "instagram", _("Instagram")
        FACEBOOK = "facebook", _("Facebook")
        OTHER = "other", _("Other platform")

    class State(models.TextChoices):
        NEW = "new", _("New")
        CONVERTED = "converted", _("Turned into a complaint")
        DISMISSED = "dismissed", _("Dismissed")

    class DismissalReason(models.TextChoices):
        SPAM = "spam", _("Spam")
        NOT_ABOUT_HOUSING = "not_about_housing", _("Not about housing")
        ALREADY_KNOWN = "already_known", _("Already known")
        OTHER = "other", _("Other")

    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    # "<platform>:<post id>" becomes the complaint's external reference, which holds 100 characters.
    post_id = models.CharField(_("post id"), max_length=90)
    author_handle = models.CharField(_("author"), max_length=100)
    text = models.TextField(_("text"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    posted_at = models.DateTimeField(_("posted"))
    received_at = models.DateTimeField(_("received"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.NEW)
    dismissal_reason = models.CharField(_("reason for dismissal"), max_length=20, choices=DismissalReason.choices,
                                        blank=True)
    dismissal_note = models.CharField(_("dismissal note"), max_length=300, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("handled by"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="social_posts", verbose_name=_("complaint"))

    class Meta:
        verbose_name = _("social media post")
        verbose_name_plural = _("social media posts")
        constraints = [models.UniqueConstraint(fields=["platform", "post_id"], name="social_post_once")]
        indexes = [models.Index(fields=["-posted_at"], condition=models.Q(state="new"), name="social_post_inbox_idx")]

    def __str__(self):
        return f"{self.get_platform_display()} {self.post_id}"

    @property
    def external_reference(self) -> str:
        return f"{self.platform}:{self.post_id}"


class MediaItemQuerySet(models.QuerySet):
    def forwarded_on(self, day):
        """Items forwarded during `day`, a date in Bahrain."""
        start = timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())
        return self.filter(forwarded_at__gte=start, forwarded_at__lt=start + timedelta(days=1))


class MediaItem(models.Model):
    """A press article, radio or TV piece about the ministry, logged by a media monitor. It is
    forwarded to a department directly, or turned into a complaint and forwarded to the
    department the complaint is routed to."""

    class Medium(models.TextChoices):
        PRINT = "print", _("Print")
        RADIO = "radio", _("Radio")
        TV = "tv", _("TV")

    outlet = models.CharField(_("outlet"), max_length=200, help_text=_("Newspaper, radio station or TV channel."))
    medium = models.CharField(_("medium"), max_length=8, choices=Medium.choices)
    published_on = models.DateField(_("date"))
    page_or_programme = models.CharField(_("page or programme"), max_length=200, blank=True)
    headline = models.CharField(_("headline"), max_length=300)
    excerpt = models.TextField(_("excerpt"))
    clipping = models.FileField(_("clipping (PDF, JPEG or PNG)"), upload_to=GeneratedName("media"),
                                storage=private_storage, blank=True)
    clipping_name = models.CharField(_("clipping file name"), max_length=255, blank=True)
    clipping_type = models.CharField(_("clipping type"), max_length=100, blank=True)
    # Data protection: the clipping was deleted from storage at this time (complaints.data_protection).
    clipping_erased_at = models.DateTimeField(_("clipping deleted"), null=True, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("logged by"))
    logged_at = models.DateTimeField(_("logged"))
    department = models.ForeignKey("complaints.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="media_items", verbose_name=_("forwarded to"))
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("forwarded by"))
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="media_items", verbose_name=_("complaint"))

    objects = MediaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("media item")
        verbose_name_plural = _("media items")
        indexes = [models.Index(fields=["department", "forwarded_at"], name="media_item_forwarded_idx")]

    def __str__(self):
        return f"{self.outlet}: {self.headline}"

    @property
    def external_reference(self) -> str:
        return f"media:{self.pk}"


class MediaDigest(models.Model):
    """The daily e-mail to a department listing the media items forwarded to it that day
    (Bahrain date); one row per department and day, so each digest is sent once. A digest
    with nobody to tell waits here unsent, with the reason, until somebody has an address."""

    department = models.ForeignKey("complaints.Department", on_delete=models.PROTECT, related_name="media_digests",
                                   verbose_name=_("department"))
    date = models.DateField(_("date"))
    items = models.PositiveIntegerField(_("items"))
    recipient = models.TextField(_("sent to"), blank=True)  # comma-separated: a head or supervisors
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    not_sent_reason = models.CharField(_("not sent because"), max_length=20, choices=NotSentReason.choices,
                                       blank=True, default="")

    class Meta:
        verbose_name = _("media digest")
        verbose_name_plural = _("media digests")
        constraints = [models.UniqueConstraint(fields=["department", "date"], name="media_digest_once_a_day")]

    def __str__(self):
        return f"{self.department} {self.date}"
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
class WalkInComplaint(Complaint):
    """Complaints received at the service centre's counter. A proxy, so that the walk-in screen
    has its own place in the back office and its own permissions, given to the complaints unit."""

    class Meta:
        proxy = True
        verbose_name = _("walk-in complaint")
        verbose_name_plural = _("walk-in complaints")
