"""The one decision, as a table: policy first, then the administrator's rules, then the model above
its department's threshold, otherwise the triage desk with three suggestions. Pure: no database."""

import pytest

from complaints.models import Complaint
from complaints.routing.decisions import ComplaintFacts, ModelOpinion, Rule, decide, weigh_category

Channel = Complaint.Channel
SURE = ModelOpinion(version="v1", ranked=(("maintenance", 0.81), ("housing-projects", 0.12),
                                          ("allocations", 0.04), ("studies", 0.03)),
                    top_words=("تسرب", "السقف"))
UNSURE = ModelOpinion(version="v1", ranked=(("allocations", 0.41), ("studies", 0.37),
                                            ("rent-allowance", 0.15), ("maintenance", 0.07)))
COURT = Rule(id=7, name="Court summonses", department_code="legal-affairs", keywords=("court summons",))


def facts(text="", *, channel=Channel.WEB, category=None, category_department=None):
    return ComplaintFacts(channel=channel, kind="complaint", text=text, category_code=category,
                          category_department_code=category_department)


def test_a_letter_from_the_box_goes_to_the_ministers_office_whatever_the_model_says():
    decision = decide(facts("ماء يتسرب", channel=Channel.TAHT_AMRAK), (COURT,), SURE)
    assert (decision.department_code, decision.decided_by) == ("ministers-office", "policy")


def test_an_administrators_rule_wins_over_a_sure_model():
    decision = decide(facts("I received a court summons about my flat"), (COURT,), SURE)
    assert (decision.department_code, decision.decided_by, decision.rule_id) == ("legal-affairs", "rule 7", 7)


def test_a_sure_model_routes_and_says_why():
    decision = decide(facts("السقف يخر"), (COURT,), SURE, {"maintenance": 0.5})
    assert decision.department_code == "maintenance"
    assert decision.decided_by == "model v1"
    assert decision.confidence == pytest.approx(0.81)
    assert decision.top_words == ("تسرب", "السقف")
    assert "81%" in decision.reason and "تسرب" in decision.reason


def test_below_the_threshold_it_goes_to_triage_with_the_three_likeliest_departments():
    decision = decide(facts("متى دوري؟"), (), UNSURE, {"allocations": 0.5})
    assert decision.department_code == "complaints-unit" and decision.triaged
    assert [code for code, _p in decision.suggestions] == ["allocations", "studies", "rent-allowance"]
    assert "41%" in decision.reason


def test_each_department_has_its_own_threshold():
    assert decide(facts(), (), UNSURE, {"allocations": 0.4}).department_code == "allocations"
    assert decide(facts(), (), SURE, {"maintenance": 0.9}).department_code == "complaints-unit"


def test_the_category_tips_a_close_call():
    decision = decide(facts(category="eligibility-study", category_department="studies"), (), UNSURE,
                      {"studies": 0.5})
    assert decision.department_code == "studies"
    assert decision.suggestions[0][0] == "studies"


def test_the_category_does_not_overrule_a_sure_model():
    decision = decide(facts(category="allocation-waiting-list", category_department="allocations"), (), SURE,
                      {"maintenance": 0.5})
    assert decision.department_code == "maintenance"


def test_weighing_the_category_keeps_probabilities_summing_to_one():
    weighed = weigh_category(UNSURE.ranked, "studies")
    assert sum(p for _c, p in weighed) == pytest.approx(1.0)
    assert weighed[0][0] == "studies"
    assert weigh_category(UNSURE.ranked, None) == UNSURE.ranked
    assert weigh_category(UNSURE.ranked, "unknown-department") == UNSURE.ranked


def test_without_a_model_the_category_decides_and_otherwise_triage():
    assert decide(facts(category="x", category_department="maintenance")).decided_by == "category"
    assert decide(facts(category="x", category_department="maintenance")).department_code == "maintenance"
    assert decide(facts()).department_code == "complaints-unit"
