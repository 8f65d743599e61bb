"""Status changes and replies of Tawasul cases, sent back to Tawasul.

`record` listens to the lifecycle's `status_changed` signal: every status change in the portal
(a reply included, which moves the case to RESPONDED) goes through `lifecycle.change_status_of_many`,
so this one place sees them all, inside their transaction. A row is written only for a Tawasul
case, only when the bridge is on, and only when Tawasul would see a difference.

`send` delivers one row, at least once and recorded once, as citizen notifications are: the row
is locked, sent, and marked with an event on the timeline. A failure waits `retry_delay` (doubling
each time) and the beat task `send_due_tawasul_updates` tries again; after MAX_ATTEMPTS, or
at once when Tawasul refuses the request itself, the row is a dead letter that staff send again
from the admin.
"""

import enum
import logging
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext

from channels_intake.models import TawasulUpdate
from channels_intake.tawasul import client as tawasul_client
from channels_intake.tawasul import statuses as tawasul_statuses
from complaints.models import Complaint, ComplaintEvent

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = timedelta(minutes=1)
LONGEST_RETRY_DELAY = timedelta(hours=1)
FAILURES_BEFORE_PAUSING = 3


class Outcome(enum.Enum):
    SENT = "sent"
    RETRY_LATER = "retry later"
    GIVEN_UP = "given up"
    WAITING = "waiting for an earlier update"
    NOTHING_TO_DO = "nothing to do"


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure: 1, 2, 4 … minutes, an hour at most."""
    return min(FIRST_RETRY_DELAY * 2 ** (attempts - 1), LONGEST_RETRY_DELAY)


def record(sender, *, events, **kwargs) -> list[int]:
    """Queues what Tawasul is owed for `events` (status events just written, in the caller's transaction)."""
    if not tawasul_client.is_enabled():
        return []
    updates = [update for event in events if (update := _update_for(event)) is not None]
    if not updates:
        return []
    ids = [update.pk for update in TawasulUpdate.objects.bulk_create(updates)]
    transaction.on_commit(lambda: request_sending(ids))
    return ids


def _update_for(event: ComplaintEvent) -> TawasulUpdate | None:
    complaint = event.complaint
    if complaint.channel != Complaint.Channel.TAWASUL or not complaint.external_reference:
        return None
    reply_id = (event.data or {}).get("reply") if event.kind == ComplaintEvent.Kind.REPLIED else None
    if reply_id is None and not tawasul_statuses.owes_tawasul(event.from_status, event.to_status):
        return None
    return TawasulUpdate(
        complaint=complaint, event=event, case_number=complaint.external_reference,
        kind=TawasulUpdate.Kind.REPLY if reply_id else TawasulUpdate.Kind.STATUS, reply_id=reply_id,
        tawasul_status=tawasul_statuses.tawasul_status(event.to_status), happened_at=event.created_at,
        created_at=event.created_at, next_attempt_at=event.created_at,
    )


# Named, not imported: the tasks module imports this one.
SEND_TAWASUL_UPDATES = "channels_intake.tasks.send_tawasul_updates"


def request_sending(update_ids: list[int]) -> None:
    try:
        current_app.send_task(SEND_TAWASUL_UPDATES, args=(update_ids,), retry=False)
    except Exception as error:  # any broker failure: the rows are due, beat sends them
        log.warning("Tawasul updates %s deferred to beat: broker unavailable (%s)", update_ids,
                    error.__class__.__name__)


def send(update_id: int, *, now=None) -> Outcome:
    now = now or timezone.now()
    with transaction.atomic():
        update = (TawasulUpdate.objects.select_for_update(skip_locked=True, of=("self",))
                  .select_related("complaint", "reply")
                  .filter(pk=update_id, next_attempt_at__isnull=False).first())
        if update is None:
            return Outcome.NOTHING_TO_DO
        # Tawasul must see a case's changes in their order: a late retry of an older status
        # would otherwise overwrite a newer one.
        if TawasulUpdate.objects.filter(complaint_id=update.complaint_id, pk__lt=update.pk,
                                        next_attempt_at__isnull=False).exists():
            return Outcome.WAITING
        try:
            deliver(update)
        except tawasul_client.TawasulError as error:
            return _failed(update, error, now=now)
        update.attempts += 1
        update.sent_at, update.next_attempt_at, update.last_error = now, None, ""
        update.save(update_fields=["attempts", "sent_at", "next_attempt_at", "last_error"])
        ComplaintEvent.objects.create(
            complaint=update.complaint, kind=ComplaintEvent.Kind.TAWASUL_SENT, created_at=now, is_public=False,
            note=_describe(update), data={"tawasul_update": update.pk, "kind": update.kind,
                                          "status": update.tawasul_status},
        )
        return Outcome.SENT


def deliver(update: TawasulUpdate) -> None:
    client = tawasul_client.backend()
    key = f"moh-tawasul-update-{update.pk}"
    if update.kind == TawasulUpdate.Kind.REPLY:
        client.push_reply(tawasul_client.ReplySent(
            case_number=update.case_number, text=update.reply.text, language=update.reply.language,
            replied_at=update.happened_at, key=key))
    else:
        client.push_status(tawasul_client.StatusChange(
            case_number=update.case_number, status=update.tawasul_status, changed_at=update.happened_at, key=key))


def _failed(update: TawasulUpdate, error: tawasul_client.TawasulError, *, now) -> Outcome:
    update.attempts += 1
    update.last_error = str(error)[:500]
    if error.retryable and update.attempts < MAX_ATTEMPTS:
        update.next_attempt_at = now + retry_delay(update.attempts)
        update.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        log.warning("Tawasul update %s not sent (attempt %d): %s", update.pk, update.attempts, error)
        return Outcome.RETRY_LATER
    update.next_attempt_at, update.failed_at = None, now
    update.save(update_fields=["attempts", "last_error", "next_attempt_at", "failed_at"])
    ComplaintEvent.objects.create(
        complaint=update.complaint, kind=ComplaintEvent.Kind.TAWASUL_FAILED, created_at=now, is_public=False,
        note=f"{_describe(update)}: {update.last_error}",
        data={"tawasul_update": update.pk, "kind": update.kind, "attempts": update.attempts},
    )
    log.error("Tawasul update %s given up after %d attempts: %s", update.pk, update.attempts, error)
    return Outcome.GIVEN_UP


def _describe(update: TawasulUpdate) -> str:
    if update.kind == TawasulUpdate.Kind.REPLY:
        return gettext("Reply for Tawasul case %(case)s") % {"case": update.case_number}
    return gettext("Tawasul case %(case)s: status %(status)s") % {"case": update.case_number,
                                                                 "status": update.tawasul_status}


def due_ids(*, now, limit: int = 500) -> list[int]:
    return list(TawasulUpdate.objects.filter(next_attempt_at__lte=now).order_by("pk")
                .values_list("pk", flat=True)[:limit])


def send_due(*, now=None, limit: int = 500) -> int:
    """Sends what is due, oldest first; returns how many were sent. While Tawasul is down every call
    fails (perhaps only after the whole timeout), so after a few failures in a row the rest wait
    for the next run instead of holding the worker for minutes."""
    sent = failures_in_a_row = 0
    for update_id in due_ids(now=now or timezone.now(), limit=limit):
        outcome = send(update_id)
        sent += outcome is Outcome.SENT
        failures_in_a_row = failures_in_a_row + 1 if outcome is Outcome.RETRY_LATER else 0
        if failures_in_a_row >= FAILURES_BEFORE_PAUSING:
            log.warning("Tawasul failing: the remaining due updates wait for the next run")
            break
    return sent


def send_again(update_ids, *, now=None) -> tuple[list[int], list[int]]:
    """Puts dead letters back in the queue, with all their attempts again; a status change that a
    later delivered update of the same case has overtaken stays where it is (it would undo it).
    Returns (queued ids, overtaken ids)."""
    now = now or timezone.now()
    with transaction.atomic():
        dead = TawasulUpdate.objects.select_for_update().filter(pk__in=update_ids, failed_at__isnull=False)
        later_sent = TawasulUpdate.objects.filter(complaint_id=OuterRef("complaint_id"), pk__gt=OuterRef("pk"),
                                                  sent_at__isnull=False)
        overtaken = list(dead.filter(Exists(later_sent), kind=TawasulUpdate.Kind.STATUS)
                         .values_list("pk", flat=True))
        queued = list(dead.exclude(pk__in=overtaken).values_list("pk", flat=True))
        TawasulUpdate.objects.filter(pk__in=queued).update(failed_at=None, attempts=0, next_attempt_at=now)
    if queued:
        transaction.on_commit(lambda: request_sending(queued))
    return queued, overtaken
