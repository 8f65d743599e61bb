"""The department workload page: open, due this week, overdue and oldest, per department and officer."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from complaints.backoffice import workload
from complaints.models import Complaint, StaffProfile
from complaints.security.roles import ROLES_BY_CODE
from tests.factories import ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def load(maintenance):
    allocations = DepartmentFactory(code="allocations", name_en="Allocations")
    layla, omar = UserFactory(username="layla", first_name="Layla"), UserFactory(username="omar", first_name="Omar")
    routed = Complaint.Status.ROUTED
    ComplaintFactory(department=maintenance, assignee=layla, status=routed, due_at=NOW - timedelta(days=2),
                     received_at=NOW - timedelta(days=40))
    ComplaintFactory(department=maintenance, assignee=layla, status=routed, due_at=NOW + timedelta(days=3),
                     received_at=NOW - timedelta(days=27))
    ComplaintFactory(department=maintenance, assignee=omar, status=routed, due_at=NOW + timedelta(days=20),
                     received_at=NOW - timedelta(days=10))
    ComplaintFactory(department=maintenance, status=Complaint.Status.AWAITING_CITIZEN, sla_paused_at=NOW,
                     due_at=NOW - timedelta(days=1), received_at=NOW - timedelta(days=5))   # paused: not overdue
    ComplaintFactory(department=maintenance, assignee=omar, status=Complaint.Status.CLOSED,
                     due_at=NOW - timedelta(days=9))                                          # closed: not counted
    ComplaintFactory(department=allocations, status=routed, due_at=NOW + timedelta(days=1))
    return maintenance, allocations


def figures(load):
    return (load.open, load.due_this_week, load.overdue)


def test_figures_per_department_and_officer(load, django_assert_num_queries):
    maintenance, allocations = load
    with django_assert_num_queries(2):
        result = workload.workload(Complaint.objects.all(), now=NOW)

    assert [department.department_id for department in result] == [maintenance.pk, allocations.pk]
    first = result[0]
    assert figures(first.total) == (4, 1, 1) and first.total.oldest_age_days(NOW) == 40
    assert {name: figures(officer) for name, officer in first.by_officer} == {
        "Layla": (2, 1, 1), "Omar": (1, 0, 0), "": (1, 0, 0)}


def test_a_head_sees_only_their_department(client, load):
    maintenance, _allocations = load
    head = UserFactory(username="head")
    head.groups.add(Group.objects.get(name=ROLES_BY_CODE["department-head"].name_en))
    StaffProfile.objects.create(user=head, department=maintenance, is_head=True)
    client.force_login(head)

    page = client.get("/admin/complaints/departmentworkload/", headers={"Accept-Language": "en"})

    assert page.status_code == 200
    [(department, _oldest, _officers)] = page.context["departments"]
    assert department.department_id == maintenance.pk and "Layla" in page.content.decode()
    assert workload.workload(Complaint.objects.visible_to(head), now=NOW)[0].total.open == 4


def test_an_officer_without_the_permission_is_refused(client, load):
    officer = UserFactory(username="officer")
    officer.groups.add(Group.objects.get(name=ROLES_BY_CODE["department-officer"].name_en))
    client.force_login(officer)
    assert client.get("/admin/complaints/departmentworkload/").status_code == 403
