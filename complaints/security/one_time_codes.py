"""One-time codes by SMS: proof that whoever types the code holds the mobile on a complaint.

A code is six random digits (a million possibilities, against the ten thousand of a mobile's last
four digits), sent to the complaint's mobile through the notification outbox like every other
message to citizens, and kept only as a keyed hash. It expires LIFETIME after it is sent, and is
spent by its first right use or by MAX_WRONG_TRIES wrong ones; a newer code replaces it. At most
MAX_SENDS_PER_HOUR codes go to one complaint's mobile in an hour, so a stranger cannot flood the
citizen's phone, and a guesser has at most 15 tries in a million an hour.

The SMS holds the code in the notification's context until it is sent (to_citizens.deliver
renders it); once sent, `to_citizens.SECRET_CONTEXT` drops it from the row.
"""

import enum
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils.crypto import constant_time_compare, salted_hmac

from complaints.models import Complaint, Notification, OneTimeCode
from complaints.plumbing import dispatch

DIGITS = 6
LIFETIME = timedelta(minutes=10)
MAX_SENDS_PER_HOUR = 3
MAX_WRONG_TRIES = 5
HOUR = timedelta(hours=1)

Purpose = OneTimeCode.Purpose


@dataclass(frozen=True)
class Sending:
    """A code sent now (`code` is its row), or refused until `again_at`."""

    code: OneTimeCode | None
    again_at: datetime | None = None


class Verdict(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    SPENT = "too many wrong tries, or used already: a new code is needed"
    EXPIRED = "expired"
    NONE_SENT = "no code was sent"


@dataclass(frozen=True)
class Check:
    verdict: Verdict
    tries_left: int = 0


def send_code(*, complaint: Complaint, purpose: str, language: str, now) -> Sending:
    """Sends a new code to the complaint's mobile, in `language`, unless MAX_SENDS_PER_HOUR were
    sent in the hour before `now`."""
    with transaction.atomic():
        # Holding the complaint's row, two requests at once cannot both pass the count.
        Complaint.objects.select_for_update().filter(pk=complaint.pk).values_list("pk").first()
        sent_lately = list(OneTimeCode.objects.filter(complaint=complaint, purpose=purpose, created_at__gt=now - HOUR)
                           .order_by("-created_at").values_list("created_at", flat=True)[:MAX_SENDS_PER_HOUR])
        if len(sent_lately) >= MAX_SENDS_PER_HOUR:
            return Sending(code=None, again_at=sent_lately[-1] + HOUR)
        code = f"{secrets.randbelow(10 ** DIGITS):0{DIGITS}d}"
        row = OneTimeCode.objects.create(complaint=complaint, purpose=purpose, created_at=now,
                                         expires_at=now + LIFETIME, code_hash=_hash(complaint.pk, purpose, code))
        notification = Notification.objects.create(
            complaint=complaint, kind=Notification.Kind.ONE_TIME_CODE, channel=Notification.Channel.SMS,
            recipient=complaint.contact_mobile, language=language, cause=f"one-time-code:{row.pk}", created_at=now,
            context={"code": code, "minutes": int(LIFETIME.total_seconds() // 60)})
        transaction.on_commit(lambda: dispatch.request_notifications([notification.pk]))
    return Sending(code=row)


def check_code(*, complaint: Complaint, purpose: str, typed: str, now) -> Check:
    """Whether `typed` is the latest code sent for this complaint and purpose, still alive. A right
    code is spent by this check; a wrong one counts against the code."""
    with transaction.atomic():
        row = (OneTimeCode.objects.select_for_update().filter(complaint=complaint, purpose=purpose)
               .order_by("-created_at", "-pk").first())
        if row is None:
            return Check(Verdict.NONE_SENT)
        if row.used_at is not None or row.wrong_tries >= MAX_WRONG_TRIES:
            return Check(Verdict.SPENT)
        if now >= row.expires_at:
            return Check(Verdict.EXPIRED)
        if constant_time_compare(row.code_hash, _hash(complaint.pk, purpose, typed)):
            OneTimeCode.objects.filter(pk=row.pk).update(used_at=now)
            return Check(Verdict.RIGHT)
        OneTimeCode.objects.filter(pk=row.pk).update(wrong_tries=F("wrong_tries") + 1)
        tries_left = MAX_WRONG_TRIES - row.wrong_tries - 1
        return Check(Verdict.WRONG if tries_left else Verdict.SPENT, tries_left)


def alive(*, complaint: Complaint, purpose: str, now) -> OneTimeCode | None:
    """The code sent last for this complaint and purpose, if it can still be used."""
    row = OneTimeCode.objects.filter(complaint=complaint, purpose=purpose).order_by("-created_at", "-pk").first()
    if row and row.used_at is None and row.wrong_tries < MAX_WRONG_TRIES and now < row.expires_at:
        return row
    return None


def _hash(complaint_id: int, purpose: str, code: str) -> str:
    return salted_hmac("complaints.one_time_codes", f"{purpose}:{complaint_id}:{code}", algorithm="sha256").hexdigest()
