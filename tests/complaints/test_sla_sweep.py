"""The SLA sweep: each reminder and each breach once, however often or concurrently it runs."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection

from complaints.models import Complaint, ComplaintEvent, SlaClock, SlaNotice, StaffProfile
from complaints.notifications import to_staff
from complaints.sla import arithmetic, sweep
from tests.factories import ComplaintFactory, DepartmentFactory, UserFactory

BAHRAIN = ZoneInfo("Asia/Bahrain")
NOW = datetime(2026, 11, 28, 6, 0, tzinfo=BAHRAIN)
PLAN = arithmetic.SweepPlan((7, 2))


def open_complaint(*, due_in, stage=None, **values):
    due_at = NOW + due_in
    stage = PLAN.stage_at(due_at, NOW - timedelta(days=1)) if stage is None else stage
    return ComplaintFactory(status=Complaint.Status.IN_PROGRESS, received_at=due_at - timedelta(days=30),
                            due_at=due_at, clock__stage=stage, clock__next_action_at=PLAN.next_action_at(due_at, stage),
                            **values)


def run(now=NOW, chunk_size=1000, on_notices=None):
    return sweep.sweep(now=now, plan=PLAN, chunk_size=chunk_size, on_notices=on_notices)


@pytest.mark.django_db
def test_complaints_crossing_a_threshold_get_one_reminder_or_breach():
    far = open_complaint(due_in=timedelta(days=20))
    seven = open_complaint(due_in=timedelta(days=6, hours=23), stage=0)
    two = open_complaint(due_in=timedelta(days=1, hours=12), stage=1)
    late = open_complaint(due_in=timedelta(hours=-1), stage=2)

    result = run()

    assert (result.reminders, result.breaches) == (2, 1)
    stages = dict(SlaClock.objects.values_list("pk", "stage"))
    assert stages == {far.pk: 0, seven.pk: 1, two.pk: 2, late.pk: 3}
    assert set(SlaNotice.objects.values_list("complaint_id", "kind", "stage")) == {
        (seven.pk, "reminder", 1), (two.pk, "reminder", 2), (late.pk, "breach", 3)}
    late_clock = SlaClock.objects.get(complaint=late)
    assert late_clock.breached_at == NOW and late_clock.next_action_at is None
    assert ComplaintEvent.objects.filter(complaint=late, kind=ComplaintEvent.Kind.SLA_BREACHED).count() == 1


@pytest.mark.django_db
def test_the_next_check_is_the_next_threshold():
    seven = open_complaint(due_in=timedelta(days=5), stage=0)
    run()
    assert SlaClock.objects.get(complaint=seven).next_action_at == seven.due_at - timedelta(days=2)


@pytest.mark.django_db
def test_running_the_sweep_again_sends_nothing_new():
    open_complaint(due_in=timedelta(days=6), stage=0)
    open_complaint(due_in=timedelta(days=-3), stage=2)
    run()
    again = run(now=NOW + timedelta(minutes=5))
    assert (again.reminders, again.breaches) == (0, 0)
    assert SlaNotice.objects.count() == 2
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.SLA_BREACHED).count() == 1


@pytest.mark.django_db
def test_a_complaint_the_sweep_missed_for_days_gets_only_the_latest_notice():
    forgotten = open_complaint(due_in=timedelta(days=-1), stage=0)
    run()
    assert list(SlaNotice.objects.filter(complaint=forgotten).values_list("kind", flat=True)) == ["breach"]


@pytest.mark.django_db
def test_paused_and_closed_complaints_are_left_alone():
    paused = open_complaint(due_in=timedelta(days=1), stage=0)
    Complaint.objects.filter(pk=paused.pk).update(sla_paused_at=NOW, status=Complaint.Status.AWAITING_CITIZEN)
    SlaClock.objects.filter(complaint=paused).update(next_action_at=None)
    ComplaintFactory(status=Complaint.Status.CLOSED, due_at=NOW - timedelta(days=3))
    assert run().reminders + run().breaches == 0
    assert not SlaNotice.objects.exists()


@pytest.mark.django_db
def test_a_large_backlog_is_swept_in_chunks():
    for _ in range(7):
        open_complaint(due_in=timedelta(days=-2), stage=0)
    result = run(chunk_size=3)
    assert result.breaches == 7
    assert result.chunks == 3
    assert not SlaClock.objects.filter(next_action_at__lte=NOW).exists()


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_once():
    for days in range(-3, 7):
        open_complaint(due_in=timedelta(days=days, hours=1), stage=0)
    queued = []
    barrier = threading.Barrier(2)

    def sweeper():
        barrier.wait()
        try:
            run(chunk_size=2, on_notices=queued.extend)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweeper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    notices = list(SlaNotice.objects.values_list("complaint_id", "stage"))
    assert len(notices) == len(set(notices)) == SlaClock.objects.filter(stage__gt=0).count() == 10
    assert sorted(queued) == sorted(SlaNotice.objects.values_list("pk", flat=True))
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.SLA_BREACHED).count() == 3


@pytest.mark.django_db
def test_breaches_are_announced_to_the_ministers_office_after_commit(django_capture_on_commit_callbacks):
    late = open_complaint(due_in=timedelta(hours=-2), stage=2)
    announced = []

    def listener(sender, complaint_ids, **kwargs):
        announced.extend(complaint_ids)

    sweep.sla_breached.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run()
    finally:
        sweep.sla_breached.disconnect(listener)
    assert announced == [late.pk]


@pytest.mark.django_db
def test_reminders_go_to_the_assignee_and_the_department_breaches_to_its_heads_too():
    department = DepartmentFactory(code="legal-affairs", name_en="Legal Affairs", email="legal@housing.gov.bh")
    officer = UserFactory(username="officer.noor", email="noor@housing.gov.bh")
    head = UserFactory(username="head.ali", email="ali@housing.gov.bh")
    StaffProfile.objects.create(user=head, department=department, is_head=True)
    reminded = open_complaint(due_in=timedelta(days=2, hours=-1), stage=1, department=department, assignee=officer)
    breached = open_complaint(due_in=timedelta(hours=-1), stage=2, department=department, assignee=officer)
    run()

    sent = to_staff.send_sla_notices(SlaNotice.objects.values_list("pk", flat=True), now=NOW)

    assert sent == 2
    by_complaint = {message.subject: message.to for message in mail.outbox}
    reminder_to = next(to for subject, to in by_complaint.items() if reminded.display_reference in subject)
    breach_to = next(to for subject, to in by_complaint.items() if breached.display_reference in subject)
    assert reminder_to == ["noor@housing.gov.bh", "legal@housing.gov.bh"]
    assert breach_to == ["noor@housing.gov.bh", "legal@housing.gov.bh", "ali@housing.gov.bh"]
    assert "تذكير" in mail.outbox[0].subject or "تأخر" in mail.outbox[0].subject
    assert to_staff.send_sla_notices(SlaNotice.objects.values_list("pk", flat=True), now=NOW) == 0
    assert len(mail.outbox) == 2
