"""Tracking's first step cannot be used to lock anybody out: a stranger's wrong tries slow and stop
the stranger, not the owner of the reference and not other citizens behind the same address."""

import time

import pytest
from django.test import Client
from django.utils import timezone

from complaints.models import ComplaintEvent
from complaints.portal import tracking
from complaints.security import throttle
from complaints.values import references
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

SHARED_ADDRESS = "10.20.30.40"  # a family's router, an office, a mobile carrier's shared address


class PatientClock:
    """The throttle's clock, moved on by the test instead of waiting out each pause."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    def wait(self, seconds=3600 - 1):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = PatientClock()
    monkeypatch.setattr(throttle, "time", clock)
    return clock


def complaint_with_mobile(mobile):
    complaint = ComplaintFactory(contact_mobile=mobile)
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED, created_at=timezone.now(),
                                  to_status="new", is_public=True)
    return complaint


@pytest.fixture
def owners_complaint(db):
    return complaint_with_mobile("+97339123456")


@pytest.fixture
def neighbours_complaint(db):
    return complaint_with_mobile("+97336665555")


def track(reference, digits, *, address):
    return Client(REMOTE_ADDR=address).post("/ar/track/", {"reference": reference, "mobile_last_digits": digits})


def guess(clock, reference, *, address, times, digits="0000"):
    """Wrong digits, `times` over, each after whatever pause the last one earned (a patient guesser)."""
    for _ in range(times):
        clock.wait(600)
        track(reference, digits, address=address)


def test_another_citizen_at_the_same_address_still_gets_in_after_a_strangers_failures(
        clock, owners_complaint, neighbours_complaint):
    guess(clock, owners_complaint.display_reference, address=SHARED_ADDRESS, times=tracking.BLOCK_AFTER_FAILURES)
    assert track(owners_complaint.display_reference, "3456", address=SHARED_ADDRESS).status_code == 429

    response = track(neighbours_complaint.display_reference, "5555", address=SHARED_ADDRESS)

    assert response.status_code == 302
    assert response["Location"] == f"/ar/track/{neighbours_complaint.reference}/"


def test_the_owner_is_not_locked_out_by_a_strangers_wrong_digits_on_their_reference(clock, owners_complaint):
    guess(clock, owners_complaint.display_reference, address="198.51.100.7", times=tracking.BLOCK_AFTER_FAILURES)
    assert track(owners_complaint.display_reference, "3456", address="198.51.100.7").status_code == 429

    assert track(owners_complaint.display_reference, "3456", address="203.0.113.5").status_code == 302


def test_the_owner_is_not_made_to_wait_for_a_strangers_pauses(owners_complaint):
    for _ in range(tracking.FREE_FAILURES):
        track(owners_complaint.display_reference, "0000", address="198.51.100.7")
    assert track(owners_complaint.display_reference, "3456", address="198.51.100.7").status_code == 429  # slowed

    assert track(owners_complaint.display_reference, "3456", address="203.0.113.5").status_code == 302


def test_strangers_spread_over_many_addresses_do_not_lock_the_owner_below_the_ceiling(clock, owners_complaint):
    left = tracking.REFERENCE_CEILING - 1
    for n in range(0, left, tracking.BLOCK_AFTER_FAILURES - 1):
        guess(clock, owners_complaint.display_reference, address=f"198.51.100.{n}",
              times=min(tracking.BLOCK_AFTER_FAILURES - 1, left - n))
    assert throttle.attempts(f"track-ref:{owners_complaint.reference}") == tracking.REFERENCE_CEILING - 1

    assert track(owners_complaint.display_reference, "3456", address="203.0.113.5").status_code == 302


def test_at_the_ceiling_the_reference_is_closed_online_for_the_hour(clock, owners_complaint, neighbours_complaint):
    for n in range(0, tracking.REFERENCE_CEILING, tracking.BLOCK_AFTER_FAILURES):
        guess(clock, owners_complaint.display_reference, address=f"198.51.100.{n}",
              times=tracking.BLOCK_AFTER_FAILURES)

    refused = track(owners_complaint.display_reference, "3456", address="203.0.113.5")

    assert refused.status_code == 429
    page = refused.content.decode()
    assert "80008001" in page and "ساعة" in page
    assert owners_complaint.display_reference in page                    # what was typed is kept
    assert track(neighbours_complaint.display_reference, "5555", address="198.51.100.0").status_code == 302


def test_the_guesser_is_slowed_then_stopped_on_that_reference_from_that_address(clock, owners_complaint):
    for _ in range(tracking.FREE_FAILURES):
        assert track(owners_complaint.display_reference, "1111", address="198.51.100.7").status_code == 400
    slowed = track(owners_complaint.display_reference, "3456", address="198.51.100.7")
    assert slowed.status_code == 429 and "انتظر" in slowed.content.decode()

    guess(clock, owners_complaint.display_reference, address="198.51.100.7",
          times=tracking.BLOCK_AFTER_FAILURES - tracking.FREE_FAILURES)
    clock.wait()
    blocked = track(owners_complaint.display_reference, "3456", address="198.51.100.7")
    assert blocked.status_code == 429 and "ساعة" in blocked.content.decode()


def test_a_right_answer_forgives_the_citizens_own_slips(clock, owners_complaint):
    for _ in range(2):
        guess(clock, owners_complaint.display_reference, address=SHARED_ADDRESS, times=tracking.FREE_FAILURES - 1)
        assert track(owners_complaint.display_reference, "3456", address=SHARED_ADDRESS).status_code == 302


def test_an_address_guessing_across_references_is_stopped_sooner_on_each_but_a_neighbour_gets_in(
        clock, owners_complaint, neighbours_complaint):
    others = [references.new_reference(2026) for _ in range(tracking.BUSY_ADDRESS_FAILURES // 2)]
    for reference in others:                                             # two tries each: never slowed
        guess(clock, references.display(reference), address=SHARED_ADDRESS, times=2)
    guess(clock, owners_complaint.display_reference, address=SHARED_ADDRESS, times=tracking.BUSY_ADDRESS_BLOCK)

    clock.wait()
    assert track(owners_complaint.display_reference, "3456", address=SHARED_ADDRESS).status_code == 429
    assert track(owners_complaint.display_reference, "3456", address="203.0.113.5").status_code == 302
    assert track(neighbours_complaint.display_reference, "5555", address=SHARED_ADDRESS).status_code == 302


def test_a_mistyped_reference_is_not_counted_as_a_guess(owners_complaint):
    mistyped = owners_complaint.reference[:-1] + str((int(owners_complaint.reference[-1]) + 1) % 10)
    for _ in range(tracking.BLOCK_AFTER_FAILURES):
        assert track(mistyped, "0000", address=SHARED_ADDRESS).status_code == 400
    assert track(owners_complaint.display_reference, "3456", address=SHARED_ADDRESS).status_code == 302
