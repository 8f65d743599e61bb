"""What the triage dashboard shows, read with a few indexed queries: nothing here loads the open
complaints into Python. The urgent and Taht Amrak lists read partial indexes on the complaints
table (complaints 0016); counts that could be large stop at COUNT_CAP."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q

from complaints import access
from complaints.models import Complaint, Department

from .models import OPEN_STATUSES, Directive, SlaEscalation, UrgencyAssessment

LIST_SIZE = 25
COUNT_CAP = 1000
AGE_BANDS = ((0, 7), (7, 30), (30, 90), (90, None))  # days since the case was received


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int  # of the largest bar, for the drawing


def open_urgent(user):
    return access.visible_complaints(user).filter(is_urgent=True, status__in=OPEN_STATUSES)


def urgent_queue(user, limit=LIST_SIZE):
    """Open urgent cases, the highest urgency score first, then the earliest answer date."""
    return (open_urgent(user).select_related("department", "urgency_standing")
            .order_by(F("urgency_standing__score").desc(nulls_last=True), "due_at", "id")[:limit])


def taht_amrak_untriaged(user):
    """Open Taht Amrak letters the office has neither studied nor directed yet."""
    return (access.visible_complaints(user)
            .filter(channel=Complaint.Channel.TAHT_AMRAK, status__in=OPEN_STATUSES)
            .exclude(Exists(Directive.objects.filter(complaint=OuterRef("pk"))))
            .exclude(Exists(UrgencyAssessment.objects.filter(complaint=OuterRef("pk")))))


def taht_amrak_inbox(user, limit=LIST_SIZE):
    return taht_amrak_untriaged(user).select_related("department").order_by("received_at", "id")[:limit]


def open_escalations(user):
    escalations = SlaEscalation.objects.filter(acknowledged_at__isnull=True)
    if access.works_ministry_wide(user):
        return escalations
    return escalations.filter(complaint__in=access.visible_complaints(user))


def escalation_list(user, limit=LIST_SIZE):
    return (open_escalations(user).select_related("complaint", "complaint__department")
            .order_by("-escalated_at", "-id")[:limit])


def capped_count(queryset) -> tuple[int, bool]:
    """The count, stopping at COUNT_CAP: (count, whether there are more)."""
    count = queryset.values("pk")[:COUNT_CAP + 1].count()
    return min(count, COUNT_CAP), count > COUNT_CAP


def urgent_by_department(user) -> list[Bar]:
    rows = list(open_urgent(user).order_by().values("department_id").annotate(count=Count("id")))
    names = {d.pk: d.name for d in Department.objects.filter(pk__in=[r["department_id"] for r in rows if r["department_id"]])}
    return _bars(sorted(((names.get(r["department_id"], "—"), r["count"]) for r in rows),
                        key=lambda item: (-item[1], str(item[0]))))


def urgent_by_age(user, *, now, labels) -> list[Bar]:
    """`labels` names each band of AGE_BANDS, in the page's language."""
    counts = open_urgent(user).aggregate(**{
        f"band{n}": Count("id", filter=_age_band(now, low, high)) for n, (low, high) in enumerate(AGE_BANDS)})
    return _bars([(labels[n], counts[f"band{n}"]) for n in range(len(AGE_BANDS))])


def _age_band(now, low, high):
    condition = Q(received_at__lte=now - timedelta(days=low))
    if high is not None:
        condition &= Q(received_at__gt=now - timedelta(days=high))
    return condition


def _bars(pairs) -> list[Bar]:
    largest = max((count for _label, count in pairs), default=0)
    return [Bar(label, count, round(100 * count / largest) if largest else 0) for label, count in pairs]
