from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.append_only import REDACTED, AppendOnlyModel

from minister_office import urgency


def _points(label, default):
    return models.PositiveSmallIntegerField(label, default=default)


_DEFAULT = urgency.Weights()


class UrgencyWeights(AppendOnlyModel):
    """The weights and threshold of the urgency study. Never edited in place: an administrator
    saves a new version and the latest is in force, so the versions are the history of who
    changed what, and each assessment points at the version it used."""

    per_household_member = _points(_("points per household member"), _DEFAULT.per_household_member)
    per_dependant = _points(_("points per dependant"), _DEFAULT.per_dependant)
    per_member_with_disability = _points(_("points per member with a disability"),
                                         _DEFAULT.per_member_with_disability)
    per_elderly_member = _points(_("points per elderly member"), _DEFAULT.per_elderly_member)
    per_member_with_chronic_illness = _points(_("points per member with a chronic illness"),
                                              _DEFAULT.per_member_with_chronic_illness)
    low_income = _points(_("points for a low income"), _DEFAULT.low_income)
    low_income_per_member_below = models.DecimalField(
        _("low income: monthly BHD per member below"), max_digits=8, decimal_places=3,
        default=_DEFAULT.low_income_per_member_below)
    housing_owned = _points(_("points for owned housing"), _DEFAULT.housing_owned)
    housing_rented = _points(_("points for rented housing"), _DEFAULT.housing_rented)
    housing_shared = _points(_("points for shared housing"), _DEFAULT.housing_shared)
    housing_overcrowded = _points(_("points for overcrowded housing"), _DEFAULT.housing_overcrowded)
    housing_unsafe = _points(_("points for unsafe housing"), _DEFAULT.housing_unsafe)
    eviction_notice = _points(_("points for an eviction notice"), _DEFAULT.eviction_notice)
    per_waiting_year = _points(_("points per year on the waiting list"), _DEFAULT.per_waiting_year)
    waiting_years_counted_up_to = _points(_("waiting years counted up to"), _DEFAULT.waiting_years_counted_up_to)
    urgent_threshold = _points(_("urgent and exceptional from (points)"), _DEFAULT.urgent_threshold)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("in force from"))
    note = models.CharField(_("why it changed"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("urgency weights")
        verbose_name_plural = _("urgency weights")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.changed_at:%Y-%m-%d %H:%M} · {self.urgent_threshold}"

    def as_weights(self) -> urgency.Weights:
        return urgency.Weights(**{name: getattr(self, name) for name in urgency.Weights.field_names()})


class UrgencyAssessment(AppendOnlyModel):
    """One urgency study of a family's circumstances: the inputs, the weights used, the score,
    and the office's decision. Kept forever; a new study adds a row."""

    class Housing(models.TextChoices):
        OWNED = urgency.Housing.OWNED, _("Owned")
        RENTED = urgency.Housing.RENTED, _("Rented")
        SHARED = urgency.Housing.SHARED, _("Shared with another family")
        OVERCROWDED = urgency.Housing.OVERCROWDED, _("Overcrowded")
        UNSAFE = urgency.Housing.UNSAFE, _("Unsafe")

    class Override(models.TextChoices):
        NONE = "", _("Keep the score's result")
        URGENT = "urgent", _("Urgent and exceptional")
        NOT_URGENT = "not_urgent", _("Not urgent")

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="urgency_assessments",
                                  verbose_name=_("complaint"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("assessed by"))
    assessed_at = models.DateTimeField(_("assessed"))
    household_size = models.PositiveSmallIntegerField(_("household size"))
    monthly_income = models.DecimalField(_("monthly income (BHD)"), max_digits=9, decimal_places=3)
    dependants = models.PositiveSmallIntegerField(_("dependants"))
    members_with_disability = models.PositiveSmallIntegerField(_("members with a disability"))
    elderly_members = models.PositiveSmallIntegerField(_("elderly members"))
    members_with_chronic_illness = models.PositiveSmallIntegerField(_("members with a chronic illness"))
    housing = models.CharField(_("current housing"), max_length=12, choices=Housing.choices)
    eviction_notice = models.BooleanField(_("eviction notice"))
    years_on_waiting_list = models.PositiveSmallIntegerField(_("years on the housing waiting list"))
    weights = models.ForeignKey(UrgencyWeights, on_delete=models.PROTECT, related_name="assessments",
                                verbose_name=_("weights used"))
    weights_used = models.JSONField(_("weights used (copy)"))
    breakdown = models.JSONField(_("breakdown"))
    score = models.PositiveSmallIntegerField(_("score"))
    threshold = models.PositiveSmallIntegerField(_("threshold"))
    scored_urgent = models.BooleanField(_("urgent by the score"))
    override = models.CharField(_("office's decision"), max_length=12, choices=Override.choices, blank=True)
    override_reason = models.TextField(_("reason for the decision"), blank=True)
    urgent = models.BooleanField(_("urgent"))

    # Retention removes the family's circumstances; the score, threshold and decision stay.
    redactable = {"household_size": 0, "monthly_income": 0, "dependants": 0, "members_with_disability": 0,
                  "elderly_members": 0, "members_with_chronic_illness": 0, "eviction_notice": False,
                  "years_on_waiting_list": 0, "housing": "", "breakdown": [], "override_reason": REDACTED}

    class Meta:
        verbose_name = _("urgency assessment")
        verbose_name_plural = _("urgency assessments")
        ordering = ["-assessed_at", "-id"]
        indexes = [models.Index(fields=["complaint", "-assessed_at"], name="urgency_assessment_case_idx")]

    def __str__(self):
        return f"{self.complaint} · {self.score}"

    def factor_rows(self) -> list[dict]:
        """The breakdown as shown: each factor's label, what it counted, its points."""
        housing_labels = dict(self.Housing.choices)
        rows = []
        for item in self.breakdown:
            counted = item["counted"]
            if item["code"] == "housing":
                counted = housing_labels.get(counted, counted)
            elif item["code"] == "low_income" and counted != "—":
                counted = _("%(amount)s BHD a month") % {"amount": counted}
            elif item["code"] == "eviction_notice":
                counted = _("Yes") if counted == "yes" else _("No")
            rows.append({"label": urgency.FACTOR_LABELS[item["code"]], "counted": counted, "points": item["points"]})
        return rows


class UrgencyStanding(models.Model):
    """The latest study's score of a complaint, beside it, for the dashboard's ordering."""

    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.CASCADE, primary_key=True,
                                     related_name="urgency_standing")
    score = models.PositiveSmallIntegerField(_("score"))
    urgent = models.BooleanField(_("urgent"))
    assessed_at = models.DateTimeField(_("assessed"))

    class Meta:
        verbose_name = _("urgency standing")
        verbose_name_plural = _("urgency standings")
        indexes = [models.Index("urgent", models.F("score").desc(), name="urgency_standing_rank_idx")]
        permissions = [("view_triage_dashboard", _("Can use the minister's office triage dashboard"))]


class Directive(AppendOnlyModel):
    """The minister's directive on a case, recorded by the office, with the follow-up date."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="directives",
                                  verbose_name=_("complaint"))
    text = models.TextField(_("directive"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("recorded by"))
    given_at = models.DateTimeField(_("given"))
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)

    redactable = {"text": REDACTED}

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-given_at", "-id"]

    def __str__(self):
        return f"{self.complaint} · {self.given_at:%Y-%m-%d}"


class SlaEscalation(models.Model):
    """A complaint whose answer became overdue, put before the office until it acknowledges it."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="sla_escalations",
                                  verbose_name=_("complaint"))
    escalated_at = models.DateTimeField(_("escalated"))
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("acknowledged by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("SLA escalation")
        verbose_name_plural = _("SLA escalations")
        constraints = [models.UniqueConstraint(fields=["complaint"], condition=Q(acknowledged_at__isnull=True),
                                               name="sla_escalation_one_open_per_case")]
        indexes = [models.Index(fields=["escalated_at", "id"], condition=Q(acknowledged_at__isnull=True),
                                name="sla_escalation_open_idx")]

    def __str__(self):
        return f"{self.complaint} · {self.escalated_at:%Y-%m-%d}"


class TriageDashboard(UrgencyStanding):
    """The triage dashboard as an entry of the back office's home page (its list opens the page)."""

    class Meta:
        proxy = True
        verbose_name = _("triage dashboard")
        verbose_name_plural = _("triage dashboard")


# Django finds an app's models through its models module: the council's are kept in council_models.py.
from minister_office.council_models import AgendaItem, CouncilSession, FollowUp, FollowUpQuerySet  # noqa: E402, F401
