"""Which actions the case page offers for a complaint: only what the lifecycle and the services
would accept for its status, so staff are never shown a button that can only fail."""

from . import lifecycle
from .models import Complaint

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
