"""Department workload: how much each department and each officer has open, due this week,
overdue, and how old the oldest open complaint is. Two grouped queries, whatever the volume."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from complaints.models import Complaint
from complaints.sla import arithmetic

Status = Complaint.Status


@dataclass
class Load:
    open: int = 0
    due_this_week: int = 0
    overdue: int = 0
    oldest_received_at: datetime | None = None

    def oldest_age_days(self, now: datetime) -> int | None:
        return (now - self.oldest_received_at).days if self.oldest_received_at else None


@dataclass
class DepartmentLoad:
    department_id: int
    department_name: str
    total: Load
    by_officer: list[tuple[str, Load]] = field(default_factory=list)  # "" = not assigned yet


def _figures(now: datetime) -> dict:
    running = Q(sla_paused_at__isnull=True) & ~Q(status=Status.RESPONDED)
    return {
        "open": Count("pk"),
        "due_this_week": Count("pk", filter=running & Q(due_at__gte=now, due_at__lt=arithmetic.due_soon_until(
            now, timezone.get_default_timezone()))),
        "overdue": Count("pk", filter=running & Q(due_at__lt=now)),
        "oldest_received_at": Min("received_at"),
    }


def workload(complaints: QuerySet, *, now: datetime) -> list[DepartmentLoad]:
    """`complaints` is what the user may see (Complaint.objects.visible_to)."""
    open_ones = complaints.open().filter(department__isnull=False)
    departments = {}
    for row in (open_ones.values("department_id", "department__name_ar", "department__name_en")
                .annotate(**_figures(now)).order_by()):
        departments[row["department_id"]] = DepartmentLoad(
            department_id=row["department_id"], department_name=_bilingual(row, "department__name"),
            total=Load(row["open"], row["due_this_week"], row["overdue"], row["oldest_received_at"]))
    for row in (open_ones.values("department_id", "assignee__username", "assignee__first_name",
                                 "assignee__last_name")
                .annotate(**_figures(now)).order_by("department_id", "-overdue", "-open")):
        name = " ".join(filter(None, (row["assignee__first_name"], row["assignee__last_name"]))) \
            or row["assignee__username"] or ""
        departments[row["department_id"]].by_officer.append(
            (name, Load(row["open"], row["due_this_week"], row["overdue"], row["oldest_received_at"])))
    return sorted(departments.values(), key=lambda load: (-load.total.overdue, -load.total.open))


def _bilingual(row: dict, prefix: str) -> str:
    return row[f"{prefix}_ar"] if (get_language() or "ar").startswith("ar") else row[f"{prefix}_en"]
