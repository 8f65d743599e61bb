"""Calls to the hotline 80008001 reported by the telephone system through a signed webhook:
one Call row per call id, whatever is delivered again, and nothing stored from a bad delivery."""

import json
import time
from datetime import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from channels_intake.calls import call_log
from channels_intake.models import Call, InboundItem
from channels_intake.signatures import sign
from complaints.models import Complaint
from tests.channels_intake.signed_delivery import deliver_signed

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads" / "calls"
SECRET = "telephony-test-secret"
URL = "/api/v1/intake/calls/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.TELEPHONY_WEBHOOK_SECRET = SECRET


def deliver(client, body: bytes, *, secret=SECRET, timestamp=None):
    return deliver_signed(client, URL, body, secret=secret, timestamp=timestamp)


def payload(name) -> bytes:
    return (PAYLOADS / name).read_bytes()


@pytest.mark.parametrize("name", ["answered.json", "abandoned.json"])
def test_a_reported_call_is_stored_as_the_telephone_system_gave_it(client, name):
    response = deliver(client, payload(name))

    assert response.status_code == 201, response.content
    sent = json.loads(payload(name))
    call = Call.objects.get()
    assert (call.call_id, call.caller_number, call.wait_seconds, call.talk_seconds, call.status) == (
        sent["call_id"], sent["caller"], sent["wait_seconds"], sent["duration_seconds"], sent["status"])
    assert call.agent_extension == (sent["agent"] or "")
    assert call.started_at == datetime.fromisoformat(sent["started_at"])
    assert call.telephony_record == sent and call.reported_at is not None
    assert call.outcome == "" and call.complaint is None
    assert response.json() == {"call_id": sent["call_id"], "status": sent["status"], "duplicate": False}
    assert not Complaint.objects.exists() and not InboundItem.objects.exists()


def test_a_call_reported_twice_is_one_call_and_the_second_report_changes_nothing(client):
    first = deliver(client, payload("answered.json"))
    changed = json.loads(payload("answered.json"))
    changed.update(wait_seconds=1, status="abandoned")
    again = deliver(client, json.dumps(changed).encode())

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == {**first.json(), "duplicate": True}
    call = Call.objects.get()
    assert (call.wait_seconds, call.status) == (42, Call.Status.ANSWERED)


def test_a_call_the_agent_logged_before_the_telephone_system_reported_it_gains_its_figures(client, officer):
    call_log.log_information_call(call_log.CallLog(call_id="PBX-20261125-000123", caller_number="39123456",
                                             kind=Call.Kind.INQUIRY, notes="سأل عن موعد التوزيع"), by=officer)

    response = deliver(client, payload("answered.json"))

    assert response.status_code == 201
    call = Call.objects.get()
    assert (call.wait_seconds, call.talk_seconds, call.caller_number) == (42, 305, "+97339123456")
    assert (call.outcome, call.notes, call.agent) == (Call.Outcome.INFORMATION, "سأل عن موعد التوزيع", officer)
    assert deliver(client, payload("answered.json")).status_code == 200


@pytest.mark.parametrize("tamper", ["secret", "stale", "body", "unsigned"])
def test_a_badly_signed_report_is_refused_and_nothing_is_stored(client, tamper):
    body = payload("answered.json")
    if tamper == "secret":
        response = deliver(client, body, secret="wrong")
    elif tamper == "stale":
        response = deliver(client, body, timestamp=int(time.time()) - 600)
    elif tamper == "body":
        timestamp = str(int(time.time()))
        response = client.post(URL, data=body.replace(b"42", b"4"), content_type="application/json",
                               headers={"X-Signature-Timestamp": timestamp, "X-Signature": sign(SECRET, timestamp, body)})
    else:
        response = client.post(URL, data=body, content_type="application/json")
    assert response.status_code == 401 and response.json()["error"]
    assert not Call.objects.exists()


def test_no_report_is_accepted_while_no_secret_is_configured(client, settings):
    settings.TELEPHONY_WEBHOOK_SECRET = ""
    assert deliver(client, payload("answered.json"), secret="").status_code == 401
    assert not Call.objects.exists()


@pytest.mark.parametrize("body", [b'{"call_id": "PBX-1", ', b'["PBX-1"]'])
def test_malformed_json_is_refused_with_a_clear_error(client, body):
    response = deliver(client, body)
    assert response.status_code == 400 and "Malformed JSON" in response.json()["error"]
    assert not Call.objects.exists()


def test_a_report_with_missing_or_bad_fields_names_each_and_stores_nothing(client):
    response = deliver(client, payload("missing_fields.json"))

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"started_at", "wait_seconds", "duration_seconds", "status"}
    assert not Call.objects.exists()


@pytest.mark.parametrize(("field", "value"), [
    ("call_id", ""), ("call_id", None), ("caller", None), ("started_at", "2026-11-25T09:14:05"),
    ("wait_seconds", "42"), ("wait_seconds", True), ("duration_seconds", 3.5), ("agent", {"ext": 1}),
    ("call_id", "x" * 101),
])
def test_each_required_field_is_checked(field, value):
    sent = json.loads(payload("answered.json"))
    sent[field] = value
    with pytest.raises(ValidationError) as refused:
        call_log.record_telephony_call(sent)
    assert list(refused.value.message_dict) == [field]
    assert not Call.objects.exists()


def test_the_errors_are_in_the_language_the_caller_asks_for(client):
    arabic = client.post(URL, data=payload("missing_fields.json"), content_type="application/json",
                         headers=signed_headers(payload("missing_fields.json")), HTTP_ACCEPT_LANGUAGE="ar")
    english = client.post(URL, data=payload("missing_fields.json"), content_type="application/json",
                          headers=signed_headers(payload("missing_fields.json")), HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["errors"]["wait_seconds"] == ["This field is required."]
    assert arabic.json()["errors"]["wait_seconds"] != english.json()["errors"]["wait_seconds"]


def signed_headers(body):
    timestamp = str(int(time.time()))
    return {"X-Signature-Timestamp": timestamp, "X-Signature": sign(SECRET, timestamp, body)}


def test_the_webhook_is_documented_in_the_schema(client):
    import yaml

    operation = yaml.safe_load(client.get("/api/schema/").content)["paths"]["/api/v1/intake/calls/"]["post"]
    assert "telephone system" in operation["summary"]
    assert "duration_seconds" in operation["description"]
    assert "not a complaint" in operation["responses"]["201"]["description"]
    assert "nothing is stored" in operation["responses"]["400"]["description"]

