"""A Taht Amrak letter entered again (a second click, or the same number read twice) is stored
once, and the agent is warned that it was already digitised, by whom and as which complaint,
instead of being told it was digitised now."""

from datetime import date

import pytest
from django.contrib.messages import constants

from channels_intake.box import box_letters
from channels_intake.models import BoxLetter
from complaints.models import Complaint
from tests.channels_intake.test_box_letters import letter, scanned_letter

pytestmark = pytest.mark.django_db
ADD = "/admin/channels_intake/boxletter/add/"
EN = {"Accept-Language": "en"}


@pytest.fixture
def agent_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("agent.huda", "huda@housing.gov.bh", "pw"))
    return client


def messages_after(client, response):
    page = client.get(response["Location"], headers=EN)
    return [(message.level, message.message) for message in page.context["messages"]]


def test_the_first_time_the_letter_is_digitised_without_a_warning(agent_client, ministry):
    response = agent_client.post(ADD, letter(), headers=EN)

    complaint = Complaint.objects.get()
    assert messages_after(agent_client, response) == [
        (constants.SUCCESS, f"Letter digitised as complaint {complaint.display_reference}.")]


def test_entering_the_same_letter_again_warns_that_it_was_already_digitised(agent_client, ministry):
    messages_after(agent_client, agent_client.post(ADD, letter(), headers=EN))
    first = Complaint.objects.get()

    again = agent_client.post(ADD, letter(subject="Another subject typed", witnessed_by="Someone else"), headers=EN)

    assert again.status_code == 302 and again["Location"].endswith(f"/complaint/{first.pk}/change/")
    [(level, text)] = messages_after(agent_client, again)
    assert level == constants.WARNING
    assert "Letter 117 from the box “مركز خدمة العملاء - مدينة عيسى”" in text
    assert f"was already digitised by agent.huda as complaint {first.display_reference}" in text
    assert "nothing was saved again" in text
    assert Complaint.objects.count() == BoxLetter.objects.count() == 1
    assert BoxLetter.objects.get().witnessed_by == "علي حسن"  # the first entry stands


def test_the_service_says_whether_the_letter_was_new(ministry, django_user_model):
    huda = django_user_model.objects.create_user("agent.huda")
    values = {"box": "Isa Town", "collected_on": date(2026, 11, 26), "opened_by": huda, "witnessed_by": "Ali",
              "citizen": None, "subject": "Request", "text": "Please help.", "language": "ar", "letter_number": "9"}

    first, created = box_letters.digitise_letter(scan=scanned_letter(), **values)
    again, created_again = box_letters.digitise_letter(scan=scanned_letter(), **values)

    assert (created, created_again) == (True, False)
    assert again == first

