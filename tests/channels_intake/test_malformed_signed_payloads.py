"""Correctly signed but malformed deliveries — not JSON, not an object, fields of the wrong type,
nested nulls, huge numbers, lists where text is expected — are answered 400 (or 2xx where the
payload is in fact acceptable), never 5xx, by every signed webhook and by Open311's POST."""

import json
from pathlib import Path

import pytest

from complaints.api_keys import keys
from complaints.api_keys.models import Open311Client
from tests.channels_intake.signed_delivery import deliver_signed
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads"
OPEN311_KEY = "open311-test-key-" + "y" * 30

# Each channel: its URL, the setting holding its secret, and a good payload to spoil field by field.
CHANNELS = {
    "tawasul": ("/api/v1/intake/tawasul/", "TAWASUL_WEBHOOK_SECRET",
                json.loads((PAYLOADS / "tawasul" / "case_arabic_maintenance.json").read_text())),
    "calls": ("/api/v1/intake/calls/", "TELEPHONY_WEBHOOK_SECRET",
              json.loads((PAYLOADS / "calls" / "answered.json").read_text())),
    "social": ("/api/v1/intake/social/", "SOCIAL_WEBHOOK_SECRET",
               json.loads((PAYLOADS / "social" / "post_arabic_leak.json").read_text())),
}
OPEN311 = {"api_key": OPEN311_KEY, "service_code": "water-leak", "description": "Water leaking from the roof",
           "address_string": "Salman City", "first_name": "Fatima", "last_name": "Ali", "phone": "39123456",
           "attribute": {"cpr": "850412345", "kind": "complaint"}, "lat": 26.1, "long": 50.5}

DEEP = b"[" * 100_000 + b"]" * 100_000
# Whole bodies that are not the JSON object a channel expects.
BODIES = {
    "not JSON": b"this is not json", "empty": b"", "cut short": b'{"case_number": "TW-1", ',
    "not UTF-8": b'{"subject": "\xff\xfe\xfa"}', "a list of numbers": b"[1, 2, 3]", "an empty list": b"[]",
    "a number": b"42", "a huge number": b"1" + b"0" * 5000, "a string": b'"text"', "null": b"null", "true": b"true",
    "an empty object": b"{}", "nested too deep": DEEP, "a list of lists": b"[[{}], [null]]",
    "NaN and Infinity": b'{"a": NaN, "b": Infinity, "c": -Infinity}',
}
# Values put in place of each field of a good payload, one at a time.
VALUES = {
    "null": None, "true": True, "zero": 0, "negative": -1, "huge integer": 10**30, "huge float": 1e300,
    "infinity": float("inf"), "NaN": float("nan"), "empty list": [], "list of text": ["a", "b"],
    "empty object": {}, "object of nulls": {"name": None, "cpr": None}, "empty text": "", "blank text": "   ",
    "very long text": "ب" * 100_000, "year one": "0001-01-01T00:00:00+00:00", "year 9999": "9999-12-31T23:59:59+00:00",
    "month 13": "2026-13-01T00:00:00+03:00", "offset of a day": "2026-11-25T09:14:05+24:00",
}


def spoiled(payload: dict) -> list[tuple[str, dict]]:
    """The payload with each field (and each field of a nested object) replaced by each value."""
    cases = []
    for name, original in payload.items():
        for label, value in VALUES.items():
            cases.append((f"{name}={label}", {**payload, name: value}))
        if isinstance(original, dict):
            for inner in original:
                for label, value in VALUES.items():
                    cases.append((f"{name}.{inner}={label}", {**payload, name: {**original, inner: value}}))
    return cases


def acceptable(status: int) -> bool:
    return status == 400 or 200 <= status < 300


@pytest.fixture
def secrets(settings):
    for _url, setting, _payload in CHANNELS.values():
        setattr(settings, setting, f"{setting}-value")
    return settings


@pytest.fixture
def open311_client(maintenance):
    Open311Client.objects.create(slug="fixmyblock", name="FixMyBlock", key_hash=keys.digest(OPEN311_KEY))
    CategoryFactory(code="water-leak", default_department=maintenance)


def deliver(client, settings, channel: str, body: bytes):
    url, setting, _payload = CHANNELS[channel]
    return deliver_signed(client, url, body, secret=getattr(settings, setting), headers={"Accept-Language": "en"})


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_a_signed_body_that_is_not_the_expected_json_is_refused_with_400(client, secrets, ministry, channel, body):
    response = deliver(client, secrets, channel, body)
    assert response.status_code == 400, response.content[:300]
    assert response.json()  # a JSON error that says what is wrong


@pytest.mark.parametrize(("channel", "body"), [
    pytest.param(channel, payload, id=f"{channel}:{label}")
    for channel, (_url, _setting, good) in CHANNELS.items() for label, payload in spoiled(good)])
def test_a_signed_payload_with_a_field_of_the_wrong_shape_never_gets_a_5xx(client, secrets, ministry, channel, body):
    response = deliver(client, secrets, channel, json.dumps(body).encode())
    assert acceptable(response.status_code), response.content[:300]


@pytest.mark.parametrize("body", [
    pytest.param(payload, id=f"social batch:{label}")
    for label, payload in spoiled({"posts": CHANNELS["social"][2]})[:len(VALUES)]])
def test_a_social_batch_whose_posts_are_not_objects_is_refused(client, secrets, body):
    response = deliver(client, secrets, "social", json.dumps([CHANNELS["social"][2], body["posts"]]).encode())
    assert response.status_code == 400, response.content[:300]


NO_FIELDS = ("empty", "an empty object")  # no api_key at all: 403, tested below


@pytest.mark.parametrize("body", [body for label, body in BODIES.items() if label not in NO_FIELDS],
                         ids=[label for label in BODIES if label not in NO_FIELDS])
def test_an_open311_submission_that_is_not_a_json_object_is_refused_with_400(client, open311_client, body):
    response = client.post("/open311/v2/requests.json", body, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content[:300]
    assert response.json()[0]["code"] == 400


@pytest.mark.parametrize("body", [pytest.param(payload, id=f"open311:{label}") for label, payload in spoiled(OPEN311)
                                  if not label.startswith("api_key=")])
def test_an_open311_submission_with_a_field_of_the_wrong_shape_never_gets_a_5xx(client, open311_client, body):
    response = client.post("/open311/v2/requests.json", json.dumps(body), content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert acceptable(response.status_code), response.content[:300]


@pytest.mark.parametrize("label", NO_FIELDS)
def test_an_open311_submission_without_any_field_is_refused_for_its_missing_key(client, open311_client, label):
    response = client.post("/open311/v2/requests.json", BODIES[label], content_type="application/json")
    assert response.status_code == 403 and response.json()[0]["code"] == 403
