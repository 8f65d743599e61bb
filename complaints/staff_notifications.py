"""E-mails to staff about the SLA: reminders to the assignee and the department, breaches to
the department's heads as well. Each notice is sent at least once and marked sent once."""

import logging
import math

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import SlaNotice

log = logging.getLogger(__name__)
STAFF_LANGUAGES = ("ar", "en")  # staff e-mails carry both, Arabic first


def send_sla_notices(notice_ids, *, now=None) -> int:
    sent = 0
    for notice_id in notice_ids:
        sent += send_sla_notice(notice_id, now=now or timezone.now())
    return sent


def send_sla_notice(notice_id: int, *, now) -> bool:
    with transaction.atomic():
        notice = (SlaNotice.objects.select_for_update(skip_locked=True, of=("self",))
                  .select_related("complaint__department", "complaint__assignee")
                  .filter(pk=notice_id, sent_at__isnull=True).first())
        if notice is None:
            return False
        recipients = recipients_for(notice)
        if recipients:
            compose(notice, recipients).send()
        else:
            log.warning("SLA notice %s for complaint %s has nobody to tell", notice.pk, notice.complaint_id)
        notice.sent_at = now
        notice.save(update_fields=["sent_at"])
        return True


def recipients_for(notice: SlaNotice) -> list[str]:
    complaint = notice.complaint
    addresses = []
    if complaint.assignee and complaint.assignee.email:
        addresses.append(complaint.assignee.email)
    if complaint.department and complaint.department.email:
        addresses.append(complaint.department.email)
    if notice.kind == SlaNotice.Kind.BREACH and complaint.department_id:
        addresses += get_user_model().objects.filter(
            staff_profile__department_id=complaint.department_id, staff_profile__is_head=True, is_active=True,
        ).exclude(email="").values_list("email", flat=True)
    return list(dict.fromkeys(addresses))


def compose(notice: SlaNotice, recipients: list[str]) -> EmailMessage:
    template = "sla_breach" if notice.kind == SlaNotice.Kind.BREACH else "sla_reminder"
    seconds_left = (notice.due_at - notice.created_at).total_seconds()
    context = {"complaint": notice.complaint, "days_left": max(math.ceil(seconds_left / 86400), 0)}
    subjects, bodies = [], []
    for language in STAFF_LANGUAGES:
        with translation.override(language):
            subjects.append(render_to_string(f"notifications/{template}/subject.txt", context).strip())
            bodies.append(render_to_string(f"notifications/{template}/body.txt", context).strip())
    return EmailMessage(subject=" | ".join(subjects), body="\n\n---\n\n".join(bodies),
                        from_email=settings.DEFAULT_FROM_EMAIL, to=recipients)
