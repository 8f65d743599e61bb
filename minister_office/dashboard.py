"""What the triage dashboard shows, read with a few indexed queries: nothing here loads the open
complaints into Python. The urgent and Taht Amrak lists read partial indexes on the complaints
table (complaints 0016); counts that could be large stop at COUNT_CAP."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q

from complaints.models import OPEN_STATUSES, Complaint, Department, Referral
from complaints.security import access
from minister_office.models import Directive, SlaEscalation, UrgencyAssessment

LIST_SIZE = 25
COUNT_CAP = 1000
AGE_BANDS = ((0, 7), (7, 30), (30, 90), (90, None))  # days since the case was received


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int  # of the largest bar, for the drawing


def open_urgent(user):
    return Complaint.objects.visible_to(user).open().filter(is_urgent=True)


def urgent_queue(user, limit=LIST_SIZE) -> list[Complaint]:
    """Open urgent cases, the highest urgency score first, then the earliest answer date.

    The order is found on narrow rows (ids, scores and dates, from the partial index and the
    standings) and only the cases shown are then read whole."""
    ids = list(open_urgent(user).order_by(F("urgency_standing__score").desc(nulls_last=True), "due_at", "id")
               .values_list("pk", flat=True)[:limit])
    cases = Complaint.objects.select_related("department", "urgency_standing").in_bulk(ids)
    return [cases[pk] for pk in ids]


def taht_amrak_untriaged(user):
    """Open Taht Amrak letters the office has neither studied nor directed yet."""
    return (Complaint.objects.visible_to(user).open()
            .filter(channel=Complaint.Channel.TAHT_AMRAK)
            .exclude(Exists(Directive.objects.filter(complaint=OuterRef("pk"))))
            .exclude(Exists(UrgencyAssessment.objects.filter(complaint=OuterRef("pk")))))


def taht_amrak_inbox(user, limit=LIST_SIZE):
    return taht_amrak_untriaged(user).select_related("department").order_by("received_at", "id")[:limit]


def open_escalations(user):
    escalations = SlaEscalation.objects.filter(acknowledged_at__isnull=True)
    if access.works_ministry_wide(user):
        return escalations
    return escalations.filter(complaint__in=Complaint.objects.visible_to(user))


def escalation_list(user, limit=LIST_SIZE):
    return (open_escalations(user).select_related("complaint", "complaint__department")
            .order_by("-escalated_at", "-id")[:limit])


def follow_ups_due(user, *, today):
    """Referrals of open cases still unanswered on or after their follow-up date, the oldest first."""
    referrals = Referral.objects.filter(follow_up_on__lte=today, answered_at__isnull=True,
                                        complaint__status__in=OPEN_STATUSES)
    if not access.works_ministry_wide(user):
        referrals = referrals.filter(complaint__in=Complaint.objects.visible_to(user))
    return referrals


def follow_up_list(user, *, today, limit=LIST_SIZE):
    return (follow_ups_due(user, today=today).select_related("complaint", "department")
            .order_by("follow_up_on", "id")[:limit])


def capped_count(queryset) -> tuple[int, bool]:
    """The count, stopping at COUNT_CAP: (count, whether there are more)."""
    count = queryset.values("pk")[:COUNT_CAP + 1].count()
    return min(count, COUNT_CAP), count > COUNT_CAP


@dataclass(frozen=True)
class UrgentBacklog:
    count: int
    by_department: list[Bar]
    by_age: list[Bar]


def urgent_backlog(user, *, now, age_labels) -> UrgentBacklog:
    """The open urgent cases counted per department and per age band (AGE_BANDS, named by
    `age_labels` in the page's language), in one pass over the partial index."""
    bands = [f"band{n}" for n in range(len(AGE_BANDS))]
    rows = list(open_urgent(user).order_by().values("department_id").annotate(
        count=Count("id"),
        **{band: Count("id", filter=_age_band(now, low, high)) for band, (low, high) in zip(bands, AGE_BANDS)}))
    names = {d.pk: d.name for d in Department.objects.filter(pk__in=[r["department_id"] for r in rows
                                                                     if r["department_id"]])}
    by_department = sorted(((names.get(r["department_id"], "—"), r["count"]) for r in rows),
                           key=lambda item: (-item[1], str(item[0])))
    by_age = [(label, sum(r[band] for r in rows)) for label, band in zip(age_labels, bands)]
    return UrgentBacklog(count=sum(r["count"] for r in rows), by_department=_bars(by_department),
                         by_age=_bars(by_age) if rows else [])


def _age_band(now, low, high):
    condition = Q(received_at__lte=now - timedelta(days=low))
    if high is not None:
        condition &= Q(received_at__gt=now - timedelta(days=high))
    return condition


def _bars(pairs) -> list[Bar]:
    largest = max((count for _label, count in pairs), default=0)
    return [Bar(label, count, round(100 * count / largest) if largest else 0) for label, count in pairs]
