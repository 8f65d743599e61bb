"""Files attached to a web form that was never sent are not kept for ever: beat deletes them a day
after they were attached, and one address may hold only so many of them in an hour."""

import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from complaints import tasks
from complaints.files import uploads
from complaints.models import Complaint
from tests.channels_intake.test_web_form import PDF, answers, category, upload  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files_in(tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "complaints.files.storage.PrivateStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return tmp_path


def held_since(age: timedelta) -> str:
    key = uploads.hold(ContentFile(PDF, name="roof.pdf"), "application/pdf").key
    moment = (timezone.now() - age).timestamp()
    os.utime(storages["private"].path(key), (moment, moment))
    return key


def test_a_draft_file_older_than_a_day_is_deleted_and_a_younger_one_kept():
    old, young = held_since(timedelta(hours=25)), held_since(timedelta(hours=23))

    assert uploads.delete_expired_drafts(now=timezone.now()) == 1

    assert not storages["private"].exists(old)
    assert storages["private"].exists(young)


def test_the_beat_task_deletes_expired_drafts():
    old = held_since(timedelta(days=3))
    assert tasks.delete_expired_drafts() == 1
    assert not storages["private"].exists(old)


def test_nothing_to_delete_when_no_file_was_ever_held():
    assert uploads.delete_expired_drafts(now=timezone.now()) == 0


def test_a_draft_whose_files_expired_is_sent_without_them(client, category, ministry):  # noqa: F811
    client.post("/en/complaints/new/", {**answers(category), "files": [upload("roof.pdf", PDF, "application/pdf")]})
    uploads.delete_expired_drafts(now=timezone.now() + timedelta(days=2))

    assert "roof.pdf" not in client.get("/en/complaints/new/check/").content.decode()
    assert client.post("/en/complaints/new/check/").status_code == 302
    assert not Complaint.objects.get().attachments.exists()


def test_one_address_may_hold_only_so_many_draft_files_an_hour_and_keeps_what_it_typed(client, category):  # noqa: F811
    invalid = answers(category, subject="")  # a form to correct: its files are held all the same
    for _ in range(uploads.DRAFT_FILES_PER_HOUR // 5):
        client.cookies.clear()
        files = [upload(f"page-{n}.pdf", PDF, "application/pdf") for n in range(5)]
        assert client.post("/en/complaints/new/", {**invalid, "files": files}).status_code == 400
    held = len(storages["private"].listdir(uploads.DRAFTS)[1])
    assert held == uploads.DRAFT_FILES_PER_HOUR

    client.cookies.clear()
    response = client.post("/en/complaints/new/", {**invalid, "body": "The ceiling still leaks.",
                                                   "files": [upload("one-more.pdf", PDF, "application/pdf")]})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Too many files were attached from this connection in the last hour." in page
    assert "The ceiling still leaks." in page                   # nothing typed is lost
    assert len(storages["private"].listdir(uploads.DRAFTS)[1]) == held


def test_the_allowance_counts_bytes_as_well_as_files():
    big = ContentFile(b"x", name="big.pdf")
    big.size = uploads.DRAFT_BYTES_PER_HOUR
    assert uploads.take_draft_allowance("192.0.2.7", [big]) is True
    assert uploads.take_draft_allowance("192.0.2.7", [ContentFile(PDF, name="small.pdf")]) is False
    assert uploads.take_draft_allowance("192.0.2.8", [ContentFile(PDF, name="small.pdf")]) is True

