"""Each morning every department receives one e-mail listing the media items forwarded to it
the day before (Bahrain date). A digest is recorded as it is sent, so it goes out once."""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string
from django.utils import timezone, translation

from complaints.models import Department

from . import media
from .models import MediaDigest, MediaItem

log = logging.getLogger(__name__)
# A beat that was down for a while still sends the digests of the days it missed, this far back.
LOOKBACK_DAYS = 7
STAFF_LANGUAGES = ("ar", "en")  # a department's e-mail carries both, Arabic first


def send_digests(*, now=None) -> int:
    now = now or timezone.now()
    media.forward_routed_items(now=now)
    return sum(send_digest(department_id, day, now=now) for department_id, day in digests_owed(now=now))


def digests_owed(*, now) -> list[tuple[int, object]]:
    """(department id, date) of every finished day with forwarded items and no digest yet."""
    bahrain = timezone.get_default_timezone()
    today = timezone.localdate(now, bahrain)
    first_day = today - timedelta(days=LOOKBACK_DAYS)
    forwarded = set(
        MediaItem.objects.filter(forwarded_at__gte=timezone.make_aware(datetime.combine(first_day, time.min), bahrain),
                                 forwarded_at__lt=timezone.make_aware(datetime.combine(today, time.min), bahrain))
        .annotate(day=TruncDate("forwarded_at", tzinfo=bahrain)).values_list("department_id", "day").distinct())
    sent = set(MediaDigest.objects.filter(date__gte=first_day).values_list("department_id", "date"))
    return sorted(forwarded - sent)


def send_digest(department_id: int, day, *, now) -> bool:
    """Sends the digest unless it was sent; the record and the e-mail stand or fall together,
    so a failed send is tried again by the next run."""
    with transaction.atomic():
        department = Department.objects.get(pk=department_id)
        try:
            with transaction.atomic():
                digest = MediaDigest.objects.create(department=department, date=day, items=0,
                                                    recipient=department.email, sent_at=now)
        except IntegrityError:
            return False  # another worker sent it
        items = list(MediaItem.objects.filter(department=department).forwarded_on(day)
                     .select_related("complaint").order_by("forwarded_at", "pk"))
        digest.items = len(items)
        digest.save(update_fields=["items"])
        if department.email:
            compose(department, day, items).send()
        else:
            log.warning("Media digest of %s for %s not sent: the department has no e-mail address", department.code,
                        day)
    return True


def compose(department: Department, day, items: list[MediaItem]) -> EmailMessage:
    context = {"department": department, "day": day, "items": items}
    subjects, bodies = [], []
    for language in STAFF_LANGUAGES:
        with translation.override(language):
            subjects.append(render_to_string("notifications/media_digest/subject.txt", context).strip())
            bodies.append(render_to_string("notifications/media_digest/body.txt", context).strip())
    return EmailMessage(subject=" | ".join(subjects), body="\n\n---\n\n".join(bodies),
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[department.email])
