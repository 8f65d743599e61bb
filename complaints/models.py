
import re

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from complaints.append_only import REDACTED, AppendOnlyModel, AppendOnlyQuerySet
from complaints.files.storage import GeneratedName, private_storage
from complaints.security import access
from complaints.sla import arithmetic
from complaints.values import references


def _page_is_english() -> bool:
    return (get_language() or "ar").startswith("en")


class BilingualNameMixin:
    """`name` in the language of the current request, falling back to Arabic."""

    @property
    def name(self) -> str:
        if _page_is_english() and self.name_en:
            return self.name_en
        return self.name_ar

    def __str__(self):
        return self.name


class Department(BilingualNameMixin, models.Model):
    COMPLAINTS_UNIT = "complaints-unit"
    MINISTERS_OFFICE = "ministers-office"

    code = models.SlugField(_("code"), unique=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    owns_ar = models.TextField(_("what it owns, in Arabic"), blank=True)
    owns_en = models.TextField(_("what it owns, in English"), blank=True)
    routing_threshold = models.FloatField(
        _("routing confidence threshold"), default=0.6,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("The model sends a complaint here on its own only when at least this sure (0 to 1); "
                    "below it, the complaint waits for triage in the complaints unit."))

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name_en"]

    @property
    def owns(self) -> str:
        """What the department owns, in the language of the current request."""
        if _page_is_english() and self.owns_en:
            return self.owns_en
        return self.owns_ar


class DepartmentWorkload(Department):
    """The departments seen as workloads: gives the workload page its own screen and permission."""

    class Meta:
        proxy = True
        verbose_name = _("department workload")
        verbose_name_plural = _("department workloads")


class RoutingQuality(Department):
    """How well complaints were routed, per department and month (complaints/reports/routing_quality.py):
    a proxy of the departments for the page's place in the back office and its permission."""

    class Meta:
        proxy = True
        default_permissions = ("view",)
        verbose_name = _("routing quality")
        verbose_name_plural = _("routing quality")


class DepartmentWithoutAddress(Department):
    """The departments with no e-mail address, listed for staff to mend: their notices and
    digests fall to the head or the supervisors meanwhile. A proxy for its own screen and permission."""

    class Meta:
        proxy = True
        verbose_name = _("department without an address")
        verbose_name_plural = _("departments without an address")


class StaffProfile(models.Model):
    """Where a member of staff works, and the language their notifications come in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="staff", verbose_name=_("department"))
    is_head = models.BooleanField(_("head of the department"), default=False)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)


class Category(BilingualNameMixin, models.Model):
    code = models.SlugField(_("code"), unique=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    default_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True,
        related_name="default_categories", verbose_name=_("default department"),
    )
    sla_days = models.PositiveSmallIntegerField(
        _("days to answer"), null=True, blank=True,
        help_text=_("Leave empty to use the ministry's default of 30 days."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name_en"]


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class Citizen(models.Model):
    name = models.CharField(_("full name"), max_length=200)
    cpr = models.CharField(_("CPR number"), max_length=9, unique=True)
    mobile = models.CharField(_("mobile number"), max_length=16, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ARABIC,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Data protection: when the name, CPR and contacts were replaced (retention or erasure).
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self):
        return f"{self.name} ({self.masked_cpr})"

    @property
    def masked_cpr(self) -> str:
        return "•••••" + self.cpr[-4:]


class ComplaintStatus(models.TextChoices):
    """A complaint's status (`Complaint.Status`); which may follow which is complaints.lifecycle's."""

    NEW = "new", _("New")
    ROUTED = "routed", _("Routed")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_CITIZEN = "awaiting_citizen", _("Awaiting citizen")
    RESPONDED = "responded", _("Responded")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    MERGED = "merged", _("Merged into another complaint")


# The one definition of an open complaint: every status but the two that end a case. Declared
# here, beside the statuses, because the partial indexes of Complaint.Meta need it; an ordered
# tuple so that those indexes' conditions stay what the migrations say.
OPEN_STATUSES = tuple(status.value for status in ComplaintStatus
                      if status not in (ComplaintStatus.CLOSED, ComplaintStatus.MERGED))
# The ministry has answered (or the case joined another): the answer clock no longer runs.
ANSWERED_STATUSES = (ComplaintStatus.RESPONDED.value, ComplaintStatus.CLOSED.value, ComplaintStatus.MERGED.value)
# Where a complaint stands against its answer date: the queue's filter and the API's `?sla=`.
SLA_STATES = (("on_time", _("On time")), ("due_soon", _("Due within 7 days")), ("overdue", _("Overdue")),
              ("paused", _("Paused")))


class ComplaintQuerySet(models.QuerySet):
    """The reads every screen, report and API shares: `Complaint.objects.visible_to(user).open()`."""

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def ended(self):
        """Closed or merged: the complement of open()."""
        return self.exclude(status__in=OPEN_STATUSES)

    def visible_to(self, user):
        """Who may see which complaints, the one rule behind every list, search, export, download
        and the API: department officers and heads see their department's complaints and those
        referred to it; the ministry-wide roles see all; anyone else sees nothing."""
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return self.none()
        if access.works_ministry_wide(user):
            return self
        department_id = access.department_of(user)
        if department_id is None or not access.role_codes(user) & set(access.DEPARTMENT_ROLES):
            return self.none()
        # The few complaints referred here, read first, keep the condition index-friendly: the queue's
        # count and first page use the (department, status, due date) index instead of a per-row check.
        referred_here = _referred_to(user, department_id)
        if not referred_here:
            return self.filter(department_id=department_id)
        return self.filter(Q(department_id=department_id) | Q(pk__in=referred_here))

    def sla_state(self, state: str, *, now):
        """Complaints in one of SLA_STATES at `now`; any other value filters nothing."""
        running = self.filter(sla_paused_at__isnull=True).exclude(status__in=ANSWERED_STATUSES)
        soon = arithmetic.due_soon_until(now, timezone.get_default_timezone())
        if state == "overdue":
            return running.filter(due_at__lt=now)
        if state == "due_soon":
            return running.filter(due_at__gte=now, due_at__lt=soon)
        if state == "on_time":
            return running.filter(due_at__gte=soon)
        if state == "paused":
            return self.filter(sla_paused_at__isnull=False)
        return self


def _referred_to(user, department_id) -> list[int]:
    """The complaints of other departments referred to the user's, read once per request."""
    if not hasattr(user, "_portal_referred_here"):
        user._portal_referred_here = list(
            Referral.objects.filter(department_id=department_id).exclude(complaint__department_id=department_id)
            .values_list("complaint_id", flat=True))
    return user._portal_referred_here


class Complaint(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        INQUIRY = "inquiry", _("Inquiry")
        SUGGESTION = "suggestion", _("Suggestion")

    class Channel(models.TextChoices):
        WEB = "web", _("Web portal")
        TAHT_AMRAK = "taht_amrak", _("Taht Amrak box")
        SERVICE_CENTRE = "service_centre", _("Service centre")
        CALL_CENTRE = "call_centre", _("Call centre 80008001")
        SOCIAL_MEDIA = "social_media", _("Social media")
        MEDIA = "media", _("Press, radio and TV")
        TAWASUL = "tawasul", _("Tawasul")

    Status = ComplaintStatus

    reference = models.CharField(_("reference"), max_length=references.LENGTH, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COMPLAINT)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("details"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ARABIC)
    # The foreign keys empty at intake are indexed only where set (Meta.indexes): an insert
    # then touches fewer indexes, and no query looks complaints up by an empty one.
    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="complaints", verbose_name=_("citizen"),
    )
    contact_mobile = models.CharField(_("contact mobile"), max_length=16, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True,
        related_name="complaints", verbose_name=_("category"),
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="complaints", verbose_name=_("department"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, db_index=False,
        related_name="assigned_complaints", verbose_name=_("assignee"),
    )
    received_at = models.DateTimeField(_("received"))
    due_at = models.DateTimeField(_("answer due"))
    external_reference = models.CharField(
        _("reference in the channel"), max_length=100, blank=True,
        help_text=_("The id the channel gave this item (call id, post id, Tawasul number)."),
    )
    master = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, db_index=False,
        related_name="duplicates", verbose_name=_("duplicate of"),
    )
    is_urgent = models.BooleanField(_("urgent"), default=False)
    housing_application_number = models.CharField(_("housing application number"), max_length=30, blank=True)
    # `due_at` above is the promise to the citizen; while the ministry waits on the citizen the
    # clock is paused. The sweep's bookkeeping lives beside the complaint, in SlaClock.
    sla_paused_at = models.DateTimeField(_("clock paused"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Data protection: when its personal data was removed (complaints.data_protection).
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_reference"],
                condition=~Q(external_reference=""),
                name="complaint_unique_external_reference_per_channel",
            ),
        ]
        indexes = [
            # The reconcile task's scan: the few complaints still waiting to be routed.
            models.Index(fields=["received_at"], condition=Q(status="new"), name="complaint_unrouted_idx"),
            models.Index(fields=["department", "status", "due_at"], name="complaint_queue_idx",
                         condition=Q(department__isnull=False)),
            *[models.Index(fields=[name], condition=Q(**{f"{name}__isnull": False}), name=f"complaint_{name}_set_idx")
              for name in ("citizen", "department", "assignee", "master")],
            # The queue's default view: open complaints by answer date, for everyone and per department.
            models.Index(fields=["department", "due_at", "id"], name="complaint_open_department_idx",
                         condition=Q(status__in=OPEN_STATUSES)),
            models.Index(fields=["due_at", "id"], name="complaint_open_due_idx",
                         condition=Q(status__in=OPEN_STATUSES)),
            # The minister's office dashboard: the open urgent cases and the open Taht Amrak letters.
            models.Index(fields=["due_at", "id"], name="complaint_open_urgent_idx",
                         condition=Q(is_urgent=True, status__in=OPEN_STATUSES)),
            models.Index(fields=["received_at", "id"], name="complaint_open_taht_amrak_idx",
                         condition=Q(channel="taht_amrak", status__in=OPEN_STATUSES)),
            # Likely duplicates: the same mobile within 30 days (the citizen FK has its own index).
            models.Index(fields=["contact_mobile", "received_at"], condition=~Q(contact_mobile=""),
                         name="complaint_mobile_idx"),
            # Open311's list of the requests civic apps sent (channel reference "open311:…"), newest
            # first: a prefix match that no other index serves without a C collation.
            models.Index(fields=["received_at", "id"], name="complaint_open311_idx",
                         condition=Q(channel="web", external_reference__startswith="open311:")),
            # Retention: closed complaints not yet anonymised, oldest last change first.
            models.Index(fields=["updated_at", "id"], name="complaint_retention_idx",
                         condition=Q(status__in=[ComplaintStatus.CLOSED.value, ComplaintStatus.MERGED.value],
                                   anonymised_at__isnull=True)),
        ]

    def __str__(self):
        return self.display_reference

    @property
    def display_reference(self) -> str:
        return references.display(self.reference)

    def sla_standing(self, *, now=None) -> arithmetic.Standing:
        """Days left or overdue, paused or answered, in local days: the queue's badge and the API's `sla`."""
        return arithmetic.standing(due_at=self.due_at, now=now or timezone.now(),
                                   paused=self.sla_paused_at is not None, answered=self.status in ANSWERED_STATUSES,
                                   zone=timezone.get_default_timezone())


class Report(Complaint):
    """The staff reports (/reports/): gives them a place in the back office and their permission."""

    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [("view_reports", _("Can see the staff reports"))]
        verbose_name = _("report")
        verbose_name_plural = _("reports and statistics")


class SearchText(models.Model):
    """A complaint's words, normalised once (diacritics, hamza and letter variants folded), for
    the staff search. A narrow table of its own: on PostgreSQL it carries a trigram index that
    the complaint's frequent updates never touch."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, primary_key=True,
                                     related_name="search_text")
    text = models.TextField(_("normalised text"))

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")


class SlaClock(models.Model):
    """The SLA sweep's bookkeeping for one complaint, kept in a narrow table of its own.

    The sweep updates many rows at once; here each update touches two small indexes instead
    of the dozen on the complaints table. `due_at` is a copy of the complaint's, written only
    by complaints.sla.clock together with it. `stage` counts the reminders sent (one more once the
    answer is overdue) and `next_action_at` is when the sweep must look again: empty once the
    clock is paused or stopped, so the sweep's index holds only running clocks.
    """

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, primary_key=True,
                                     related_name="sla_clock")
    due_at = models.DateTimeField(_("answer due"))
    stage = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    next_action_at = models.DateTimeField(_("next SLA check"), null=True, blank=True)
    breached_at = models.DateTimeField(_("answer overdue since"), null=True, blank=True)

    class Meta:
        verbose_name = _("SLA clock")
        verbose_name_plural = _("SLA clocks")
        indexes = [models.Index(fields=["next_action_at"], condition=Q(next_action_at__isnull=False),
                                name="sla_clock_sweep_idx")]


class Referral(models.Model):
    """A complaint sent to several departments at once; one of them leads and answers."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="referrals")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="referrals",
                                   verbose_name=_("department"))
    is_lead = models.BooleanField(_("lead department"), default=False)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                    related_name="+", verbose_name=_("referred by"))
    referred_at = models.DateTimeField(_("referred"))
    note = models.TextField(_("note"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "department"], name="referral_once_per_department"),
            models.UniqueConstraint(fields=["complaint"], condition=Q(is_lead=True), name="referral_one_lead"),
        ]
        # The minister's office follows up referrals still unanswered on their follow-up date.
        indexes = [models.Index(fields=["follow_up_on", "id"], name="referral_follow_up_idx",
                                condition=Q(answered_at__isnull=True, follow_up_on__isnull=False))]

    def __str__(self):
        return f"{self.complaint} → {self.department}"


class ClosureDate(models.Model):
    """A day the ministry is closed beyond the weekend and the public holidays it knows of."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closure date")
        verbose_name_plural = _("closure dates")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}"


class RoutingRule(models.Model):
    """One routing rule, edited by staff. Rules are tried in order; the first that matches wins.

    A condition left empty does not restrict: a rule with only keywords applies to every
    channel, kind and category.
    """

    class Urgency(models.TextChoices):
        ANY = "any", _("Any")
        URGENT = "urgent", _("Urgent only")
        NOT_URGENT = "not_urgent", _("Not urgent only")

    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(_("order"), default=100,
                                           help_text=_("Rules with a lower number are tried first."))
    is_active = models.BooleanField(_("active"), default=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    kinds = models.JSONField(_("kinds"), default=list, blank=True)
    categories = models.ManyToManyField(Category, blank=True, verbose_name=_("categories"))
    keywords = models.TextField(
        _("keywords"), blank=True,
        help_text=_("One word or phrase per line, in Arabic or English. Any one of them is enough. "
                    "Spelling variants (hamza, taa marbuta, diacritics) match alike."),
    )
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.ANY)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="routing_rules",
                                   verbose_name=_("send to"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name

    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class RouterVersion(models.Model):
    """A trained routing model (complaints/routing/classifier.py), stored with skops in the database
    so that every worker reads the same one. One version is current; promotion and roll back only
    move that mark (complaints/routing/learning.py)."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("trained"))
    artefact = models.BinaryField(_("model file"))
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    trained_on = models.JSONField(_("trained on"), default=dict, blank=True)
    is_current = models.BooleanField(_("current"), default=False)
    promoted_at = models.DateTimeField(_("promoted"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("routing model version")
        verbose_name_plural = _("routing model versions")
        ordering = ["-created_at"]
        # Promoting a version or rolling back to an earlier one changes how every complaint is routed.
        permissions = [("promote_routerversion", _("Can make a routing model version the current one"))]
        constraints = [models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True),
                                               name="one_current_router_version")]

    def __str__(self):
        return self.version


class RoutingTrial(RoutingRule):
    """"Try the routing rules" as an entry of the back office's menu, for whoever may see the rules
    (its screen is the routing rules' own). A proxy, as the reports and the workload are."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = _("Try the routing rules")
        verbose_name_plural = _("Try the routing rules")


class NotSentReason(models.TextChoices):
    """Why a notice or digest to staff is still waiting; it is sent once the reason is gone."""

    NOBODY_TO_TELL = "nobody-to-tell", _("Nobody to tell: the department, its head and the complaints "
                                         "supervisors have no e-mail address")


class SlaNotice(models.Model):
    """A reminder before the due date or a breach notice, recorded once and then sent."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        BREACH = "breach", _("Breach")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="sla_notices")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    stage = models.PositiveSmallIntegerField(_("stage"))
    due_at = models.DateTimeField(_("due date it was about"))
    created_at = models.DateTimeField(_("created"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # db_default: the sweep's single-statement INSERT (sla_sweep.py) names its columns.
    not_sent_reason = models.CharField(_("not sent because"), max_length=20, choices=NotSentReason.choices,
                                       blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("SLA notice")
        verbose_name_plural = _("SLA notices")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage", "due_at"], name="sla_notice_once"),
        ]
        indexes = [models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True),
                                name="sla_notice_unsent_idx")]


class Reply(models.Model):
    """The ministry's answer to the citizen, citing legal clauses where needed."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(_("reply"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    clauses = models.ManyToManyField("LegalClause", blank=True, related_name="replies",
                                     verbose_name=_("legal clauses cited"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("by"))
    created_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "id"]


class Rating(models.Model):
    """The citizen's rating of the ministry's answer: one per answer."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="ratings")
    responded_at = models.DateTimeField(_("answer rated"))
    score = models.PositiveSmallIntegerField(_("score"), choices=[(n, str(n)) for n in range(1, 6)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated"))

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [models.UniqueConstraint(fields=["complaint", "responded_at"], name="rating_once_per_answer")]


class Notification(models.Model):
    """A message to the citizen, recorded in the transaction that caused it and sent afterwards
    by Celery: at least once, recorded once (the row is the outbox)."""

    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
        INFORMATION_REQUESTED = "information_requested", _("Request for information")
        REPLIED = "replied", _("Reply")
        CLOSED = "closed", _("Closure")
        COUNCIL_INVITATION = "council_invitation", _("Invitation to the Ministry Council")
        COUNCIL_OUTCOME = "council_outcome", _("Ministry Council decision")
        ONE_TIME_CODE = "one_time_code", _("One-time code")

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    # What caused it (the event), so that the same cause never notifies twice.
    cause = models.CharField(_("cause"), max_length=64)
    created_at = models.DateTimeField(_("created"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # After a failure: when beat tries again (the back-off); after the last attempt: given up, a
    # dead letter that staff send again (citizen_notifications.send_again).
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    failed_at = models.DateTimeField(_("given up"), null=True, blank=True)
    # Facts the template needs beyond the complaint (a council session's date and place), as text.
    context = models.JSONField(_("template details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["cause", "channel"], name="notification_once_per_cause")]
        indexes = [models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True),
                                name="notification_unsent_idx")]


class OneTimeCode(models.Model):
    """A code sent by SMS to a complaint's mobile, to prove that whoever types it holds that phone
    (complaints.security.one_time_codes). Only its keyed hash is kept; it lives a few minutes and
    dies after a few wrong tries or its first right one."""

    class Purpose(models.TextChoices):
        TRACKING = "tracking", _("Following the complaint")
        ADDING = "adding", _("Adding to an open complaint")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="one_time_codes")
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    code_hash = models.CharField(_("code (hashed)"), max_length=64)
    created_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))
    wrong_tries = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        # The codes sent for a complaint lately: the latest one and how many this hour.
        indexes = [models.Index(fields=["complaint", "purpose", "created_at"], name="one_time_code_recent_idx")]


class ComplaintEventQuerySet(AppendOnlyQuerySet):
    def visible_to_citizen(self):
        return self.filter(is_public=True)


class ComplaintEvent(AppendOnlyModel):
    """One line of a complaint's timeline. Written once, never changed."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ROUTED = "routed", _("Routed")
        STATUS_CHANGED = "status_changed", _("Status changed")
        TRANSFERRED = "transferred", _("Transferred")
        NOTIFIED = "notified", _("Citizen notified")
        INFORMATION_REQUESTED = "information_requested", _("Information requested")
        CITIZEN_ANSWERED = "citizen_answered", _("Citizen answered")
        RATED = "rated", _("Answer rated")
        REPLIED = "replied", _("Replied")
        REFERRED = "referred", _("Referred")
        SLA_BREACHED = "sla_breached", _("Answer overdue")
        DUPLICATE_LINKED = "duplicate_linked", _("Linked to a likely duplicate")
        DUPLICATE_MERGED = "duplicate_merged", _("Duplicate merged in")
        TAWASUL_SENT = "tawasul_sent", _("Sent to Tawasul")
        TAWASUL_FAILED = "tawasul_failed", _("Not delivered to Tawasul")
        ASSIGNED = "assigned", _("Assigned")
        URGENCY_CHANGED = "urgency_changed", _("Urgency changed")
        COUNCIL_INVITED = "council_invited", _("Invited to the Ministry Council")
        COUNCIL_DECIDED = "council_decided", _("Ministry Council decision")
        COUNCIL_FOLLOW_UP_CLOSED = "council_follow_up_closed", _("Council follow-up closed")
        DIRECTIVE_GIVEN = "directive_given", _("Minister's directive")
        REFERRAL_ANSWERED = "referral_answered", _("Referral answered")
        # Data protection (complaints.data_protection): the fields named, never their values.
        DATA_CORRECTED = "data_corrected", _("Personal data corrected")
        DATA_ANONYMISED = "data_anonymised", _("Personal data removed")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("by"), db_index=False,
    )
    created_at = models.DateTimeField(_("time"))
    from_status = models.CharField(_("from status"), max_length=16, choices=Complaint.Status.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=16, choices=Complaint.Status.choices, blank=True)
    from_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("from department"), db_index=False,
    )
    to_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("to department"), db_index=False,
    )
    note = models.TextField(_("note"), blank=True)
    is_public = models.BooleanField(_("visible to the citizen"), default=False)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = ComplaintEventQuerySet.as_manager()
    # The note may quote the citizen (their answer, a rating's comment): retention blanks it.
    redactable = {"note": REDACTED}
    # Details may carry a free text too (a council's follow-up action): its holder removes that key.
    prunable = ("data",)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["created_at", "id"]
        # The routing quality report reads one month's routings (complaints/reports/routing_quality.py).
        indexes = [models.Index(fields=["created_at"], condition=Q(kind="routed"), name="event_routed_at_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"



class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=GeneratedName("attachments", owner_field="complaint_id"),
                            storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Data protection: the file was deleted from storage (and its name replaced) at this time.
    erased_at = models.DateTimeField(_("file deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


_ARTICLE_WORD = re.compile(r"^\s*(?:(?:ال)?مادة|art(?:icle)?\b\.?)[\s:.\-]*", re.IGNORECASE)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


class LegalClause(models.Model):
    law_ar = models.CharField(_("law (Arabic)"), max_length=300)
    law_en = models.CharField(_("law (English)"), max_length=300)
    article = models.CharField(_("article"), max_length=50)
    text_ar = models.TextField(_("text in Arabic"))
    text_en = models.TextField(_("text in English"))
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("legal clause")
        verbose_name_plural = _("legal clauses")
        ordering = ["law_en", "article"]
        constraints = [
            models.UniqueConstraint(fields=["law_en", "article"], name="legal_clause_unique_article"),
        ]

    def __str__(self):
        return f"{self.law} — {self.citation}"

    @property
    def law(self) -> str:
        return self.law_en if _page_is_english() else self.law_ar

    @property
    def citation(self) -> str:
        """The article as cited in the current language ("Article 9", "المادة 9"), whether the
        library holds its number alone or with the word in one language. A number spelled out in
        Arabic words (المادة التاسعة) cannot be put into English and is cited as held."""
        number = _ARTICLE_WORD.sub("", self.article).strip()
        if not number or _ARABIC_LETTER.search(number):
            return self.article
        return gettext("Article %(number)s") % {"number": number}

    @property
    def text(self) -> str:
        return self.text_en if _page_is_english() else self.text_ar


class DuplicateFlag(models.Model):
    """Two complaints from the same citizen (CPR or mobile) that look like the same matter,
    received within 30 days of each other, often through two channels. Staff decide: link them,
    merge the later into the earlier, or say they are not the same."""

    class Reason(models.TextChoices):
        SAME_CPR = "same_cpr", _("Same CPR")
        SAME_MOBILE = "same_mobile", _("Same mobile number")

    class State(models.TextChoices):
        FLAGGED = "flagged", _("To decide")
        LINKED = "linked", _("Linked")
        MERGED = "merged", _("Merged")
        DISMISSED = "dismissed", _("Not the same matter")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="duplicate_flags",
                                  verbose_name=_("later complaint"))
    original = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("earlier complaint"))
    reason = models.CharField(_("why"), max_length=16, choices=Reason.choices)
    similarity = models.FloatField(_("similarity"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.FLAGGED)
    flagged_at = models.DateTimeField(_("flagged"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("likely duplicate")
        verbose_name_plural = _("likely duplicates")
        constraints = [models.UniqueConstraint(fields=["complaint", "original"], name="duplicate_flag_once")]
        indexes = [models.Index(fields=["flagged_at"], condition=Q(state="flagged"), name="duplicate_to_decide_idx"),
                   models.Index(fields=["original"], name="duplicate_original_idx")]

    def __str__(self):
        return f"{self.complaint} ≈ {self.original}"


class CannedResponse(models.Model):
    """A reply staff often send, kept in both languages; the citizen's language is used."""

    title = models.CharField(_("title"), max_length=200)
    text_ar = models.TextField(_("text in Arabic"))
    text_en = models.TextField(_("text in English"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def text_in(self, language: str) -> str:
        return self.text_en if language == Language.ENGLISH else self.text_ar


class AccessRecord(AppendOnlyModel):
    """Who looked at a citizen's personal data: a case opened, a CPR shown in full, a file
    downloaded. Written once, never changed, so that supervisors can answer "who saw this"."""

    class What(models.TextChoices):
        OPENED_CASE = "opened_case", _("Opened the case and its personal data")
        UNMASKED_CPR = "unmasked_cpr", _("Showed the full CPR")
        DOWNLOADED_FILE = "downloaded_file", _("Downloaded a file")
        EXPORTED_DATA = "exported_data", _("Exported a citizen's personal data")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("who"))
    at = models.DateTimeField(_("when"))
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="access_records", verbose_name=_("complaint"))
    what = models.CharField(_("what"), max_length=20, choices=What.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)


    class Meta:
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["complaint", "-at"], name="access_record_complaint_idx")]

    def __str__(self):
        return f"{self.user} · {self.get_what_display()} · {self.at:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of each Celery worker, by hostname, written every half minute by the
    worker itself (complaints/operations/heartbeat.py) and read by /healthz. In the database, not the cache:
    the web server may run on another machine, and the embedded default's cache is per process."""

    hostname = models.CharField(_("worker"), max_length=255, unique=True)
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.hostname} · {self.seen_at:%Y-%m-%d %H:%M:%S}"


class RoutingSetAsideQuerySet(models.QuerySet):
    def waiting(self):
        """Those still owed routing: a complaint merged or routed meanwhile needs nothing more."""
        return self.filter(complaint__status=Complaint.Status.NEW)


class RoutingSetAside(models.Model):
    """A complaint whose routing failed on its own (complaints/routing/set_aside.py): kept out of
    the routing batches, so that every other complaint is routed, until staff route it again."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="routing_set_aside",
                                     verbose_name=_("complaint"))
    error_type = models.CharField(_("error"), max_length=200)
    error_message = models.TextField(_("message"), blank=True)
    traceback = models.TextField(_("traceback"), blank=True)
    attempts = models.PositiveIntegerField(_("tries"), default=1)
    first_failed_at = models.DateTimeField(_("first failed"))
    last_failed_at = models.DateTimeField(_("last failed"))

    objects = RoutingSetAsideQuerySet.as_manager()

    class Meta:
        verbose_name = _("routing set aside")
        verbose_name_plural = _("routing set aside")
        ordering = ["first_failed_at", "id"]

    def __str__(self):
        return f"{self.complaint_id} · {self.error_type}"


# Django finds an app's models through its models module: the data-protection records live in their room.
from complaints.data_protection.models import DataSubjectDecision, DataSubjectRequest, RetentionRun  # noqa: E402, F401
