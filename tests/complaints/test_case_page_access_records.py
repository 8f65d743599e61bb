"""A case page is recorded as opened only once it has rendered: one that failed showed the citizen's
data to nobody. Rendered with the manifest storage and no manifest, every static name is refused,
as a file renamed away is under DEBUG off."""

import pytest

from complaints.models import AccessRecord, Complaint
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(maintenance, fatima):
    return ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance, citizen=fatima)


@pytest.fixture
def static_names_refused(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # no staticfiles.json here
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}


def test_a_case_page_that_fails_to_render_is_not_recorded_as_opened(client, complaint, maintenance_officer,
                                                                     static_names_refused):
    client.force_login(maintenance_officer)

    with pytest.raises(ValueError, match="manifest"):
        client.get(f"/admin/complaints/complaint/{complaint.pk}/change/")

    assert not AccessRecord.objects.exists()


def test_a_full_cpr_that_fails_to_render_is_not_recorded_as_shown(client, complaint, maintenance_officer,
                                                                  static_names_refused):
    client.force_login(maintenance_officer)

    with pytest.raises(ValueError, match="manifest"):
        client.post(f"/admin/complaints/complaint/{complaint.pk}/cpr/")

    assert not AccessRecord.objects.exists()


def test_a_case_page_that_rendered_is_recorded_once(client, complaint, maintenance_officer):
    client.force_login(maintenance_officer)

    assert client.get(f"/admin/complaints/complaint/{complaint.pk}/change/").status_code == 200

    assert list(AccessRecord.objects.values_list("user", "what", "complaint")) == [
        (maintenance_officer.pk, AccessRecord.What.OPENED_CASE, complaint.pk)]
