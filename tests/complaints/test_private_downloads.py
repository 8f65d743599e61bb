"""Private files leave storage through one view: as an attachment, never inline, only to someone
who can see the complaint, and each download is recorded. Everyone else gets a 404."""

import pytest
from django.core.files.base import ContentFile

from complaints.models import AccessRecord, Attachment, Complaint
from tests.factories import ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "complaints.files.storage.PrivateStorage",
                                                          "OPTIONS": {"location": tmp_path}}}


@pytest.fixture
def attachment(maintenance):
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance)
    attached = Attachment(complaint=complaint, original_name="عقد الإيجار.pdf", content_type="application/pdf",
                          size=len(PDF))
    attached.file.save("lease.pdf", ContentFile(PDF))
    return attached


def download_url(kind, pk):
    return f"/admin/complaints/complaint/files/{kind}/{pk}/"


def test_an_officer_of_the_department_downloads_an_attachment_as_an_attachment(client, attachment,
                                                                               maintenance_officer):
    client.force_login(maintenance_officer)

    response = client.get(download_url("attachment", attachment.pk))

    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    record = AccessRecord.objects.get()
    assert (record.user, record.complaint, record.what) == (maintenance_officer, attachment.complaint,
                                                            AccessRecord.What.DOWNLOADED_FILE)
    # The audit row names the file by kind and id: the citizen's file name may itself be personal data.
    assert record.detail == f"attachment {attachment.pk}" and "عقد الإيجار" not in record.detail


def test_the_case_page_links_the_download(client, attachment, maintenance_officer):
    client.force_login(maintenance_officer)
    page = client.get(f"/admin/complaints/complaint/{attachment.complaint_id}/change/").content.decode()
    assert f'href="{download_url("attachment", attachment.pk)}"' in page and "عقد الإيجار.pdf" in page


@pytest.mark.parametrize("who", ["other_department", "anonymous_staff_without_role", "unknown_id"])
def test_anyone_else_gets_a_404_and_nothing_is_recorded(client, attachment, staff_member, who, django_user_model):
    if who == "other_department":
        client.force_login(staff_member("officer.b", "department-officer", DepartmentFactory(code="allocations")))
    elif who == "anonymous_staff_without_role":
        client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))
    else:
        client.force_login(staff_member("supervisor.x", "supervisor"))
    pk = attachment.pk + 1000 if who == "unknown_id" else attachment.pk

    assert client.get(download_url("attachment", pk)).status_code == 404
    assert client.get(download_url("no-such-kind", attachment.pk)).status_code == 404
    assert not AccessRecord.objects.exists()


def test_someone_not_logged_in_is_sent_to_the_login_page(client, attachment):
    response = client.get(download_url("attachment", attachment.pk))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
