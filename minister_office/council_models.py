"""The Ministry Council: sessions that hear urgent and exceptional cases, their agendas, the
council's decisions and the follow-up actions it orders. Changed only through council.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint, Department

__all__ = ["CouncilSession", "AgendaItem", "FollowUp"]


class CouncilSession(models.Model):
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    members_present = models.TextField(_("council members present"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("scheduled by"))
    created_at = models.DateTimeField(_("scheduled"))

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_at", "-id"]

    def __str__(self):
        # Bahrain time: this text is the note on each invited case's timeline, and a session read
        # back from the database holds its time in UTC.
        return f"{timezone.localtime(self.held_at, timezone.get_default_timezone()):%Y-%m-%d %H:%M} · {self.place}"

    def get_absolute_url(self):
        return reverse("council:session", kwargs={"session_id": self.pk})


class AgendaItem(models.Model):
    """One case heard at a session, with the citizen's attendance and the council's decision."""

    class Attendance(models.TextChoices):
        NOT_RECORDED = "", _("Not recorded")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")
        REPRESENTED = "represented", _("Represented")

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("session"))
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="council_items",
                                  verbose_name=_("complaint"))
    position = models.PositiveIntegerField(_("order"))
    invited_at = models.DateTimeField(_("citizen invited"), null=True, blank=True)
    attendance = models.CharField(_("attendance"), max_length=12, choices=Attendance.choices, blank=True)
    decision = models.TextField(_("council's decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "complaint"], name="council_case_once_per_session")]

    def __str__(self):
        return f"{self.session} · {self.complaint}"

    @property
    def invitation_cause(self) -> str:
        return f"council-invitation-{self.pk}"

    @property
    def outcome_cause(self) -> str:
        return f"council-outcome-{self.pk}"


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class FollowUp(models.Model):
    """The action the council ordered on a case; listed until someone closes it with a note."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="follow_up",
                                verbose_name=_("agenda item"))
    action = models.TextField(_("follow-up action"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="council_follow_ups",
                                   verbose_name=_("responsible department"))
    due_on = models.DateField(_("follow-up due"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("closed by"))
    closing_note = models.TextField(_("closing note"), blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("council follow-up")
        verbose_name_plural = _("council follow-ups")
        indexes = [models.Index(fields=["due_on", "id"], condition=Q(closed_at__isnull=True),
                                name="council_follow_up_open_idx")]

    def __str__(self):
        return f"{self.item.complaint} · {self.due_on}"
