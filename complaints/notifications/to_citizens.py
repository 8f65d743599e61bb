"""Messages to citizens by SMS and e-mail, in their language, from templates staff can read:
templates/notifications/<kind>/{sms.txt,subject.txt,body.txt}.

`queue` records them with the change that causes them; `send` delivers one, marks it sent
and writes it on the timeline. A message whose Celery task was lost is sent by beat's
`send_pending_notifications`. A failure waits `retry_delay` (doubling each time) before beat
tries again; after MAX_ATTEMPTS the message is a dead letter (`failed_at`) that supervisors
see in the back office and send again (`send_again`).
"""

import enum
import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from complaints.models import Complaint, ComplaintEvent, Notification
from complaints.notifications import sms
from complaints.plumbing import dispatch
from complaints.values import references

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = timedelta(minutes=1)
LONGEST_RETRY_DELAY = timedelta(hours=1)
# A message is left to its own task this long before beat sends it.
PENDING_GRACE = timedelta(minutes=1)
# After a failure, this process leaves that channel (the SMS gateway, the mail server) alone for
# this long, so that while a gateway hangs each message does not hold a worker for the whole
# timeout (and routing waits behind it). Messages met meanwhile are left untouched, attempts
# uncounted, for beat to send once the pause is over.
CHANNEL_PAUSE = timedelta(seconds=30)
_channel_paused_until: dict[str, object] = {}
# Template values kept only until the message has gone: a one-time code, the name typed.
SECRET_CONTEXT = {"code", "name"}


class Outcome(enum.Enum):
    SENT = "sent"
    FAILED = "failed"
    DEFERRED = "left for later: its channel failed a moment ago"
    NOTHING_TO_DO = "nothing to do"


def forget_channel_failures() -> None:
    _channel_paused_until.clear()


def channel_paused(channel: str, *, now) -> bool:
    until = _channel_paused_until.get(channel)
    return until is not None and now < until


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure: 1, 2, 4 … minutes, an hour at most."""
    return min(FIRST_RETRY_DELAY * 2 ** (attempts - 1), LONGEST_RETRY_DELAY)


def language_of(complaint: Complaint) -> str:
    """The language the citizen is written to in."""
    return complaint.citizen.preferred_language if complaint.citizen else complaint.language


def queue(complaint: Complaint, kind: str, *, cause: str, now, context: dict | None = None,
          new_cause: bool = False, publish: bool = True) -> list[int]:
    """Records the messages `kind` for `complaint`; call inside the transaction that causes them.
    `context`: further template values, as text already written in the citizen's language.
    `new_cause`: the cause was made in this transaction (a new event), so nothing was queued for it
    before and the ids come back from the insert itself.
    `publish`: hand the ids to Celery after commit; False when the caller hands them on itself."""
    made = Notification.objects.bulk_create(
        _messages(complaint, kind, cause=cause, now=now, context=context),
        ignore_conflicts=not new_cause,  # the same cause queued twice (a redelivery) notifies once
    )
    ids = [notification.pk for notification in made]
    if not new_cause or None in ids:
        # bulk_create gives no ids back when it ignores conflicts: read them.
        ids = list(Notification.objects.filter(cause=cause, sent_at__isnull=True).values_list("pk", flat=True))
    if ids and publish:
        transaction.on_commit(lambda: dispatch.request_notifications(ids))
    return ids


def queue_for_new_events(events: list[ComplaintEvent], kind: str, *, context: dict | None = None) -> None:
    """Records the messages `kind` for each event's complaint, caused by that event (made in this
    transaction), in one insert. The caller sends them: the routing worker sends acknowledgements."""
    Notification.objects.bulk_create([message for event in events for message in _messages(
        event.complaint, kind, cause=f"event:{event.pk}", now=event.created_at, context=context)])


def _messages(complaint: Complaint, kind: str, *, cause: str, now, context: dict | None = None) -> list[Notification]:
    language = language_of(complaint)
    wanted = [(Notification.Channel.SMS, complaint.contact_mobile),
              (Notification.Channel.EMAIL, complaint.contact_email)]
    return [Notification(complaint=complaint, kind=kind, channel=channel, recipient=recipient, language=language,
                         cause=cause, created_at=now, context=context or {})
            for channel, recipient in wanted if recipient]


def send(notification_id: int, *, now=None) -> bool:
    """Delivers one message unless it was sent already (or given up); True when it was sent now."""
    return attempt(notification_id, now=now) is Outcome.SENT


def attempt(notification_id: int, *, now=None) -> Outcome:
    now = now or timezone.now()
    with transaction.atomic():
        notification = (Notification.objects.select_for_update(skip_locked=True, of=("self",))
                        .select_related("complaint")
                        .filter(pk=notification_id, sent_at__isnull=True, failed_at__isnull=True).first())
        if notification is None:
            return Outcome.NOTHING_TO_DO
        if channel_paused(notification.channel, now=now):
            return Outcome.DEFERRED
        try:
            deliver(notification)
        except Exception as error:  # a gateway or mail server failing: counted, retried later
            _channel_paused_until[notification.channel] = now + CHANNEL_PAUSE
            _failed(notification, error, now=now)
            return Outcome.FAILED
        _channel_paused_until.pop(notification.channel, None)
        notification.sent_at = now
        notification.attempts += 1
        sent_fields = ["sent_at", "attempts"]
        if SECRET_CONTEXT & notification.context.keys():
            notification.context = {key: value for key, value in notification.context.items()
                                    if key not in SECRET_CONTEXT}
            sent_fields.append("context")
        notification.save(update_fields=sent_fields)
        ComplaintEvent.objects.create(
            complaint=notification.complaint, kind=ComplaintEvent.Kind.NOTIFIED, created_at=now, is_public=False,
            note=f"{notification.get_channel_display()} → {masked(notification)}",
            data={"notification": notification.pk, "kind": notification.kind},
        )
        return Outcome.SENT


def _failed(notification: Notification, error: Exception, *, now) -> None:
    attempts = notification.attempts + 1
    reason = without_contacts(f"{error.__class__.__name__}: {error}")
    changes = {"attempts": attempts, "last_error": reason[:500]}
    if attempts < MAX_ATTEMPTS:
        changes["next_attempt_at"] = now + retry_delay(attempts)
        log.warning("Notification %s not sent (attempt %d): %s", notification.pk, attempts, reason)
    else:
        changes.update(next_attempt_at=None, failed_at=now)
        log.error("Notification %s given up after %d attempts: %s", notification.pk, attempts, reason)
    Notification.objects.filter(pk=notification.pk).update(**changes)


def deliver(notification: Notification) -> None:
    context = {**notification.context, "complaint": notification.complaint,
               "reference": references.display(notification.complaint.reference)}
    folder = f"notifications/{notification.kind}"
    with translation.override(notification.language):
        if notification.channel == Notification.Channel.SMS:
            sms.send_sms(to=notification.recipient, text=render_to_string(f"{folder}/sms.txt", context).strip())
            return
        subject = " ".join(render_to_string(f"{folder}/subject.txt", context).split())
        body = render_to_string(f"{folder}/body.txt", context).strip()
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                 to=[notification.recipient]).send()


def pending_ids(*, now, limit: int = 1000) -> list[int]:
    """Messages due: never tried and older than the grace (their task was lost), or failed and
    past their back-off."""
    return [pk for pk, _channel in _pending(now=now, limit=limit)]


def _pending(*, now, limit: int) -> list[tuple[int, str]]:
    due = (Q(next_attempt_at__isnull=True, created_at__lt=now - PENDING_GRACE)
           | Q(next_attempt_at__lte=now))
    return list(Notification.objects.filter(due, sent_at__isnull=True, failed_at__isnull=True)
                .order_by("created_at").values_list("pk", "channel")[:limit])


def send_acknowledgements(complaint_ids: list[int], *, now=None) -> int:
    """Sends the acknowledgements of these complaints not tried yet (just routed); returns how many
    were sent. Those already being tried, or given up, are left to their own schedule."""
    ids = Notification.objects.filter(
        complaint_id__in=complaint_ids, kind=Notification.Kind.ACKNOWLEDGEMENT, sent_at__isnull=True,
        failed_at__isnull=True, attempts=0).order_by("pk").values_list("pk", flat=True)
    return sum(attempt(notification_id, now=now) is Outcome.SENT for notification_id in ids)


def send_due(*, now=None, limit: int = 1000) -> int:
    """Sends what is due, oldest first, on the channels not paused; returns how many were sent."""
    sent = 0
    for notification_id, channel in _pending(now=now or timezone.now(), limit=limit):
        if not channel_paused(channel, now=timezone.now()):
            sent += attempt(notification_id) is Outcome.SENT
    return sent


def send_again(notification_ids, *, now=None) -> list[int]:
    """Puts given-up messages back in the queue with all their attempts again; returns their ids
    (messages sent or still being tried are left alone)."""
    now = now or timezone.now()
    with transaction.atomic():
        queued = list(Notification.objects.select_for_update()
                      .filter(pk__in=notification_ids, failed_at__isnull=False, sent_at__isnull=True)
                      .values_list("pk", flat=True))
        Notification.objects.filter(pk__in=queued).update(failed_at=None, attempts=0, next_attempt_at=now)
    if queued:
        transaction.on_commit(lambda: dispatch.request_notifications(queued))
    return queued


def without_contacts(text: str) -> str:
    """`text` with e-mail addresses and long numbers (phones, CPRs) masked: a mail server's or a
    gateway's error names the recipient, and logs are read more widely than the records."""
    text = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "…@…", text)
    return re.sub(r"\+?\d[\d\s-]{5,}\d", lambda match: "…" + match.group(0)[-2:], text)


def masked(notification: Notification) -> str:
    recipient = notification.recipient
    if notification.channel == Notification.Channel.SMS:
        return "…" + recipient[-4:]
    name, _, domain = recipient.partition("@")
    return f"{name[:1]}…@{domain}"
