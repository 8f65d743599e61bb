"""Our statuses in Tawasul's words: one table, read by both directions of the bridge."""

import pytest

from channels_intake.tawasul import statuses
from complaints.models import Complaint

Status = Complaint.Status


@pytest.mark.parametrize(("ours", "theirs"), [
    (Status.NEW, "RECEIVED"),
    (Status.ROUTED, "UNDER_PROCESS"),
    (Status.IN_PROGRESS, "UNDER_PROCESS"),
    (Status.AWAITING_CITIZEN, "PENDING_CITIZEN"),
    (Status.RESPONDED, "ANSWERED"),
    (Status.CLOSED, "CLOSED"),
    (Status.REOPENED, "REOPENED"),
    (Status.MERGED, "CLOSED"),
])
def test_each_of_our_statuses_has_its_tawasul_status(ours, theirs):
    assert statuses.tawasul_status(ours) == theirs


def test_the_table_covers_every_status_we_have():
    assert set(statuses.TAWASUL_STATUS) == set(Status)


@pytest.mark.parametrize(("from_status", "to_status", "owed"), [
    (Status.NEW, Status.ROUTED, True),
    (Status.ROUTED, Status.IN_PROGRESS, False),
    (Status.IN_PROGRESS, Status.AWAITING_CITIZEN, True),
    (Status.RESPONDED, Status.CLOSED, True),
    (Status.REOPENED, Status.IN_PROGRESS, True),
    (Status.IN_PROGRESS, Status.MERGED, True),
])
def test_only_a_move_tawasul_can_see_is_owed_to_it(from_status, to_status, owed):
    assert statuses.owes_tawasul(from_status, to_status) is owed


@pytest.mark.parametrize(("written", "read"), [
    ("Under process", "UNDER_PROCESS"), ("under-process", "UNDER_PROCESS"), (" ANSWERED ", "ANSWERED"),
    ("pending  citizen", "PENDING_CITIZEN"),
])
def test_statuses_spelt_loosely_in_an_export_are_read_as_tawasuls(written, read):
    assert statuses.normalised(written) == read
