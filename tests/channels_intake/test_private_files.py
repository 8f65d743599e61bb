"""Scanned Taht Amrak letters and press clippings are served by the core's one permission-checked
download, linked from the case page; a clipping not yet a complaint is for the monitors."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from channels_intake.models import BoxLetter, MediaItem
from complaints.models import AccessRecord, Complaint
from tests.factories import ComplaintFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "complaints.files.storage.PrivateStorage",
                                                          "OPTIONS": {"location": tmp_path}}}


def jpeg() -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("L", (20, 20), "white").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def box_letter(maintenance):
    complaint = ComplaintFactory(status=Complaint.Status.ROUTED, department=maintenance,
                                 channel=Complaint.Channel.TAHT_AMRAK)
    letter = BoxLetter(complaint=complaint, box="Isa Town", collected_on=timezone.localdate(),
                       opened_by=UserFactory(username="agent.huda"), witnessed_by="Ali")
    letter.scan.save("scan.jpg", ContentFile(jpeg()))
    return letter


def media_item(**fields):
    item = MediaItem(outlet="Al Ayam", medium="print", published_on=timezone.localdate(), headline="Leaks",
                     excerpt="...", logged_by=UserFactory(username="monitor.noor"), logged_at=timezone.now(),
                     clipping_name="alayam p5.png", clipping_type="image/png", **fields)
    item.clipping.save("clip.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    return item


def test_a_scanned_letter_downloads_for_the_department_and_is_linked_from_the_case(client, box_letter,
                                                                                   maintenance_officer):
    client.force_login(maintenance_officer)
    url = f"/admin/complaints/complaint/files/letter-scan/{box_letter.pk}/"

    assert url in client.get(f"/admin/complaints/complaint/{box_letter.complaint_id}/change/").content.decode()
    response = client.get(url)

    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == f'attachment; filename="letter-{box_letter.pk}.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessRecord.objects.get(what=AccessRecord.What.DOWNLOADED_FILE).complaint == box_letter.complaint


def test_another_departments_officer_cannot_download_the_letter(client, box_letter, staff_member):
    client.force_login(staff_member("officer.b", "department-officer", DepartmentFactory(code="allocations")))
    assert client.get(f"/admin/complaints/complaint/files/letter-scan/{box_letter.pk}/").status_code == 404


def test_a_clipping_of_a_complaint_follows_the_complaint(client, maintenance, maintenance_officer, staff_member):
    complaint = ComplaintFactory(status=Complaint.Status.ROUTED, department=maintenance)
    item = media_item(complaint=complaint)
    url = f"/admin/complaints/complaint/files/media-clipping/{item.pk}/"
    client.force_login(maintenance_officer)

    response = client.get(url)

    assert response.status_code == 200 and "attachment;" in response["Content-Disposition"]
    client.force_login(staff_member("officer.b", "department-officer", DepartmentFactory(code="allocations")))
    assert client.get(url).status_code == 404


def test_a_clipping_not_yet_a_complaint_is_for_the_monitors_only(client, staff_member, maintenance_officer):
    item = media_item()
    url = f"/admin/complaints/complaint/files/media-clipping/{item.pk}/"
    client.force_login(maintenance_officer)
    assert client.get(url).status_code == 404

    client.force_login(staff_member("monitor.sara", "media-monitor"))
    response = client.get(url)

    assert response.status_code == 200 and 'filename="alayam p5.png"' in response["Content-Disposition"]
    record = AccessRecord.objects.get()
    assert record.complaint is None and record.detail == f"media-clipping {item.pk}"


def test_the_media_item_page_links_its_clipping_to_the_download(client, staff_member):
    item = media_item()
    client.force_login(staff_member("monitor.sara", "media-monitor"))
    page = client.get(f"/admin/channels_intake/mediaitem/{item.pk}/change/").content.decode()
    assert f'href="/admin/complaints/complaint/files/media-clipping/{item.pk}/"' in page
