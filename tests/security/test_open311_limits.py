"""Open311's two loose ends: its list of requests is served by an index (not a scan of every
complaint), and each client application and each address is held to a rate."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.api_keys import keys
from complaints.api_keys.models import Open311Client
from complaints.models import Complaint
from tests.factories import CategoryFactory, ComplaintFactory

pytestmark = pytest.mark.django_db


def test_the_open311_index_exists_on_every_database():
    constraints = connection.introspection.get_constraints(connection.cursor(), Complaint._meta.db_table)
    assert constraints["complaint_open311_idx"]["columns"] == ["received_at", "id"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's (CI runs it)")
@pytest.mark.parametrize("query", ["", "?status=open", "?start_date=2026-01-01T00:00:00Z"])
def test_the_list_of_requests_reads_the_open311_index(client, query):
    for n in range(30):
        ComplaintFactory(external_reference=f"open311:app:{n}", received_at=timezone.now() - timedelta(days=n % 60))
        ComplaintFactory(external_reference=f"web-{n}")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/open311/v2/requests.json{query}").status_code == 200
    [listing] = [q["sql"] for q in queries if 'FROM "complaints_complaint"' in q["sql"]]

    with transaction.atomic(), connection.cursor() as cursor:
        # A few rows make a scan cheapest; with scans priced out the planner shows which index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {listing}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "complaint_open311_idx" in plan, plan


# --- Rate limits ---------------------------------------------------------------------------------

@pytest.fixture
def low_rate(settings):
    settings.OPEN311_REQUESTS_PER_MINUTE = 3
    return 3


def test_reading_is_limited_per_address(client, low_rate):
    answers = [client.get("/open311/v2/services.json").status_code for _ in range(low_rate + 1)]
    assert answers == [200] * low_rate + [429]
    refused = client.get("/open311/v2/requests.json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()[0]["code"] == 429 and "throttled" in refused.json()[0]["description"].lower()
    # Another address is not held back by this one.
    assert client.get("/open311/v2/services.json", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_submitting_is_limited_per_client_application_whatever_its_address(client, low_rate, maintenance):
    CategoryFactory(code="water-leak", default_department=maintenance)
    key = "open311-test-key-" + "x" * 30
    Open311Client.objects.create(slug="fixmyblock", name="FixMyBlock", key_hash=keys.digest(key))
    submission = {"api_key": key, "service_code": "water-leak", "description": "Water leaking",
                  "address_string": "Salman City"}
    answers = [client.post("/open311/v2/requests.json", submission, REMOTE_ADDR=f"10.0.1.{n}").status_code
               for n in range(low_rate + 1)]
    assert answers == [201] * low_rate + [429]
    assert Complaint.objects.count() == low_rate


def test_the_xml_twin_is_limited_too(client, low_rate):
    for _ in range(low_rate):
        client.get("/open311/v2/services.xml")
    refused = client.get("/open311/v2/services.xml")
    assert refused.status_code == 429 and refused.content.startswith(b"<?xml")


def test_the_limit_is_documented_in_the_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        if path.startswith("/open311/"):
            for operation in operations.values():
                assert "429" in operation["responses"], path
