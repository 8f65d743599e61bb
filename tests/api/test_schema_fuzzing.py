"""The API driven from its own OpenAPI schema by schemathesis, in-process through WSGI (no server):
whatever it sends, no 5xx, every answer as the schema describes it, and the staff API refuses a
call without credentials. A few examples per operation keep it to seconds in `make test`;
API_FUZZ_EXAMPLES=200 tries harder."""

import os

import pytest
import schemathesis
from django import db as db_module
from django.core import signals
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode, checks

from complaints.models import Complaint, LegalClause
from housing_portal.wsgi import application
from tests.api.conftest import token_for
from tests.factories import ComplaintFactory

STAFF_API = r"^/api/v1/(?!intake/)"
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


@pytest.fixture(autouse=True)
def connection_kept_open(db):
    """As Django's test client does, the test's database connection stays open across the calls
    (the WSGI handler would close it at the end of each request)."""
    signals.request_started.disconnect(db_module.close_old_connections)
    signals.request_finished.disconnect(db_module.close_old_connections)
    yield
    signals.request_started.connect(db_module.close_old_connections)
    signals.request_finished.connect(db_module.close_old_connections)


@pytest.fixture
def supervisors_token(supervisor, maintenance, maintenance_category, pothole_category):
    """Something for every operation to find: complaints in several states, a clause to cite."""
    for status in (Complaint.Status.ROUTED, Complaint.Status.RESPONDED, Complaint.Status.CLOSED):
        ComplaintFactory(department=maintenance, category=maintenance_category, status=status)
    LegalClause.objects.create(law_ar="قانون الإسكان", law_en="Housing law", article="12", text_ar="نص",
                               text_en="Text")
    return token_for(supervisor)


# Read once, at collection: the schema view touches no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
fuzz = settings(max_examples=int(os.environ.get("API_FUZZ_EXAMPLES", "15")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])


@schema.parametrize()
@fuzz
def test_every_operation_answers_as_documented(case, supervisors_token):
    case.call_and_validate(headers={"Authorization": f"Token {supervisors_token}"}, checks=CHECKS)


# Only well-formed calls here: a malformed id is a 404 for a URL that exists for nobody.
staff_schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(path_regex=STAFF_API)
staff_schema.config.generation.update(modes=[GenerationMode.POSITIVE])


@staff_schema.parametrize()
@settings(max_examples=3, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_the_staff_api_refuses_calls_without_credentials(case, supervisors_token):
    response = case.call()

    # A NUL character anywhere is refused before anything else is looked at (housing_portal/nul_bytes.py).
    refused_for_a_nul = response.status_code == 400 and "NUL" in str(response.json())
    assert response.status_code in (401, 403) or refused_for_a_nul, (case.method, case.formatted_path,
                                                                     response.status_code)
