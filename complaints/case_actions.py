"""Which actions the case page offers for a complaint: only what the lifecycle and the services
would accept for its status, so staff are never shown a button that can only fail."""

from . import access, lifecycle
from .models import Complaint, Referral

Status = Complaint.Status

ASSIGN = "assign"
TRANSFER = "transfer"
REQUEST_INFORMATION = "request-information"
REPLY = "reply"
CLOSE = "close"
REOPEN = "reopen"
MERGE = "merge"
MARK_URGENT = "mark-urgent"
UNMARK_URGENT = "unmark-urgent"
# Offered by who the user is rather than by the complaint's status: see referrals_to_answer.
ANSWER_REFERRAL = "answer-referral"

ALL = (ASSIGN, TRANSFER, REQUEST_INFORMATION, REPLY, CLOSE, REOPEN, MERGE, MARK_URGENT, UNMARK_URGENT)
# Transfers follow services.transfer_complaint: a routed complaint that is still open.
_NOT_TRANSFERABLE = frozenset({Status.NEW, Status.CLOSED, Status.MERGED})


def available(status: str, *, is_urgent: bool, has_department: bool) -> tuple[str, ...]:
    is_open = status in lifecycle.OPEN_STATUSES
    allowed = {
        ASSIGN: is_open and has_department,
        TRANSFER: status not in _NOT_TRANSFERABLE,
        REQUEST_INFORMATION: lifecycle.can_change(status, Status.AWAITING_CITIZEN),
        REPLY: lifecycle.can_change(status, Status.RESPONDED),
        CLOSE: lifecycle.can_change(status, Status.CLOSED),
        REOPEN: lifecycle.can_change(status, Status.REOPENED),
        MERGE: lifecycle.can_change(status, Status.MERGED),
        MARK_URGENT: is_open and not is_urgent,
        UNMARK_URGENT: is_open and is_urgent,
    }
    return tuple(action for action in ALL if allowed[action])


def available_for(complaint: Complaint) -> tuple[str, ...]:
    return available(complaint.status, is_urgent=complaint.is_urgent,
                     has_department=complaint.department_id is not None)



def answers_for(user) -> str | int | None:
    """Which referrals the user answers for: "all" for a complaints supervisor, a department id for
    a department officer or head, None for anyone else."""
    if not (user.is_active and user.is_staff):
        return None
    roles = access.role_codes(user)
    if user.is_superuser or "supervisor" in roles:
        return "all"
    department_id = access.department_of(user)
    return department_id if department_id is not None and roles & set(access.DEPARTMENT_ROLES) else None


def may_answer(referral: Referral, user) -> bool:
    answering = answers_for(user)
    return referral.answered_at is None and answering in ("all", referral.department_id)


def referrals_to_answer(complaint: Complaint, user):
    """The complaint's unanswered referrals this user answers for: those to their own department
    (department officers and heads), or all of them for a complaints supervisor."""
    unanswered = (Referral.objects.filter(complaint=complaint, answered_at__isnull=True)
                  .select_related("department").order_by("referred_at", "pk"))
    answering = answers_for(user)
    if answering is None:
        return unanswered.none()
    return unanswered if answering == "all" else unanswered.filter(department_id=answering)
