"""Open311 GeoReport v2: a civic app lists the services, submits a request with its api_key and
tracks it; without a key nothing is stored, and nothing personal is ever listed."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from complaints.api_keys.models import Open311Client
from complaints.models import Complaint
from complaints.plumbing import process_cache

pytestmark = pytest.mark.django_db

SUBMISSION = {"service_code": "water-leak", "description": "Water leaks from the ceiling of block 12.",
              "address_string": "Block 12, Salmabad housing project", "first_name": "Fatima", "last_name": "Ali",
              "phone": "39123456", "email": "fatima@example.com"}


@pytest.fixture
def app_client():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def submit(client, key, **fields):
    return client.post("/open311/v2/requests.json", {**SUBMISSION, "api_key": key, **fields})


def test_categories_are_the_services(app_client, pothole_category):
    [service] = app_client.get("/open311/v2/services.json").json()

    assert service == {"service_code": "water-leak", "service_name": "Water leak", "description": "تسرب مياه",
                       "metadata": True, "type": "realtime", "keywords": "", "group": "Maintenance"}


def test_a_service_definition_names_the_extra_fields(app_client, pothole_category):
    definition = app_client.get("/open311/v2/services/water-leak.json").json()

    assert definition["service_code"] == "water-leak"
    assert [a["code"] for a in definition["attributes"]] == ["cpr", "housing_application_number", "kind"]
    assert [v["key"] for v in definition["attributes"][2]["values"]] == ["complaint", "inquiry", "suggestion"]


def test_a_busy_app_writes_its_last_use_at_most_once_a_minute(app_client, open311_key, pothole_category):
    assert submit(app_client, open311_key).status_code == 201
    first_use = Open311Client.objects.get().last_used_at
    assert first_use is not None

    with CaptureQueriesContext(connection) as queries:
        assert submit(app_client, open311_key).status_code == 201

    assert not [q for q in queries if q["sql"].startswith('UPDATE "api_keys_open311client"')]
    assert Open311Client.objects.get().last_used_at == first_use
    client = Open311Client.objects.get()
    client.mark_used(first_use + timedelta(seconds=61))
    assert Open311Client.objects.get().last_used_at == first_use + timedelta(seconds=61)


def test_submit_then_track_round_trip(app_client, open311_key, pothole_category):
    response = submit(app_client, open311_key)

    assert response.status_code == 201
    [answer] = response.json()
    complaint = Complaint.objects.get()
    assert answer["service_request_id"] == complaint.display_reference
    assert (complaint.channel, complaint.category) == (Complaint.Channel.WEB, pothole_category)
    assert complaint.external_reference.startswith("open311:fixmyblock:")
    assert "Block 12, Salmabad housing project" in complaint.body
    assert complaint.language == "en"

    [tracked] = app_client.get(f"/open311/v2/requests/{answer['service_request_id']}.json").json()
    assert tracked["service_request_id"] == complaint.display_reference
    assert (tracked["status"], tracked["status_notes"], tracked["service_code"]) == ("open", "New", "water-leak")
    assert tracked["expected_datetime"] == timezone.localtime(complaint.due_at).isoformat(timespec="seconds")
    assert tracked["requested_datetime"] == timezone.localtime(complaint.received_at).isoformat(timespec="seconds")
    listed = app_client.get("/open311/v2/requests.json").json()
    assert [r["service_request_id"] for r in listed] == [complaint.display_reference]


def test_a_request_shows_its_department_and_closes_when_answered(app_client, open311_key, pothole_category,
                                                                 maintenance):
    reference = submit(app_client, open311_key).json()[0]["service_request_id"]
    Complaint.objects.update(department=maintenance, status=Complaint.Status.RESPONDED)

    [tracked] = app_client.get(f"/open311/v2/requests/{reference}.json").json()

    assert (tracked["status"], tracked["agency_responsible"], tracked["expected_datetime"]) == (
        "closed", "Maintenance", None)
    assert app_client.get("/open311/v2/requests.json?status=open").json() == []
    assert len(app_client.get("/open311/v2/requests.json?status=closed").json()) == 1


def test_nothing_personal_is_listed(app_client, open311_key, pothole_category):
    submit(app_client, open311_key, **{"attribute[cpr]": "850412345"})

    listed = str(app_client.get("/open311/v2/requests.json").json())

    for personal in ("850412345", "Fatima", "39123456", "fatima@example.com", "ceiling", "Salmabad"):
        assert personal not in listed


def test_a_cpr_links_the_request_to_the_citizen(app_client, open311_key, pothole_category):
    submit(app_client, open311_key, **{"attribute[cpr]": "850412345", "attribute[kind]": "inquiry"})

    complaint = Complaint.objects.get()
    assert (complaint.citizen.cpr, complaint.citizen.name, complaint.kind) == ("850412345", "Fatima Ali", "inquiry")
    assert complaint.contact_mobile == "+97339123456"


def test_without_a_valid_key_nothing_is_stored(app_client, open311_key, pothole_category):
    missing = app_client.post("/open311/v2/requests.json", SUBMISSION)
    wrong = submit(app_client, "not-the-key")
    Open311Client.objects.update(is_active=False)
    process_cache.forget()  # as happens in every web process within process_cache.SECONDS
    switched_off = submit(app_client, open311_key)

    assert [missing.status_code, wrong.status_code, switched_off.status_code] == [403, 403, 403]
    assert missing.json() == [{"code": 403, "description": "Missing or unknown api_key."}]
    assert not Complaint.objects.exists()


def test_a_request_needs_a_known_service_and_a_location(app_client, open311_key, pothole_category):
    unknown = submit(app_client, open311_key, service_code="potholes")
    nowhere = submit(app_client, open311_key, address_string="")
    bad_cpr = submit(app_client, open311_key, **{"attribute[cpr]": "12"})

    assert [unknown.status_code, nowhere.status_code, bad_cpr.status_code] == [400, 400, 400]
    assert unknown.json()[0]["description"] == "There is no service with this code."
    assert nowhere.json()[0]["description"] == "Give the location: lat and long, address_string or address_id."
    assert bad_cpr.json()[0]["description"].startswith("cpr: ")
    assert not Complaint.objects.exists()


def test_coordinates_are_a_location(app_client, open311_key, pothole_category):
    response = submit(app_client, open311_key, address_string="", lat="26.1", long="50.55")

    assert response.status_code == 201
    assert "26.100000,50.550000" in Complaint.objects.get().body


def test_the_same_idempotency_key_submits_once(app_client, open311_key, pothole_category):
    app_client.credentials(HTTP_IDEMPOTENCY_KEY="abc-1")
    first = submit(app_client, open311_key)
    again = submit(app_client, open311_key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert Complaint.objects.get().external_reference == "open311:fixmyblock:abc-1"


def test_complaints_from_other_channels_are_not_listed(app_client, routed_complaint):
    assert app_client.get("/open311/v2/requests.json").json() == []
    assert app_client.get(f"/open311/v2/requests/{routed_complaint.display_reference}.json").status_code == 404


def test_xml_at_the_same_paths(app_client, open311_key, pothole_category):
    reference = submit(app_client, open311_key).json()[0]["service_request_id"]

    services = ElementTree.fromstring(app_client.get("/open311/v2/services.xml").content)
    requests = ElementTree.fromstring(app_client.get(f"/open311/v2/requests/{reference}.xml").content)
    definition = ElementTree.fromstring(app_client.get("/open311/v2/services/water-leak.xml").content)
    missing = app_client.get("/open311/v2/requests/26-0000-0000-0.xml")

    assert services.tag == "services" and services.find("service/service_code").text == "water-leak"
    assert services.find("service/metadata").text == "true"
    assert requests.tag == "service_requests" and requests.find("request/service_request_id").text == reference
    assert definition.find("attributes/attribute/code").text == "cpr"
    assert ElementTree.fromstring(missing.content).find("error/code").text == "404"


def test_dates_with_far_offsets_are_read_in_utc(app_client):
    """PostgreSQL refuses offsets beyond ±15:59; the list reads any offset Python accepts."""
    response = app_client.get("/open311/v2/requests.json", {"start_date": "2008-10-01T14:43:48-21:02",
                                                             "end_date": "2026-11-28T10:00:00+23:30"})
    assert response.status_code == 200 and response.json() == []


def test_a_submission_reads_no_client_or_category_row_once_they_are_known(app_client, open311_key,
                                                                         pothole_category):
    assert submit(app_client, open311_key).status_code == 201

    with CaptureQueriesContext(connection) as queries:
        assert submit(app_client, open311_key).status_code == 201

    assert not [q for q in queries if q["sql"].startswith("SELECT") and
                ("api_keys_open311client" in q["sql"] or "complaints_category" in q["sql"])]


def test_field_errors_are_in_each_callers_language_one_after_the_other(open311_key, pothole_category):
    """The submission's checks are kept from one request to the next; their messages are not."""
    too_long = {"description": "x" * 20_000}
    english = submit(APIClient(HTTP_ACCEPT_LANGUAGE="en"), open311_key, **too_long).json()
    arabic = submit(APIClient(HTTP_ACCEPT_LANGUAGE="ar"), open311_key, **too_long).json()
    missing = submit(APIClient(HTTP_ACCEPT_LANGUAGE="en"), open311_key, service_code="").json()

    assert english[0]["code"] == arabic[0]["code"] == 400
    assert "no more than" in english[0]["description"]
    assert "no more than" not in arabic[0]["description"] and any("\u0600" <= c <= "\u06ff" for c in arabic[0]["description"])
    assert [error["description"] for error in missing] == ["service_code: This field may not be blank."]
    assert not Complaint.objects.exists()
