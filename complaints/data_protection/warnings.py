"""Warning the data protection officers, by e-mail, of open requests whose deadline is near:
once per request, at least once (the request is marked after the message is sent)."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from complaints.data_protection import deadlines
from complaints.models import DataSubjectRequest
from complaints.security.roles import ROLES_BY_CODE
from complaints.sla import clock

log = logging.getLogger(__name__)
OFFICER_ROLE = "data-protection-officer"


def due_soon(today) -> list[DataSubjectRequest]:
    """Open requests not yet warned about whose warning day has come."""
    waiting = DataSubjectRequest.objects.filter(status=DataSubjectRequest.Status.OPEN, warned_at__isnull=True)
    calendar = clock.working_calendar()
    return [request for request in waiting.order_by("due_on", "pk")
            if deadlines.warn_from(request.due_on, calendar=calendar) <= today]


def officers_addresses() -> list[str]:
    return list(get_user_model().objects.filter(
        groups__name=ROLES_BY_CODE[OFFICER_ROLE].name_en, is_active=True).exclude(email="")
        .values_list("email", flat=True).distinct())


def warn_officers(*, now=None) -> int:
    now = now or timezone.now()
    requests = due_soon(timezone.localdate(now))
    if not requests:
        return 0
    addresses = officers_addresses()
    if addresses:
        context = {"requests": requests, "today": timezone.localdate(now)}
        EmailMessage(subject=render_to_string("notifications/data_requests_due/subject.txt", context).strip(),
                     body=render_to_string("notifications/data_requests_due/body.txt", context),
                     to=addresses).send()
    else:
        log.warning("%s data requests are due soon and no data protection officer has an e-mail", len(requests))
    DataSubjectRequest.objects.filter(pk__in=[r.pk for r in requests]).update(warned_at=now)
    return len(requests)
