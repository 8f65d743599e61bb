from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.models import Complaint, Referral
from complaints.values import references
from minister_office import services
from minister_office.models import SlaEscalation, UrgencyStanding
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
DASHBOARD = "/en/minister/"


def urgent_case(department, *, score=None, due_in_days=10):
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=department, is_urgent=True,
                                 due_at=timezone.now() + timedelta(days=due_in_days))
    if score is not None:
        UrgencyStanding.objects.create(complaint=complaint, score=score, urgent=True, assessed_at=timezone.now())
    return complaint


@pytest.mark.parametrize("person, status", [("office_member", 200), ("supervisor", 200), ("admin_user", 200),
                                            ("maintenance_officer", 403)])
def test_only_the_office_and_supervisors_open_the_dashboard(client, request, person, status):
    client.force_login(request.getfixturevalue(person))
    assert client.get(DASHBOARD).status_code == status


def test_someone_not_signed_in_is_sent_to_the_staff_sign_in(client):
    response = client.get("/ar/minister/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/ar/minister/"


def test_an_officer_cannot_open_or_act_on_an_office_case(client, maintenance_officer, letter, needy_family):
    client.force_login(maintenance_officer)
    assert client.get(f"/en/minister/cases/{letter.reference}/").status_code == 403
    assert client.post(f"/en/minister/cases/{letter.reference}/study/", {}).status_code == 403


def test_the_urgent_queue_puts_the_highest_score_first_then_the_earliest_answer_date(client, office_member,
                                                                                     maintenance):
    soon, later = urgent_case(maintenance, score=80, due_in_days=2), urgent_case(maintenance, score=80, due_in_days=9)
    highest, unstudied = urgent_case(maintenance, score=95, due_in_days=20), urgent_case(maintenance, due_in_days=1)
    ComplaintFactory(status=Complaint.Status.CLOSED, department=maintenance, is_urgent=True)
    client.force_login(office_member)

    response = client.get(DASHBOARD)

    assert [c.pk for c in response.context["urgent_queue"]] == [highest.pk, soon.pk, later.pk, unstudied.pk]
    assert response.context["urgent_count"] == 4


def test_the_taht_amrak_inbox_holds_letters_not_yet_triaged(client, office_member, letter, ministers_office,
                                                             needy_family):
    studied = ComplaintFactory(channel=Complaint.Channel.TAHT_AMRAK, status=Complaint.Status.ROUTED,
                               department=ministers_office)
    services.assess_urgency(complaint=studied, circumstances=needy_family, by=office_member)
    directed = ComplaintFactory(channel=Complaint.Channel.TAHT_AMRAK, status=Complaint.Status.ROUTED,
                                department=ministers_office)
    services.give_directive(complaint=directed, text="Answer the family within a week.", by=office_member)
    ComplaintFactory(channel=Complaint.Channel.WEB, status=Complaint.Status.ROUTED, department=ministers_office)
    client.force_login(office_member)

    response = client.get(DASHBOARD)

    assert [c.pk for c in response.context["inbox"]] == [letter.pk]
    assert response.context["inbox_count"] == (1, False)


def test_escalations_are_listed_until_acknowledged(client, office_member, maintenance):
    overdue = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance)
    services.escalate_breaches([overdue.pk])
    client.force_login(office_member)
    escalation = SlaEscalation.objects.get()
    assert list(client.get(DASHBOARD).context["escalations"]) == [escalation]

    response = client.post(f"/en/minister/escalations/{escalation.pk}/acknowledge/")

    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.acknowledged_by == office_member
    assert list(client.get(DASHBOARD).context["escalations"]) == []


def test_the_charts_show_the_urgent_backlog_by_department_and_age_with_the_figures_in_a_table(
        client, office_member, maintenance, ministers_office):
    urgent_case(maintenance)
    urgent_case(maintenance)
    old = urgent_case(ministers_office)
    Complaint.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=45))
    client.force_login(office_member)

    response = client.get(DASHBOARD)

    by_department = [(bar.label, bar.count, bar.percent) for bar in response.context["by_department"]]
    assert by_department == [("Maintenance", 2, 100), ("Minister's office", 1, 50)]
    assert [bar.count for bar in response.context["by_age"]] == [2, 0, 1, 0]
    html = response.content.decode()
    assert '<th scope="row">Maintenance</th><td>2</td>' in html
    assert "<script" not in html.replace('<script src="/static/vendor/bootstrap/bootstrap.bundle.min.js"', "")
    assert " style=" not in html


def test_the_dashboard_reads_a_fixed_number_of_queries(client, office_member, maintenance, ministers_office,
                                                       django_assert_max_num_queries):
    for n in range(30):
        complaint = urgent_case(maintenance if n % 2 else ministers_office, score=n)
        services.escalate_breaches([complaint.pk])
        ComplaintFactory(channel=Complaint.Channel.TAHT_AMRAK, status=Complaint.Status.ROUTED,
                         department=ministers_office)
    client.force_login(office_member)

    with django_assert_max_num_queries(14):
        response = client.get(DASHBOARD)

    assert len(response.context["urgent_queue"]) == 25


def test_the_office_studies_and_directs_a_case_from_its_page(client, office_member, letter, bodies):
    client.force_login(office_member)
    page = f"/ar/minister/cases/{letter.reference}/"
    study = {"household_size": 6, "monthly_income": "500", "dependants": 4, "members_with_disability": 1,
             "elderly_members": 1, "members_with_chronic_illness": 0, "housing": "overcrowded",
             "eviction_notice": "on", "years_on_waiting_list": 8}

    assert client.post(page + "study/", study).status_code == 302
    response = client.post(page + "directive/", {
        "text": "تُحال الحالة إلى لجنة الإسكان", "departments": [bodies["housing-committee"].pk, bodies["studies"].pk],
        "lead": bodies["housing-committee"].pk, "follow_up_on": "2026-12-20"})
    assert response.status_code == 302
    Referral.objects.filter(complaint=letter, department=bodies["studies"]).update(
        answer="أُنجزت الدراسة الاجتماعية للأسرة.", answered_at=timezone.now())

    html = client.get(page).content.decode()

    assert "105" in html and "تُحال الحالة إلى لجنة الإسكان" in html
    assert "أُنجزت الدراسة الاجتماعية للأسرة." in html
    assert f'href="/admin/complaints/complaint/{letter.pk}/change/"' in html


def test_an_override_without_a_reason_is_refused_on_the_page(client, office_member, letter):
    client.force_login(office_member)
    response = client.post(f"/en/minister/cases/{letter.reference}/study/", {
        "household_size": 2, "monthly_income": "1200", "dependants": 0, "members_with_disability": 0,
        "elderly_members": 0, "members_with_chronic_illness": 0, "housing": "owned", "years_on_waiting_list": 0,
        "override": "urgent", "override_reason": ""})

    assert response.status_code == 400
    assert "Write the reason for deciding against the score." in response.content.decode()
    assert not letter.urgency_assessments.exists()


def test_referrals_unanswered_by_their_follow_up_date_are_listed(client, office_member, letter, bodies):
    services.give_directive(complaint=letter, text="Refer.", by=office_member,
                            departments=[bodies["studies"], bodies["legal-affairs"]], lead=bodies["studies"],
                            follow_up_on=timezone.localdate() - timedelta(days=1))
    Referral.objects.filter(department=bodies["legal-affairs"]).update(answer="Done.", answered_at=timezone.now())
    later = ComplaintFactory(status=Complaint.Status.ROUTED, department=bodies["allocations"])
    services.give_directive(complaint=later, text="Refer.", by=office_member, departments=[bodies["allocations"]],
                            lead=bodies["allocations"], follow_up_on=timezone.localdate() + timedelta(days=3))
    client.force_login(office_member)

    follow_ups = client.get(DASHBOARD).context["follow_ups"]

    assert [(r.complaint_id, r.department.code) for r in follow_ups] == [(letter.pk, "studies")]


@pytest.mark.parametrize("reference", [references.new_reference(2026), "26-4815-1623-5", "not-a-reference"])
def test_a_reference_that_names_no_case_is_not_found(client, office_member, reference):
    client.force_login(office_member)

    assert client.get(f"/en/minister/cases/{reference}/").status_code == 404


def test_the_case_page_accepts_the_reference_as_it_is_written(client, office_member, letter):
    client.force_login(office_member)

    assert client.get(f"/en/minister/cases/{letter.display_reference}/").status_code == 200
