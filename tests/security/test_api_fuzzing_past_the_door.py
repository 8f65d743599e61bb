"""Schemathesis past the door. tests/api/test_schema_fuzzing.py drives every operation from the
schema, but a webhook refuses an unsigned body and Open311 a submission without a client's key
before reading anything else, so the fuzzing there stops at the door. Here a small WSGI layer in
front of the portal signs each generated webhook body (HMAC over the bytes actually sent, checked by
the real verification) and puts a registered client's api_key into each Open311 submission, so the
generated payloads reach the parsing, the validation and the intake service. No 5xx, and every
answer as the schema documents it. API_FUZZ_EXAMPLES=200 tries harder."""

import io
import json
import os
import time
from urllib.parse import parse_qsl, urlencode

import pytest
import schemathesis
from django.conf import settings as django_settings
from hypothesis import HealthCheck, settings

from channels_intake.signatures import sign
from complaints.api_keys.models import Open311Client
from housing_portal.wsgi import application
from tests.api.test_schema_fuzzing import CHECKS, connection_kept_open  # noqa: F401  (fixture)
from tests.factories import CategoryFactory

SECRETS = {"/api/v1/intake/tawasul/": "TAWASUL_WEBHOOK_SECRET", "/api/v1/intake/calls/": "TELEPHONY_WEBHOOK_SECRET",
           "/api/v1/intake/social/": "SOCIAL_WEBHOOK_SECRET"}
API_KEY = "fuzzing-client-key-0123456789abcdef0123456789"


def past_the_door(environ, start_response):
    """Signs webhook bodies and gives Open311 submissions a valid key, then hands over to Django."""
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    path = environ["PATH_INFO"]
    if path in SECRETS:
        timestamp = str(int(time.time()))
        environ["HTTP_X_SIGNATURE_TIMESTAMP"] = timestamp
        environ["HTTP_X_SIGNATURE"] = sign(getattr(django_settings, SECRETS[path]), timestamp, body)
    elif path == "/open311/v2/requests.json" and environ["REQUEST_METHOD"] == "POST":
        body = _with_key(body, environ.get("CONTENT_TYPE", ""))
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return application(environ, start_response)


def _with_key(body: bytes, content_type: str) -> bytes:
    if content_type.startswith("application/json"):
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return body
        return json.dumps({**data, "api_key": API_KEY}).encode() if isinstance(data, dict) else body
    if content_type.startswith("application/x-www-form-urlencoded"):
        fields = [(key, value) for key, value in parse_qsl(body.decode(errors="replace"), keep_blank_values=True)
                  if key != "api_key"]
        return urlencode([*fields, ("api_key", API_KEY)]).encode()
    return body


@pytest.fixture
def doors_open(settings, maintenance, ministry):
    for setting in SECRETS.values():
        setattr(settings, setting, f"fuzzing-secret-{setting}")
    client = Open311Client(name="Fuzzer", slug="fuzzer")
    client.key_hash = __import__("complaints.api_keys.keys", fromlist=["digest"]).digest(API_KEY)
    client.save()
    CategoryFactory(code="water-leak", default_department=maintenance)


schema = (schemathesis.openapi.from_wsgi("/api/schema/", past_the_door)
          .include(path_regex=r"^/(api/v1/intake/|open311/v2/requests\.json)"))
fuzz = settings(max_examples=int(os.environ.get("API_FUZZ_EXAMPLES", "15")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])


@schema.parametrize()
@fuzz
@pytest.mark.django_db
def test_signed_webhooks_and_keyed_open311_submissions_answer_as_documented(case, doors_open):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
def test_the_layer_gets_past_the_door(doors_open):
    """Without it the same calls are refused at the door; with it they are read (a 400 naming a field)."""
    from werkzeug.test import Client

    through = Client(past_the_door)
    for path in SECRETS:
        answer = through.post(path, data=b"{}", content_type="application/json")
        assert answer.status_code == 400, (path, answer.status_code)
    answer = through.post("/open311/v2/requests.json", data="service_code=water-leak",
                          content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 400 and "description" in answer.get_data(as_text=True)
