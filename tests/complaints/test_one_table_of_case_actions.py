"""One table of case actions (complaints/case_actions.py) serves the case page and the staff API:
the same actions, the same inputs, the same rule for when each is possible, the same service."""

import ast
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

from complaints import case_actions, services
from complaints.api import serializers
from complaints.backoffice.staff_forms import CASE_ACTION_FORMS
from complaints.models import Complaint
from tests.factories import ComplaintFactory

S = Complaint.Status
API = Path(serializers.__file__).parent


def test_every_action_of_the_table_is_an_endpoint_of_the_api():
    from drf_spectacular.generators import SchemaGenerator

    with translation.override("en"):
        paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]

    for name, action in case_actions.ACTIONS.items():
        operation = paths[f"/api/v1/complaints/{{id}}/{name}/"]["post"]
        assert operation["operationId"] == f"complaints_{action.api_name}"
        assert operation["summary"] == action.summary


@pytest.mark.parametrize("name", case_actions.ALL)
def test_the_case_page_form_and_the_api_input_take_the_same_fields(name):
    inputs = case_actions.ACTIONS[name].inputs
    form = CASE_ACTION_FORMS[name](complaint=Complaint())
    api_input = serializers.ACTION_INPUTS[name]()

    assert list(form.fields) == list(api_input.fields) == [spec.name for spec in inputs]
    for spec in inputs:
        assert form.fields[spec.name].required == api_input.fields[spec.name].required == spec.required
        assert getattr(form.fields[spec.name], "max_length", None) == getattr(api_input.fields[spec.name],
                                                                              "max_length", None)


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("is_urgent", [False, True])
def test_the_urgent_mark_is_offered_exactly_when_the_service_accepts_it(status, is_urgent):
    offered = case_actions.available(status, is_urgent=is_urgent, has_department=True)

    assert (case_actions.MARK_URGENT in offered) == services.may_change_urgency(status, is_urgent=is_urgent,
                                                                                 urgent=True)
    assert (case_actions.UNMARK_URGENT in offered) == services.may_change_urgency(status, is_urgent=is_urgent,
                                                                                   urgent=False)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.NEW, S.CLOSED, S.MERGED])
def test_a_transfer_the_table_does_not_offer_is_refused_by_the_service(status, maintenance, supervisor):
    from tests.factories import DepartmentFactory

    complaint = ComplaintFactory(status=status, department=maintenance)

    assert case_actions.TRANSFER not in case_actions.available_for(complaint)
    refused = pytest.raises(services.DomainError, match="Only a routed, open complaint")
    with translation.override("en"), refused:
        services.transfer_complaint(complaint=complaint, to_department=DepartmentFactory(code="allocations"),
                                    by=supervisor, reason="Their area")


def test_the_staff_api_imports_no_admin_module():
    imported = set()
    for module in API.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
                imported.update(f"{node.module or ''}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)

    assert not [name for name in imported if "admin" in name.split(".")[-1]], imported


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="en")
def test_a_reason_longer_than_the_api_accepts_is_refused_on_the_case_page_too(client, maintenance,
                                                                            maintenance_officer):
    complaint = ComplaintFactory(status=S.RESPONDED, department=maintenance)
    client.force_login(maintenance_officer)

    response = client.post(f"/admin/complaints/complaint/{complaint.pk}/act/reopen/", {"reason": "x" * 2001},
                           headers={"Accept-Language": "en"})

    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == S.RESPONDED
