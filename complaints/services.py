"""Services that change complaints. Each takes keyword arguments, runs in one transaction
and leaves an event on the timeline."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import lifecycle
from complaints.errors import DomainError  # noqa: F401  (raised here and imported from here by callers)
from complaints.models import (
    Complaint,
    ComplaintEvent,
    Department,
    Notification,
    Referral,
    Reply,
)
from complaints.notifications import to_citizens


# --- When each change is possible: the services below refuse otherwise, and the case actions
# (case_actions.py) offer an action only when its rule here or in the lifecycle allows it.

def may_be_transferred(status: str) -> bool:
    """Transfers and referrals: a routed complaint that is still open."""
    return lifecycle.is_open(status) and status != Complaint.Status.NEW


def may_be_assigned(status: str, *, has_department: bool) -> bool:
    return lifecycle.is_open(status) and has_department


def may_change_urgency(status: str, *, is_urgent: bool, urgent: bool) -> bool:
    return lifecycle.is_open(status) and is_urgent != urgent


def transfer_complaint(*, complaint: Complaint, to_department: Department, by, reason: str,
                       now=None) -> ComplaintEvent:
    """Moves a complaint to another department. The SLA clock keeps running: the citizen's
    due date does not change because the ministry moved the case internally."""
    now = now or timezone.now()
    if not reason.strip():
        raise DomainError(_("Give the reason for the transfer."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not may_be_transferred(complaint.status):
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
                    note: str = "", follow_up_on=None, now=None) -> ComplaintEvent:
    """Refers a complaint to several departments at once; `lead` holds the case and answers it,
    the others contribute. Referring again adds departments and may change the lead."""
    now = now or timezone.now()
    involved = {department.pk: department for department in [*departments, lead]}
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not may_be_transferred(complaint.status):
            raise DomainError(_("Only a routed, open complaint can be referred."))
        from_department_id = complaint.department_id
        Referral.objects.filter(complaint=complaint, is_lead=True).exclude(department=lead).update(is_lead=False)
        for department in involved.values():
            Referral.objects.update_or_create(
                complaint=complaint, department=department,
                defaults={"is_lead": department.pk == lead.pk,
                          **({"follow_up_on": follow_up_on} if follow_up_on else {})},
                create_defaults={"is_lead": department.pk == lead.pk, "referred_by": by,
                                 "referred_at": now, "note": note, "follow_up_on": follow_up_on},
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


def answer_referral(referral: Referral, *, text: str, by, now=None) -> Referral:
    """A referred body's answer to the office, given once: the office reads it on its case page."""
    now = now or timezone.now()
    if not text.strip():
        raise DomainError(_("Write the answer."))
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("department").get(pk=referral.pk)
        if referral.answered_at is not None:
            raise DomainError(_("%(department)s has already answered this referral.")
                              % {"department": referral.department})
        referral.answer, referral.answered_at = text.strip(), now
        referral.save(update_fields=["answer", "answered_at"])
        ComplaintEvent.objects.create(
            complaint_id=referral.complaint_id, kind=ComplaintEvent.Kind.REFERRAL_ANSWERED, actor=by,
            created_at=now, from_department=referral.department, note=referral.answer, is_public=False,
            data={"referral": referral.pk},
        )
        return referral


def send_reply(*, complaint: Complaint, by, text: str, clauses=(), now=None) -> Reply:
    """The ministry's answer: stored with the clauses it cites, the complaint becomes RESPONDED
    (the SLA clock stops) and the citizen is told by SMS and e-mail."""
    now = now or timezone.now()
    if not text.strip():
        raise DomainError(_("Write the reply."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        language = reply_language(complaint)
        reply = Reply.objects.create(complaint=complaint, text=text.strip(), language=language, author=by,
                                     created_at=now)
        reply.clauses.set(clauses)
        event = lifecycle.change_status(complaint, Complaint.Status.RESPONDED, by=by, now=now, is_public=True,
                                        kind=ComplaintEvent.Kind.REPLIED, data={"reply": reply.pk})
        to_citizens.queue(complaint, Notification.Kind.REPLIED, cause=f"event:{event.pk}", now=now)
        return reply


def reply_language(complaint: Complaint) -> str:
    """The language the citizen reads the ministry's answer in."""
    return complaint.citizen.preferred_language if complaint.citizen else complaint.language


def close_complaint(*, complaint: Complaint, by, note: str = "", now=None) -> ComplaintEvent:
    now = now or timezone.now()
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        event = lifecycle.change_status(complaint, Complaint.Status.CLOSED, by=by, now=now, note=note,
                                        is_public=False)
        to_citizens.queue(complaint, Notification.Kind.CLOSED, cause=f"event:{event.pk}", now=now)
        return event


def assign_complaint(*, complaint: Complaint, officer, by, now=None) -> ComplaintEvent:
    """Gives the case to one officer of the department that holds it."""
    now = now or timezone.now()
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not may_be_assigned(complaint.status, has_department=complaint.department_id is not None):
            raise DomainError(_("Only an open complaint that is with a department can be assigned."))
        profile = getattr(officer, "staff_profile", None)
        if not (officer.is_active and officer.is_staff and profile and profile.department_id == complaint.department_id):
            raise DomainError(_("%(officer)s does not work in %(department)s.")
                              % {"officer": officer.get_full_name() or officer.get_username(),
                                 "department": complaint.department})
        if complaint.assignee_id == officer.pk:
            raise DomainError(_("The complaint is already assigned to %(officer)s.")
                              % {"officer": officer.get_full_name() or officer.get_username()})
        from_assignee_id = complaint.assignee_id
        complaint.assignee = officer
        complaint.save(update_fields=["assignee", "updated_at"])
        return ComplaintEvent.objects.create(
            complaint=complaint, kind=ComplaintEvent.Kind.ASSIGNED, actor=by, created_at=now, is_public=False,
            note=officer.get_full_name() or officer.get_username(),
            data={"from_assignee": from_assignee_id, "to_assignee": officer.pk},
        )


def reopen_complaint(*, complaint: Complaint, by, reason: str, now=None) -> ComplaintEvent:
    """Opens an answered or closed case again; the clock restarts (see clock.py)."""
    now = now or timezone.now()
    if not reason.strip():
        raise DomainError(_("Give the reason for reopening."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        return lifecycle.change_status(complaint, Complaint.Status.REOPENED, by=by, now=now, note=reason.strip(),
                                       is_public=True)


def set_urgency(*, complaint: Complaint, urgent: bool, by, note: str = "", now=None) -> ComplaintEvent:
    """Marks an open case urgent for the minister's office, or takes the mark away."""
    now = now or timezone.now()
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not may_change_urgency(complaint.status, is_urgent=complaint.is_urgent, urgent=urgent):
            if not lifecycle.is_open(complaint.status):
                raise DomainError(_("Only an open complaint can be marked or unmarked urgent."))
            raise DomainError(_("The complaint is already marked urgent.") if urgent
                              else _("The complaint is not marked urgent."))
        complaint.is_urgent = urgent
        complaint.save(update_fields=["is_urgent", "updated_at"])
        return ComplaintEvent.objects.create(
            complaint=complaint, kind=ComplaintEvent.Kind.URGENCY_CHANGED, actor=by, created_at=now,
            is_public=False, note=note.strip(), data={"urgent": urgent},
        )
