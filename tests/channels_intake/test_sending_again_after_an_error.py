"""A complaint stored, but the answer lost (the database went away while the session was being
saved, so the citizen saw the 503 page and the draft is still in the session): sending again shows
the same complaint, files and all, instead of failing on the files already moved
(found by the PostgreSQL restart drill)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Attachment, Complaint
from tests.channels_intake.test_web_form import PDF, answers, category  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_sending_again_a_draft_already_stored_shows_its_complaint(client, category, ministry):  # noqa: F811
    client.post("/en/complaints/new/", {**answers(category),
                                         "files": [SimpleUploadedFile("roof.pdf", PDF, "application/pdf")]})
    draft_as_saved = client.session["complaint_draft"]
    client.post("/en/complaints/new/check/")
    complaint = Complaint.objects.get()
    session = client.session
    session["complaint_draft"] = draft_as_saved         # the session's update never reached the database
    session["complaints_sent"] = []
    session.save()

    again = client.post("/en/complaints/new/check/")

    assert again.status_code == 302 and again["Location"] == f"/en/complaints/sent/{complaint.reference}/"
    assert client.get(again["Location"]).status_code == 200          # the confirmation, this time
    assert Complaint.objects.count() == 1 and Attachment.objects.filter(complaint=complaint).count() == 1
    assert "complaint_draft" not in client.session
