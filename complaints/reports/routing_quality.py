"""How well complaints were routed, per department, for one month: how many each department received
and who decided (the model, a staff rule, policy, the category), how many the model left to the
complaints unit's triage and where those finally went, how many each department transferred away
and to whom, and the share that stayed where it was first sent.

A complaint counts in the month it was routed (its ROUTED event, Bahrain time). The figures are
grouped counts over that month's routed events (a partial index on their time) and the transfers
of the same complaints (found by complaint); nothing loops over complaints in Python. Routed events
written before routing by meaning name only their rule: the others count as routed by category.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from complaints.models import ComplaintEvent, Department
from complaints.reports.figures import bahrain

ROUTED, TRANSFERRED = ComplaintEvent.Kind.ROUTED, ComplaintEvent.Kind.TRANSFERRED
TOP_DESTINATIONS = 3
# Who decided, from the ROUTED event's data (complaints/routing/engine.py: event_data).
BY_MODEL = Q(data__decided_by__startswith="model ")
# A rule names its id (in every ROUTED event, those written before `decided_by` too).
BY_RULE = Q(data__has_key="rule_id") & ~Q(data__rule_id=None)
BY_POLICY = Q(data__decided_by="policy")


@dataclass(frozen=True)
class DepartmentQuality:
    department: Department
    routed: int
    by_model: int
    by_rule: int
    by_policy: int
    triaged_here: int  # sent to the complaints unit by the model that month, and finally here
    transferred_away: int  # routed here, then transferred (by triage, for the complaints unit)
    destinations: tuple[tuple[Department, int], ...] = ()  # where the first transfer sent them, most first

    @property
    def by_category(self) -> int:
        return self.routed - self.by_model - self.by_rule - self.by_policy

    @property
    def is_triage_desk(self) -> bool:
        return self.department.code == Department.COMPLAINTS_UNIT

    @property
    def right_first_time(self) -> int | None:
        """Routed here and never transferred afterwards (not for the triage desk, whose work is
        sending complaints on)."""
        return None if self.is_triage_desk else self.routed - self.transferred_away

    @property
    def share_right_first_time(self) -> float | None:
        """Percent, one decimal."""
        if self.right_first_time is None or not self.routed:
            return None
        return round(100 * self.right_first_time / self.routed, 1)


@dataclass(frozen=True)
class Quality:
    month: date
    departments: list[DepartmentQuality]

    @property
    def totals(self) -> dict[str, int]:
        names = ("routed", "by_model", "by_rule", "by_policy", "by_category", "triaged_here", "transferred_away")
        return {name: sum(getattr(row, name) for row in self.departments) for name in names}

    @property
    def share_right_first_time(self) -> float | None:
        """Over the departments' rows, the triage desk left out."""
        rows = [row for row in self.departments if not row.is_triage_desk]
        routed = sum(row.routed for row in rows)
        return round(100 * sum(row.right_first_time for row in rows) / routed, 1) if routed else None


def month_bounds(month: date) -> tuple[datetime, datetime]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return datetime.combine(first, time(), bahrain()), datetime.combine(following, time(), bahrain())


def routed_in(month: date) -> QuerySet:
    """The ROUTED events of the month (one per complaint routed)."""
    start, end = month_bounds(month)
    return ComplaintEvent.objects.filter(kind=ROUTED, created_at__gte=start, created_at__lt=end)


def routing_quality(month: date, *, department_ids=None) -> Quality:
    """The month's figures for every department, or only for `department_ids` (a department head's
    own). Four queries whatever the number of complaints."""
    routed = routed_in(month)
    transfers = ComplaintEvent.objects.filter(complaint=OuterRef("complaint"), kind=TRANSFERRED,
                                              created_at__gte=OuterRef("created_at"))
    here = routed if department_ids is None else routed.filter(to_department__in=department_ids)
    counts = {row.pop("to_department"): row for row in here.values("to_department").annotate(
        routed=Count("pk"), by_model=Count("pk", filter=BY_MODEL), by_rule=Count("pk", filter=BY_RULE),
        by_policy=Count("pk", filter=BY_POLICY), transferred_away=Count("pk", filter=Exists(transfers)),
    ).order_by()}

    first_destination = Subquery(transfers.order_by("created_at", "pk").values("to_department")[:1])
    destinations: dict[int, dict[int, int]] = {}
    for row in (here.annotate(destination=first_destination).filter(destination__isnull=False)
                .values("to_department", "destination").annotate(n=Count("pk")).order_by()):
        destinations.setdefault(row["to_department"], {})[row["destination"]] = row["n"]

    triaged = routed.filter(BY_MODEL, to_department__code=Department.COMPLAINTS_UNIT)
    if department_ids is not None:
        triaged = triaged.filter(complaint__department__in=department_ids)
    triaged_to = dict(triaged.values_list("complaint__department").annotate(n=Count("pk")).order_by())

    sent_to = {pk for sent in destinations.values() for pk in sent}
    known = {department.pk: department for department in Department.objects.filter(
        Q(is_active=True) | Q(pk__in={*counts, *triaged_to, *sent_to}))}
    shown = [pk for pk in known if department_ids is None or pk in department_ids]
    empty = {"routed": 0, "by_model": 0, "by_rule": 0, "by_policy": 0, "transferred_away": 0}
    rows = [DepartmentQuality(
        department=known[pk], **counts.get(pk, empty),
        triaged_here=0 if known[pk].code == Department.COMPLAINTS_UNIT else triaged_to.get(pk, 0),
        destinations=tuple((known[to], n) for to, n in sorted(destinations.get(pk, {}).items(),
                                                              key=lambda item: -item[1])[:TOP_DESTINATIONS]),
    ) for pk in shown]
    rows.sort(key=lambda row: (not row.is_triage_desk, row.department.name))
    return Quality(month=month.replace(day=1), departments=rows)
