"""The retention policy: closed complaints lose their personal data after the period, files are
deleted, citizens follow once nothing of theirs is retained, and each run is recorded."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from channels_intake.models import BoxLetter, Call, InboundItem, MediaItem, SocialPost
from complaints import tasks
from complaints.append_only import REDACTED
from complaints.data_protection import retention
from complaints.models import (Attachment, Citizen, Complaint, ComplaintEvent, Notification, Rating, Referral, Reply,
                               RetentionRun, SearchText)
from minister_office.models import AgendaItem, Directive, FollowUp, UrgencyAssessment
from tests.factories import CitizenFactory, ComplaintFactory

from .conftest import PERIOD_DAYS

pytestmark = pytest.mark.django_db


def exists(name: str) -> bool:
    return Attachment._meta.get_field("file").storage.exists(name)


def stored_files(complaint) -> list[str]:
    names = [a.file.name for a in Attachment.objects.filter(complaint=complaint)]
    names += [letter.scan.name for letter in BoxLetter.objects.filter(complaint=complaint)]
    names += [item.clipping.name for item in MediaItem.objects.filter(complaint=complaint)]
    return [name for name in names if name]


def test_a_complaint_closed_longer_than_the_period_loses_every_personal_detail(full_case):
    complaint = full_case()
    files = stored_files(complaint)
    assert len(files) == 3 and all(exists(name) for name in files)

    run = retention.apply_retention()

    complaint.refresh_from_db()
    assert complaint.anonymised_at is not None
    assert (complaint.subject, complaint.body, complaint.contact_mobile, complaint.contact_email,
            complaint.housing_application_number) == (REDACTED, REDACTED, "", "", "")
    assert not SearchText.objects.filter(complaint=complaint).exists()
    notes = set(ComplaintEvent.objects.filter(complaint=complaint).values_list("note", flat=True))
    assert notes <= {REDACTED, ""}
    decided = ComplaintEvent.objects.get(complaint=complaint, kind="council_decided")
    assert decided.data == {"session": 1}
    assert complaint.events.filter(kind=ComplaintEvent.Kind.DATA_ANONYMISED).count() == 1
    assert Reply.objects.get(complaint=complaint).text == REDACTED
    assert Rating.objects.get(complaint=complaint).comment == ""
    notification = Notification.objects.get(complaint=complaint)
    assert (notification.recipient, notification.context) == ("", {})
    referral = Referral.objects.get(complaint=complaint)
    assert (referral.note, referral.answer) == (REDACTED, REDACTED)
    # Files: gone from storage, rows kept and marked.
    assert not any(exists(name) for name in files)
    attachment = Attachment.objects.get(complaint=complaint)
    assert (attachment.file.name, attachment.original_name) == ("", REDACTED) and attachment.erased_at
    assert BoxLetter.objects.get(complaint=complaint).scan_erased_at is not None
    item = MediaItem.objects.get(complaint=complaint)
    assert (item.clipping.name, item.excerpt, item.headline) == ("", REDACTED, REDACTED) and item.clipping_erased_at
    # The channels' raw items.
    assert InboundItem.objects.get(complaint=complaint).payload == {}
    call = Call.objects.get(complaint=complaint)
    assert (call.caller_number, call.notes, call.telephony_record) == ("", REDACTED, {})
    post = SocialPost.objects.get(complaint=complaint)
    assert (post.author_handle, post.text, post.link) == (REDACTED, REDACTED, "")
    # The minister's office: the family's circumstances go, the score and decision stay.
    study = UrgencyAssessment.objects.get(complaint=complaint)
    assert (study.household_size, study.monthly_income, study.members_with_disability, study.breakdown,
            study.override_reason) == (0, 0, 0, [], REDACTED)
    assert (study.score, study.urgent) == (88, True)
    assert Directive.objects.get(complaint=complaint).text == REDACTED
    assert AgendaItem.objects.get(complaint=complaint).decision == REDACTED
    follow_up = FollowUp.objects.get(item__complaint=complaint)
    assert (follow_up.action, follow_up.closing_note) == (REDACTED, REDACTED)
    # The citizen had nothing else: anonymised too.
    citizen = Citizen.objects.get(pk=complaint.citizen_id)
    assert (citizen.name, citizen.mobile, citizen.email) == (REDACTED, "", "")
    assert citizen.cpr.startswith("#") and citizen.anonymised_at
    assert (run.complaints, run.citizens, run.files, run.held) == (1, 1, 3, 0)
    assert run.counts["replies"] == 1 and run.counts["urgency studies"] == 1


def test_what_the_statistics_need_stays(full_case):
    complaint = full_case()
    before = Complaint.objects.filter(pk=complaint.pk).values(
        "reference", "kind", "channel", "status", "category", "department", "received_at", "responded_at",
        "due_at", "language", "citizen").get()

    retention.apply_retention()

    after = Complaint.objects.filter(pk=complaint.pk).values(*before).get()
    assert after == before
    assert Rating.objects.get(complaint=complaint).score == 2
    assert ComplaintEvent.objects.filter(complaint=complaint, kind="rated").get().data == {"score": 2}


def test_complaints_within_the_period_and_open_ones_are_kept(full_case):
    recent = full_case(closed_days_ago=PERIOD_DAYS - 10, tag="R")
    still_open = full_case(closed_days_ago=PERIOD_DAYS + 100, status=Complaint.Status.IN_PROGRESS, tag="O")

    run = retention.apply_retention()

    assert run.complaints == 0
    for complaint in (recent, still_open):
        complaint.refresh_from_db()
        assert complaint.anonymised_at is None and complaint.body != REDACTED
        assert all(exists(name) for name in stored_files(complaint))
        assert Citizen.objects.get(pk=complaint.citizen_id).anonymised_at is None


def test_a_citizen_keeps_their_details_while_another_complaint_of_theirs_is_retained(full_case):
    fatima = CitizenFactory(name="Fatima Ali")
    old = full_case(fatima, tag="Old")
    newer = full_case(fatima, closed_days_ago=PERIOD_DAYS - 100, tag="New")

    retention.apply_retention()

    old.refresh_from_db()
    fatima.refresh_from_db()
    assert old.anonymised_at is not None
    assert (fatima.name, fatima.anonymised_at) == ("Fatima Ali", None)
    assert Call.objects.get(complaint=newer).caller_number == fatima.mobile

    # A year later the second complaint's period is over too: now the citizen goes.
    retention.apply_retention(now=timezone.now() + timedelta(days=200))

    fatima.refresh_from_db()
    assert fatima.anonymised_at is not None and fatima.name == REDACTED


def test_an_open_council_follow_up_holds_the_complaint_back(full_case):
    held = full_case(with_follow_up_open=True)

    run = retention.apply_retention()

    held.refresh_from_db()
    assert held.anonymised_at is None and run.held == 1 and run.complaints == 0


def test_complaints_merged_into_a_closed_one_go_with_it(full_case):
    master = full_case(tag="M")
    merged = ComplaintFactory(citizen=master.citizen, status=Complaint.Status.MERGED, master=master,
                              body="the same leak, by phone", received_at=master.received_at)

    retention.apply_retention()

    merged.refresh_from_db()
    assert merged.anonymised_at is not None and merged.body == REDACTED


def test_batches_cover_every_complaint_and_a_second_run_changes_nothing(full_case):
    for tag in "ABCDE":
        full_case(tag=tag)

    first = retention.apply_retention(batch_size=2)
    second = retention.apply_retention(batch_size=2)

    assert (first.complaints, first.citizens, first.files) == (5, 5, 15)
    assert (second.complaints, second.citizens, second.files) == (0, 0, 0)
    assert not Complaint.objects.filter(anonymised_at__isnull=True).exists()
    assert RetentionRun.objects.count() == 2


def test_a_dry_run_counts_exactly_and_changes_nothing(full_case):
    complaint = full_case()
    files = stored_files(complaint)

    run = retention.apply_retention(dry_run=True)

    assert run.dry_run and (run.complaints, run.citizens, run.files) == (1, 1, 3)
    complaint.refresh_from_db()
    assert complaint.anonymised_at is None and complaint.body != REDACTED
    assert all(exists(name) for name in files)
    assert Citizen.objects.get(pk=complaint.citizen_id).anonymised_at is None


def test_the_command_prints_its_counts(full_case, capsys):
    full_case()

    call_command("apply_retention", "--dry-run")
    call_command("apply_retention")

    out = capsys.readouterr().out
    assert "Dry run: would anonymise complaints=1 citizens=1 files=3 held=0" in out
    assert "Anonymised complaints=1 citizens=1 files=3 held=0" in out
    assert "  replies: 1" in out


def test_the_daily_task_applies_the_policy(full_case):
    complaint = full_case()

    assert tasks.apply_retention() == 1

    complaint.refresh_from_db()
    assert complaint.anonymised_at is not None


def test_items_that_never_became_a_complaint_are_redacted_after_the_period(db):
    old = timezone.now() - timedelta(days=PERIOD_DAYS + 1)
    recent = timezone.now() - timedelta(days=3)
    old_call = Call.objects.create(call_id="c-old", caller_number="+97333334444", started_at=old, notes="asked",
                                   talk_seconds=60, wait_seconds=10)
    new_call = Call.objects.create(call_id="c-new", caller_number="+97333335555", started_at=recent, notes="asked")
    old_post = SocialPost.objects.create(platform="x", post_id="1", author_handle="@a", text="t", posted_at=old,
                                         received_at=old, state="dismissed")
    failed = InboundItem.objects.create(channel="tawasul", external_id="T-1", payload={"cpr": "900000001"},
                                        received_at=old, state="failed", error="bad CPR 900000001")

    retention.apply_retention()

    old_call.refresh_from_db(), new_call.refresh_from_db(), old_post.refresh_from_db(), failed.refresh_from_db()
    assert (old_call.caller_number, old_call.notes, old_call.talk_seconds, old_call.wait_seconds) == (
        "", REDACTED, 60, 10)
    assert new_call.caller_number == "+97333335555"
    assert (old_post.text, old_post.author_handle) == (REDACTED, REDACTED)
    assert (failed.payload, failed.error) == ({}, "")


@pytest.mark.django_db(transaction=True)
def test_a_run_under_autocommit_commits_batch_by_batch(full_case):
    """As beat runs it: no surrounding transaction, each batch committed on its own."""
    for tag in "ABC":
        full_case(tag=tag)

    run = retention.apply_retention(batch_size=2)

    assert (run.complaints, run.citizens, run.files) == (3, 3, 9)
    assert not Complaint.objects.filter(anonymised_at__isnull=True).exists()
