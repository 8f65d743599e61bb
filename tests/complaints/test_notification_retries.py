"""A message to a citizen whose gateway fails: tried again after 1, 2, 4 … minutes, then given up
(a dead letter) that a supervisor sends again from the back office."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints import intake, tasks
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint, Notification
from complaints.notifications import to_citizens
from complaints.notifications.sms import MemoryBackend

pytestmark = pytest.mark.django_db


def submit(cpr="850412345", email=""):
    return intake.receive(IntakeRequest(
        channel=Complaint.Channel.WEB, subject="تسرب مياه", body="تفاصيل",
        citizen=CitizenDetails(name="فاطمة علي", cpr=cpr, mobile="39123456", email=email))).complaint


@pytest.fixture
def gateway_down(monkeypatch):
    calls = []

    def broken(self, message):
        calls.append(message)
        raise ConnectionError("gateway down")

    monkeypatch.setattr(MemoryBackend, "send", broken)
    return calls


def given_up(now):
    submit()
    notification = Notification.objects.get()
    Notification.objects.filter(pk=notification.pk).update(
        attempts=to_citizens.MAX_ATTEMPTS, failed_at=now, last_error="ConnectionError: gateway down")
    return notification


def test_each_failure_waits_twice_as_long_as_the_last_then_the_message_is_given_up(gateway_down):
    submit()
    notification = Notification.objects.get()
    now = timezone.now()
    waits = []
    for _attempt in range(to_citizens.MAX_ATTEMPTS):
        assert to_citizens.send(notification.pk, now=now) is False
        notification.refresh_from_db()
        if notification.next_attempt_at is None:
            break
        waits.append(notification.next_attempt_at - now)
        assert to_citizens.pending_ids(now=notification.next_attempt_at - timedelta(seconds=1)) == []
        now = notification.next_attempt_at
        assert to_citizens.pending_ids(now=now) == [notification.pk]

    assert waits == [timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 16, 32, 60)]
    assert notification.attempts == to_citizens.MAX_ATTEMPTS and notification.failed_at == now
    assert notification.sent_at is None and "gateway down" in notification.last_error
    assert to_citizens.pending_ids(now=now + timedelta(days=1)) == []
    assert to_citizens.send(notification.pk, now=now) is False    # a late task leaves it given up
    assert len(gateway_down) == to_citizens.MAX_ATTEMPTS


def test_after_a_failure_a_channel_is_left_alone_for_a_while_and_the_others_still_go(gateway_down):
    for number in range(6):
        submit(cpr=f"85041234{number}")
    submit(cpr="850412349", email="fatima@example.com")
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=5))

    assert tasks.send_pending_notifications() == 1                      # the e-mail
    assert len(gateway_down) == 1                                        # one SMS waited for the gateway
    sms = Notification.objects.filter(channel=Notification.Channel.SMS)
    assert sms.filter(attempts=1).count() == 1 and sms.filter(attempts=0).count() == 6   # not counted
    assert tasks.send_notifications(list(sms.filter(attempts=0).values_list("pk", flat=True))) == 0
    assert len(gateway_down) == 1                                        # its own tasks leave it alone too

    later = timezone.now() + to_citizens.CHANNEL_PAUSE + timedelta(seconds=1)
    assert to_citizens.attempt(sms.filter(attempts=0).first().pk, now=later) is \
        to_citizens.Outcome.FAILED
    assert len(gateway_down) == 2                                        # tried again after the pause


def test_a_given_up_message_is_sent_again_with_all_its_attempts(django_capture_on_commit_callbacks, monkeypatch):
    notification = given_up(timezone.now())
    prompts = []
    monkeypatch.setattr("complaints.plumbing.dispatch.request_notifications", prompts.append)

    with django_capture_on_commit_callbacks(execute=True):
        assert to_citizens.send_again([notification.pk]) == [notification.pk]

    notification.refresh_from_db()
    assert (notification.failed_at, notification.attempts) == (None, 0) and notification.next_attempt_at
    assert prompts == [[notification.pk]]
    assert tasks.send_notifications([notification.pk]) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None and len(MemoryBackend.outbox) == 1
    assert to_citizens.send_again([notification.pk]) == []        # sent: nothing to do


def test_a_supervisor_sees_the_dead_letters_masked_and_sends_them_again(client, supervisor, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    dead = given_up(timezone.now())
    prompts = []
    monkeypatch.setattr("complaints.plumbing.dispatch.request_notifications", prompts.append)
    submit(cpr="850412346")  # another, still waiting
    client.force_login(supervisor)

    page = client.get("/admin/complaints/notification/?state=given_up", headers={"Accept-Language": "en"})
    html = page.content.decode()
    assert page.status_code == 200
    assert f"/admin/complaints/notification/{dead.pk}/change/" in html and "…3456" in html
    assert "39123456" not in html and html.count('class="action-select"') == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/complaints/notification/", {"action": "send_again",
                                                                    "_selected_action": [dead.pk]},
                               follow=True, headers={"Accept-Language": "en"})

    assert "Messages queued again: 1." in response.content.decode()
    assert prompts == [[dead.pk]]
    assert tasks.send_notifications([dead.pk]) == 1
    dead.refresh_from_db()
    assert dead.failed_at is None and dead.sent_at is not None


def test_a_department_officer_does_not_see_the_messages(client, maintenance_officer):
    client.force_login(maintenance_officer)
    assert client.get("/admin/complaints/notification/").status_code == 403
