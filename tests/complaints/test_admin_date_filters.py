"""The admin's date drill-down takes its year, month and day from the URL: a date out of bounds
is refused with 400 and a message (complaints/backoffice/date_drilldown.py), never a 500 from an overflow."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_browser(client):
    client.force_login(UserFactory(username="root", is_superuser=True))
    return client


@pytest.mark.parametrize("query", [
    "/admin/channels_intake/call/?started_at__year=9999&started_at__month=12&started_at__day=31",
    "/admin/channels_intake/call/?started_at__year=9999&started_at__month=12",
    "/admin/channels_intake/call/?started_at__year=1",
    "/admin/channels_intake/allocationannouncement/?date__year=9999&date__month=12",
    "/admin/complaints/closuredate/?date__year=9999&date__month=12",
])
def test_a_date_drill_down_out_of_bounds_is_refused_with_a_message(staff_browser, query):
    response = staff_browser.get(query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Give a date" in response.content.decode()


@pytest.mark.parametrize("query", [
    "/admin/channels_intake/call/?started_at__year=2026&started_at__month=11",
    "/admin/complaints/closuredate/?date__year=2027",  # closures are set ahead
    "/admin/channels_intake/call/?started_at__year=abc",  # not a date: Django's own refusal
])
def test_a_date_drill_down_within_bounds_still_lists(staff_browser, query):
    assert staff_browser.get(query).status_code in (200, 302)
