import pytest

pytestmark = pytest.mark.django_db


def test_the_back_office_home_page_leads_the_office_to_its_dashboard(client, office_member):
    client.force_login(office_member)

    assert 'href="/admin/minister_office/triagedashboard/"' in client.get("/admin/").content.decode()
    response = client.get("/admin/minister_office/triagedashboard/")
    assert (response.status_code, response["Location"]) == (302, "/ar/minister/")


def test_officers_do_not_see_the_dashboard_on_the_home_page(client, maintenance_officer):
    client.force_login(maintenance_officer)

    assert "triagedashboard" not in client.get("/admin/").content.decode()
