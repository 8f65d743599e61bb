"""The routing decision as a table: facts in, department out. No database."""

import pytest
from django.utils import translation

from complaints.models import Complaint, Department
from complaints.routing.decisions import ComplaintFacts, decide

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


# --- staff rules -------------------------------------------------------------------------------
from complaints.routing.decisions import NOT_URGENT, URGENT, Rule  # noqa: E402
from complaints.values.arabic import SearchableText  # noqa: E402

LEAKS = Rule(id=1, name="Leaks", department_code="maintenance", keywords=("تسرب", "رطوبة", "leak"))
EVICTION = Rule(id=2, name="Eviction", department_code="legal-affairs", keywords=("إخلاء", "evict", "نزاع"))
ALLOWANCE = Rule(id=3, name="Allowance", department_code="rent-allowance", keywords=("علاوة السكن", "rent allowance"))
TAWASUL_INQUIRIES = Rule(id=4, name="Tawasul inquiries", department_code="customer-service",
                         channels=frozenset({Channel.TAWASUL}), kinds=frozenset({"inquiry"}))
URGENT_CASES = Rule(id=5, name="Urgent", department_code=Department.MINISTERS_OFFICE, urgency=URGENT)
ALLOCATION_CATEGORY = Rule(id=6, name="Allocation", department_code="allocations",
                           category_codes=frozenset({"allocation"}), urgency=NOT_URGENT)
RULES = (URGENT_CASES, EVICTION, LEAKS, ALLOWANCE, TAWASUL_INQUIRIES, ALLOCATION_CATEGORY)


def web(text, **values):
    return ComplaintFacts(channel=values.pop("channel", Channel.WEB), kind=values.pop("kind", "complaint"),
                          text=text, **values)


@pytest.mark.parametrize(("facts", "department", "rule_id"), [
    (web("يوجد تسرب مياه في السقف"), "maintenance", 1),
    (web("توجد تسرّبات في دورة المياه"), "maintenance", 1),                # diacritic and plural
    (web("رطوبه شديده في الجدران"), "maintenance", 1),                     # ة written ه
    (web("Water is leaking from the ceiling"), "maintenance", 1),
    (web("وصلني إنذار بالإخلاء"), "legal-affairs", 2),                     # joined particles, hamza
    (web("وصلني انذار بالاخلاء"), "legal-affairs", 2),                      # the same without hamza
    (web("The landlord wants to EVICT us"), "legal-affairs", 2),
    (web("إخلاء بسبب تسرب المياه"), "legal-affairs", 2),                    # first matching rule wins
    (web("توقفت علاوة السكن منذ شهرين"), "rent-allowance", 3),
    (web("توقفت العلاوه عن السكن"), Department.COMPLAINTS_UNIT, None),     # phrase words not in a row
    (web("my rent allowance stopped"), "rent-allowance", 3),
    (web("current allowance"), Department.COMPLAINTS_UNIT, None),
    (web("متى موعد الاجتماع", channel=Channel.TAWASUL, kind="inquiry"), "customer-service", 4),
    (web("متى موعد الاجتماع", channel=Channel.TAWASUL, kind="complaint"), Department.COMPLAINTS_UNIT, None),
    (web("حالة إنسانية", is_urgent=True), Department.MINISTERS_OFFICE, 5),
    (web("طلب وحدة", category_code="allocation"), "allocations", 6),
    (web("طلب وحدة", category_code="allocation", is_urgent=True), Department.MINISTERS_OFFICE, 5),
    (web("طلب وحدة", category_code="allocation", category_department_code="studies"), "allocations", 6),
    (web("سؤال عام", category_code="general", category_department_code="customer-service"),
     "customer-service", None),
    (web("تسرب", channel=Channel.TAHT_AMRAK), Department.MINISTERS_OFFICE, None),   # the box beats every rule
])
def test_rules_table(facts, department, rule_id):
    decision = decide(facts, RULES)
    assert (decision.department_code, decision.rule_id) == (department, rule_id)


def test_the_reason_names_the_rule_and_the_words_that_matched():
    with translation.override("en"):
        decision = decide(web("وصلني انذار بالاخلاء"), RULES)
    assert decision.reason == "Rule “Eviction” matched the words “إخلاء”."


def test_a_rule_without_keywords_matches_on_its_other_conditions_alone():
    assert TAWASUL_INQUIRIES.match(web("", channel=Channel.TAWASUL, kind="inquiry"), SearchableText("")) is not None
