"""Need-to-know: department staff see only their department's complaints (and those referred to
it); someone else's case is a 404. The expected answer for each person and URL is in MATRIX."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from complaints.models import Complaint, Referral, StaffProfile
from complaints.security.roles import ROLES_BY_CODE
from tests.factories import ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = ("anonymous", "citizen", "officer_a", "officer_b", "head_a", "ministers_office", "supervisor")
# What each person gets on a complaint of department A, one of B, and one of B referred to A.
# 302 = sent to the login page.
MATRIX = {
    "/admin/complaints/complaint/{a}/change/": {
        "anonymous": 302, "citizen": 302, "officer_a": 200, "officer_b": 404, "head_a": 200,
        "ministers_office": 200, "supervisor": 200,
    },
    "/admin/complaints/complaint/{b}/change/": {
        "anonymous": 302, "citizen": 302, "officer_a": 404, "officer_b": 200, "head_a": 404,
        "ministers_office": 200, "supervisor": 200,
    },
    "/admin/complaints/complaint/{b_referred_to_a}/change/": {
        "anonymous": 302, "citizen": 302, "officer_a": 200, "officer_b": 200, "head_a": 200,
        "ministers_office": 200, "supervisor": 200,
    },
    "/admin/complaints/citizen/{citizen_of_b}/change/": {
        "anonymous": 302, "citizen": 302, "officer_a": 404, "officer_b": 200, "head_a": 404,
        "ministers_office": 200, "supervisor": 200,
    },
}


@pytest.fixture
def departments(db):
    return DepartmentFactory(code="maintenance"), DepartmentFactory(code="allocations")


def staff(username, role, department=None):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=ROLES_BY_CODE[role].name_en))
    StaffProfile.objects.create(user=user, department=department)
    return user


@pytest.fixture
def people(departments):
    a, b = departments
    return {
        "anonymous": None,
        "citizen": UserFactory(username="citizen", is_staff=False),
        "officer_a": staff("officer.a", "department-officer", a),
        "officer_b": staff("officer.b", "department-officer", b),
        "head_a": staff("head.a", "department-head", a),
        "ministers_office": staff("office", "ministers-office"),
        "supervisor": staff("supervisor", "supervisor"),
    }


@pytest.fixture
def cases(departments):
    a, b = departments
    in_a = ComplaintFactory(department=a, status=Complaint.Status.ROUTED)
    in_b = ComplaintFactory(department=b, status=Complaint.Status.ROUTED)
    referred = ComplaintFactory(department=b, status=Complaint.Status.ROUTED)
    Referral.objects.create(complaint=referred, department=a, referred_at=timezone.now())
    return {"a": in_a.pk, "b": in_b.pk, "b_referred_to_a": referred.pk, "citizen_of_b": in_b.citizen_id}


def test_the_roles_exist_after_migrate_with_their_permissions():
    officer = Group.objects.get(name=ROLES_BY_CODE["department-officer"].name_en)
    assert officer.permissions.filter(codename="change_complaint").exists()
    assert not officer.permissions.filter(codename="add_department").exists()
    assert Group.objects.filter(name__in=[role.name_en for role in ROLES_BY_CODE.values()]).count() == 9
    officer = Group.objects.get(name=ROLES_BY_CODE["data-protection-officer"].name_en)
    assert set(officer.permissions.filter(codename__in=["export_personal_data", "erase_personal_data"])
               .values_list("codename", flat=True)) == {"export_personal_data", "erase_personal_data"}


@pytest.mark.parametrize("url", list(MATRIX))
@pytest.mark.parametrize("person", PEOPLE)
def test_permission_matrix(client, people, cases, url, person):
    if people[person]:
        client.force_login(people[person])
    response = client.get(url.format(**cases))
    assert response.status_code == MATRIX[url][person]
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")


def test_a_department_officer_lists_only_their_departments_complaints(client, people, cases):
    client.force_login(people["officer_a"])
    page = client.get("/admin/complaints/complaint/").content.decode()
    visible = set(Complaint.objects.visible_to(people["officer_a"]).values_list("pk", flat=True))
    assert visible == {cases["a"], cases["b_referred_to_a"]}
    complaints = [cases[name] for name in ("a", "b", "b_referred_to_a")]
    shown = {pk for pk in complaints if Complaint.objects.get(pk=pk).display_reference in page}
    assert shown == visible


def test_a_department_member_without_a_department_sees_nothing(people):
    lost = staff("lost", "department-officer")
    ComplaintFactory()
    assert not Complaint.objects.visible_to(lost).exists()
