"""Every staff page is sent with Cache-Control: no-store, not only the admin's: the minister's
office, the council, the reports and their exports, the API's documentation and the staff API's
JSON (housing_portal/staff_pages.py). A browser's or a proxy's cache would otherwise keep cases
and figures for the next person at the same computer."""

import pytest

from complaints.models import Complaint
from housing_portal.staff_pages import is_staff_page
from tests.api.conftest import token_for
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def staff_browser(client, root, ministry):
    client.force_login(root)
    return client


@pytest.fixture
def office_case(ministry):
    return ComplaintFactory(channel=Complaint.Channel.TAHT_AMRAK, status=Complaint.Status.ROUTED,
                            department=ministry["ministers_office"])


def assert_not_stored(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control, response["Cache-Control"]


@pytest.mark.parametrize("path", [
    "/ar/minister/", "/en/minister/council/", "/en/minister/council/follow-ups/",   # the minister's office
    "/en/reports/", "/ar/reports/satisfaction.csv",                                  # the staff reports
    "/api/docs/", "/api/schema/",                                                    # the API's documentation
    "/api/v1/complaints/", "/api/v1/departments/",                                   # the staff API
])
def test_staff_pages_outside_the_admin_are_never_stored(staff_browser, path):
    response = staff_browser.get(path)
    assert response.status_code == 200, path
    assert_not_stored(response)


def test_a_case_in_the_ministers_office_is_never_stored(staff_browser, office_case):
    response = staff_browser.get(f"/en/minister/cases/{office_case.reference}/")
    assert response.status_code == 200
    assert_not_stored(response)


def test_the_staff_apis_json_called_with_a_token_is_never_stored(client, root, office_case):
    response = client.get(f"/api/v1/complaints/{office_case.pk}/", HTTP_AUTHORIZATION=f"Token {token_for(root)}")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert_not_stored(response)


@pytest.mark.parametrize("path", ["/en/reports/", "/ar/minister/", "/api/v1/complaints/"])
def test_the_answer_to_someone_not_signed_in_is_not_stored_either(client, path):
    response = client.get(path)
    assert response.status_code in (302, 401, 403), path
    assert_not_stored(response)


@pytest.mark.parametrize(("path", "staff"), [
    ("/admin/", True), ("/ar/minister/cases/26-1234-5678-9/", True), ("/en/minister/council/3/minutes.pdf", True),
    ("/en/reports/", True), ("/api/v1/intake/calls/", True), ("/api/docs/", True),
    ("/ar/statistics/", False), ("/ar/", False), ("/en/track/", False), ("/open311/v2/services.json", False),
    ("/en/complaints/new/", False), ("/ar/reportsx/", False), ("/healthz", False),
])
def test_which_pages_are_staff_pages(path, staff):
    assert is_staff_page(path) is staff
