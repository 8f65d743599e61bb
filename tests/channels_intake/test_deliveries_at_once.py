"""A case delivered twice at the same moment: the second delivery finds the item stored but not yet
processed, and must be answered as the duplicate it is (found by the webhook storm drill)."""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from channels_intake.models import InboundItem
from channels_intake.tawasul import inbound_cases
from complaints import intake
from complaints.models import Complaint
from tests.channels_intake.signed_delivery import deliver_signed

pytestmark = pytest.mark.django_db
SECRET = "tawasul-test-secret"
BODY = (Path(__file__).parent / "payloads" / "tawasul" / "case_arabic_maintenance.json").read_bytes()


def test_the_delivery_that_did_not_make_the_complaint_is_answered_as_a_duplicate(client, ministry, settings):
    settings.TAWASUL_WEBHOOK_SECRET = SECRET
    payload = json.loads(BODY)
    # The first delivery has stored its item and made the complaint, but not yet marked the item.
    InboundItem.objects.create(channel=Complaint.Channel.TAWASUL, external_id=payload["case_number"],
                               payload=payload, received_at=timezone.now())
    first = intake.receive(inbound_cases.translate(payload)).complaint

    response = deliver_signed(client, "/api/v1/intake/tawasul/", BODY, secret=SECRET)

    assert response.status_code == 200
    assert response.json() == {"reference": first.display_reference, "case_number": payload["case_number"],
                               "duplicate": True}
    assert Complaint.objects.count() == 1
