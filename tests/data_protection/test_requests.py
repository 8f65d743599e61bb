"""Correction, erasure and export requests: each action through a service that records its
decision; erasure with the retention's code, refused while a legal hold applies."""

from datetime import timedelta

import pytest
from django.utils import translation
from django.core import mail
from django.utils import timezone

from complaints import tasks
from complaints.append_only import REDACTED
from complaints.data_protection import requests, warnings
from complaints.errors import DomainError
from complaints.models import Citizen, Complaint, ComplaintEvent, DataSubjectDecision, DataSubjectRequest
from tests.factories import CitizenFactory, ComplaintFactory

pytestmark = pytest.mark.django_db
Action = DataSubjectDecision.Action


@pytest.fixture
def fatima(db):
    return CitizenFactory(name="Fatima Ali Hasan", cpr="900000011", mobile="+97339123456")


def new_request(kind, officer, cpr="900000011", **values):
    return requests.receive_request(kind=kind, cpr=cpr, channel="service_centre", by=officer,
                                    details="Please", **values)


def test_a_request_gets_its_deadline_and_who_recorded_it(data_protection_officer, fatima):
    request = new_request("correction", data_protection_officer, cpr="٩٠٠ ٠٠٠ ٠١١")

    assert request.cpr == "900000011" and request.status == DataSubjectRequest.Status.OPEN
    assert request.due_on > timezone.localdate() and request.recorded_by == data_protection_officer


def test_a_correction_changes_the_detail_and_writes_the_timeline_without_the_values(data_protection_officer,
                                                                                     fatima):
    first, second = ComplaintFactory(citizen=fatima), ComplaintFactory(citizen=fatima)
    request = new_request("correction", data_protection_officer)

    decision = requests.apply_correction(request=request, field="name", value="Fatima Ali Hassan",
                                         by=data_protection_officer)

    fatima.refresh_from_db()
    assert fatima.name == "Fatima Ali Hassan"
    assert (decision.action, decision.data) == (Action.CORRECTED, {"field": "name"})
    for complaint in (first, second):
        event = complaint.events.get(kind=ComplaintEvent.Kind.DATA_CORRECTED)
        assert event.actor == data_protection_officer and event.data == {"field": "name", "request": request.pk}
        assert "Fatima" not in event.note + str(event.data)
    assert "Fatima" not in decision.note


def test_a_correction_is_validated(data_protection_officer, fatima):
    request = new_request("correction", data_protection_officer)
    with pytest.raises(DomainError):
        requests.apply_correction(request=request, field="mobile", value="12", by=data_protection_officer)
    with pytest.raises(DomainError):
        requests.apply_correction(request=request, field="cpr", value="900000012", by=data_protection_officer)
    requests.apply_correction(request=request, field="mobile", value="3912 3457", by=data_protection_officer)
    fatima.refresh_from_db()
    assert fatima.mobile == "+97339123457"


def test_erasure_removes_all_the_citizens_data_with_the_retention_code(data_protection_officer, full_case):
    fatima = CitizenFactory(cpr="900000011")
    recent = full_case(fatima, closed_days_ago=10, tag="R")  # closed recently: retention would keep it
    request = new_request("erasure", data_protection_officer)

    decision = requests.carry_out_erasure(request=request, by=data_protection_officer, note="Asked in person")

    recent.refresh_from_db()
    fatima.refresh_from_db()
    assert recent.anonymised_at and recent.body == REDACTED
    assert fatima.anonymised_at and fatima.cpr.startswith("#")
    assert decision.action == Action.ERASED and decision.data["complaints"] == 1 and decision.data["citizens"] == 1
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (DataSubjectRequest.Status.DONE, data_protection_officer)


@pytest.mark.parametrize("hold", ["open complaint", "council follow-up"])
def test_erasure_is_refused_while_a_legal_hold_applies(data_protection_officer, full_case, hold):
    fatima = CitizenFactory(cpr="900000011")
    if hold == "open complaint":
        held = full_case(fatima, status=Complaint.Status.IN_PROGRESS)
        reason = "complaint is still open"
    else:
        held = full_case(fatima, with_follow_up_open=True)
        reason = "Council follow-up is still open"
    request = new_request("erasure", data_protection_officer)

    with translation.override("en"):  # the reasons are written in the officer's language
        decision = requests.carry_out_erasure(request=request, by=data_protection_officer)

    assert decision.action == Action.ERASURE_REFUSED and reason in decision.note
    assert held.display_reference in decision.note
    held.refresh_from_db()
    fatima.refresh_from_db()
    assert held.anonymised_at is None and fatima.anonymised_at is None
    request.refresh_from_db()
    assert request.status == DataSubjectRequest.Status.REFUSED


def test_closing_needs_a_note_and_a_closed_request_takes_no_more_actions(data_protection_officer, fatima):
    request = new_request("export", data_protection_officer)
    with pytest.raises(DomainError):
        requests.close_request(request=request, note=" ", by=data_protection_officer)
    requests.close_request(request=request, note="Copy handed over at the counter", by=data_protection_officer)
    with pytest.raises(DomainError):
        requests.apply_correction(request=request, field="name", value="X", by=data_protection_officer)


def test_an_unknown_cpr_is_refused(data_protection_officer):
    request = new_request("erasure", data_protection_officer, cpr="900000099")
    with pytest.raises(DomainError):
        requests.carry_out_erasure(request=request, by=data_protection_officer)


def test_officers_are_warned_once_before_the_deadline(data_protection_officer, fatima, settings):
    settings.DATA_REQUEST_WARNING_DAYS = 2
    near = new_request("erasure", data_protection_officer, received_at=timezone.now() - timedelta(days=12))
    far = new_request("export", data_protection_officer)

    assert tasks.warn_of_due_data_requests() == 1
    assert warnings.warn_officers() == 0

    [message] = mail.outbox
    assert message.to == ["dpo@housing.gov.bh"] and near.masked_cpr in message.body and near.cpr not in message.body
    near.refresh_from_db(), far.refresh_from_db()
    assert near.warned_at and far.warned_at is None


def test_the_citizen_record_row_survives_erasure_for_the_statistics(data_protection_officer, full_case):
    fatima = CitizenFactory(cpr="900000011")
    complaint = full_case(fatima)
    requests.carry_out_erasure(request=new_request("erasure", data_protection_officer), by=data_protection_officer)
    assert Citizen.objects.filter(pk=fatima.pk).exists()
    assert Complaint.objects.get(pk=complaint.pk).citizen_id == fatima.pk


@pytest.mark.django_db(transaction=True)
def test_every_action_runs_outside_a_test_transaction(staff_member):
    """As in production (autocommit): each service opens the transaction its row lock needs."""
    officer = staff_member("dpo.huda", "data-protection-officer")
    CitizenFactory(cpr="900000011")
    export = new_request("export", officer)
    correction = new_request("correction", officer)

    requests.record_export(request=export, by=officer)
    requests.apply_correction(request=correction, field="name", value="Fatima", by=officer)
    requests.close_request(request=correction, note="Corrected", by=officer)
    requests.carry_out_erasure(request=new_request("erasure", officer), by=officer)

    assert DataSubjectDecision.objects.count() == 4
