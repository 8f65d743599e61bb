"""The case page's "Routing" box: who decided (policy, a rule, the routing model, the category), how
sure, the words that weighed most, and at the triage desk the model's three likeliest departments,
each one click from a transfer for those who may transfer. What each department owns is shown
beside its name, in the transfer form and in the departments' admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from complaints.backoffice import routing_box
from complaints.models import Complaint, ComplaintEvent, Department, RoutingRule
from complaints.routing import catalogue, engine
from tests.factories import ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
Status = Complaint.Status
EN = {"Accept-Language": "en"}
LEAK_OWNS = "Defects and repairs in units already handed over and lived in."


def case_url(complaint, rest="change/"):
    return f"/admin/complaints/complaint/{complaint.pk}/{rest}"


@pytest.fixture
def departments(ministry):
    ministry["maintenance"].owns_en = LEAK_OWNS
    ministry["maintenance"].save()
    allocations = DepartmentFactory(code="allocations", name_en="Allocations", owns_en="The waiting list.")
    legal = DepartmentFactory(code="legal-affairs", name_en="Legal Affairs", owns_en="Disputes over units.")
    return {**ministry, "allocations": allocations, "legal": legal}


def routed(complaint, *, to, note, **data):
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ROUTED, created_at=timezone.now(), from_status=Status.NEW,
        to_status=Status.ROUTED, to_department=to, note=note, is_public=True, data=data)


@pytest.fixture
def at_the_desk(departments):
    """A complaint the model was unsure of, waiting for triage in the complaints unit."""
    complaint = ComplaintFactory(status=Status.ROUTED, department=departments["complaints_unit"],
                                 subject="Something about my house")
    routed(complaint, to=departments["complaints_unit"], note="The routing model is only 41% sure.",
           rule_id=None, decided_by="model shipped-20261207-abc", confidence=0.4123,
           top_words=["السقف", "leak"],
           suggestions=[["maintenance", 0.4123], ["allocations", 0.3], ["legal-affairs", 0.1077]])
    return complaint


@pytest.fixture
def triager(staff_member):
    return staff_member("agent.maryam", "complaints-unit-agent", first_name="Maryam")


def suggestion_forms(page):
    return page.count('name="department"')


def box_of(page):
    box = page[page.index('id="routing-box"'):]
    return box[:box.index("</section>")]


def test_the_box_shows_who_decided_how_sure_the_words_and_the_three_suggestions(client, at_the_desk, triager):
    client.force_login(triager)

    page = client.get(case_url(at_the_desk), headers=EN).content.decode()

    box = box_of(page)
    assert "the routing model" in box and '<bdi dir="ltr">shipped-20261207-abc</bdi>' in box
    assert '<bdi dir="ltr">41%</bdi>' in box
    assert "السقف" in box and "leak" in box
    assert "The routing model is only 41% sure." in box
    for name, percent in (("Maintenance", "41%"), ("Allocations", "30%"), ("Legal Affairs", "11%")):
        assert name in box and f'<bdi dir="ltr">{percent}</bdi>' in box
    assert box.index("Maintenance") < box.index("Allocations") < box.index("Legal Affairs")
    assert LEAK_OWNS in box  # what each suggested department owns, beside it
    assert suggestion_forms(box) == 3 and "Transfer to Allocations" in box


def test_a_suggestion_button_transfers_the_complaint_and_records_who_and_why(client, at_the_desk, triager,
                                                                              departments):
    client.force_login(triager)

    response = client.post(case_url(at_the_desk, "take-suggestion/"), {"department": "allocations"}, headers=EN)

    assert response.status_code == 302
    at_the_desk.refresh_from_db()
    assert at_the_desk.department == departments["allocations"]
    event = at_the_desk.events.get(kind=ComplaintEvent.Kind.TRANSFERRED)
    assert (event.actor, event.from_department, event.to_department) == (
        triager, departments["complaints_unit"], departments["allocations"])
    assert event.note == "Triage: the routing model's suggestion (30%)."


def test_once_moved_the_page_offers_no_button_and_a_late_click_moves_nothing(client, at_the_desk, triager,
                                                                             departments):
    """Two people of the desk at once: the second click finds the complaint gone."""
    client.force_login(triager)
    client.post(case_url(at_the_desk, "take-suggestion/"), {"department": "maintenance"})

    late = client.post(case_url(at_the_desk, "take-suggestion/"), {"department": "allocations"}, headers=EN,
                       follow=True)

    at_the_desk.refresh_from_db()
    assert at_the_desk.department == departments["maintenance"]
    assert at_the_desk.events.filter(kind=ComplaintEvent.Kind.TRANSFERRED).count() == 1
    page = late.content.decode()
    assert "no longer waiting for triage" in page
    assert "Allocations" in page and suggestion_forms(page) == 0  # still listed, as history


def test_no_buttons_for_a_complaint_routed_straight_to_its_department(client, departments, triager):
    complaint = ComplaintFactory(status=Status.ROUTED, department=departments["maintenance"])
    routed(complaint, to=departments["maintenance"], note="The routing model is 93% sure.", rule_id=None,
           decided_by="model v7", confidence=0.93, top_words=["تسرب"],
           suggestions=[["maintenance", 0.93], ["allocations", 0.04], ["legal-affairs", 0.03]])
    client.force_login(triager)

    page = client.get(case_url(complaint), headers=EN).content.decode()

    box = box_of(page)
    assert '<bdi dir="ltr">93%</bdi>' in box and "تسرب" in box
    assert "The routing model&#x27;s suggestions" not in box and suggestion_forms(page) == 0
    refused = client.post(case_url(complaint, "take-suggestion/"), {"department": "allocations"})
    complaint.refresh_from_db()
    assert refused.status_code == 302 and complaint.department == departments["maintenance"]


def test_no_buttons_for_a_closed_complaint_still_with_the_desk(client, at_the_desk, triager):
    Complaint.objects.filter(pk=at_the_desk.pk).update(status=Status.CLOSED)
    client.force_login(triager)
    page = client.get(case_url(at_the_desk), headers=EN).content.decode()
    assert "Allocations" in page and suggestion_forms(page) == 0


def test_no_buttons_for_someone_who_may_not_transfer(client, at_the_desk, staff_member, departments):
    reader = staff_member("reader.amal", "supervisor")
    Group.objects.get(name="Complaints supervisor").permissions.remove(
        Permission.objects.get(codename="change_complaint", content_type__app_label="complaints"))
    client.force_login(reader)

    page = client.get(case_url(at_the_desk), headers=EN).content.decode()

    assert "Allocations" in page and suggestion_forms(page) == 0
    assert client.post(case_url(at_the_desk, "take-suggestion/"), {"department": "allocations"}).status_code == 403
    at_the_desk.refresh_from_db()
    assert at_the_desk.department == departments["complaints_unit"]


def test_a_department_that_was_not_suggested_is_refused(client, at_the_desk, triager, departments):
    elsewhere = DepartmentFactory(code="urban-planning", name_en="Urban Planning")
    client.force_login(triager)

    page = client.post(case_url(at_the_desk, "take-suggestion/"), {"department": elsewhere.code}, headers=EN,
                       follow=True).content.decode()

    assert "is not among the routing model" in page
    at_the_desk.refresh_from_db()
    assert at_the_desk.department == departments["complaints_unit"]


def test_a_rules_decision_names_the_rule_and_claims_no_confidence(client, departments, triager):
    rule = RoutingRule.objects.create(name="Eviction notices", position=1, department=departments["legal"],
                                      keywords="إخلاء")
    complaint = ComplaintFactory(status=Status.ROUTED, department=departments["legal"])
    routed(complaint, to=departments["legal"], note="Rule matched.", rule_id=rule.pk, decided_by=f"rule {rule.pk}")
    client.force_login(triager)

    page = client.get(case_url(complaint), headers=EN).content.decode()

    box = box_of(page)
    assert "the rule “Eviction notices”" in box
    assert "confidence" not in box and "the words that weighed most" not in box


@pytest.mark.parametrize(("decided_by", "rule_id", "words", "version"), [
    ("policy", None, "the policy", ""),
    ("category", None, "the category", ""),
    ("model shipped-1", None, "the routing model", "shipped-1"),
    ("rule 7", 7, "the rule “#7”", ""),  # a rule since deleted
    ("", 7, "the rule “#7”", ""),  # routed before the decider was recorded
    ("", None, "not recorded", ""),
])
def test_who_decided_in_words(decided_by, rule_id, words, version):
    described = routing_box.describe(decided_by, rule_id=rule_id)
    assert (described.words, described.version) == (words, version)


def test_a_complaint_not_yet_routed_has_no_box(client, departments, triager):
    complaint = ComplaintFactory(status=Status.NEW)
    client.force_login(triager)
    assert 'id="routing-box"' not in client.get(case_url(complaint), headers=EN).content.decode()


def test_the_case_page_at_the_desk_keeps_a_query_ceiling(client, at_the_desk, triager,
                                                         django_assert_max_num_queries):
    client.force_login(triager)
    with django_assert_max_num_queries(17):
        assert client.get(case_url(at_the_desk)).status_code == 200


def test_routed_by_the_model_to_the_desk_then_one_click_away(client, routing_model, triager):
    """With the shipped model and every department demanding certainty, the complaint waits at the
    desk; its box names the model and its likeliest departments, and a button sends it there."""
    catalogue.load()
    Department.objects.update(routing_threshold=1.0)
    complaint = ComplaintFactory(status=Status.NEW, subject="المكيف خربان",
                                 body="المكيف خربان والماي يقطر من السقف على غرفة العيال من يومين")
    engine.route_complaint(complaint.pk)
    complaint.refresh_from_db()
    assert complaint.department.code == catalogue.COMPLAINTS_UNIT
    client.force_login(triager)

    page = client.get(case_url(complaint), headers=EN).content.decode()

    assert "the routing model" in page and suggestion_forms(page) == 3
    assert "Maintenance Directorate" in page
    client.post(case_url(complaint, "take-suggestion/"), {"department": "maintenance"})
    complaint.refresh_from_db()
    assert complaint.department.code == "maintenance"
    assert complaint.events.filter(kind=ComplaintEvent.Kind.TRANSFERRED, actor=triager).exists()


def test_what_a_department_owns_is_shown_beside_its_name_and_in_the_transfer_form(client, departments, triager):
    complaint = ComplaintFactory(status=Status.IN_PROGRESS, department=departments["maintenance"])
    client.force_login(triager)

    case = client.get(case_url(complaint), headers=EN).content.decode()
    transfer = client.get(case_url(complaint, "act/transfer/"), headers=EN).content.decode()

    assert f'<small class="case-owns">{LEAK_OWNS}</small>' in case
    assert "What each department owns" in transfer
    owned = transfer[transfer.index("departments-owned"):]
    assert "<dt>Allocations</dt><dd>The waiting list.</dd>" in owned
    assert "Disputes over units." in owned


def test_the_departments_admin_lists_what_each_owns_and_edits_it_with_the_threshold(admin_client, departments):
    listing = admin_client.get("/admin/complaints/department/", headers=EN).content.decode()
    assert "What it owns" in listing and "The waiting list." in listing and "Routing confidence threshold" in listing

    allocations = departments["allocations"]
    response = admin_client.post(f"/admin/complaints/department/{allocations.pk}/change/", {
        "code": "allocations", "name_ar": allocations.name_ar, "name_en": "Allocations", "email": "",
        "is_active": "on", "owns_ar": "قوائم الانتظار", "owns_en": "Waiting lists and allocation.",
        "routing_threshold": "0.65"})

    assert response.status_code == 302
    allocations.refresh_from_db()
    assert (allocations.owns_ar, allocations.owns_en, allocations.routing_threshold) == (
        "قوائم الانتظار", "Waiting lists and allocation.", 0.65)
    form = admin_client.get(f"/admin/complaints/department/{allocations.pk}/change/").content.decode()
    assert 'name="owns_ar"' in form and 'dir="rtl"' in form


def test_the_transfer_action_from_the_queue_lists_what_each_department_owns(admin_client, departments):
    complaint = ComplaintFactory(status=Status.IN_PROGRESS, department=departments["maintenance"])
    page = admin_client.post("/admin/complaints/complaint/", {
        "action": "transfer", "_selected_action": [complaint.pk]}, headers=EN).content.decode()
    assert "What each department owns" in page and "Disputes over units." in page
