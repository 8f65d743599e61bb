"""A staff member's correction of a dead letter's payload holds the citizen's details as the
dead letter does, and is blanked with it when the retention period ends."""

from datetime import timedelta

from django.utils import timezone

from channels_intake.models import InboundCorrection, InboundItem
from complaints.data_protection import retention
from tests.factories import UserFactory

from .conftest import PERIOD_DAYS


def test_corrections_of_a_dead_letter_past_the_period_are_blanked_with_it(db):
    old = timezone.now() - timedelta(days=PERIOD_DAYS + 1)
    failed = InboundItem.objects.create(channel="open311", external_id="open311:app:1", payload={"cpr": "900000001"},
                                        received_at=old, state="failed", error="refused")
    correction = InboundCorrection.objects.create(item=failed, payload={"cpr": "900000002"},
                                                  corrected_by=UserFactory(), corrected_at=old)

    retention.apply_retention()

    correction.refresh_from_db()
    assert correction.payload == {} and correction.corrected_by_id and correction.corrected_at == old
