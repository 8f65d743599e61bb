"""Every machine channel keeps what it accepted at the door and then failed to make into a
complaint or a record: a dead letter with the error's type, message, time and tries, which
staff process again once the fault is mended."""

import json
from pathlib import Path

import pytest
from django.db import utils as db_errors
from rest_framework.test import APIClient

from channels_intake import inbound
from channels_intake.dead_letters import corrections
from channels_intake.models import Call, InboundItem, SocialPost
from channels_intake.records import Record
from channels_intake.social import posts
from channels_intake.tawasul import file_import
from complaints.api_keys.models import Open311Client
from complaints.models import Complaint
from tests.channels_intake.refused_rows import MESSAGE, refusing_new_rows
from tests.channels_intake.signed_delivery import deliver_signed
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads"
SECRETS = {"TAWASUL_WEBHOOK_SECRET": "tawasul-secret", "TELEPHONY_WEBHOOK_SECRET": "telephony-secret",
           "SOCIAL_WEBHOOK_SECRET": "social-secret"}


@pytest.fixture(autouse=True)
def secrets(settings):
    for name, value in SECRETS.items():
        setattr(settings, name, value)


def sent(name) -> dict:
    return json.loads((PAYLOADS / name).read_bytes())


def deliver(client, url, payload, secret):
    return deliver_signed(client, url, json.dumps(payload).encode(), secret=SECRETS[secret])


def assert_kept(channel, external_id, payload):
    item = InboundItem.objects.get(channel=channel, external_id=external_id)
    assert item.state == InboundItem.State.FAILED and item.payload == payload
    assert issubclass(getattr(db_errors, item.error_type), db_errors.DatabaseError)
    assert MESSAGE in item.error and item.failed_at is not None and item.attempts == 1
    return item


def test_a_tawasul_case_that_fails_after_acceptance_is_kept_and_the_sender_is_told_so(client, ministry):
    case = sent("tawasul/case_arabic_maintenance.json")
    with refusing_new_rows(Complaint):
        response = deliver(client, "/api/v1/intake/tawasul/", case, "TAWASUL_WEBHOOK_SECRET")

    assert response.status_code == 202, response.content
    assert response.json() == {"external_id": case["case_number"], "state": "failed", "kept_for_staff": True}
    item = assert_kept(InboundItem.Channel.TAWASUL, case["case_number"], case)
    assert not Complaint.objects.exists()

    corrections.process_again(item)
    item.refresh_from_db()
    assert item.state == InboundItem.State.PROCESSED and item.attempts == 2
    assert item.complaint == Complaint.objects.get(external_reference=case["case_number"])


def test_a_tawasul_case_imported_from_a_file_that_fails_is_kept(ministry):
    case = sent("tawasul/inquiry_english_allowance.json")
    with refusing_new_rows(Complaint):
        report = file_import.import_cases([case])

    assert list(report.rejected) == [case["case_number"]] and not report.created
    assert_kept(InboundItem.Channel.TAWASUL, case["case_number"], case)


def test_a_tawasul_case_missing_a_field_is_refused_and_kept_with_the_kind_of_error(client, ministry):
    case = sent("tawasul/missing_description.json")
    response = deliver(client, "/api/v1/intake/tawasul/", case, "TAWASUL_WEBHOOK_SECRET")

    assert response.status_code == 400
    item = InboundItem.objects.get()
    assert (item.state, item.error_type, item.attempts) == (InboundItem.State.FAILED, "KeyError", 1)
    assert "description" in item.error and item.failed_at is not None


def test_a_reported_call_that_cannot_be_stored_is_kept_and_processed_again_into_its_call(client):
    call = sent("calls/answered.json")
    with refusing_new_rows(Call):
        response = deliver(client, "/api/v1/intake/calls/", call, "TELEPHONY_WEBHOOK_SECRET")

    assert response.status_code == 202, response.content
    item = assert_kept(InboundItem.Channel.CALL_CENTRE, call["call_id"], call)
    assert not Call.objects.exists()

    made, created = corrections.process_again(item)
    item.refresh_from_db()
    assert created and item.state == InboundItem.State.PROCESSED
    assert item.call == made == Call.objects.get(call_id=call["call_id"])


def test_a_call_refused_at_the_door_is_not_a_dead_letter(client):
    response = deliver(client, "/api/v1/intake/calls/", sent("calls/missing_fields.json"), "TELEPHONY_WEBHOOK_SECRET")

    assert response.status_code == 400 and not InboundItem.objects.exists()


def test_a_social_post_that_cannot_be_stored_is_kept_and_answered_as_failed(client):
    post = sent("social/post_arabic_leak.json")
    with refusing_new_rows(SocialPost):
        response = deliver(client, "/api/v1/intake/social/", post, "SOCIAL_WEBHOOK_SECRET")

    assert response.status_code == 202, response.content
    assert response.json()["posts"] == [{"platform": "x", "post_id": post["post_id"], "state": "failed",
                                         "duplicate": True}]
    item = assert_kept(InboundItem.Channel.SOCIAL_MEDIA, f"x:{post['post_id']}", post)

    made, _created = corrections.process_again(item)
    item.refresh_from_db()
    assert item.state == InboundItem.State.PROCESSED and item.social_post == made
    assert made.text == post["text"]


def test_imported_social_posts_that_cannot_be_stored_are_kept_and_a_malformed_one_only_refused():
    good, malformed, other = sent("social/export.json")
    records = [Record(line=2, fields=good), Record(line=4, fields=malformed), Record(line=6, fields=other)]
    with refusing_new_rows(SocialPost):
        report = posts.import_posts(records)

    assert [line for line, _post in report.kept] == [2, 6] and [line for line, _ in report.refused] == [4]
    assert_kept(InboundItem.Channel.SOCIAL_MEDIA, f"{good['platform']}:{good['post_id']}", good)
    assert InboundItem.objects.count() == 2 and not report.new


def test_an_open311_request_that_fails_after_acceptance_is_kept_and_answered_with_a_token(maintenance):
    CategoryFactory(code="water-leak", name_ar="تسرب مياه", name_en="Water leak", default_department=maintenance)
    app = Open311Client(name="FixMyBlock", slug="fixmyblock")
    key = app.set_new_key()
    app.save()
    with refusing_new_rows(Complaint):
        response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post("/open311/v2/requests.json", {
            "api_key": key, "service_code": "water-leak", "description": "Water leaks from the ceiling.",
            "address_string": "Block 12, Salmabad", "first_name": "Fatima", "last_name": "Ali",
            "attribute[cpr]": "850412345", "phone": "39123456"},
            HTTP_IDEMPOTENCY_KEY="leak-1")

    assert response.status_code == 202, response.content
    item = InboundItem.objects.get(channel=InboundItem.Channel.OPEN311)
    assert response.json()[0]["token"] == f"dead-letter-{item.pk}"
    assert_kept(InboundItem.Channel.OPEN311, "open311:fixmyblock:leak-1", item.payload)
    assert item.payload["description"] == "Water leaks from the ceiling." and item.payload["language"] == "en"

    complaint, created = corrections.process_again(item)
    item.refresh_from_db()
    assert created and item.complaint == complaint and complaint.external_reference == "open311:fixmyblock:leak-1"
    assert complaint.language == "en" and item.state == InboundItem.State.PROCESSED


def test_a_dead_letter_that_fails_again_counts_one_more_try(client, ministry):
    case = sent("tawasul/case_arabic_maintenance.json")
    with refusing_new_rows(Complaint):
        deliver(client, "/api/v1/intake/tawasul/", case, "TAWASUL_WEBHOOK_SECRET")
        item = InboundItem.objects.get()
        with pytest.raises(inbound.Kept):
            corrections.process_again(item)

    item.refresh_from_db()
    assert item.state == InboundItem.State.FAILED and item.attempts == 2
