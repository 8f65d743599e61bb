"""The bodies the office referred a case to answer it once, on their case page; the office reads the answers."""

from datetime import date

import pytest

from complaints import services
from complaints.models import ComplaintEvent, Referral
from minister_office import services as office_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred(letter, office_member, bodies):
    office_services.give_directive(complaint=letter, text="Study the family's file and answer the office.",
                                   by=office_member, departments=[bodies["housing-committee"], bodies["legal-affairs"]],
                                   lead=bodies["housing-committee"], follow_up_on=date(2026, 12, 15))
    return letter


@pytest.fixture
def legal_officer(staff_member, bodies):
    return staff_member("officer.legal", "department-officer", bodies["legal-affairs"], first_name="Salman")


def act_url(complaint):
    return f"/admin/complaints/complaint/{complaint.pk}/act/answer-referral/"


def legal_referral(complaint):
    return Referral.objects.get(complaint=complaint, department__code="legal-affairs")


def test_a_referred_body_answers_on_its_case_page_and_the_office_reads_it(referred, legal_officer, office_member,
                                                                          client):
    client.force_login(legal_officer)
    case_page = client.get(f"/admin/complaints/complaint/{referred.pk}/change/").content.decode()
    assert act_url(referred) in case_page
    form = client.get(act_url(referred)).content.decode()
    referral = legal_referral(referred)
    assert f'name="answer_{referral.pk}"' in form
    assert "answer_%d" % Referral.objects.get(complaint=referred, is_lead=True).pk not in form

    response = client.post(act_url(referred), {f"answer_{referral.pk}": "No legal obstacle to the allocation."})

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.answer == "No legal obstacle to the allocation." and referral.answered_at is not None
    assert act_url(referred) not in client.get(f"/admin/complaints/complaint/{referred.pk}/change/").content.decode()
    client.force_login(office_member)
    office_page = client.get(f"/en/minister/cases/{referred.reference}/").content.decode()
    assert "No legal obstacle to the allocation." in office_page


def test_another_department_can_neither_see_nor_answer_the_referral(referred, staff_member, maintenance, client):
    client.force_login(staff_member("officer.other", "department-officer", maintenance))

    assert client.get(act_url(referred)).status_code == 404
    assert client.post(act_url(referred), {f"answer_{legal_referral(referred).pk}": "Answered by someone else"}
                       ).status_code == 404
    assert legal_referral(referred).answered_at is None


def test_a_department_without_a_referral_here_is_not_offered_the_action(referred, staff_member, bodies, client):
    """The studies directorate was not referred the case: it cannot open it at all."""
    client.force_login(staff_member("officer.studies", "department-officer", bodies["studies"]))
    assert client.get(act_url(referred)).status_code == 404


def test_a_supervisor_may_answer_any_open_referral(referred, supervisor, client):
    client.force_login(supervisor)
    form = client.get(act_url(referred)).content.decode()

    assert form.count('name="answer_') == 2


def test_an_empty_answer_is_refused(referred, legal_officer, client):
    client.force_login(legal_officer)

    response = client.post(act_url(referred), {f"answer_{legal_referral(referred).pk}": "   "})

    assert response.status_code == 400
    assert legal_referral(referred).answered_at is None
    with pytest.raises(services.DomainError):
        services.answer_referral(legal_referral(referred), text=" ", by=legal_officer)


def test_a_referral_is_answered_once(referred, legal_officer):
    services.answer_referral(legal_referral(referred), text="First answer.", by=legal_officer)

    with pytest.raises(services.DomainError, match="سبق أن ردّت"):
        services.answer_referral(legal_referral(referred), text="Second thoughts.", by=legal_officer)

    assert legal_referral(referred).answer == "First answer."


def test_the_answer_is_on_the_timeline_with_who_gave_it(referred, legal_officer):
    referral = services.answer_referral(legal_referral(referred), text="No legal obstacle.", by=legal_officer)

    event = referred.events.get(kind=ComplaintEvent.Kind.REFERRAL_ANSWERED)
    assert (event.actor, event.note, event.from_department, event.is_public) == (
        legal_officer, "No legal obstacle.", referral.department, False)
    assert event.data == {"referral": referral.pk}
