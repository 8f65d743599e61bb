"""The "Departments without an address" page: supervisors and system administrators see which
departments have no e-mail address, whether their head has one, and how many notices wait."""

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import NotSentReason, SlaNotice
from tests.factories import ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("admin:complaints_departmentwithoutaddress_changelist")


@pytest.fixture
def departments(db):
    studies = DepartmentFactory(code="studies", name_en="Studies", email="")
    DepartmentFactory(code="allocations", name_en="Allocations", email="allocations@housing.gov.bh")
    DepartmentFactory(code="closed-office", name_en="Closed office", email="", is_active=False)
    complaint = ComplaintFactory(department=studies)
    now = timezone.now()
    SlaNotice.objects.create(complaint=complaint, kind="reminder", stage=1, due_at=complaint.due_at, created_at=now,
                             not_sent_reason=NotSentReason.NOBODY_TO_TELL)
    SlaNotice.objects.create(complaint=complaint, kind="reminder", stage=2, due_at=complaint.due_at, created_at=now,
                             sent_at=now)
    return studies


def rows(response) -> list:
    return list(response.context["cl"].result_list)


@pytest.mark.parametrize("role", ["supervisor", "system-administrator"])
def test_supervisors_and_administrators_find_the_page_on_the_admin_index(client, staff_member, departments, role):
    client.force_login(staff_member("staff.noor", role))

    assert PAGE in client.get(reverse("admin:index")).content.decode()
    response = client.get(PAGE)

    assert response.status_code == 200
    [studies] = rows(response)
    assert studies.code == "studies" and studies.waiting == 1 and studies.head_has_address is False


def test_the_administrator_is_offered_the_link_to_add_the_address(client, staff_member, departments):
    edit = reverse("admin:complaints_department_change", args=[departments.pk])
    client.force_login(staff_member("admin.ali", "system-administrator"))
    assert edit in client.get(PAGE).content.decode()

    client.force_login(staff_member("supervisor.noor", "supervisor"))
    assert edit not in client.get(PAGE).content.decode()


def test_a_head_with_an_address_is_shown_and_the_department_stays_listed(client, staff_member, departments):
    staff_member("head.maryam", "department-head", departments, email="maryam@housing.gov.bh")
    departments.staff.update(is_head=True)
    client.force_login(staff_member("supervisor.noor", "supervisor"))

    [studies] = rows(client.get(PAGE))

    assert studies.head_has_address is True


def test_a_department_officer_is_refused_the_page(client, staff_member, departments):
    client.force_login(staff_member("officer.sara", "department-officer", departments))
    assert client.get(PAGE).status_code == 403
