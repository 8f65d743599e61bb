"""Stored XSS, server side: with script in every field citizens and staff type, no page that shows
those fields (the case page, the queue, the office's dashboard, case and council pages, the minutes,
the citizen's tracking page, the monitors' inboxes, the reports and their downloads) sends any of
it as markup. tests/security/test_stored_xss_in_browser.py opens the same pages in Chromium."""

import pytest

from complaints.models import Complaint
from complaints.portal.track_views import TRACKED
from tests.factories import UserFactory
from tests.security import hostile_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(ministry):
    staff = UserFactory(username="root", is_superuser=True, first_name=hostile_data.SHORT[:30])
    made = hostile_data.a_ministry_full_of_payloads(staff=staff, office=ministry["ministers_office"],
                                                    unit=ministry["complaints_unit"],
                                                    maintenance=ministry["maintenance"])
    return {**made, "staff": staff}


def staff_pages(hostile) -> list[str]:
    first, second, session = hostile["first"], hostile["second"], hostile["session"]
    return [
        f"/admin/complaints/complaint/{first.pk}/change/", f"/admin/complaints/complaint/{second.pk}/change/",
        "/admin/complaints/complaint/", "/admin/complaints/complaint/?q=تسرب", "/admin/complaints/complaint/?all=1",
        f"/admin/complaints/complaint/{second.pk}/act/reply/",
        "/ar/minister/", f"/ar/minister/cases/{second.reference}/", "/ar/minister/council/",
        f"/ar/minister/council/{session.pk}/", f"/ar/minister/council/{session.pk}/minutes/",
        "/ar/minister/council/follow-ups/",
        "/admin/channels_intake/socialpost/", "/admin/channels_intake/mediaitem/",
        "/admin/complaints/category/", "/admin/complaints/accessrecord/",
        "/en/reports/", "/ar/reports/", "/ar/statistics/",
    ]


def assert_inert(html: str, where: str):
    found = [markup for markup in hostile_data.RAW_MARKUP if markup in html]
    assert found == [], where
    assert 'href="javascript:' not in html.replace(" ", "").lower(), where


def test_no_staff_page_sends_stored_script_as_markup(client, hostile):
    client.force_login(hostile["staff"])
    shown_as_text = 0
    for path in staff_pages(hostile):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert_inert(html, path)
        shown_as_text += "&lt;svg onload=window.__xss=1&gt;" in html
    assert shown_as_text >= 10  # the payloads are on the pages, as text: the check is not vacuous


def test_the_citizens_tracking_page_sends_none_either(client, hostile):
    first = hostile["first"]
    Complaint.objects.filter(pk=first.pk).update(status=Complaint.Status.AWAITING_CITIZEN)
    session = client.session
    session[TRACKED] = [first.pk, hostile["second"].pk]
    session.save()
    for complaint in (first, hostile["second"]):
        for language in ("ar", "en"):
            response = client.get(f"/{language}/track/{complaint.reference}/")
            assert response.status_code == 200
            assert_inert(response.content.decode(), f"tracking {language}")


def test_the_reports_downloads_are_files_not_pages(client, hostile):
    client.force_login(hostile["staff"])
    for file_format, content_type in (("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats")):
        response = client.get(f"/en/reports/volumes-category.{file_format}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
