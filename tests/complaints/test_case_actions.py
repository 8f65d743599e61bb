"""The case page offers only the actions the lifecycle and the services accept for the status."""

import pytest

from complaints import case_actions as a
from complaints.models import Complaint

S = Complaint.Status

TABLE = [
    (S.NEW, False, False, (a.MERGE, a.MARK_URGENT)),
    (S.NEW, False, True, (a.ASSIGN, a.MERGE, a.MARK_URGENT)),
    (S.ROUTED, False, True, (a.ASSIGN, a.TRANSFER, a.REQUEST_INFORMATION, a.REPLY, a.MERGE, a.MARK_URGENT)),
    (S.IN_PROGRESS, True, True, (a.ASSIGN, a.TRANSFER, a.REQUEST_INFORMATION, a.REPLY, a.MERGE, a.UNMARK_URGENT)),
    (S.AWAITING_CITIZEN, False, True, (a.ASSIGN, a.TRANSFER, a.REPLY, a.CLOSE, a.MARK_URGENT)),
    (S.RESPONDED, False, True, (a.ASSIGN, a.TRANSFER, a.CLOSE, a.REOPEN, a.MARK_URGENT)),
    (S.CLOSED, True, True, (a.REOPEN,)),
    (S.REOPENED, False, True, (a.ASSIGN, a.TRANSFER, a.REQUEST_INFORMATION, a.REPLY, a.MERGE, a.MARK_URGENT)),
    (S.MERGED, False, True, ()),
]


@pytest.mark.parametrize(("status", "urgent", "has_department", "expected"), TABLE)
def test_actions_offered_for_each_status(status, urgent, has_department, expected):
    assert a.available(status, is_urgent=urgent, has_department=has_department) == expected

