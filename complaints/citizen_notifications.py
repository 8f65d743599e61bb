"""Messages to citizens by SMS and e-mail, in their language, from templates staff can read:
templates/notifications/<kind>/{sms.txt,subject.txt,body.txt}.

`queue` records them with the change that causes them; `send` delivers one, marks it sent
and writes it on the timeline. A message whose Celery task was lost is sent by beat's
`send_pending_notifications`.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import dispatch, references, sms
from .models import Complaint, ComplaintEvent, Notification

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def language_of(complaint: Complaint) -> str:
    """The language the citizen is written to in."""
    return complaint.citizen.preferred_language if complaint.citizen else complaint.language


def queue(complaint: Complaint, kind: str, *, cause: str, now, context: dict | None = None,
          new_cause: bool = False) -> list[int]:
    """Records the messages `kind` for `complaint`; call inside the transaction that causes them.
    `context`: further template values, as text already written in the citizen's language.
    `new_cause`: the cause was made in this transaction (a new event), so nothing was queued for it
    before and the ids come back from the insert itself."""
    language = language_of(complaint)
    wanted = [(Notification.Channel.SMS, complaint.contact_mobile),
              (Notification.Channel.EMAIL, complaint.contact_email)]
    made = Notification.objects.bulk_create(
        [Notification(complaint=complaint, kind=kind, channel=channel, recipient=recipient, language=language,
                      cause=cause, created_at=now, context=context or {})
         for channel, recipient in wanted if recipient],
        ignore_conflicts=not new_cause,  # the same cause queued twice (a redelivery) notifies once
    )
    ids = [notification.pk for notification in made]
    if not new_cause or None in ids:
        # bulk_create gives no ids back when it ignores conflicts: read them.
        ids = list(Notification.objects.filter(cause=cause, sent_at__isnull=True).values_list("pk", flat=True))
    if ids:
        transaction.on_commit(lambda: dispatch.request_notifications(ids))
    return ids


def send(notification_id: int, *, now=None) -> bool:
    """Delivers one message unless it was sent already; True when it was sent now."""
    now = now or timezone.now()
    with transaction.atomic():
        notification = (Notification.objects.select_for_update(skip_locked=True, of=("self",))
                        .select_related("complaint").filter(pk=notification_id, sent_at__isnull=True).first())
        if notification is None:
            return False
        try:
            deliver(notification)
        except Exception as error:  # a gateway or mail server failing: counted, retried later
            Notification.objects.filter(pk=notification.pk).update(
                attempts=notification.attempts + 1, last_error=f"{error.__class__.__name__}: {error}"[:500])
            log.warning("Notification %s not sent (attempt %d): %s", notification.pk, notification.attempts + 1,
                        error)
            return False
        notification.sent_at = now
        notification.attempts += 1
        notification.save(update_fields=["sent_at", "attempts"])
        ComplaintEvent.objects.create(
            complaint=notification.complaint, kind=ComplaintEvent.Kind.NOTIFIED, created_at=now, is_public=False,
            note=f"{notification.get_channel_display()} → {masked(notification)}",
            data={"notification": notification.pk, "kind": notification.kind},
        )
        return True


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


def pending_ids(*, older_than, limit: int = 1000) -> list[int]:
    return list(Notification.objects.filter(sent_at__isnull=True, created_at__lt=older_than,
                                            attempts__lt=MAX_ATTEMPTS)
                .order_by("created_at").values_list("pk", flat=True)[:limit])


def masked(notification: Notification) -> str:
    recipient = notification.recipient
    if notification.channel == Notification.Channel.SMS:
        return "…" + recipient[-4:]
    name, _, domain = recipient.partition("@")
    return f"{name[:1]}…@{domain}"
