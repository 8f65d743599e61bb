""""Try the routing rules" shows the two answers side by side: the policy rules alone, the routing
model alone (its likeliest departments, the words that weighed most, the threshold of the
likeliest), and below them the decision routing would take with both."""

import pytest
from django.urls import reverse

from complaints.models import Category, Complaint, Department, RoutingRule
from complaints.routing import catalogue

pytestmark = pytest.mark.django_db
EN = {"Accept-Language": "en"}
LEAKING_AIR_CONDITIONER = "المكيف خربان والماي يقطر من السقف على غرفة العيال من يومين"


@pytest.fixture
def ministry_catalogue(db):
    catalogue.load()


def try_text(client, text, **fields):
    response = client.post(reverse("admin:complaints_routingrule_try"),
                           {"text": text, "channel": "web", "kind": "complaint", **fields}, headers=EN)
    assert response.status_code == 200
    return response.content.decode()


def section(page, id_):
    part = page[page.index(f'id="{id_}"'):]
    return part[:part.index("</section>")]


def test_no_rule_matches_and_the_model_names_maintenance_with_its_words_and_threshold(admin_client, routing_model,
                                                                                     ministry_catalogue):
    page = try_text(admin_client, LEAKING_AIR_CONDITIONER)

    rules = section(page, "routing-by-rules")
    assert "Complaints Unit, Customer Service Centre" in rules and "the category" in rules
    assert "No rule matched and the category names no department" in rules

    model = section(page, "routing-by-model")
    assert model.index("Maintenance Directorate") < model.index("</ol>")  # the likeliest, listed first
    assert model.count("<li><span") == 3 and "%</bdi>" in model
    assert "السقف" in model and "المكيف" in model
    assert '<bdi dir="ltr">60%</bdi>' in model and "sure enough to send it there" in model

    decision = section(page, "routing-decision")
    assert "Maintenance Directorate" in decision and "the routing model" in decision
    assert "confidence" in decision
    assert not Complaint.objects.exists()


def test_a_matching_rule_decides_while_the_model_still_gives_its_opinion(admin_client, routing_model,
                                                                        ministry_catalogue):
    legal = Department.objects.get(code="legal-affairs")
    rule = RoutingRule.objects.create(name="Air conditioners to legal (a test)", position=1, department=legal,
                                      keywords="المكيف")

    page = try_text(admin_client, LEAKING_AIR_CONDITIONER)

    rule_link = reverse("admin:complaints_routingrule_change", args=[rule.pk])
    assert rule_link in section(page, "routing-by-rules")
    assert "Maintenance Directorate" in section(page, "routing-by-model")
    decision = section(page, "routing-decision")
    assert "Legal Affairs Directorate" in decision and rule_link in decision


def test_a_threshold_raised_a_moment_ago_sends_the_text_to_triage_with_suggestions(admin_client, routing_model,
                                                                                  ministry_catalogue):
    Department.objects.filter(code="maintenance").update(routing_threshold=1.0)  # never sure enough

    page = try_text(admin_client, LEAKING_AIR_CONDITIONER)

    model = section(page, "routing-by-model")
    assert '<bdi dir="ltr">100%</bdi>' in model and "not sure enough" in model
    decision = section(page, "routing-decision")
    assert "Complaints Unit, Customer Service Centre" in decision
    assert decision.count("<li><span") == 3 and "Maintenance Directorate" in decision


def test_with_a_category_the_rules_alone_fall_back_to_its_department(admin_client, routing_model,
                                                                      ministry_catalogue):
    allowance = Category.objects.get(code="rent-allowance")

    page = try_text(admin_client, "ابي احد يتصل فيني", category=allowance.pk)

    rules = section(page, "routing-by-rules")
    assert "Housing Allowance Section" in rules and "the category" in rules
    assert "Default department of the category" in rules


def test_without_a_model_the_model_column_says_so_and_the_rules_decide(admin_client, ministry_catalogue):
    page = try_text(admin_client, LEAKING_AIR_CONDITIONER)

    assert "No routing model is available" in section(page, "routing-by-model")
    decision = section(page, "routing-decision")
    assert "Complaints Unit, Customer Service Centre" in decision
    assert "no model is trained" in decision


def test_a_taht_amrak_letter_goes_to_the_minister_by_policy_whatever_the_model_says(admin_client, routing_model,
                                                                                    ministry_catalogue):
    page = try_text(admin_client, LEAKING_AIR_CONDITIONER, channel="taht_amrak")

    assert "Maintenance Directorate" in section(page, "routing-by-model")
    decision = section(page, "routing-decision")
    assert "Minister&#x27;s Office" in decision and "the policy" in decision


def test_the_page_needs_the_permission_to_see_the_rules(client, staff_member):
    client.force_login(staff_member("officer.ali", "department-officer"))
    assert client.get(reverse("admin:complaints_routingrule_try")).status_code == 403
