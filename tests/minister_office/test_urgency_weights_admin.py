import pytest

from minister_office import services
from minister_office.models import UrgencyWeights

pytestmark = pytest.mark.django_db
WEIGHTS = "/admin/minister_office/urgencyweights/"


@pytest.fixture
def administrator(staff_member):
    return staff_member("sysadmin.ali", "system-administrator", first_name="Ali")


def test_an_administrator_changes_the_weights_by_saving_a_new_version(client, administrator):
    first = services.weights_in_force()
    client.force_login(administrator)
    form = client.get(WEIGHTS + "add/")
    assert form.status_code == 200
    values = {name: value for name, value in form.context["adminform"].form.initial.items()}
    assert values["urgent_threshold"] == 50

    response = client.post(WEIGHTS + "add/", {**values, "urgent_threshold": 40, "note": "More families qualify"})

    assert response.status_code == 302
    latest = services.weights_in_force()
    assert (latest.urgent_threshold, latest.changed_by, latest.note) == (40, administrator, "More families qualify")
    first.refresh_from_db()
    assert first.urgent_threshold == 50  # the earlier version stays as it was, for the studies that used it


def test_a_version_of_the_weights_cannot_be_edited_or_deleted(client, administrator):
    version = services.weights_in_force()
    client.force_login(administrator)

    client.post(f"{WEIGHTS}{version.pk}/change/", {"urgent_threshold": 1})
    assert client.post(f"{WEIGHTS}{version.pk}/delete/", {"post": "yes"}).status_code == 403

    version.refresh_from_db()
    assert version.urgent_threshold == 50
    assert UrgencyWeights.objects.count() == 1


def test_the_office_reads_the_weights_but_does_not_change_them(client, office_member):
    services.weights_in_force()
    client.force_login(office_member)

    assert client.get(WEIGHTS).status_code == 200
    assert client.get(WEIGHTS + "add/").status_code == 403
