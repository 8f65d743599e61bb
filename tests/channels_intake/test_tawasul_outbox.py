"""Status changes and replies of Tawasul cases go back to Tawasul: queued with the change, sent
at least once and recorded once, retried with back-off, given up as dead letters staff send again."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from channels_intake import tasks
from channels_intake.models import TawasulUpdate
from channels_intake.tawasul import outbox
from channels_intake.tawasul.client import ReplySent, StatusChange, TawasulError
from complaints.routing import engine
from complaints import lifecycle, services
from complaints.models import Complaint, ComplaintEvent
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
Status = Complaint.Status
Outcome = outbox.Outcome


def change(complaint, to_status, *, now=None):
    with transaction.atomic():
        return lifecycle.change_status(complaint, to_status, by=None, now=now or timezone.now())


def fail_next(tawasul, times, *, retryable=True):
    tawasul.failures.extend(TawasulError("Tawasul answered 503", retryable=retryable) for _ in range(times))


# --- Queued with the change ------------------------------------------------------------------------

def test_a_status_change_of_a_tawasul_case_queues_one_update(tawasul, tawasul_case, prompts,
                                                             django_capture_on_commit_callbacks):
    complaint = tawasul_case()
    with django_capture_on_commit_callbacks(execute=True):
        event = change(complaint, Status.AWAITING_CITIZEN)

    [update] = TawasulUpdate.objects.all()
    assert (update.kind, update.case_number, update.tawasul_status) == ("status", "TW-2026-0050001",
                                                                         "PENDING_CITIZEN")
    assert update.event == event and update.happened_at == event.created_at == update.next_attempt_at
    assert prompts == [[update.pk]]                       # Celery is asked only after the commit


def test_a_reply_to_a_tawasul_case_queues_one_update_with_the_reply(tawasul, tawasul_case, prompts, officer):
    complaint = tawasul_case(status=Status.IN_PROGRESS)
    reply = services.send_reply(complaint=complaint, by=officer, text="تم إصلاح التسرب")

    [update] = TawasulUpdate.objects.all()
    assert (update.kind, update.reply, update.tawasul_status) == ("reply", reply, "ANSWERED")


def test_routing_and_closing_a_tawasul_case_queue_an_update_each(tawasul, tawasul_case, prompts, ministry, officer):
    complaint = tawasul_case(status=Status.NEW, department=None)
    engine.route_complaint(complaint.pk)
    change(Complaint.objects.get(pk=complaint.pk), Status.RESPONDED)
    services.close_complaint(complaint=complaint, by=officer)   # a staff-only event, still owed to Tawasul

    assert list(TawasulUpdate.objects.order_by("pk").values_list("tawasul_status", flat=True)) == [
        "UNDER_PROCESS", "ANSWERED", "CLOSED"]


def test_a_move_tawasul_cannot_see_queues_nothing(tawasul, tawasul_case, prompts):
    change(tawasul_case(status=Status.ROUTED), Status.IN_PROGRESS)
    assert not TawasulUpdate.objects.exists()


def test_complaints_of_other_channels_queue_nothing(tawasul, prompts, maintenance, officer):
    complaint = ComplaintFactory(channel=Complaint.Channel.WEB, status=Status.IN_PROGRESS, department=maintenance)
    change(complaint, Status.AWAITING_CITIZEN)
    change(complaint, Status.IN_PROGRESS)
    services.send_reply(complaint=complaint, by=officer, text="answer")
    assert not TawasulUpdate.objects.exists()


def test_nothing_is_queued_while_the_bridge_is_off(tawasul, tawasul_case, prompts, settings, officer):
    settings.TAWASUL_API_URL = ""
    complaint = tawasul_case(status=Status.IN_PROGRESS)
    services.send_reply(complaint=complaint, by=officer, text="answer")
    assert not TawasulUpdate.objects.exists()


def test_an_update_is_rolled_back_with_the_change_that_failed(tawasul, tawasul_case, prompts):
    complaint = tawasul_case()
    with pytest.raises(RuntimeError), transaction.atomic():
        lifecycle.change_status(complaint, Status.AWAITING_CITIZEN, by=None, now=timezone.now())
        raise RuntimeError("the rest of the service failed")
    assert not TawasulUpdate.objects.exists()


# --- Sent at least once, recorded once -------------------------------------------------------------

def test_a_status_change_is_sent_and_written_on_the_timeline(tawasul, tawasul_case, prompts):
    complaint = tawasul_case()
    event = change(complaint, Status.AWAITING_CITIZEN)
    [update] = TawasulUpdate.objects.all()
    sent_at = timezone.now()

    assert outbox.send(update.pk, now=sent_at) is Outcome.SENT
    assert tawasul.sent == [StatusChange(case_number="TW-2026-0050001", status="PENDING_CITIZEN",
                                         changed_at=event.created_at, key=f"moh-tawasul-update-{update.pk}")]
    update.refresh_from_db()
    assert (update.sent_at, update.next_attempt_at, update.attempts) == (sent_at, None, 1)
    [recorded] = complaint.events.filter(kind=ComplaintEvent.Kind.TAWASUL_SENT)
    assert recorded.is_public is False and "PENDING_CITIZEN" in recorded.note
    assert recorded.data == {"tawasul_update": update.pk, "kind": "status", "status": "PENDING_CITIZEN"}


def test_a_reply_is_sent_with_its_text_and_language(tawasul, tawasul_case, prompts, officer):
    complaint = tawasul_case(status=Status.IN_PROGRESS, citizen__preferred_language="en")
    reply = services.send_reply(complaint=complaint, by=officer, text="The leak was repaired.")
    tasks.send_tawasul_updates([TawasulUpdate.objects.get().pk])

    assert tawasul.sent == [ReplySent(case_number="TW-2026-0050001", text="The leak was repaired.", language="en",
                                      replied_at=reply.created_at, key=tawasul.sent[0].key)]


def test_an_update_is_sent_once_however_often_it_is_asked_for(tawasul, tawasul_case, prompts):
    change(tawasul_case(), Status.AWAITING_CITIZEN)
    [update] = TawasulUpdate.objects.all()
    assert tasks.send_tawasul_updates([update.pk]) == 1
    assert tasks.send_tawasul_updates([update.pk]) == 0
    assert tasks.send_due_tawasul_updates() == 0
    assert len(tawasul.sent) == 1
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.TAWASUL_SENT).count() == 1


def test_beat_sends_an_update_whose_task_was_lost(tawasul, tawasul_case, prompts):
    change(tawasul_case(), Status.AWAITING_CITIZEN)            # `prompts` swallowed the Celery message
    assert tasks.send_due_tawasul_updates() == 1
    assert len(tawasul.sent) == 1


# --- Retries, back-off and dead letters ----------------------------------------------------------

@pytest.mark.parametrize(("attempts", "minutes"), [(1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (7, 60), (12, 60)])
def test_the_wait_doubles_after_each_failure_up_to_an_hour(attempts, minutes):
    assert outbox.retry_delay(attempts) == timedelta(minutes=minutes)


def test_a_failed_send_is_counted_and_tried_again_after_the_back_off(tawasul, tawasul_case, prompts):
    change(tawasul_case(), Status.AWAITING_CITIZEN)
    [update] = TawasulUpdate.objects.all()
    fail_next(tawasul, 2)
    now = timezone.now()

    assert outbox.send(update.pk, now=now) is Outcome.RETRY_LATER
    update.refresh_from_db()
    assert (update.attempts, update.next_attempt_at, update.last_error) == (
        1, now + timedelta(minutes=1), "Tawasul answered 503")
    assert outbox.due_ids(now=now + timedelta(seconds=59)) == []
    assert outbox.due_ids(now=now + timedelta(minutes=1)) == [update.pk]

    assert outbox.send(update.pk, now=now + timedelta(minutes=1)) is Outcome.RETRY_LATER
    update.refresh_from_db()
    assert update.next_attempt_at == now + timedelta(minutes=1) + timedelta(minutes=2)

    assert outbox.send(update.pk, now=now + timedelta(minutes=3)) is Outcome.SENT
    update.refresh_from_db()
    assert update.attempts == 3 and update.last_error == "" and len(tawasul.sent) == 1
    assert not ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.TAWASUL_FAILED).exists()


def test_after_the_last_attempt_the_update_is_a_dead_letter_on_the_timeline(tawasul, tawasul_case, prompts):
    complaint = tawasul_case()
    change(complaint, Status.AWAITING_CITIZEN)
    [update] = TawasulUpdate.objects.all()
    fail_next(tawasul, outbox.MAX_ATTEMPTS)
    now = timezone.now()

    outcomes = []
    for _ in range(outbox.MAX_ATTEMPTS):
        update.refresh_from_db()
        now = update.next_attempt_at
        outcomes.append(outbox.send(update.pk, now=now))

    assert outcomes == [Outcome.RETRY_LATER] * (outbox.MAX_ATTEMPTS - 1) + [Outcome.GIVEN_UP]
    update.refresh_from_db()
    assert (update.failed_at, update.next_attempt_at, update.sent_at) == (now, None, None)
    assert outbox.due_ids(now=now + timedelta(days=1)) == []
    [failed] = complaint.events.filter(kind=ComplaintEvent.Kind.TAWASUL_FAILED)
    assert "Tawasul answered 503" in failed.note and failed.is_public is False
    assert failed.data["attempts"] == outbox.MAX_ATTEMPTS


def test_a_request_tawasul_refuses_is_given_up_at_once(tawasul, tawasul_case, prompts):
    change(tawasul_case(), Status.AWAITING_CITIZEN)
    [update] = TawasulUpdate.objects.all()
    fail_next(tawasul, 1, retryable=False)

    assert outbox.send(update.pk) is Outcome.GIVEN_UP
    update.refresh_from_db()
    assert update.attempts == 1 and update.failed_at is not None


def test_a_case_s_updates_reach_tawasul_in_their_order(tawasul, tawasul_case, prompts):
    complaint = tawasul_case()
    change(complaint, Status.AWAITING_CITIZEN)
    change(complaint, Status.RESPONDED)
    first, second = TawasulUpdate.objects.order_by("pk")
    fail_next(tawasul, 1)

    assert outbox.send(first.pk) is Outcome.RETRY_LATER
    assert outbox.send(second.pk) is Outcome.WAITING    # it would be overwritten by the retry
    first.refresh_from_db()
    outbox.send(first.pk, now=first.next_attempt_at)
    outbox.send(second.pk)
    assert [sent.status for sent in tawasul.sent] == ["PENDING_CITIZEN", "ANSWERED"]


def test_while_tawasul_is_down_beat_stops_after_a_few_failures(tawasul, tawasul_case, prompts):
    for number in range(5):
        change(tawasul_case(f"TW-2026-005000{number}"), Status.AWAITING_CITIZEN)
    fail_next(tawasul, 5)

    assert tasks.send_due_tawasul_updates() == 0
    assert list(TawasulUpdate.objects.order_by("pk").values_list("attempts", flat=True)) == [1, 1, 1, 0, 0]
    assert len(tawasul.failures) == 2


# --- Sent again from the admin ------------------------------------------------------------------

@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("agent.huda", "huda@housing.gov.bh", "pw"))
    return client


def given_up(tawasul, complaint, to_status):
    change(complaint, to_status)
    update = TawasulUpdate.objects.latest("pk")
    fail_next(tawasul, 1, retryable=False)
    assert outbox.send(update.pk) is Outcome.GIVEN_UP
    return update


def test_staff_send_a_dead_letter_again_from_the_admin(tawasul, tawasul_case, prompts, admin_client,
                                                      django_capture_on_commit_callbacks):
    update = given_up(tawasul, tawasul_case(), Status.AWAITING_CITIZEN)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/channels_intake/tawasulupdate/",
                                     {"action": "send_again", "_selected_action": [update.pk]}, follow=True,
                                     headers={"Accept-Language": "en"})
    assert "1 update queued again." in response.content.decode()
    update.refresh_from_db()
    assert (update.failed_at, update.attempts) == (None, 0) and update.next_attempt_at is not None
    assert prompts[-1] == [update.pk]
    assert tasks.send_tawasul_updates([update.pk]) == 1


def test_a_status_change_overtaken_by_a_later_delivered_update_is_not_sent_again(tawasul, tawasul_case, prompts):
    complaint = tawasul_case()
    stale = given_up(tawasul, complaint, Status.AWAITING_CITIZEN)
    change(complaint, Status.RESPONDED)
    tasks.send_due_tawasul_updates()

    assert outbox.send_again([stale.pk]) == ([], [stale.pk])
    stale.refresh_from_db()
    assert stale.failed_at is not None and stale.next_attempt_at is None


def test_the_outbox_list_filters_dead_letters_and_links_the_mismatch_report(tawasul, tawasul_case, prompts,
                                                                           admin_client):
    dead = given_up(tawasul, tawasul_case(), Status.AWAITING_CITIZEN)
    change(tawasul_case("TW-2026-0050002"), Status.AWAITING_CITIZEN)

    page = admin_client.get("/admin/channels_intake/tawasulupdate/?state=given_up").content.decode()
    assert f"/admin/channels_intake/tawasulupdate/{dead.pk}/change/" in page
    assert "TW-2026-0050002" not in page
    assert "/admin/channels_intake/tawasulupdate/mismatches/" in page


def test_the_outbox_list_costs_the_same_few_queries_however_long(tawasul, tawasul_case, prompts, admin_client,
                                                                 django_assert_max_num_queries):
    for number in range(12):
        change(tawasul_case(f"TW-2026-00600{number:02d}"), Status.AWAITING_CITIZEN)
    with django_assert_max_num_queries(7):
        assert admin_client.get("/admin/channels_intake/tawasulupdate/").status_code == 200
