"""Who may digitise a letter from the "Taht Amrak" box, and who reads the custody record: the roles
that open the box (the minister's office, and the complaints unit on its behalf), no one else."""

import pytest

from channels_intake.models import BoxLetter
from complaints.models import Complaint
from tests.channels_intake.test_box_letters import letter

pytestmark = pytest.mark.django_db
DIGITISE = "/admin/channels_intake/boxletter/add/"
CUSTODY = "/admin/channels_intake/boxletter/"


@pytest.fixture
def signed_in(client, staff_member, maintenance):
    def sign_in(role):
        department = maintenance if role.startswith("department-") else None
        client.force_login(staff_member(f"someone.{role}", role, department))
        return client
    return sign_in


def test_a_department_officer_may_not_open_the_digitising_screen(signed_in, ministry):
    assert signed_in("department-officer").get(DIGITISE).status_code == 403


def test_a_department_officer_who_posts_a_letter_digitises_nothing(signed_in, ministry):
    response = signed_in("department-officer").post(DIGITISE, letter())
    assert response.status_code == 403
    assert not Complaint.objects.exists() and not BoxLetter.objects.exists()


def test_the_ministers_office_digitises_a_letter(signed_in, ministry):
    client = signed_in("ministers-office")
    assert client.get(DIGITISE).status_code == 200
    response = client.post(DIGITISE, letter())
    assert response.status_code == 302
    assert BoxLetter.objects.get().opened_by.username == "someone.ministers-office"


@pytest.mark.parametrize("role", ["complaints-unit-agent", "supervisor"])
def test_the_complaints_unit_digitises_letters_on_the_offices_behalf(signed_in, ministry, role):
    response = signed_in(role).post(DIGITISE, letter())
    assert response.status_code == 302
    assert BoxLetter.objects.get().opened_by.username == f"someone.{role}"


def test_the_ministers_office_reads_the_custody_record(signed_in, ministry):
    client = signed_in("ministers-office")
    client.post(DIGITISE, letter(witnessed_by="شاهد العهدة"))
    response = client.get(CUSTODY)
    assert response.status_code == 200
    assert "شاهد العهدة" in response.content.decode()


@pytest.mark.parametrize("role", ["department-officer", "department-head", "call-centre-agent",
                                  "complaints-unit-agent"])
def test_others_do_not_read_the_custody_record(signed_in, ministry, role):
    assert signed_in(role).get(CUSTODY).status_code == 403


@pytest.mark.parametrize(("role", "sees_the_link"), [("ministers-office", True), ("complaints-unit-agent", True),
                                                     ("department-officer", False)])
def test_the_digitising_screen_is_in_the_menu_of_those_who_open_the_box(signed_in, ministry, role, sees_the_link):
    assert (DIGITISE in signed_in(role).get("/admin/").content.decode()) is sees_the_link
