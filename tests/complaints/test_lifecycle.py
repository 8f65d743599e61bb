"""One place says which status may follow which; every change leaves an event."""

import itertools

import pytest
from django.utils import timezone

from complaints import lifecycle
from complaints.lifecycle import ALLOWED_TRANSITIONS, IllegalTransition, change_status
from complaints.models import Complaint, ComplaintEvent
from tests.factories import ComplaintFactory

Status = Complaint.Status
ALLOWED = [(source, target) for source, targets in ALLOWED_TRANSITIONS.items() for target in sorted(targets)]
ILLEGAL = [(source, target) for source, target in itertools.product(Status.values, repeat=2)
           if target not in ALLOWED_TRANSITIONS[source]]


def test_every_status_has_an_entry():
    assert set(ALLOWED_TRANSITIONS) == set(Status.values)


def test_merged_is_final_and_closed_can_only_reopen():
    assert ALLOWED_TRANSITIONS[Status.MERGED] == frozenset()
    assert ALLOWED_TRANSITIONS[Status.CLOSED] == {Status.REOPENED}


def test_new_complaints_must_be_routed_before_work_starts():
    assert not lifecycle.can_change(Status.NEW, Status.IN_PROGRESS)
    assert not lifecycle.can_change(Status.NEW, Status.RESPONDED)


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_each_allowed_change_is_made_and_recorded(source, target, officer):
    complaint = ComplaintFactory(status=source)
    now = timezone.now()

    event = change_status(complaint, target, by=officer, now=now, note="خطوة")

    complaint.refresh_from_db()
    assert complaint.status == target
    assert (event.from_status, event.to_status, event.actor, event.created_at) == (source, target, officer, now)
    assert ComplaintEvent.objects.filter(complaint=complaint).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), ILLEGAL[::4])
def test_illegal_changes_raise_and_change_nothing(source, target, officer):
    complaint = ComplaintFactory(status=source)

    with pytest.raises(IllegalTransition) as error:
        change_status(complaint, target, by=officer, now=timezone.now())

    complaint.refresh_from_db()
    assert complaint.status == source
    assert not ComplaintEvent.objects.filter(complaint=complaint).exists()
    assert complaint.display_reference in str(error.value)


def test_every_illegal_pair_is_refused_by_the_rule():
    assert ILLEGAL
    for source, target in ILLEGAL:
        assert not lifecycle.can_change(source, target)


@pytest.mark.django_db
def test_the_error_speaks_the_users_language(officer):
    from django.utils import translation

    complaint = ComplaintFactory(status=Status.CLOSED)
    with translation.override("ar"), pytest.raises(IllegalTransition) as error:
        change_status(complaint, Status.ROUTED, by=officer, now=timezone.now())
    assert "لا يمكن" in str(error.value)


@pytest.mark.django_db
def test_events_are_append_only(officer):
    complaint = ComplaintFactory(status=Status.ROUTED)
    event = change_status(complaint, Status.IN_PROGRESS, by=officer, now=timezone.now())

    event.note = "rewritten"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        ComplaintEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(TypeError):
        ComplaintEvent.objects.filter(pk=event.pk).delete()
    assert ComplaintEvent.objects.get(pk=event.pk).note == ""
