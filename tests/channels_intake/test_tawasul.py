"""Tawasul cases by signed webhook: stored raw first, made into one complaint however often
they are delivered, with Tawasul's case number kept."""

import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from channels_intake.models import InboundItem
from channels_intake.signatures import sign
from complaints.models import Complaint
from tests.channels_intake.signed_delivery import deliver_signed

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads" / "tawasul"
SECRET = "tawasul-test-secret"
URL = "/api/v1/intake/tawasul/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.TAWASUL_WEBHOOK_SECRET = SECRET


def deliver(client, body: bytes, *, secret=SECRET, timestamp=None):
    return deliver_signed(client, URL, body, secret=secret, timestamp=timestamp)


def payload(name) -> bytes:
    return (PAYLOADS / name).read_bytes()


@pytest.mark.parametrize("name", ["case_arabic_maintenance.json", "inquiry_english_allowance.json"])
def test_a_case_becomes_a_complaint_with_its_tawasul_number(client, ministry, name):
    response = deliver(client, payload(name))

    assert response.status_code == 201, response.content
    sent = json.loads(payload(name))
    complaint = Complaint.objects.get()
    assert complaint.channel == Complaint.Channel.TAWASUL
    assert complaint.external_reference == sent["case_number"]
    assert complaint.kind == sent["type"] and complaint.language == sent["language"]
    assert complaint.received_at == datetime.fromisoformat(sent["submitted_at"])
    assert response.json() == {"reference": complaint.display_reference, "case_number": sent["case_number"],
                               "duplicate": False}
    item = InboundItem.objects.get()
    assert (item.state, item.complaint, item.payload) == (InboundItem.State.PROCESSED, complaint, sent)


def test_the_same_case_delivered_twice_makes_one_complaint(client, ministry):
    first = deliver(client, payload("case_arabic_maintenance.json"))
    again = deliver(client, payload("case_arabic_maintenance.json"))

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["duplicate"] is True and again.json()["reference"] == first.json()["reference"]
    assert Complaint.objects.count() == InboundItem.objects.count() == 1


@pytest.mark.parametrize("tamper", ["secret", "stale", "body"])
def test_a_badly_signed_delivery_is_refused_and_nothing_is_stored(client, tamper):
    body = payload("case_arabic_maintenance.json")
    if tamper == "secret":
        response = deliver(client, body, secret="wrong")
    elif tamper == "stale":
        response = deliver(client, body, timestamp=int(time.time()) - 600)
    else:
        timestamp = str(int(time.time()))
        response = client.post(URL, data=body.replace(b"2026", b"2027"), content_type="application/json",
                               headers={"X-Signature-Timestamp": timestamp,
                                        "X-Signature": sign(SECRET, timestamp, body)})
    assert response.status_code == 401
    assert not InboundItem.objects.exists() and not Complaint.objects.exists()


def test_an_unsigned_delivery_is_refused(client):
    response = client.post(URL, data=payload("case_arabic_maintenance.json"), content_type="application/json")
    assert response.status_code == 401


def test_malformed_json_is_refused_with_a_clear_error(client):
    response = deliver(client, b'{"case_number": "TW-1", ')
    assert response.status_code == 400 and "Malformed JSON" in response.json()["error"]
    assert not InboundItem.objects.exists()


def test_a_case_with_bad_fields_is_kept_as_failed_with_its_errors_and_no_complaint(client):
    response = deliver(client, payload("missing_description.json"))

    assert response.status_code == 400
    assert "description" in json.dumps(response.json()["errors"])
    assert not Complaint.objects.exists()
    item = InboundItem.objects.get()
    assert item.state == InboundItem.State.FAILED and "description" in item.error


def test_a_failed_case_redelivered_with_the_fields_fixed_is_processed(client, ministry):
    deliver(client, payload("missing_description.json"))
    fixed = json.loads(payload("missing_description.json"))
    fixed["description"] = "التفاصيل الكاملة"
    fixed["citizen"]["cpr"] = "880512345"
    deliver(client, json.dumps(fixed).encode())
    assert Complaint.objects.count() == 1
    assert InboundItem.objects.get().state == InboundItem.State.PROCESSED


def test_only_post_is_answered(client):
    assert client.get(URL).status_code == 405


def test_staff_retry_a_failed_item_from_the_dead_letter_view(client, ministry, django_user_model):
    from django.utils import timezone

    good = json.loads(payload("case_arabic_maintenance.json"))
    item = InboundItem.objects.create(channel="tawasul", external_id=good["case_number"], payload=good,
                                      received_at=timezone.now(), state=InboundItem.State.FAILED,
                                      error="database unavailable")
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.bh", "pw"))

    response = client.post("/admin/channels_intake/inbounditem/", {"action": "retry", "_selected_action": [item.pk]})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == InboundItem.State.PROCESSED and item.complaint.external_reference == good["case_number"]
