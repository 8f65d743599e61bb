"""Our statuses in Tawasul's vocabulary: the one table both directions of the bridge read.

Tawasul knows fewer states than we do: routing and work in a department are both "under
process" there, so a move between two of our statuses that Tawasul sees as one owes it nothing.
"""

from complaints.models import Complaint

Status = Complaint.Status

RECEIVED = "RECEIVED"
UNDER_PROCESS = "UNDER_PROCESS"
PENDING_CITIZEN = "PENDING_CITIZEN"
ANSWERED = "ANSWERED"
REOPENED = "REOPENED"
CLOSED = "CLOSED"

TAWASUL_STATUS: dict[str, str] = {
    Status.NEW: RECEIVED,
    Status.ROUTED: UNDER_PROCESS,
    Status.IN_PROGRESS: UNDER_PROCESS,
    Status.AWAITING_CITIZEN: PENDING_CITIZEN,
    Status.RESPONDED: ANSWERED,
    Status.CLOSED: CLOSED,
    Status.REOPENED: REOPENED,
    # The case goes on under the complaint it was merged into; in Tawasul this one is done.
    Status.MERGED: CLOSED,
}


def tawasul_status(our_status: str) -> str:
    return TAWASUL_STATUS[our_status]


def owes_tawasul(from_status: str, to_status: str) -> bool:
    """Whether a move between two of our statuses changes what Tawasul shows."""
    return TAWASUL_STATUS[from_status] != TAWASUL_STATUS[to_status]


def normalised(their_status: str) -> str:
    """Tawasul's exports spell statuses loosely ("Under process", "under-process")."""
    return "_".join(their_status.replace("-", " ").upper().split())
