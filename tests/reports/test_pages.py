"""The staff reports page: who may open it, whose figures it shows, and at what cost in queries."""

import pytest
from django.urls import reverse


QUERY = "?start=2026-03-01&end=2026-06-15&period=month"


@pytest.fixture
def department_head(staff_member, maintenance):
    return staff_member("head.maryam", "department-head", maintenance)


@pytest.fixture(autouse=True)
def now(frozen_now):
    return frozen_now


def table(response, slug):
    return next(t for t in response.context["tables"] if t.slug == slug)


def test_a_citizen_is_sent_to_sign_in(client, db):
    response = client.get(reverse("reports"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_an_officer_without_the_reports_permission_is_refused(client, maintenance_officer):
    client.force_login(maintenance_officer)
    assert client.get(reverse("reports")).status_code == 403
    assert client.get(reverse("report_export", args=["backlog", "csv"])).status_code == 403


def test_the_supervisor_sees_the_whole_ministry(client, supervisor, hand_counted, django_assert_max_num_queries):
    client.force_login(supervisor)
    with django_assert_max_num_queries(20):
        response = client.get("/en/reports/" + QUERY)
    assert response.status_code == 200
    assert table(response, "volumes-channel").rows[-1][-1] == 2  # June: E and F
    assert sum(row[-1] for row in table(response, "volumes-channel").rows) == 8
    assert table(response, "backlog").rows == [["0 to 7 days", 1], ["8 to 14 days", 1], ["15 to 30 days", 1],
                                              ["More than 30 days", 2]]
    assert table(response, "hotline").rows[1][1:4] == [2, 1, 1]


def test_a_department_head_sees_only_the_departments_figures(client, department_head, hand_counted):
    client.force_login(department_head)
    response = client.get("/en/reports/" + QUERY)
    assert response.status_code == 200
    # Maintenance: A B (March), C G (April), H (May), F (June); not D or E of the complaints unit.
    assert [row[-1] for row in table(response, "volumes-channel").rows] == [2, 2, 1, 1]
    assert [row[0] for row in table(response, "volumes-department").rows]
    assert table(response, "volumes-department").columns[1:-1] == ["Maintenance"]
    assert [row[1] for row in table(response, "backlog").rows] == [0, 1, 1, 1]  # F, H, February's
    answers = table(response, "answers").rows[-1]
    assert answers[1:5] == [5, 3, 2, 66.7]  # A B C F H received; A B C decided; A C within 30 days
    department_choices = [str(choice[1]) for choice in response.context["form"].fields["department"].choices]
    assert department_choices == ["All departments", "Maintenance"]


def test_a_department_head_cannot_ask_for_another_department(client, department_head, hand_counted, ministry):
    client.force_login(department_head)
    response = client.get("/ar/reports/" + QUERY + f"&department={ministry['complaints_unit'].pk}")
    assert response.context["form"].errors["department"]
    # The filter is refused and the default shown: still only Maintenance's complaints.
    assert table(response, "volumes-department").columns[1:-1] in ([], ["إدارة الصيانة"])


def test_the_page_passes_chart_data_without_inline_scripts(client, supervisor, hand_counted):
    client.force_login(supervisor)
    html = client.get("/ar/reports/" + QUERY).content.decode()
    assert 'id="volumes-channel" type="application/json"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "<script>" not in html and "style=" not in html


def test_a_range_over_two_years_is_refused(client, supervisor, db):
    client.force_login(supervisor)
    response = client.get(reverse("reports") + "?start=2023-01-01&end=2026-06-15&period=month")
    assert response.context["form"].errors["start"]
    assert response.context["filters"].start.year == 2025  # the default, last twelve months


def test_the_charts_leave_out_the_whole_range_row_and_draw_days_on_their_own_scale(client, supervisor, hand_counted):
    client.force_login(supervisor)
    answers = table(client.get("/ar/reports/" + QUERY), "answers")
    chart = answers.chart_data()
    assert len(chart["labels"]) == 4 and len(answers.rows) == 5
    assert [(d["data"], d["axis"]) for d in chart["datasets"]] == [([50.0, 50.0, None, None], "y"),
                                                                   ([25.0, 4.0, None, None], "y1")]


@pytest.mark.parametrize("role, may_see", [
    ("department-head", True), ("ministers-office", True), ("supervisor", True),
    ("department-officer", False), ("complaints-unit-agent", False), ("call-centre-agent", False),
])
def test_who_may_open_the_reports(client, staff_member, maintenance, role, may_see):
    user = staff_member(f"user.{role}", role, maintenance)
    client.force_login(user)
    assert (client.get("/ar/reports/").status_code == 200) is may_see
    index = client.get("/admin/").content.decode()
    assert ('href="/admin/complaints/report/"' in index) is may_see


def test_the_back_office_entry_leads_to_the_reports(client, supervisor):
    client.force_login(supervisor)
    response = client.get("/admin/complaints/report/")
    assert response.status_code == 302 and response.url.endswith("/reports/")
