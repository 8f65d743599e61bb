"""The routing quality report: for a month, per department, who routed its complaints (the model, a
rule, policy, the category), what the model left to the complaints unit's triage and where it finally
went, what each department transferred away and to whom, and the share routed right the first time;
and its back-office page, for supervisors, department heads (their own department), the minister's
office and the system administrator."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ComplaintEvent
from complaints.reports import routing_quality
from complaints.routing import decisions, engine
from tests.factories import ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
BAHRAIN = ZoneInfo("Asia/Bahrain")
NOVEMBER = date(2026, 11, 1)
MID_NOVEMBER = datetime(2026, 11, 15, 10, 0, tzinfo=BAHRAIN)
PAGE = reverse("admin:complaints_routingquality_changelist")


@pytest.fixture
def legal(db):
    return DepartmentFactory(code="legal-affairs", name_ar="إدارة الشؤون القانونية", name_en="Legal Affairs")


@pytest.fixture
def allocations(db):
    return DepartmentFactory(code="allocations", name_ar="إدارة التخصيص", name_en="Allocations")


@pytest.fixture
def departments(ministry, legal, allocations):
    return {**ministry, "legal": legal, "allocations": allocations}


def routed(department, decided_by="model v1", *, at=MID_NOVEMBER, rule_id=None, data=None):
    """A complaint routed to `department` at `at`, with the ROUTED event routing writes."""
    complaint = ComplaintFactory(department=department, status=Complaint.Status.ROUTED, received_at=at)
    decision = decisions.Decision(department_code=department.code, reason="", rule_id=rule_id, decided_by=decided_by,
                                  confidence=0.9 if decided_by.startswith("model") else None)
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.ROUTED, created_at=at,
                                  from_status=Complaint.Status.NEW, to_status=Complaint.Status.ROUTED,
                                  to_department=department, data=engine.event_data(decision) if data is None else data)
    return complaint


def transfer(complaint, to, *, days_later=1):
    complaint.refresh_from_db()
    services.transfer_complaint(complaint=complaint, to_department=to, by=None, reason="Not ours",
                                now=MID_NOVEMBER + timedelta(days=days_later))


def rows_of(quality):
    return {row.department.code: row for row in quality.departments}


def test_routed_complaints_are_counted_by_who_decided(departments):
    maintenance, office = departments["maintenance"], departments["ministers_office"]
    for _ in range(3):
        routed(maintenance, "model v1")
    routed(maintenance, "rule 7", rule_id=7)
    routed(maintenance, "category")
    routed(office, "policy")
    routed(maintenance, data={"rule_id": 5})  # written before routing by meaning: a rule
    routed(maintenance, data={"rule_id": None})  # and by the category's default department

    rows = rows_of(routing_quality.routing_quality(NOVEMBER))

    m = rows["maintenance"]
    assert (m.routed, m.by_model, m.by_rule, m.by_policy, m.by_category) == (7, 3, 2, 0, 2)
    o = rows["ministers-office"]
    assert (o.routed, o.by_model, o.by_rule, o.by_policy, o.by_category) == (1, 0, 0, 1, 0)
    assert rows["legal-affairs"].routed == 0


def test_transfers_away_their_top_destinations_and_the_share_routed_right_first_time(departments):
    maintenance, legal, allocations = departments["maintenance"], departments["legal"], departments["allocations"]
    complaints = [routed(maintenance) for _ in range(6)]
    for complaint in complaints[:3]:
        transfer(complaint, legal)
    transfer(complaints[3], allocations)
    transfer(complaints[3], legal, days_later=2)  # the first destination is the one counted

    quality = routing_quality.routing_quality(NOVEMBER)
    row = rows_of(quality)["maintenance"]

    assert (row.routed, row.transferred_away, row.right_first_time, row.share_right_first_time) == (6, 4, 2, 33.3)
    assert [(department.code, n) for department, n in row.destinations] == [("legal-affairs", 3), ("allocations", 1)]
    assert rows_of(quality)["legal-affairs"].routed == 0  # arriving by transfer is not being routed there
    assert quality.share_right_first_time == 33.3


def test_the_triaged_are_counted_with_the_department_they_finally_went_to(departments):
    unit, maintenance, legal = departments["complaints_unit"], departments["maintenance"], departments["legal"]
    to_maintenance, to_legal, _waiting = (routed(unit, "model v1") for _ in range(3))
    transfer(to_maintenance, maintenance)
    transfer(to_legal, departments["allocations"])
    transfer(to_legal, legal, days_later=3)
    routed(unit, "category")  # no model at the time: not triage by the model

    quality = routing_quality.routing_quality(NOVEMBER)
    rows = rows_of(quality)

    desk = rows["complaints-unit"]
    assert desk.is_triage_desk and quality.departments[0] == desk
    assert (desk.routed, desk.by_model, desk.transferred_away) == (4, 3, 2)
    assert desk.right_first_time is None and desk.share_right_first_time is None
    assert (rows["maintenance"].triaged_here, rows["legal-affairs"].triaged_here,
            rows["allocations"].triaged_here) == (1, 1, 0)
    assert quality.totals["triaged_here"] == 2
    assert quality.share_right_first_time is None  # nothing was routed to a department itself


def test_a_complaint_counts_in_the_month_it_was_routed_in_bahrain_time(departments):
    maintenance = departments["maintenance"]
    routed(maintenance, at=datetime(2026, 11, 1, 0, 30, tzinfo=BAHRAIN))  # 31 October in UTC
    routed(maintenance, at=datetime(2026, 12, 1, 0, 30, tzinfo=BAHRAIN))  # 30 November in UTC
    routed(maintenance, at=datetime(2026, 10, 31, 23, 30, tzinfo=BAHRAIN))

    assert [routing_quality.routing_quality(month).totals["routed"]
            for month in (date(2026, 10, 1), NOVEMBER, date(2026, 12, 15))] == [1, 1, 1]


def test_a_department_head_sees_only_the_figures_of_their_own_department(departments):
    unit, maintenance, legal = departments["complaints_unit"], departments["maintenance"], departments["legal"]
    routed(maintenance)
    routed(legal)
    transfer(routed(unit), maintenance)
    transfer(routed(unit), legal)

    quality = routing_quality.routing_quality(NOVEMBER, department_ids=[maintenance.pk])

    [row] = quality.departments
    assert (row.department, row.routed, row.triaged_here) == (maintenance, 1, 1)


def test_the_figures_take_four_queries_however_many_complaints(departments, django_assert_num_queries):
    maintenance, legal, unit = departments["maintenance"], departments["legal"], departments["complaints_unit"]
    for _ in range(5):
        transfer(routed(maintenance), legal)
        transfer(routed(unit), maintenance)
        routed(legal, "rule 3", rule_id=3)

    with django_assert_num_queries(4):
        quality = routing_quality.routing_quality(NOVEMBER)

    assert quality.totals["routed"] == 15


# --- the page ---------------------------------------------------------------------------------------

@pytest.fixture
def november(departments):
    maintenance, legal = departments["maintenance"], departments["legal"]
    for _ in range(3):
        routed(maintenance)
    transfer(routed(maintenance), legal)
    routed(legal, "rule 3", rule_id=3)
    transfer(routed(departments["complaints_unit"]), legal)
    return departments


def page(client, query="?month=2026-11"):
    return client.get(PAGE + query, headers={"accept-language": "en"})


@pytest.mark.parametrize("role", ["supervisor", "ministers-office", "system-administrator"])
def test_staff_who_answer_for_the_figures_see_every_department(client, staff_member, november, role):
    client.force_login(staff_member("someone", role))
    response = page(client)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Routing quality, November 2026" in html
    for code in ("complaints-unit", "maintenance", "legal-affairs", "allocations"):
        assert f'id="department-{code}"' in html
    assert response.context["quality"].share_right_first_time == 80.0
    assert "75.0% (3)" in html  # maintenance: three of four stayed


def test_the_page_shows_a_department_head_their_own_department_only(client, staff_member, november):
    client.force_login(staff_member("head.salma", "department-head", november["legal"]))
    html = page(client).content.decode()

    assert 'id="department-legal-affairs"' in html and 'id="department-maintenance"' not in html
    [row] = page(client).context["quality"].departments
    assert (row.routed, row.by_rule, row.triaged_here) == (1, 1, 1)


def test_a_department_head_without_a_department_sees_no_figures(client, staff_member, november):
    client.force_login(staff_member("head.nobody", "department-head"))
    assert page(client).context["quality"].departments == []


@pytest.mark.parametrize("role", ["department-officer", "complaints-unit-agent", "call-centre-agent",
                                  "data-protection-officer"])
def test_other_staff_neither_see_nor_open_the_page(client, staff_member, maintenance, role):
    client.force_login(staff_member("someone", role, maintenance if role.startswith("department-") else None))
    assert PAGE not in client.get(reverse("admin:index")).content.decode()
    assert page(client).status_code == 403


def test_the_page_is_in_the_back_office_menu_of_those_who_may_see_it(client, supervisor):
    client.force_login(supervisor)
    assert f'href="{PAGE}"' in client.get(reverse("admin:index")).content.decode()


def test_without_a_month_the_page_shows_this_month_and_refuses_a_month_to_come(client, supervisor, november):
    client.force_login(supervisor)
    this_month = page(client, "").context["quality"].month
    assert this_month == timezone.localdate().replace(day=1)

    response = page(client, "?month=2999-01")
    assert "Choose a month between January 2020 and this month." in response.content.decode()
    assert response.context["quality"].month == this_month


def test_the_page_reads_a_bounded_number_of_queries(client, supervisor, november, django_assert_max_num_queries):
    client.force_login(supervisor)
    with django_assert_max_num_queries(12):
        assert page(client).status_code == 200
