"""The complaints' shared reads are queryset methods: open(), ended(), visible_to(user) and
sla_state(state, now=); the open statuses are defined once, and the partial indexes use them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints import lifecycle
from complaints.models import OPEN_STATUSES, Complaint
from tests.factories import ComplaintFactory

S = Complaint.Status
NOW = timezone.now()


def test_every_status_but_closed_and_merged_is_open():
    assert set(OPEN_STATUSES) == set(S) - {S.CLOSED, S.MERGED}
    assert [lifecycle.is_open(status) for status in (S.NEW, S.RESPONDED, S.CLOSED, S.MERGED)] == [
        True, True, False, False]


def test_the_partial_indexes_on_open_complaints_use_the_one_definition_of_open():
    conditions = {index.name: dict(index.condition.children) for index in Complaint._meta.indexes
                  if index.name.startswith("complaint_open_") and index.name != "complaint_open311_idx"}

    assert len(conditions) == 4
    assert all(children["status__in"] == OPEN_STATUSES for children in conditions.values())


@pytest.mark.django_db
def test_open_and_ended_split_the_complaints_in_two():
    cases = {status: ComplaintFactory(status=status) for status in S}

    opened = set(Complaint.objects.open().values_list("status", flat=True))
    ended = set(Complaint.objects.ended().values_list("status", flat=True))

    assert opened == set(OPEN_STATUSES) and ended == {S.CLOSED, S.MERGED}
    assert Complaint.objects.open().count() + Complaint.objects.ended().count() == len(cases)


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "expected"), [
    ("overdue", {"late"}), ("due_soon", {"soon"}), ("on_time", {"later"}), ("paused", {"paused"}),
    ("anything else", {"late", "soon", "later", "paused", "answered_late"}),
])
def test_sla_state_picks_the_complaints_in_that_state(state, expected):
    cases = {
        "late": ComplaintFactory(status=S.ROUTED, due_at=NOW - timedelta(days=1)),
        "soon": ComplaintFactory(status=S.ROUTED, due_at=NOW + timedelta(days=3)),
        "later": ComplaintFactory(status=S.IN_PROGRESS, due_at=NOW + timedelta(days=20)),
        "paused": ComplaintFactory(status=S.AWAITING_CITIZEN, due_at=NOW + timedelta(days=5),
                                   sla_paused_at=NOW),
        # Answered: its clock stopped, so it is never overdue, whatever its due date.
        "answered_late": ComplaintFactory(status=S.RESPONDED, due_at=NOW - timedelta(days=9)),
    }

    found = set(Complaint.objects.sla_state(state, now=NOW).values_list("pk", flat=True))

    assert {name for name, complaint in cases.items() if complaint.pk in found} == expected


@pytest.mark.django_db
def test_the_methods_chain_with_visibility(maintenance, maintenance_officer):
    own_open = ComplaintFactory(status=S.ROUTED, department=maintenance, due_at=NOW - timedelta(days=2))
    ComplaintFactory(status=S.CLOSED, department=maintenance, due_at=NOW - timedelta(days=2))
    ComplaintFactory(status=S.ROUTED, due_at=NOW - timedelta(days=2))  # another department's

    found = Complaint.objects.visible_to(maintenance_officer).open().sla_state("overdue", now=NOW)

    assert list(found) == [own_open]


@pytest.mark.django_db
def test_someone_not_signed_in_sees_no_complaint(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    ComplaintFactory(status=S.ROUTED)

    assert not Complaint.objects.visible_to(AnonymousUser()).exists()


def test_the_sla_standing_is_answered_once_the_ministry_has_answered():
    answered = Complaint(status=S.CLOSED, due_at=NOW - timedelta(days=9))
    running = Complaint(status=S.ROUTED, due_at=NOW - timedelta(days=2))

    assert answered.sla_standing(now=NOW).state == "answered"
    assert running.sla_standing(now=NOW).state == "overdue"
