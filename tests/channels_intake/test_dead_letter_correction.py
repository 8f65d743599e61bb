"""Staff with the right role correct a dead letter's payload in the back office and process it
again: the correction and its author are recorded, the payload as received is kept, and what
was typed is never lost on an error."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from channels_intake.models import InboundCorrection, InboundItem
from complaints.models import Complaint
from tests.channels_intake.signed_delivery import deliver_signed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CASE = json.loads((Path(__file__).parent / "payloads" / "tawasul" / "case_arabic_maintenance.json").read_bytes())
SECRET = "tawasul-secret"


@pytest.fixture
def dead_letter(client, settings, ministry):
    """A Tawasul case delivered without its description: refused, and kept as a dead letter."""
    settings.TAWASUL_WEBHOOK_SECRET = SECRET
    sent = {key: value for key, value in CASE.items() if key != "description"}
    assert deliver_signed(client, "/api/v1/intake/tawasul/", json.dumps(sent).encode(),
                          secret=SECRET).status_code == 400
    return InboundItem.objects.get(state=InboundItem.State.FAILED)


def correct_url(item):
    return f"/admin/channels_intake/inbounditem/{item.pk}/correct/"


@pytest.mark.parametrize("role", ["supervisor", "system-administrator"])
def test_a_dead_letter_corrected_by_a_permitted_user_is_recorded_and_becomes_a_complaint(
        client, staff_member, dead_letter, role):
    user = staff_member(f"user.{role}", role)
    client.force_login(user)
    assert correct_url(dead_letter) in client.get(f"/admin/channels_intake/inbounditem/{dead_letter.pk}/change/"
                                                  ).content.decode()
    corrected = {**dead_letter.payload, "description": "تسرب مياه من سقف المطبخ منذ أسبوعين."}

    response = client.post(correct_url(dead_letter), {"payload": json.dumps(corrected, ensure_ascii=False)})

    assert response.status_code == 302, response.content.decode()
    dead_letter.refresh_from_db()
    complaint = Complaint.objects.get(external_reference=CASE["case_number"])
    assert (dead_letter.state, dead_letter.complaint) == (InboundItem.State.PROCESSED, complaint)
    assert complaint.body == corrected["description"] and dead_letter.processed_at is not None
    assert "description" not in dead_letter.payload  # the payload as received is kept
    [correction] = InboundCorrection.objects.filter(item=dead_letter)
    assert (correction.payload, correction.corrected_by) == (corrected, user) and correction.corrected_at


def test_a_role_without_the_permission_cannot_correct_even_when_it_sees_the_dead_letters(client, dead_letter):
    group = Group.objects.create(name="Dead letters, read and process again")
    group.permissions.set(Permission.objects.filter(codename__in=["view_inbounditem", "change_inbounditem"]))
    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.groups.add(group)
    client.force_login(clerk)

    page = client.get(f"/admin/channels_intake/inbounditem/{dead_letter.pk}/change/")
    refused = client.post(correct_url(dead_letter), {"payload": json.dumps(CASE)})

    assert page.status_code == 200 and correct_url(dead_letter) not in page.content.decode()
    assert client.get(correct_url(dead_letter)).status_code == refused.status_code == 403
    assert not InboundCorrection.objects.exists() and not Complaint.objects.exists()


@pytest.mark.parametrize("role", ["department-officer", "media-monitor"])
def test_staff_roles_other_than_the_supervisor_and_the_administrator_cannot_correct(
        client, staff_member, dead_letter, role):
    client.force_login(staff_member(f"user.{role}", role))

    assert client.post(correct_url(dead_letter), {"payload": json.dumps(CASE)}).status_code == 403
    assert not InboundCorrection.objects.exists()


@pytest.mark.parametrize(("typed", "message"), [
    ('{"case_number": "TW-2026-0048401", "subject": ', "This is not valid JSON"),
    ('["a", "list"]', "The payload must be a JSON object"),
    ('{"subject": "\\u0000"}', "NUL characters"),
])
def test_a_correction_that_is_not_a_json_object_is_refused_keeping_what_was_typed(
        client, supervisor, dead_letter, typed, message):
    client.force_login(supervisor)

    response = client.post(correct_url(dead_letter), {"payload": typed}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and response.context["form"]["payload"].value() == typed
    assert not InboundCorrection.objects.exists()
    dead_letter.refresh_from_db()
    assert dead_letter.state == InboundItem.State.FAILED and dead_letter.attempts == 1


def test_a_correction_that_still_fails_is_recorded_and_shown_again_with_the_error(client, supervisor, dead_letter):
    client.force_login(supervisor)
    typed = json.dumps({**dead_letter.payload, "description": ""})

    response = client.post(correct_url(dead_letter), {"payload": typed}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200 and "processing failed again" in response.content.decode()
    assert response.context["form"]["payload"].value() == typed
    dead_letter.refresh_from_db()
    assert dead_letter.state == InboundItem.State.FAILED and dead_letter.attempts == 2
    assert InboundCorrection.objects.get().payload == json.loads(typed)


def test_the_correction_form_starts_from_the_latest_correction(client, supervisor, dead_letter):
    client.force_login(supervisor)
    typed = json.dumps({**dead_letter.payload, "description": ""})
    client.post(correct_url(dead_letter), {"payload": typed})

    form = client.get(correct_url(dead_letter)).context["form"]

    assert json.loads(form["payload"].value()) == json.loads(typed)


def test_the_json_error_is_in_the_staff_members_language(client, supervisor, dead_letter):
    client.force_login(supervisor)

    response = client.post(correct_url(dead_letter), {"payload": "{"}, HTTP_ACCEPT_LANGUAGE="ar")

    assert "هذا النص ليس بصيغة JSON صحيحة" in response.content.decode()
