"""A channel that does not check who is typing (the web form, Open311, the hotline, social media)
keeps the contact details it was given on its complaint, and never writes them into the
ministry's record of the citizen: anyone can type a CPR. The complaint is answered where it
asked. The service centre's counter, where staff see the identity card, fills in what the record
lacked (complaints/intake.py)."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from complaints import intake, services
from complaints.api_keys.models import Open311Client
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Citizen, Complaint, Notification
from complaints.notifications import to_citizens
from complaints.notifications.sms import MemoryBackend
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
UNCHECKED = [Complaint.Channel.WEB, Complaint.Channel.CALL_CENTRE, Complaint.Channel.SOCIAL_MEDIA,
             Complaint.Channel.TAWASUL, Complaint.Channel.TAHT_AMRAK]
STRANGER = CitizenDetails(name="Someone Else", cpr="850412345", mobile="3600 1122", email="someone@example.com",
                          preferred_language="en")


def received(channel, citizen=STRANGER, **fields):
    return intake.receive(IntakeRequest(channel=channel, subject="تسرب مياه", body="يتسرب الماء من السقف.",
                                        citizen=citizen, **fields)).complaint


def held_details(citizen):
    citizen.refresh_from_db()
    return citizen.name, citizen.mobile, citizen.email


@pytest.mark.parametrize("channel", UNCHECKED)
def test_another_mobile_with_the_same_cpr_stays_on_the_complaint_not_on_the_citizen(fatima, channel):
    before = held_details(fatima)  # "فاطمة علي حسن", +97339123456, no e-mail

    complaint = received(channel)

    assert complaint.citizen == fatima and held_details(fatima) == before
    assert (complaint.contact_mobile, complaint.contact_email) == ("+97336001122", "someone@example.com")


@pytest.mark.parametrize("channel", UNCHECKED)
def test_a_detail_the_record_lacks_is_not_filled_in_either(fatima, channel):
    received(channel)
    assert held_details(fatima)[2] == ""


@pytest.mark.parametrize("channel", UNCHECKED)
def test_a_citizen_first_known_from_such_a_channel_holds_no_contact_details(db, channel):
    complaint = received(channel)

    citizen = Citizen.objects.get()
    assert (citizen.cpr, citizen.name, citizen.mobile, citizen.email) == ("850412345", "Someone Else", "", "")
    assert (complaint.contact_mobile, complaint.contact_email) == ("+97336001122", "someone@example.com")


def test_the_acknowledgement_and_the_reply_go_to_the_complaints_contact(fatima, maintenance, officer):
    complaint = received(Complaint.Channel.WEB)
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.IN_PROGRESS, department=maintenance)

    services.send_reply(complaint=complaint, by=officer, text="تم إصلاح التسرب.")
    for notification in Notification.objects.order_by("pk"):
        to_citizens.send(notification.pk)

    assert {message.to for message in MemoryBackend.outbox} == {"+97336001122"}
    assert {tuple(message.to) for message in mail.outbox} == {("someone@example.com",)}
    assert set(Notification.objects.values_list("kind", flat=True)) == {"acknowledgement", "replied"}
    assert held_details(fatima)[1] == "+97339123456"


def test_an_open311_request_leaves_the_citizens_record_alone(fatima, maintenance):
    CategoryFactory(code="water-leak", name_ar="تسرب مياه", name_en="Water leak", default_department=maintenance)
    app = Open311Client(name="FixMyBlock", slug="fixmyblock")
    key = app.set_new_key()
    app.save()
    before = held_details(fatima)

    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post("/open311/v2/requests.json", {
        "api_key": key, "service_code": "water-leak", "description": "Water leaks from the ceiling.",
        "address_string": "Block 12, Salmabad housing project",
        "first_name": "Someone", "last_name": "Else", "phone": "36001122", "email": "someone@example.com",
        "attribute[cpr]": "850412345"})

    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get()
    assert complaint.citizen == fatima and held_details(fatima) == before
    assert (complaint.contact_mobile, complaint.contact_email) == ("+97336001122", "someone@example.com")


def test_the_service_centre_counter_fills_in_only_what_the_record_lacked(fatima):
    complaint = received(Complaint.Channel.SERVICE_CENTRE)

    assert held_details(fatima) == ("فاطمة علي حسن", "+97339123456", "someone@example.com")
    assert complaint.contact_mobile == "+97336001122"


def test_a_citizen_first_known_at_the_counter_is_recorded_with_the_details_given(db):
    received(Complaint.Channel.SERVICE_CENTRE)
    citizen = Citizen.objects.get()
    assert (citizen.name, citizen.mobile, citizen.email) == ("Someone Else", "+97336001122", "someone@example.com")
