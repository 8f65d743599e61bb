"""Citizens following their complaint: a reference plus a second factor, never the reference alone.

A wrong second factor and an unknown reference get the same answer. Failed attempts are
counted per address and per reference: after a few, each new attempt must wait longer, and
after many the address or the reference is blocked for an hour.
"""

import hmac
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from complaints.models import Complaint, ComplaintEvent
from complaints.security import throttle
from complaints.values import references

FREE_FAILURES = 3
BLOCK_AFTER_FAILURES = 10
WINDOW_SECONDS = 3600

Status = Complaint.Status
CITIZEN_STATUS = {
    Status.NEW: _("Received"),
    Status.ROUTED: _("With the department concerned"),
    Status.IN_PROGRESS: _("Being studied"),
    Status.AWAITING_CITIZEN: _("Waiting for information from you"),
    Status.RESPONDED: _("Answered"),
    Status.CLOSED: _("Closed"),
    Status.REOPENED: _("Reopened for review"),
    Status.MERGED: _("Joined to your other complaint on the same matter"),
}


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int


def refusal_for(*, address: str, reference: str | None) -> Refusal | None:
    """Why this attempt may not be made now, or None."""
    keys = [f"track-ip:{address}"] + ([f"track-ref:{reference}"] if reference else [])
    if any(throttle.attempts(key) >= BLOCK_AFTER_FAILURES for key in keys):
        return Refusal(_("Too many unsuccessful attempts. Try again in an hour, or call 80008001."), 429)
    wait = max(throttle.seconds_to_wait(key) for key in keys)
    if wait > 0:
        seconds = int(wait) + 1
        return Refusal(ngettext("Please wait %(seconds)d second before trying again.",
                                "Please wait %(seconds)d seconds before trying again.", seconds)
                       % {"seconds": seconds}, 429)
    return None


def record_failure(*, address: str, reference: str | None) -> None:
    for key in [f"track-ip:{address}"] + ([f"track-ref:{reference}"] if reference else []):
        failures = throttle.record(key, window_seconds=WINDOW_SECONDS)
        if failures >= FREE_FAILURES:
            # 2, 4, 8 … seconds between attempts once the free ones are used.
            throttle.hold_off(key, seconds=2 ** (failures - FREE_FAILURES + 1), window_seconds=WINDOW_SECONDS)


def find(reference: str | None, mobile_last_digits: str) -> Complaint | None:
    """The complaint with this reference whose contact mobile ends with these four digits."""
    if reference is None:
        return None
    complaint = Complaint.objects.filter(reference=reference).exclude(contact_mobile="").first()
    expected = complaint.contact_mobile[-4:] if complaint else "----"
    if hmac.compare_digest(expected.encode(), mobile_last_digits.encode()) and complaint:
        return complaint
    return None


def citizen_timeline(complaint: Complaint):
    return complaint.events.visible_to_citizen().select_related("to_department").order_by("created_at", "id")


def describe(event: ComplaintEvent) -> str:
    """What an event means to the citizen. Staff notes are never shown here."""
    if event.kind == ComplaintEvent.Kind.SUBMITTED:
        return _("We received your message.")
    if event.kind == ComplaintEvent.Kind.ROUTED:
        return _("Sent to %(department)s.") % {"department": event.to_department}
    if event.kind == ComplaintEvent.Kind.INFORMATION_REQUESTED:
        return _("We asked you for more information: %(question)s") % {"question": event.note}
    if event.kind == ComplaintEvent.Kind.CITIZEN_ANSWERED:
        return _("You sent the information we asked for.")
    if event.kind == ComplaintEvent.Kind.REPLIED:
        return _("We answered you.")
    if event.kind == ComplaintEvent.Kind.DUPLICATE_MERGED:
        return _("Your other message on the same matter (%(reference)s) was joined to this case.") % {
            "reference": references.display(event.data.get("reference", ""))}
    if event.kind == ComplaintEvent.Kind.RATED:
        return _("You rated our answer %(score)s out of 5.") % {"score": event.data.get("score")}
    return CITIZEN_STATUS.get(event.to_status, "")
