"""Services that change complaints. Each takes keyword arguments, runs in one transaction
and leaves an event on the timeline."""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import lifecycle, routing, rules
from .models import Complaint, ComplaintEvent, Department, Referral


class DomainError(Exception):
    """A request the rules of the ministry do not allow, with a message for the user."""


def facts_of(complaint: Complaint) -> routing.ComplaintFacts:
    category_code, department_code = rules.category_routes().get(complaint.category_id, (None, None))
    return routing.ComplaintFacts(
        channel=complaint.channel,
        kind=complaint.kind,
        text=f"{complaint.subject}\n{complaint.body}",
        category_code=category_code,
        category_department_code=department_code,
        is_urgent=complaint.is_urgent,
    )


def route_complaint(complaint_id: int, *, now=None) -> ComplaintEvent | None:
    """Sends a NEW complaint to its department. Safe to call any number of times, at once or
    again after a crash: only the call that finds the complaint still NEW routes it."""
    now = now or timezone.now()
    with transaction.atomic():
        relax_commit_durability()
        complaint = (
            Complaint.objects.select_for_update(skip_locked=True)
            .filter(pk=complaint_id, status=Complaint.Status.NEW)
            .first()
        )
        if complaint is None:
            return None
        decision = routing.decide(facts_of(complaint), rules.active_rules())
        department_ids = rules.department_ids()
        complaint.department_id = department_ids.get(decision.department_code,
                                                     department_ids.get(Department.COMPLAINTS_UNIT))
        return lifecycle.change_status(
            complaint, Complaint.Status.ROUTED, by=None, now=now,
            kind=ComplaintEvent.Kind.ROUTED, note=decision.reason, is_public=True,
            to_department_id=complaint.department_id, update_fields=("department",),
            data={"rule_id": decision.rule_id},
        )


def relax_commit_durability() -> None:
    """Lets PostgreSQL acknowledge this transaction's commit before it reaches the disk.

    Only for work that can be done again: if the server crashed in the few milliseconds
    after such a commit, the complaint would simply be NEW again and the reconcile task would
    route it. It saves a disk flush per complaint routed. Complaints themselves are always
    stored with full durability.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def unrouted_complaint_ids(*, limit: int) -> list[int]:
    return list(
        Complaint.objects.filter(status=Complaint.Status.NEW)
        .order_by("received_at").values_list("pk", flat=True)[:limit]
    )


def transfer_complaint(*, complaint: Complaint, to_department: Department, by, reason: str,
                       now=None) -> ComplaintEvent:
    """Moves a complaint to another department. The SLA clock keeps running: the citizen's
    due date does not change because the ministry moved the case internally."""
    now = now or timezone.now()
    if not reason.strip():
        raise DomainError(_("Give the reason for the transfer."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.status in (Complaint.Status.NEW, Complaint.Status.CLOSED, Complaint.Status.MERGED):
            raise DomainError(_("Only a routed, open complaint can be transferred."))
        if complaint.department_id == to_department.pk:
            raise DomainError(_("The complaint is already with %(department)s.") % {"department": to_department})
        from_department_id = complaint.department_id
        complaint.department = to_department
        complaint.assignee = None
        complaint.save(update_fields=["department", "assignee", "updated_at"])
        Referral.objects.filter(complaint=complaint, is_lead=True).update(is_lead=False)
        Referral.objects.filter(complaint=complaint, department=to_department).update(is_lead=True)
        return ComplaintEvent.objects.create(
            complaint=complaint, kind=ComplaintEvent.Kind.TRANSFERRED, actor=by, created_at=now,
            from_department_id=from_department_id, to_department=to_department, note=reason.strip(),
            is_public=False,
        )


def refer_complaint(*, complaint: Complaint, departments: list[Department], lead: Department, by,
                    note: str = "", now=None) -> ComplaintEvent:
    """Refers a complaint to several departments at once; `lead` holds the case and answers it,
    the others contribute. Referring again adds departments and may change the lead."""
    now = now or timezone.now()
    involved = {department.pk: department for department in [*departments, lead]}
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.status in (Complaint.Status.NEW, Complaint.Status.CLOSED, Complaint.Status.MERGED):
            raise DomainError(_("Only a routed, open complaint can be referred."))
        from_department_id = complaint.department_id
        Referral.objects.filter(complaint=complaint, is_lead=True).exclude(department=lead).update(is_lead=False)
        for department in involved.values():
            Referral.objects.update_or_create(
                complaint=complaint, department=department,
                defaults={"is_lead": department.pk == lead.pk},
                create_defaults={"is_lead": department.pk == lead.pk, "referred_by": by,
                                 "referred_at": now, "note": note},
            )
        if complaint.department_id != lead.pk:
            complaint.department = lead
            complaint.assignee = None
            complaint.save(update_fields=["department", "assignee", "updated_at"])
        return ComplaintEvent.objects.create(
            complaint=complaint, kind=ComplaintEvent.Kind.REFERRED, actor=by, created_at=now,
            from_department_id=from_department_id, to_department=lead, note=note, is_public=False,
            data={"departments": sorted(involved), "lead": lead.pk},
        )
