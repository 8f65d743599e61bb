"""Services that change complaints. Each takes keyword arguments, runs in one transaction
and leaves an event on the timeline."""

from django.db import transaction
from django.utils import timezone

from . import lifecycle, routing
from .models import Complaint, ComplaintEvent, Department


def route_complaint(complaint_id: int, *, now=None) -> ComplaintEvent | None:
    """Sends a NEW complaint to its department. Safe to call any number of times, at once or
    again after a crash: only the call that finds the complaint still NEW routes it."""
    now = now or timezone.now()
    with transaction.atomic():
        complaint = (
            Complaint.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("category__default_department")
            .filter(pk=complaint_id, status=Complaint.Status.NEW)
            .first()
        )
        if complaint is None:
            return None
        category = complaint.category
        decision = routing.decide(routing.ComplaintFacts(
            channel=complaint.channel,
            kind=complaint.kind,
            category_code=category.code if category else None,
            category_department_code=(
                category.default_department.code if category and category.default_department else None
            ),
        ))
        department = Department.objects.get(code=decision.department_code)
        complaint.department = department
        return lifecycle.change_status(
            complaint, Complaint.Status.ROUTED, by=None, now=now,
            kind=ComplaintEvent.Kind.ROUTED, note=decision.reason, is_public=True,
            to_department=department, update_fields=("department",),
        )


def unrouted_complaint_ids(*, limit: int) -> list[int]:
    return list(
        Complaint.objects.filter(status=Complaint.Status.NEW)
        .order_by("received_at").values_list("pk", flat=True)[:limit]
    )
