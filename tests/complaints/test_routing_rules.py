"""The routing decision as a table: facts in, department out. No database."""

import pytest
from django.utils import translation

from complaints.models import Complaint, Department
from complaints.routing import ComplaintFacts, decide

Channel = Complaint.Channel


@pytest.mark.parametrize(("facts", "department"), [
    (ComplaintFacts(channel=Channel.TAHT_AMRAK, kind="complaint"), Department.MINISTERS_OFFICE),
    (ComplaintFacts(channel=Channel.TAHT_AMRAK, kind="complaint", category_code="maintenance",
                    category_department_code="maintenance"), Department.MINISTERS_OFFICE),
    (ComplaintFacts(channel=Channel.WEB, kind="complaint", category_code="maintenance",
                    category_department_code="maintenance"), "maintenance"),
    (ComplaintFacts(channel=Channel.TAWASUL, kind="inquiry", category_code="allocation",
                    category_department_code="allocations"), "allocations"),
    (ComplaintFacts(channel=Channel.CALL_CENTRE, kind="inquiry"), Department.COMPLAINTS_UNIT),
    (ComplaintFacts(channel=Channel.WEB, kind="suggestion", category_code="general"), Department.COMPLAINTS_UNIT),
])
def test_department_for_each_kind_of_complaint(facts, department):
    assert decide(facts).department_code == department


def test_decision_says_why():
    with translation.override("en"):
        decision = decide(ComplaintFacts(channel=Channel.WEB, kind="complaint"))
    assert "complaints unit" in decision.reason
