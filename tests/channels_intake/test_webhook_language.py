"""The signed intake webhooks answer machines: in English unless the caller asks for Arabic with
Accept-Language (housing_portal/machine_clients.py). People's pages keep Arabic by default."""

import json
from pathlib import Path

import pytest

from tests.channels_intake.signed_delivery import deliver_signed

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads"
ARABIC_LETTER = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
WEBHOOKS = {
    "tawasul": ("/api/v1/intake/tawasul/", "TAWASUL_WEBHOOK_SECRET", "tawasul/description_not_text.json"),
    "calls": ("/api/v1/intake/calls/", "TELEPHONY_WEBHOOK_SECRET", "calls/missing_fields.json"),
    "social": ("/api/v1/intake/social/", "SOCIAL_WEBHOOK_SECRET", "social/missing_fields.json"),
}


@pytest.fixture(autouse=True)
def secrets(settings):
    for _url, setting, _payload in WEBHOOKS.values():
        setattr(settings, setting, f"{setting.lower()}-test")


def deliver(client, settings, webhook, *, body=None, headers=None):
    url, setting, payload = WEBHOOKS[webhook]
    body = (PAYLOADS / payload).read_bytes() if body is None else body
    return deliver_signed(client, url, body, secret=getattr(settings, setting), headers=headers)


def messages_in(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def has_arabic(text: str) -> bool:
    return any(letter in text for letter in ARABIC_LETTER)


@pytest.mark.parametrize("webhook", WEBHOOKS)
def test_field_errors_are_in_english_when_the_caller_names_no_language(client, settings, webhook):
    response = deliver(client, settings, webhook)

    assert response.status_code == 400
    assert not has_arabic(messages_in(response)), messages_in(response)
    assert response["Content-Language"] == "en"


def test_the_missing_call_fields_read_in_english(client, settings):
    errors = deliver(client, settings, "calls").json()["errors"]
    assert errors["wait_seconds"] == ["This field is required."]


@pytest.mark.parametrize("webhook", WEBHOOKS)
def test_a_caller_that_asks_for_arabic_gets_arabic(client, settings, webhook):
    response = deliver(client, settings, webhook, headers={"Accept-Language": "ar"})

    assert response.status_code == 400
    assert has_arabic(messages_in(response)) and response["Content-Language"] == "ar"


@pytest.mark.parametrize("asked", ["fr", "de-DE,fr;q=0.8", "*"])
def test_a_language_the_portal_does_not_speak_gets_english(client, settings, asked):
    response = deliver(client, settings, "calls", headers={"Accept-Language": asked})
    assert response.json()["errors"]["wait_seconds"] == ["This field is required."]


def test_a_refusal_at_the_door_is_in_english_too(client, settings):
    response = deliver(client, settings, "calls", body=b'{"call_id": "PBX-1\\u0000"}')
    assert response.status_code == 400 and "NUL character" in response.json()["error"]


def test_a_citizens_page_without_accept_language_stays_arabic(client):
    assert 'lang="ar"' in client.get("/ar/").content.decode()
    assert client.get("/open311/v2/services.json")["Content-Language"] == "ar"
