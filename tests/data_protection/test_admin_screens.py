"""The data protection officer's back office: the queue by due date with an overdue badge, the
actions on a request, and audit records offered read-only."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.utils import timezone

from complaints.data_protection import requests
from complaints.models import (AccessRecord, Citizen, ComplaintEvent, DataSubjectDecision, DataSubjectRequest,
                               RetentionRun)
from tests.factories import CitizenFactory, ComplaintFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/complaints/datasubjectrequest/"


def request_of(officer, *, days_ago=0, kind="correction", cpr="900000011"):
    return requests.receive_request(kind=kind, cpr=cpr, channel="email", by=officer,
                                    received_at=timezone.now() - timedelta(days=days_ago))


def test_the_queue_lists_open_requests_by_due_date_with_an_overdue_badge(client, data_protection_officer):
    late = request_of(data_protection_officer, days_ago=30)
    fresh = request_of(data_protection_officer)
    closed = request_of(data_protection_officer, days_ago=40)
    requests.close_request(request=closed, note="done", by=data_protection_officer)
    client.force_login(data_protection_officer)

    page = client.get(QUEUE, HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [late, fresh]
    html = page.content.decode()
    assert "portal-sla-late" in html and "Overdue" in html and "On time" in html
    assert "900000011" not in html and "•••••0011" in html
    everything = client.get(QUEUE + "?state=all")
    assert closed in everything.context["cl"].result_list


def test_a_request_is_recorded_from_the_back_office_with_its_deadline(client, data_protection_officer):
    client.force_login(data_protection_officer)

    response = client.post(QUEUE + "add/", {"kind": "erasure", "cpr": "900 000 011", "channel": "letter",
                                            "received_at_0": "2026-12-06", "received_at_1": "10:00",
                                            "details": "Erase everything"})

    assert response.status_code == 302
    request = DataSubjectRequest.objects.get()
    assert (request.cpr, request.recorded_by, str(request.due_on)) == ("900000011", data_protection_officer,
                                                                       "2026-12-22")


def test_the_officer_applies_a_correction_from_the_request_page(client, data_protection_officer):
    fatima = CitizenFactory(cpr="900000011", email="old@example.com")
    complaint = ComplaintFactory(citizen=fatima)
    request = request_of(data_protection_officer)
    client.force_login(data_protection_officer)

    page = client.get(f"{QUEUE}{request.pk}/change/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Apply a correction" in page.content.decode() and "Carry out the erasure" in page.content.decode()
    response = client.post(f"{QUEUE}{request.pk}/correct/", {"field": "email", "value": "new@example.com"})

    assert response.status_code == 302
    assert Citizen.objects.get(pk=fatima.pk).email == "new@example.com"
    assert complaint.events.filter(kind=ComplaintEvent.Kind.DATA_CORRECTED).exists()
    bad = client.post(f"{QUEUE}{request.pk}/correct/", {"field": "email", "value": "not an address"})
    assert bad.status_code == 400


def test_the_officer_carries_out_an_erasure_and_a_refusal_is_shown(client, data_protection_officer, full_case):
    fatima = CitizenFactory(cpr="900000011")
    full_case(fatima, status="in_progress")
    request = request_of(data_protection_officer, kind="erasure")
    client.force_login(data_protection_officer)

    response = client.post(f"{QUEUE}{request.pk}/erase/", {"note": ""}, follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert "Erasure refused" in response.content.decode()
    assert DataSubjectDecision.objects.get().action == DataSubjectDecision.Action.ERASURE_REFUSED


def test_exporting_from_a_request_records_the_decision_and_the_access(client, data_protection_officer):
    ComplaintFactory(citizen=CitizenFactory(cpr="900000011"))
    request = request_of(data_protection_officer, kind="export")
    client.force_login(data_protection_officer)

    response = client.post(f"{QUEUE}{request.pk}/export/")

    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert DataSubjectDecision.objects.get().action == DataSubjectDecision.Action.EXPORTED
    assert AccessRecord.objects.filter(what=AccessRecord.What.EXPORTED_DATA).count() == 1


@pytest.mark.parametrize("action", ["correct", "erase", "export"])
def test_other_staff_cannot_act_on_requests(client, supervisor, data_protection_officer, action):
    request = request_of(data_protection_officer)
    client.force_login(supervisor)

    assert client.post(f"{QUEUE}{request.pk}/{action}/", {"field": "name", "value": "X"}).status_code == 403
    assert client.get(QUEUE).status_code == 403


def test_audit_records_have_no_add_change_or_delete_in_the_back_office(rf, data_protection_officer, supervisor):
    for model, user in ((RetentionRun, data_protection_officer), (AccessRecord, supervisor)):
        admin_class = site._registry[model]
        request = rf.get("/")
        request.user = user
        assert admin_class.has_view_permission(request)
        assert not admin_class.has_add_permission(request)
        assert not admin_class.has_change_permission(request)
        assert not admin_class.has_delete_permission(request)
    inline_request = rf.get("/")
    inline_request.user = data_protection_officer
    inline = site._registry[DataSubjectRequest].inlines[0](DataSubjectRequest, site)
    assert not inline.has_add_permission(inline_request) and not inline.has_change_permission(inline_request)
    assert not inline.can_delete
    assert not site._registry[DataSubjectRequest].has_delete_permission(inline_request)


def test_the_retention_runs_are_listed_for_the_officer(client, data_protection_officer):
    now = timezone.now()
    RetentionRun.objects.create(started_at=now, finished_at=now, cutoff=now, complaints=12, citizens=3)
    client.force_login(data_protection_officer)

    page = client.get("/admin/complaints/retentionrun/", HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200 and len(page.context["cl"].result_list) == 1
