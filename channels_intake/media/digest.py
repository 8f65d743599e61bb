"""Each morning every department receives one e-mail listing the media items forwarded to it
the day before (Bahrain date). A digest is recorded as it is sent, so it goes out once.

A department with no address has its digest sent to its heads, else to the complaints
supervisors (complaints.notifications.staff_recipients); with nobody at all the digest is recorded unsent,
with the reason, and each run tries it again until somebody has an address."""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string
from django.utils import timezone, translation

from channels_intake.media import media_items
from channels_intake.models import MediaDigest, MediaItem
from complaints.models import Department, NotSentReason
from complaints.notifications import staff_recipients

log = logging.getLogger(__name__)
# A beat that was down for a while still sends the digests of the days it missed, this far back.
LOOKBACK_DAYS = 7
STAFF_LANGUAGES = ("ar", "en")  # a department's e-mail carries both, Arabic first


def send_digests(*, now=None) -> int:
    now = now or timezone.now()
    media_items.forward_routed_items(now=now)
    return sum(send_digest(department_id, day, now=now) for department_id, day in digests_owed(now=now))


def digests_owed(*, now) -> list[tuple[int, object]]:
    """(department id, date) of every finished day with forwarded items and no digest sent yet,
    and of every digest still waiting for somebody to tell, however old."""
    bahrain = timezone.get_default_timezone()
    today = timezone.localdate(now, bahrain)
    first_day = today - timedelta(days=LOOKBACK_DAYS)
    forwarded = set(
        MediaItem.objects.filter(forwarded_at__gte=timezone.make_aware(datetime.combine(first_day, time.min), bahrain),
                                 forwarded_at__lt=timezone.make_aware(datetime.combine(today, time.min), bahrain))
        .annotate(day=TruncDate("forwarded_at", tzinfo=bahrain)).values_list("department_id", "day").distinct())
    digests = MediaDigest.objects.values_list("department_id", "date")
    sent = set(digests.filter(date__gte=first_day, sent_at__isnull=False))
    waiting = set(digests.filter(sent_at__isnull=True))
    return sorted((forwarded - sent) | waiting)


def send_digest(department_id: int, day, *, now) -> bool:
    """Sends the digest unless it was sent; the record and the e-mail stand or fall together,
    so a failed send is tried again by the next run. True when it was sent now."""
    with transaction.atomic():
        department = Department.objects.get(pk=department_id)
        try:
            with transaction.atomic():
                MediaDigest.objects.get_or_create(department=department, date=day, defaults={"items": 0})
        except IntegrityError:
            return False  # another worker is sending it
        digest = (MediaDigest.objects.select_for_update(skip_locked=True)
                  .filter(department=department, date=day, sent_at__isnull=True).first())
        if digest is None:
            return False  # sent already, or being sent by another worker
        items = list(MediaItem.objects.filter(department=department).forwarded_on(day)
                     .select_related("complaint").order_by("forwarded_at", "pk"))
        digest.items = len(items)
        recipients = [department.email] if department.email else staff_recipients.fallback_for(department.pk)
        if recipients:
            compose(department, day, items, recipients).send()
            digest.recipient, digest.sent_at, digest.not_sent_reason = ", ".join(recipients), now, ""
        else:
            log.error("Media digest of %s for %s not sent: nobody to tell", department.code, day)
            digest.not_sent_reason = NotSentReason.NOBODY_TO_TELL
        digest.save(update_fields=["items", "recipient", "sent_at", "not_sent_reason"])
    return digest.sent_at is not None


def compose(department: Department, day, items: list[MediaItem], recipients: list[str]) -> EmailMessage:
    context = {"department": department, "day": day, "items": items}
    subjects, bodies = [], []
    for language in STAFF_LANGUAGES:
        with translation.override(language):
            subjects.append(render_to_string("notifications/media_digest/subject.txt", context).strip())
            bodies.append(render_to_string("notifications/media_digest/body.txt", context).strip())
    return EmailMessage(subject=" | ".join(subjects), body="\n\n---\n\n".join(bodies),
                        from_email=settings.DEFAULT_FROM_EMAIL, to=recipients)
