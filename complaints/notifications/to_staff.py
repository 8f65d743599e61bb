"""E-mails to staff about the SLA: reminders to the assignee and the department, breaches to
the department's heads as well. Each notice is sent at least once and marked sent once.

With none of those addresses a notice goes to the department's heads, else the complaints
supervisors (staff_recipients). With nobody at all it is not marked sent: it keeps the reason,
and the sweep sends it again once somebody it would reach has an address."""

import logging
import math
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from complaints.models import NotSentReason, SlaNotice
from complaints.notifications import staff_recipients

log = logging.getLogger(__name__)
STAFF_LANGUAGES = ("ar", "en")  # staff e-mails carry both, Arabic first
# A notice still unsent this long after it was recorded lost its message: send it again.
NOTICE_GRACE = timedelta(minutes=10)


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
        if not recipients:
            log.error("SLA notice %s for complaint %s not sent: nobody to tell", notice.pk, notice.complaint_id)
            if notice.not_sent_reason != NotSentReason.NOBODY_TO_TELL:
                notice.not_sent_reason = NotSentReason.NOBODY_TO_TELL
                notice.save(update_fields=["not_sent_reason"])
            return False
        compose(notice, recipients).send()
        notice.sent_at = now
        notice.not_sent_reason = ""
        notice.save(update_fields=["sent_at", "not_sent_reason"])
        return True


def notices_to_send_again(*, now, limit: int) -> list[int]:
    """Notices whose message was lost (unsent after the grace), then those that had nobody to
    tell and now have somebody: the supervisors, or an address of their own department's."""
    unsent = SlaNotice.objects.filter(sent_at__isnull=True)
    lost = list(unsent.filter(not_sent_reason="", created_at__lt=now - NOTICE_GRACE)
                .values_list("pk", flat=True)[:limit])
    nobody = unsent.filter(not_sent_reason=NotSentReason.NOBODY_TO_TELL)
    if not staff_recipients.supervisors():
        nobody = nobody.filter(Q(complaint__assignee__email__gt="") | Q(complaint__department__email__gt="")
                               | Q(staff_recipients.head_with_an_address("complaint__department")))
    return lost + list(nobody.values_list("pk", flat=True)[:limit - len(lost)])


def recipients_for(notice: SlaNotice) -> list[str]:
    """The assignee and the department (and for a breach its heads), else whoever the fallback names."""
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
    return list(dict.fromkeys(addresses)) or staff_recipients.fallback_for(complaint.department_id)


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
