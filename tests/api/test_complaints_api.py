"""Reading complaints through the staff API: scoping, personal data, tokens, pages and filters."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from complaints.api_keys.models import ApiToken
from complaints.models import AccessRecord, Complaint
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def references_in(response) -> list[str]:
    return [row["reference"] for row in response.json()["results"]]


def test_an_officer_lists_only_the_complaints_of_their_department(api_as, maintenance_officer, routed_complaint,
                                                                  other_department_complaint):
    response = api_as(maintenance_officer).get("/api/v1/complaints/")

    assert response.status_code == 200
    assert references_in(response) == [routed_complaint.display_reference]


def test_another_departments_complaint_is_not_found(api_as, maintenance_officer, other_department_complaint):
    response = api_as(maintenance_officer).get(f"/api/v1/complaints/{other_department_complaint.pk}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_list_shows_the_cpr_masked_and_no_other_personal_data(api_as, supervisor, routed_complaint):
    [row] = api_as(supervisor).get("/api/v1/complaints/").json()["results"]

    assert row["citizen_cpr"] == "•••••" + routed_complaint.citizen.cpr[-4:]
    assert routed_complaint.citizen.cpr not in str(row)
    assert not {"citizen", "body", "contact_mobile", "contact_email"} & set(row)


def test_opening_a_complaint_shows_the_citizen_and_is_recorded(api_as, supervisor, routed_complaint):
    response = api_as(supervisor).get(f"/api/v1/complaints/{routed_complaint.pk}/")

    citizen = response.json()["citizen"]
    assert citizen["name"] == routed_complaint.citizen.name
    assert citizen["mobile"] == routed_complaint.citizen.mobile
    assert citizen["cpr"] == routed_complaint.citizen.masked_cpr
    record = AccessRecord.objects.get()
    assert (record.user, record.complaint, record.what, record.detail) == (
        supervisor, routed_complaint, AccessRecord.What.OPENED_CASE, "API")


def test_the_full_cpr_is_a_separate_recorded_call(api_as, supervisor, routed_complaint):
    response = api_as(supervisor).post(f"/api/v1/complaints/{routed_complaint.pk}/cpr/")

    assert response.json() == {"cpr": routed_complaint.citizen.cpr}
    assert AccessRecord.objects.get().what == AccessRecord.What.UNMASKED_CPR


def test_the_detail_offers_the_actions_the_case_page_would(api_as, maintenance_officer, routed_complaint):
    actions = api_as(maintenance_officer).get(f"/api/v1/complaints/{routed_complaint.pk}/").json()[
        "available_actions"]

    assert actions == ["assign", "transfer", "request-information", "reply", "merge", "mark-urgent"]


def test_events_are_the_complaints_timeline(api_as, supervisor, routed_complaint):
    from complaints import services

    services.set_urgency(complaint=routed_complaint, urgent=True, by=supervisor, note="Minister asked")

    [event] = api_as(supervisor).get(f"/api/v1/complaints/{routed_complaint.pk}/events/").json()
    assert (event["kind"], event["note"], event["actor"]["id"]) == ("urgency_changed", "Minister asked", supervisor.pk)


def test_departments_and_categories_are_listed(api_as, maintenance_officer, maintenance_category):
    client = api_as(maintenance_officer)

    assert [d["code"] for d in client.get("/api/v1/departments/").json()] == ["maintenance"]
    assert client.get("/api/v1/categories/").json()[0]["code"] == "maintenance-defects"


# --- Who may call ----------------------------------------------------------------------------

def test_without_credentials_the_api_asks_for_a_token(routed_complaint):
    response = APIClient().get("/api/v1/complaints/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_or_switched_off_token_is_refused(maintenance_officer, api_as):
    client = api_as(maintenance_officer)
    ApiToken.objects.update(is_active=False)

    assert client.get("/api/v1/complaints/").status_code == 401
    wrong = APIClient(HTTP_AUTHORIZATION="Token not-a-key")
    assert wrong.get("/api/v1/complaints/").status_code == 401


def test_the_token_is_stored_only_as_a_hash_and_notes_its_use(maintenance_officer, api_as):
    client = api_as(maintenance_officer)
    token = ApiToken.objects.get()
    key = client._credentials["HTTP_AUTHORIZATION"].removeprefix("Token ")

    assert key not in (token.key_hash, token.key_prefix) and token.key_prefix == key[:8]
    client.get("/api/v1/complaints/")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_someone_who_is_not_staff_is_refused(db):
    from tests.factories import UserFactory

    citizen = UserFactory(username="citizen", is_staff=False)
    client = APIClient()
    client.force_login(citizen)

    assert client.get("/api/v1/complaints/").status_code == 403


def test_staff_without_the_complaints_permissions_are_refused(routed_complaint, api_as):
    from tests.factories import UserFactory

    client = api_as(UserFactory(username="no.role"))

    assert client.get("/api/v1/complaints/").status_code == 403
    assert client.post(f"/api/v1/complaints/{routed_complaint.pk}/mark-urgent/").status_code == 403


def test_a_back_office_session_works_as_well(client, maintenance_officer, routed_complaint):
    client.force_login(maintenance_officer)

    assert client.get("/api/v1/complaints/").json()["results"][0]["id"] == routed_complaint.pk


# --- Pages and filters -----------------------------------------------------------------------

def test_pages_follow_the_answer_date_without_counting_the_table(api_as, supervisor, maintenance):
    now = timezone.now()
    made = [ComplaintFactory(department=maintenance, status=Complaint.Status.ROUTED, received_at=now,
                             due_at=now + timedelta(days=days)) for days in (5, 1, 3)]
    client = api_as(supervisor)

    with CaptureQueriesContext(connection) as queries:
        first = client.get("/api/v1/complaints/?page_size=2").json()
    second = client.get(first["next"]).json()

    assert [row["id"] for row in first["results"] + second["results"]] == [made[1].pk, made[2].pk, made[0].pk]
    assert "count" not in first
    assert not [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"].upper()]


def test_the_list_costs_the_same_few_queries_for_many_complaints(api_as, maintenance_officer, maintenance,
                                                                  maintenance_category,
                                                                  django_assert_max_num_queries):
    ComplaintFactory.create_batch(30, department=maintenance, category=maintenance_category,
                                  status=Complaint.Status.ROUTED, assignee=maintenance_officer)
    client = api_as(maintenance_officer)

    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/complaints/").json()["results"]) == 30


def test_filters_by_sla_state_as_the_queue_does(api_as, supervisor, maintenance, admin_client):
    now = timezone.now()
    overdue = ComplaintFactory(department=maintenance, status=Complaint.Status.ROUTED,
                               received_at=now - timedelta(days=40), due_at=now - timedelta(days=10))
    ComplaintFactory(department=maintenance, status=Complaint.Status.ROUTED, due_at=now + timedelta(days=20))
    ComplaintFactory(department=maintenance, status=Complaint.Status.CLOSED, due_at=now - timedelta(days=3))

    from_api = api_as(supervisor).get("/api/v1/complaints/?sla=overdue").json()["results"]
    queue = admin_client.get("/admin/complaints/complaint/?sla=overdue")

    assert [row["id"] for row in from_api] == [overdue.pk]
    assert [complaint.pk for complaint in queue.context["cl"].result_list] == [overdue.pk]


def test_filters_by_status_department_and_channel(api_as, supervisor, maintenance, allocations):
    wanted = ComplaintFactory(department=allocations, status=Complaint.Status.IN_PROGRESS,
                              channel=Complaint.Channel.TAWASUL)
    ComplaintFactory(department=maintenance, status=Complaint.Status.IN_PROGRESS, channel=Complaint.Channel.TAWASUL)
    ComplaintFactory(department=allocations, status=Complaint.Status.ROUTED, channel=Complaint.Channel.TAWASUL)
    ComplaintFactory(department=allocations, status=Complaint.Status.IN_PROGRESS, channel=Complaint.Channel.WEB)

    response = api_as(supervisor).get(
        f"/api/v1/complaints/?status=in_progress&department={allocations.pk}&channel=tawasul")

    assert [row["id"] for row in response.json()["results"]] == [wanted.pk]


def test_a_filter_value_that_does_not_exist_is_a_400(api_as, supervisor):
    response = api_as(supervisor).get("/api/v1/complaints/?sla=someday")

    assert response.status_code == 400
    assert "sla" in response.json()


def test_a_date_filter_with_a_far_offset_is_read_in_utc(api_as, supervisor, routed_complaint):
    """Found by the schema fuzzer: PostgreSQL refused "-21:02" as an offset and the list failed."""
    from complaints.api.filters import UtcDateTimeField

    cleaned = UtcDateTimeField().clean("1008-10-01T14:43:48-21:02")
    assert cleaned.utcoffset().total_seconds() == 0 and cleaned.day == 2
    response = api_as(supervisor).get("/api/v1/complaints/", {"received_after": "1008-10-01T14:43:48-21:02"})
    assert response.status_code == 200 and len(response.json()["results"]) == 1
