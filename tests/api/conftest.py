"""People and complaints the API tests talk about, and a client that sends a staff token."""

import pytest
from rest_framework.test import APIClient

from complaints.api_keys.models import ApiToken, Open311Client
from complaints.models import Complaint
from tests.factories import CategoryFactory, ComplaintFactory, DepartmentFactory


@pytest.fixture
def allocations(db):
    return DepartmentFactory(code="allocations", name_ar="إدارة التخصيص", name_en="Allocations")


@pytest.fixture
def routed_complaint(maintenance, maintenance_category):
    return ComplaintFactory(department=maintenance, category=maintenance_category, status=Complaint.Status.ROUTED)


@pytest.fixture
def other_department_complaint(allocations):
    return ComplaintFactory(department=allocations, status=Complaint.Status.ROUTED)


def token_for(user) -> str:
    token = ApiToken(user=user, name="tests")
    key = token.set_new_key()
    token.save()
    return key


@pytest.fixture
def api_as():
    """An API client calling with the given user's token."""

    def make(user, *, language="en"):
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
        return client

    return make


@pytest.fixture
def open311_key(db):
    client = Open311Client(name="FixMyBlock", slug="fixmyblock")
    key = client.set_new_key()
    client.save()
    return key


@pytest.fixture
def pothole_category(maintenance):
    return CategoryFactory(code="water-leak", name_ar="تسرب مياه", name_en="Water leak", default_department=maintenance)
