"""The system administrator manages the routing rules and reaches "Try the routing rules" from the
back office's menu; staff without the rules neither see nor open it."""

import pytest
from django.urls import reverse

from complaints.models import RoutingRule
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
TRY = reverse("admin:complaints_routingrule_try")
MENU_ENTRY = reverse("admin:complaints_routingtrial_changelist")


@pytest.fixture
def administrator(client, staff_member):
    client.force_login(staff_member("admin.salman", "system-administrator"))
    return client


@pytest.fixture
def rule(maintenance):
    return RoutingRule.objects.create(name="Leaks", position=5, department=maintenance, keywords="تسرب")


def test_the_system_administrator_edits_a_routing_rule(administrator, rule):
    legal = DepartmentFactory(code="legal-affairs")
    response = administrator.post(reverse("admin:complaints_routingrule_change", args=[rule.pk]), {
        "name": "Leaks and damp", "position": 3, "is_active": "on", "department": legal.pk,
        "keywords": "تسرب\nرطوبة", "urgency": "any",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert (rule.name, rule.position, rule.department, rule.keyword_list()) == (
        "Leaks and damp", 3, legal, ["تسرب", "رطوبة"])


def test_the_system_administrator_adds_a_routing_rule(administrator, maintenance):
    response = administrator.post(reverse("admin:complaints_routingrule_add"), {
        "name": "Lifts", "position": 7, "is_active": "on", "department": maintenance.pk, "keywords": "مصعد",
        "urgency": "any",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoutingRule.objects.get().name == "Lifts"


def test_the_system_administrator_sees_try_the_routing_rules_in_the_menu(administrator):
    html = administrator.get(reverse("admin:index"), headers={"accept-language": "en"}).content.decode()
    assert f'<a href="{MENU_ENTRY}">Try the routing rules</a>' in html
    response = administrator.get(MENU_ENTRY)
    assert (response.status_code, response["Location"]) == (302, TRY)


def test_the_menu_entry_opens_the_trial_which_names_the_rule_that_fires(administrator, rule):
    response = administrator.post(TRY, {"text": "تسرب في السقف", "channel": "web", "kind": "complaint"}, follow=True)
    assert response.status_code == 200
    assert reverse("admin:complaints_routingrule_change", args=[rule.pk]) in response.content.decode()


@pytest.mark.parametrize("role", ["department-officer", "complaints-unit-agent", "supervisor"])
def test_staff_without_the_rules_neither_see_nor_open_the_trial(client, staff_member, maintenance, role):
    client.force_login(staff_member("someone", role, maintenance if role.startswith("department-") else None))
    assert MENU_ENTRY not in client.get(reverse("admin:index")).content.decode()
    assert client.get(TRY).status_code == 403
    assert client.get(MENU_ENTRY).status_code == 403
