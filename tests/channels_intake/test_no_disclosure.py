"""A CPR and a mobile are not secrets: typed on the web form, they disclose nothing of the citizen's
other complaints until the mobile is proved with a one-time code, and the acknowledgement greets
the name typed, not the one the ministry holds for that CPR."""

import pytest
from django.core import mail

from channels_intake.open311 import service_requests
from complaints import intake
from complaints.models import Complaint, ComplaintEvent, Notification
from complaints.notifications import to_citizens
from tests.channels_intake.test_web_form import PDF, answers, category, upload  # noqa: F401 (fixture)
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

CHECK = "/en/complaints/new/check/"


@pytest.fixture
def open_complaint(client, category, ministry):  # noqa: F811
    """The citizen's complaint in progress, sent from the web form with the same CPR and mobile."""
    client.post("/en/complaints/new/", answers(category, subject="Water leaking from the ceiling"))
    client.post(CHECK)
    complaint = Complaint.objects.get()
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.IN_PROGRESS)
    client.cookies.clear()  # what follows is a stranger's browser (or the citizen's, unproved)
    return complaint


def a_second_message(client, category, **overrides):  # noqa: F811
    client.post("/en/complaints/new/", {**answers(category, subject="Still leaking", **overrides),
                                        "files": [upload("more.pdf", PDF, "application/pdf")]})


def the_code_sent() -> str:
    return Notification.objects.filter(kind=Notification.Kind.ONE_TIME_CODE).latest("pk").context["code"]


def test_the_check_page_says_nothing_of_an_open_complaint_on_the_same_matter(client, category, open_complaint):  # noqa: F811
    a_second_message(client, category)

    page = client.get(CHECK).content.decode()

    assert open_complaint.display_reference not in page and open_complaint.reference not in page
    assert "Water leaking from the ceiling" not in page
    assert 'name="add_to"' not in page and "already have an open complaint" not in page


def test_without_the_code_adding_is_refused_and_a_new_complaint_is_made(client, category, open_complaint):  # noqa: F811
    a_second_message(client, category)

    response = client.post(CHECK, {"add_to": open_complaint.reference})

    assert response.status_code == 302 and "added=1" not in response["Location"]
    assert Complaint.objects.count() == 2
    assert not open_complaint.events.filter(kind=ComplaintEvent.Kind.CITIZEN_ANSWERED).exists()
    assert not open_complaint.attachments.exists()


def test_asking_for_a_code_answers_the_same_whether_or_not_there_is_a_complaint(client, category, open_complaint):  # noqa: F811
    a_second_message(client, category)
    client.post(CHECK, {"send_code": "1"})
    with_one = client.get(CHECK).content.decode()
    client.cookies.clear()
    a_second_message(client, category, cpr="870101234")          # this CPR has no complaint
    client.post(CHECK, {"send_code": "1"})
    without = client.get(CHECK).content.decode()

    shown = "we have sent a code to it by SMS"
    assert shown in with_one and shown in without
    assert open_complaint.display_reference not in with_one
    [code] = Notification.objects.filter(kind=Notification.Kind.ONE_TIME_CODE)
    assert code.recipient == open_complaint.contact_mobile and code.complaint_id == open_complaint.pk


def test_a_wrong_code_shows_nothing(client, category, open_complaint):  # noqa: F811
    a_second_message(client, category)
    client.post(CHECK, {"send_code": "1"})
    wrong = "000000" if the_code_sent() != "000000" else "111111"

    response = client.post(CHECK, {"code": wrong})

    assert response.status_code == 400
    page = response.content.decode()
    assert "The code is not right" in page and open_complaint.display_reference not in page
    assert 'name="add_to"' not in client.get(CHECK).content.decode()


def test_with_the_code_the_open_complaint_is_offered_and_takes_the_message_and_files(client, category, open_complaint):  # noqa: F811
    a_second_message(client, category)
    client.post(CHECK, {"send_code": "1"})

    assert client.post(CHECK, {"code": the_code_sent()}).status_code == 302
    page = client.get(CHECK).content.decode()
    assert open_complaint.display_reference in page and 'name="add_to"' in page

    response = client.post(CHECK, {"add_to": open_complaint.reference})

    assert response.status_code == 302 and "added=1" in response["Location"]
    assert Complaint.objects.count() == 1
    assert open_complaint.events.filter(kind=ComplaintEvent.Kind.CITIZEN_ANSWERED, note__contains="Still leaking").exists()
    assert open_complaint.attachments.get().original_name == "more.pdf"


def test_a_proof_does_not_carry_over_to_other_details(client, category, open_complaint):  # noqa: F811
    a_second_message(client, category)
    client.post(CHECK, {"send_code": "1"})
    client.post(CHECK, {"code": the_code_sent()})
    a_second_message(client, category, mobile="36001122")        # changed on "Change your answers"

    assert open_complaint.display_reference not in client.get(CHECK).content.decode()
    client.post(CHECK, {"add_to": open_complaint.reference})
    assert Complaint.objects.count() == 2


def acknowledgement_e_mail(complaint) -> str:
    [notification] = Notification.objects.filter(complaint=complaint, kind=Notification.Kind.ACKNOWLEDGEMENT,
                                                 channel=Notification.Channel.EMAIL)
    mail.outbox.clear()
    assert to_citizens.send(notification.pk)
    return mail.outbox[0].body


def test_the_web_form_acknowledgement_greets_the_name_typed_not_the_one_held_for_the_cpr(client, category, ministry):  # noqa: F811
    CitizenFactory(cpr="850412345", name="Maryam Yusuf Al-Khalifa", preferred_language="en")
    client.post("/en/complaints/new/", answers(category, name="Someone Else", email="someone@example.com"))
    client.post(CHECK)

    body = acknowledgement_e_mail(Complaint.objects.get())

    assert "Dear Someone Else," in body and "Maryam" not in body


def test_the_open311_acknowledgement_greets_the_name_typed(ministry, maintenance_category):
    CitizenFactory(cpr="850412345", name="Maryam Yusuf Al-Khalifa", preferred_language="en")
    submission = service_requests.Submission(
        category=maintenance_category, description="Water leaking from the ceiling", first_name="Someone",
        last_name="Else", phone="39123456", email="someone@example.com", attributes={"cpr": "850412345"},
        client_slug="civic-app", idempotency_key="r-1")
    complaint = intake.receive(service_requests.intake_request(submission)).complaint

    body = acknowledgement_e_mail(complaint)

    assert "Dear Someone Else," in body and "Maryam" not in body
    # Once sent, the message keeps no copy of the name typed.
    assert Notification.objects.get(complaint=complaint, channel=Notification.Channel.EMAIL).context == {}
