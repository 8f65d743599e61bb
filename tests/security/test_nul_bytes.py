"""A NUL character (\\x00, %00 in a URL, \\u0000 in JSON) is refused with 400 on every input, in
the request's language, before any view sees it (housing_portal/nul_bytes.py). Uploaded files
may hold NUL bytes: they are not refused."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from channels_intake.models import Call, InboundItem, SocialPost
from complaints.api_keys import keys
from complaints.api_keys.models import Open311Client
from complaints.models import Complaint
from housing_portal import nul_bytes
from tests.channels_intake.signed_delivery import deliver_signed
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
ENGLISH = "The request contains a NUL character"
OPEN311_KEY = "open311-test-key-" + "x" * 30
WEBHOOKS = {"/api/v1/intake/tawasul/": "TAWASUL_WEBHOOK_SECRET", "/api/v1/intake/calls/": "TELEPHONY_WEBHOOK_SECRET",
            "/api/v1/intake/social/": "SOCIAL_WEBHOOK_SECRET"}


@pytest.fixture
def water_leak(maintenance):
    Open311Client.objects.create(slug="fixmyblock", name="FixMyBlock", key_hash=keys.digest(OPEN311_KEY))
    return CategoryFactory(code="water-leak", default_department=maintenance)


@pytest.fixture
def secrets(settings):
    for setting in WEBHOOKS.values():
        setattr(settings, setting, f"{setting}-value")


def refused_in_english(response) -> bool:
    return response.status_code == 400 and ENGLISH in response.content.decode()


@pytest.mark.parametrize("path", ["/open311/v2/requests.json?service_code=%00", "/open311/v2/requests.json?status=open%00",
                                  "/open311/v2/requests.xml?start_date=2026-01-01%00", "/open311/v2/services.json?x%00=1",
                                  "/open311/v2/requests/%00.json", "/open311/v2/services/water%00leak.json"])
def test_open311_reads_with_a_nul_are_refused_in_its_error_shape(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert refused_in_english(response)
    [error] = response.json()
    assert error["code"] == 400 and error["description"].startswith(ENGLISH)


def test_an_open311_read_is_refused_in_arabic_when_asked_in_arabic(client):
    response = client.get("/open311/v2/requests.json?service_code=%00", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 400 and ENGLISH not in response.json()[0]["description"]


@pytest.mark.parametrize("encoding", ["form", "json"])
def test_an_open311_submission_with_a_nul_is_refused_and_nothing_is_stored(client, water_leak, encoding):
    submission = {"api_key": OPEN311_KEY, "service_code": "water-leak", "description": "Water\x00 leaking",
                  "address_string": "Salman City"}
    if encoding == "json":
        response = client.post("/open311/v2/requests.json", json.dumps(submission), content_type="application/json",
                               HTTP_ACCEPT_LANGUAGE="en")
    else:
        response = client.post("/open311/v2/requests.json", submission, HTTP_ACCEPT_LANGUAGE="en")
    assert refused_in_english(response)
    assert not Complaint.objects.exists()


def test_the_web_form_with_a_nul_in_a_field_is_refused_in_arabic(client, water_leak):
    response = client.post("/ar/complaints/new/", {"kind": "complaint", "category": water_leak.pk,
                                                   "subject": "تسرب\x00", "body": "يتسرب الماء"})
    assert response.status_code == 400
    page = response.content.decode()
    assert ENGLISH not in page and "NUL" in page


def test_a_file_holding_nul_bytes_is_not_refused(client, water_leak):
    pdf = b"%PDF-1.4\n\x00\x00\x01 binary stream\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    response = client.post("/en/complaints/new/", {"kind": "complaint", "category": water_leak.pk, "subject": "Leak",
                                                   "body": "Water leaking", "name": "Fatima Ali", "cpr": "850412345",
                                                   "mobile": "39123456", "preferred_language": "en",
                                                   "files": [SimpleUploadedFile("roof.pdf", pdf, "application/pdf")]})
    assert response.status_code in (200, 302) and ENGLISH not in response.content.decode()


@pytest.mark.parametrize(("method", "path", "data"), [
    ("post", "/en/track/", {"reference": "MOH-2026-\x00", "mobile_last_digits": "3456"}),
    ("post", "/en/track/", {"reference": "MOH-2026-000001", "mobile_last_digits": "34\x0056"}),
    ("get", "/en/track/%00/", None),
    ("get", "/en/track/?reference=%00", None),
])
def test_tracking_with_a_nul_is_refused(client, method, path, data):
    response = getattr(client, method)(path, data) if data else getattr(client, method)(path)
    assert refused_in_english(response)


@pytest.mark.parametrize("url", WEBHOOKS)
@pytest.mark.parametrize("body", [b'{"case_number": "TW-\\u0000", "call_id": "C\\u0000", "post_id": "1"}',
                                  b'{"nested": {"list": ["ok", "\\u0000"]}}', b'{"key\\u0000": 1}',
                                  b'{"raw": "\x00"}'])
def test_every_webhook_refuses_a_signed_body_with_a_nul(client, secrets, settings, url, body):
    response = deliver_signed(client, url, body, secret=getattr(settings, WEBHOOKS[url]),
                              headers={"Accept-Language": "en"})
    assert refused_in_english(response)
    assert ENGLISH in response.json()["error"]
    assert not InboundItem.objects.exists() and not Call.objects.exists() and not SocialPost.objects.exists()


def test_a_backslash_written_before_u0000_is_text_not_a_nul(client, secrets, settings):
    body = json.dumps({"call_id": "C\\u0000", "caller": "+97339123456", "started_at": "2026-11-25T09:14:05+03:00",
                       "wait_seconds": 1, "duration_seconds": 2, "status": "answered"}).encode()
    response = deliver_signed(client, "/api/v1/intake/calls/", body, secret=settings.TELEPHONY_WEBHOOK_SECRET)
    assert response.status_code == 201 and Call.objects.get().call_id == "C\\u0000"


@pytest.mark.parametrize("query", ["status=%00", "q=%00", "department__id__exact=1%00", "o=1%00"])
def test_an_admin_changelist_filter_or_search_with_a_nul_is_refused_to_staff(client, supervisor, query):
    client.force_login(supervisor)
    response = client.get(f"/admin/complaints/complaint/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert refused_in_english(response)


def test_a_staff_form_post_with_a_nul_is_refused(client, supervisor):
    client.force_login(supervisor)
    response = client.post("/admin/complaints/complaint/search/", {"q": "\x00", "params": ""},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert refused_in_english(response)


@pytest.mark.parametrize(("value", "found"), [
    ("text", False), ("a\x00b", True), ({"k": ["x", {"y": "\x00"}]}, True), ({"\x00": 1}, True),
    ([1, 2.5, None, True], False), ({"k": "\\u0000"}, False),
])
def test_nul_is_found_however_deep_it_is_in_decoded_json(value, found):
    assert nul_bytes.has_nul(value) is found


@pytest.mark.parametrize(("method", "path", "body", "where"), [
    ("get", "/api/v1/complaints/?search=%00", None, "query"),
    ("get", "/api/v1/complaints/%00/", None, "path"),
    ("post", "/api/v1/complaints/1/assign/", '{"officer": 1, "note": "x\\u0000"}', "body"),
])
def test_the_staff_api_refuses_a_nul_naming_where_it_is(client, supervisor, method, path, body, where):
    from tests.api.conftest import token_for

    headers = {"Authorization": f"Token {token_for(supervisor)}", "Accept-Language": "en"}
    response = (client.post(path, body, content_type="application/json", headers=headers) if body
                else client.get(path, headers=headers))
    assert response.status_code == 400
    [message] = response.json()[where]
    assert message.startswith(ENGLISH)
