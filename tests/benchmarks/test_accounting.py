"""After a load, what the portal confirmed is checked against the database: every confirmed
complaint stored, no other one of that kind since the start, and every one routed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from benchmarks import runs
from complaints.models import Complaint
from complaints.values import references
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_the_confirmed_complaints_are_found_whatever_the_reference_looks_like():
    since = timezone.now() - timedelta(seconds=1)
    stored = [ComplaintFactory(external_reference=f"web-token{n}") for n in range(3)]
    ComplaintFactory(external_reference="open311:app:1")                  # another kind
    ComplaintFactory(external_reference="web-old", received_at=since - timedelta(hours=1))  # before the run

    count = runs.count_complaints("web form", [references.display(c.reference) for c in stored[:2]]
                                  + [stored[2].reference], external_prefix="web-", since=since)

    assert (count.accepted, count.stored, count.found) == (3, 3, 3) and count.matches


def test_a_stored_complaint_nobody_was_told_about_is_a_mismatch():
    since = timezone.now() - timedelta(seconds=1)
    confirmed = ComplaintFactory(external_reference="web-a")
    ComplaintFactory(external_reference="web-b")

    count = runs.count_complaints("web form", [confirmed.reference], external_prefix="web-", since=since)

    assert (count.accepted, count.stored, count.found) == (1, 2, 1) and not count.matches


def test_a_confirmed_complaint_missing_is_a_mismatch():
    since = timezone.now() - timedelta(seconds=1)
    ComplaintFactory(external_reference="web-a")

    count = runs.count_complaints("web form", [references.new_reference(2026)], external_prefix="web-", since=since)

    assert not count.matches


def test_routing_is_waited_for_until_none_is_new():
    new = ComplaintFactory(status=Complaint.Status.NEW)
    routed = ComplaintFactory(status=Complaint.Status.ROUTED)

    assert runs.wait_until_routed([routed.reference], timeout=5)[0] == 0
    waiting, seconds = runs.wait_until_routed([new.reference, routed.reference], timeout=0.6)
    assert waiting == 1 and seconds >= 0.6


def test_complaints_to_track_have_a_mobile():
    import random

    ComplaintFactory.create_batch(5, contact_mobile="+97339123456")
    ComplaintFactory.create_batch(5, contact_mobile="")

    sample = runs.tracked_sample(50, rng=random.Random(1))

    assert sample and all(mobile == "+97339123456" for _reference, mobile in sample)
