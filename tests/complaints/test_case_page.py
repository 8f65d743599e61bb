"""The case page: the complaint's whole story for staff, its actions (each one service call,
its event naming who acted), and need-to-know (another department's case is a 404)."""

import pytest
from django.utils import timezone

from complaints.models import AccessRecord, Complaint, ComplaintEvent, Notification, Referral
from tests.factories import ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
Status = Complaint.Status
EN = {"Accept-Language": "en"}


def case_url(complaint, rest=""):
    return f"/admin/complaints/complaint/{complaint.pk}/{rest}"


@pytest.fixture
def allocations(db):
    return DepartmentFactory(code="allocations", name_ar="إدارة التوزيع", name_en="Allocations")


@pytest.fixture
def complaint(maintenance, fatima):
    return ComplaintFactory(status=Status.IN_PROGRESS, department=maintenance, citizen=fatima,
                            contact_mobile="+97339123456", contact_email="fatima@example.com",
                            subject="Water leaking from the ceiling")


@pytest.fixture
def other_department_case(allocations, fatima):
    return ComplaintFactory(status=Status.ROUTED, department=allocations, citizen=fatima,
                            subject="Waiting list question")


def test_the_case_page_tells_the_whole_story(client, complaint, maintenance_officer, supervisor):
    earlier = ComplaintFactory(citizen=complaint.citizen, department=complaint.department, status=Status.CLOSED,
                               subject="Broken door last year")
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.TRANSFERRED, actor=supervisor,
                                  created_at=timezone.now(), note="Belongs to maintenance")
    client.force_login(maintenance_officer)

    page = client.get(case_url(complaint, "change/"), headers=EN).content.decode()

    assert complaint.display_reference in page and "In progress" in page and "days left" in page
    assert "Maintenance" in page and "Water leaking from the ceiling" in page
    assert "•••••2345" in page and "850412345" not in page
    assert earlier.display_reference in page and "Broken door last year" in page
    assert "Belongs to maintenance" in page and "Noor" in page
    for action in ("Assign to an officer", "Transfer to another department", "Ask the citizen for information",
                   "Reply to the citizen", "Merge into another complaint", "Mark urgent for the minister"):
        assert action in page
    assert "Reopen the case" not in page and "Close the case" not in page


def test_other_complaints_show_only_those_the_officer_may_see(client, complaint, other_department_case,
                                                              maintenance_officer):
    client.force_login(maintenance_officer)
    page = client.get(case_url(complaint, "change/"), headers=EN).content.decode()
    assert other_department_case.display_reference not in page


def test_opening_the_case_is_recorded_and_shown_only_to_supervisors(client, complaint, maintenance_officer,
                                                                    supervisor):
    client.force_login(maintenance_officer)
    officer_page = client.get(case_url(complaint, "change/"), headers=EN).content.decode()
    assert "Who saw this case" not in officer_page

    client.force_login(supervisor)
    supervisor_page = client.get(case_url(complaint, "change/"), headers=EN).content.decode()

    assert list(AccessRecord.objects.order_by("at", "id").values_list("user__username", "what")) == [
        ("officer.hassan", "opened_case"), ("supervisor.noor", "opened_case")]
    assert "Who saw this case" in supervisor_page and "Hassan" in supervisor_page


def test_showing_the_full_cpr_is_an_explicit_recorded_action(client, complaint, maintenance_officer):
    client.force_login(maintenance_officer)
    assert client.get(case_url(complaint, "cpr/")).status_code == 405

    page = client.post(case_url(complaint, "cpr/"), headers=EN).content.decode()

    assert "850412345" in page
    record = AccessRecord.objects.get(what=AccessRecord.What.UNMASKED_CPR)
    assert (record.user, record.complaint) == (maintenance_officer, complaint)
    assert record.detail == ""  # the audit row keeps no part of the CPR (docs/data-protection.md)


def test_access_records_cannot_be_changed_or_deleted(complaint, maintenance_officer):
    record = AccessRecord.objects.create(user=maintenance_officer, complaint=complaint, at=timezone.now(),
                                         what=AccessRecord.What.OPENED_CASE)
    with pytest.raises(TypeError):
        record.save()
    with pytest.raises(TypeError):
        record.delete()
    with pytest.raises(TypeError):
        AccessRecord.objects.update(detail="x")
    with pytest.raises(TypeError):
        AccessRecord.objects.all().delete()


def test_the_change_form_saves_nothing(client, complaint, supervisor):
    client.force_login(supervisor)
    response = client.post(case_url(complaint, "change/"), {"subject": "Edited", "is_urgent": "on"})
    complaint.refresh_from_db()
    assert response.status_code == 405 and complaint.subject == "Water leaking from the ceiling"
    assert not complaint.is_urgent


def test_the_case_page_has_a_query_ceiling(client, complaint, maintenance_officer, django_assert_max_num_queries):
    for n in range(15):
        ComplaintFactory(citizen=complaint.citizen, department=complaint.department)
        ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.NOTIFIED, actor=maintenance_officer,
                                      created_at=timezone.now(), note=f"event {n}")
    Referral.objects.create(complaint=complaint, department=complaint.department, referred_at=timezone.now(),
                            referred_by=maintenance_officer)
    client.force_login(maintenance_officer)
    with django_assert_max_num_queries(18):
        assert client.get(case_url(complaint, "change/")).status_code == 200


# --- actions ------------------------------------------------------------------------------------

def test_assigning_from_the_case_page(client, complaint, maintenance_officer, staff_member, maintenance):
    colleague = staff_member("officer.mariam", "department-officer", maintenance, first_name="Mariam")
    client.force_login(maintenance_officer)
    form = client.get(case_url(complaint, "act/assign/")).content.decode()
    assert "Mariam" in form

    response = client.post(case_url(complaint, "act/assign/"), {"officer": colleague.pk})

    assert response.status_code == 302 and response["Location"] == case_url(complaint, "change/")
    complaint.refresh_from_db()
    assert complaint.assignee == colleague
    assert complaint.events.get(kind=ComplaintEvent.Kind.ASSIGNED).actor == maintenance_officer


def test_only_officers_of_the_cases_department_can_be_chosen(client, complaint, maintenance_officer, staff_member,
                                                             allocations):
    outsider = staff_member("officer.salman", "department-officer", allocations)
    client.force_login(maintenance_officer)
    response = client.post(case_url(complaint, "act/assign/"), {"officer": outsider.pk})
    complaint.refresh_from_db()
    assert response.status_code == 400 and complaint.assignee is None


def test_transferring_needs_a_reason_and_keeps_what_was_typed(client, complaint, maintenance_officer, allocations):
    client.force_login(maintenance_officer)
    refused = client.post(case_url(complaint, "act/transfer/"), {"to_department": allocations.pk, "reason": ""},
                          headers=EN)
    assert refused.status_code == 400 and f'value="{allocations.pk}" selected' in refused.content.decode()

    moved = client.post(case_url(complaint, "act/transfer/"), {"to_department": allocations.pk,
                                                                "reason": "Their area"})

    # The case has left the officer's department: back to the queue, not to a 404.
    assert moved["Location"] == "/admin/complaints/complaint/"
    complaint.refresh_from_db()
    event = complaint.events.get(kind=ComplaintEvent.Kind.TRANSFERRED)
    assert complaint.department == allocations and (event.actor, event.note) == (maintenance_officer, "Their area")


def test_asking_the_citizen_pauses_the_clock_and_tells_them(client, complaint, maintenance_officer):
    client.force_login(maintenance_officer)
    client.post(case_url(complaint, "act/request-information/"), {"question": "Please send a photo of the leak"})

    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_CITIZEN and complaint.sla_paused_at is not None
    event = complaint.events.get(kind=ComplaintEvent.Kind.INFORMATION_REQUESTED)
    assert (event.actor, event.note) == (maintenance_officer, "Please send a photo of the leak")
    assert Notification.objects.filter(kind=Notification.Kind.INFORMATION_REQUESTED).count() == 2


def test_closing_and_reopening_from_the_case_page(client, maintenance, fatima, maintenance_officer):
    answered = ComplaintFactory(status=Status.RESPONDED, department=maintenance, citizen=fatima,
                                responded_at=timezone.now())
    client.force_login(maintenance_officer)

    client.post(case_url(answered, "act/close/"), {"note": "Confirmed fixed"})
    answered.refresh_from_db()
    assert answered.status == Status.CLOSED
    client.post(case_url(answered, "act/reopen/"), {"reason": "The citizen called: leaking again"})

    answered.refresh_from_db()
    assert answered.status == Status.REOPENED
    assert list(answered.events.values_list("to_status", "actor__username")) == [
        (Status.CLOSED, "officer.hassan"), (Status.REOPENED, "officer.hassan")]


def test_an_illegal_transition_is_refused_with_a_clear_message_and_nothing_changes(client, complaint,
                                                                                  maintenance_officer):
    client.force_login(maintenance_officer)
    response = client.post(case_url(complaint, "act/reopen/"), {"reason": "Try anyway"}, headers=EN)

    assert response.status_code == 400
    assert "cannot move from “In progress” to “Reopened”" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS and not complaint.events.exists()


@pytest.mark.parametrize("action", ["close", "reopen"])
def test_an_action_not_possible_now_is_not_offered_as_a_form(client, complaint, maintenance_officer, action):
    client.force_login(maintenance_officer)
    response = client.get(case_url(complaint, f"act/{action}/"), headers=EN, follow=True)
    assert "This action is not possible while the complaint is “In progress”." in response.content.decode()


def test_a_reply_form_is_not_offered_for_a_closed_case(client, maintenance, fatima, maintenance_officer):
    closed = ComplaintFactory(status=Status.CLOSED, department=maintenance, citizen=fatima)
    client.force_login(maintenance_officer)
    response = client.get(case_url(closed, "act/reply/"), headers=EN, follow=True)
    assert "This action is not possible while the complaint is “Closed”." in response.content.decode()


def test_merging_into_another_complaint_by_reference(client, complaint, maintenance_officer):
    earlier = ComplaintFactory(status=Status.IN_PROGRESS, department=complaint.department, citizen=complaint.citizen)
    client.force_login(maintenance_officer)

    client.post(case_url(complaint, "act/merge/"), {"reference": earlier.display_reference})

    complaint.refresh_from_db()
    assert complaint.status == Status.MERGED and complaint.master == earlier
    assert earlier.events.get(kind=ComplaintEvent.Kind.DUPLICATE_MERGED).actor == maintenance_officer


def test_merging_into_a_case_the_officer_cannot_see_is_refused(client, complaint, other_department_case,
                                                               maintenance_officer):
    client.force_login(maintenance_officer)
    response = client.post(case_url(complaint, "act/merge/"), {"reference": other_department_case.reference},
                           headers=EN)
    assert response.status_code == 400 and "no complaint with this reference that you can see" in \
        response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS


def test_marking_urgent_for_the_ministers_office(client, complaint, maintenance_officer):
    client.force_login(maintenance_officer)
    client.post(case_url(complaint, "act/mark-urgent/"), {"note": "Family with children, no water"})
    complaint.refresh_from_db()
    assert complaint.is_urgent
    client.post(case_url(complaint, "act/unmark-urgent/"), {"note": ""})
    complaint.refresh_from_db()
    assert not complaint.is_urgent
    assert complaint.events.filter(kind=ComplaintEvent.Kind.URGENCY_CHANGED, actor=maintenance_officer).count() == 2


@pytest.mark.parametrize("action", ["assign", "transfer", "request-information", "close", "reopen", "merge",
                                    "mark-urgent", "reply", "unknown"])
def test_an_officer_cannot_act_on_another_departments_case(client, other_department_case, maintenance_officer,
                                                           action):
    client.force_login(maintenance_officer)
    assert client.get(case_url(other_department_case, f"act/{action}/")).status_code == 404
    assert client.post(case_url(other_department_case, f"act/{action}/"), {"reason": "x"}).status_code == 404
    assert client.post(case_url(other_department_case, "cpr/")).status_code == 404
    assert not other_department_case.events.exists() and not AccessRecord.objects.exists()


def test_bulk_assign_from_the_queue(client, complaint, maintenance_officer, other_department_case, supervisor):
    second = ComplaintFactory(status=Status.ROUTED, department=complaint.department)
    client.force_login(supervisor)

    client.post("/admin/complaints/complaint/", {
        "action": "assign", "apply": "1", "officer": maintenance_officer.pk,
        "_selected_action": [complaint.pk, second.pk, other_department_case.pk]})

    assert set(Complaint.objects.filter(assignee=maintenance_officer).values_list("pk", flat=True)) == {
        complaint.pk, second.pk}
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.ASSIGNED, actor=supervisor).count() == 2
    other_department_case.refresh_from_db()
    assert other_department_case.assignee is None


def test_supervisors_list_access_records_and_keep_the_canned_responses(client, complaint, maintenance_officer,
                                                                       supervisor):
    client.force_login(maintenance_officer)
    client.get(case_url(complaint, "change/"))
    assert client.get("/admin/complaints/accessrecord/").status_code == 403

    client.force_login(supervisor)
    listing = client.get("/admin/complaints/accessrecord/", headers=EN).content.decode()
    assert "officer.hassan" in listing and "Opened the case and its personal data" in listing
    record = AccessRecord.objects.get()
    assert client.post(f"/admin/complaints/accessrecord/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AccessRecord.objects.count() == 1

    client.post("/admin/complaints/cannedresponse/add/", {"title": "Visit booked", "text_ar": "تم حجز موعد زيارة.",
                                                          "text_en": "A visit is booked.", "is_active": "on"})
    assert ">Visit booked</option>" in client.get(case_url(complaint, "act/reply/")).content.decode()
