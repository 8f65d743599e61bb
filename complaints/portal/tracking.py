"""Citizens following their complaint: a reference plus a second factor, never the reference alone.

Two steps. The reference and the last four digits of the mobile given show the status only (in
plain words, with the dates received, due and answered). The content (subject, details, the
ministry's answers and files, answering and rating) needs a six-digit code sent by SMS to that
mobile (`complaints.security.one_time_codes`), which only the phone's holder can read.

A wrong pair of reference and digits and an unknown reference get the same answer. The limits on
the first step stop a guesser without letting a guesser lock anybody else out:

- Only failures count, each for an hour from the first one. A right answer clears its own
  (address, reference) count and counts nothing.
- Per (address, reference): the guesser of one case from one place. After FREE_FAILURES each
  new attempt on that reference from that address waits 2, 4, 8 … seconds; after
  BLOCK_AFTER_FAILURES it is refused for the rest of the hour. Other references from the same
  address (a family, an office, a carrier's shared address) are not slowed at all.
- Per address, over every reference: an address with BUSY_ADDRESS_FAILURES failures in the
  hour is guessing across references, so each of its (address, reference) pairs is refused from
  BUSY_ADDRESS_BLOCK failures instead. The address count alone never refuses anyone: a neighbour
  who types their own right reference and digits still gets in.
- Per reference, from every address: a guesser spreading tries over many addresses. There is
  no wait here (it would make the owner wait), only a ceiling: after REFERENCE_CEILING failures
  in the hour the reference cannot be followed online for the rest of it. Below the ceiling the
  owner's right answer is always taken, whatever others tried; reaching it takes
  REFERENCE_CEILING tries from at least REFERENCE_CEILING / BLOCK_AFTER_FAILURES addresses, and
  at most shows the status (a 1 in 200 chance an hour of guessing four digits).
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
BUSY_ADDRESS_FAILURES = 30
BUSY_ADDRESS_BLOCK = 3
REFERENCE_CEILING = 50
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


def _pair_key(address: str, reference: str) -> str:
    return f"track-pair:{address}:{reference}"


def _address_key(address: str) -> str:
    return f"track-ip:{address}"


def _reference_key(reference: str) -> str:
    return f"track-ref:{reference}"


def refusal_for(*, address: str, reference: str | None) -> Refusal | None:
    """Why this attempt may not be made now, or None. A reference that does not parse is left to
    the form, which refuses it without counting it (a typo, not a guess)."""
    if reference is None:
        return None
    if throttle.attempts(_reference_key(reference)) >= REFERENCE_CEILING:
        return Refusal(_("This reference number cannot be followed online for the next hour: too many "
                         "unsuccessful attempts were made with it. To follow your complaint now, call "
                         "80008001."), 429)
    pair = _pair_key(address, reference)
    busy = throttle.attempts(_address_key(address)) >= BUSY_ADDRESS_FAILURES
    if throttle.attempts(pair) >= (BUSY_ADDRESS_BLOCK if busy else BLOCK_AFTER_FAILURES):
        return Refusal(_("Too many unsuccessful attempts. Try again in an hour, or call 80008001."), 429)
    wait = throttle.seconds_to_wait(pair)
    if wait > 0:
        seconds = int(wait) + 1
        return Refusal(ngettext("Please wait %(seconds)d second before trying again.",
                                "Please wait %(seconds)d seconds before trying again.", seconds)
                       % {"seconds": seconds}, 429)
    return None


def record_failure(*, address: str, reference: str) -> None:
    pair_failures, _address, _reference = throttle.record_all(
        [_pair_key(address, reference), _address_key(address), _reference_key(reference)],
        window_seconds=WINDOW_SECONDS)
    if pair_failures >= FREE_FAILURES:
        # 2, 4, 8 … seconds between attempts once the free ones are used.
        throttle.hold_off(_pair_key(address, reference), seconds=2 ** (pair_failures - FREE_FAILURES + 1),
                          window_seconds=WINDOW_SECONDS)


def record_success(*, address: str, reference: str) -> None:
    """The citizen got it right: their own earlier slips from here no longer slow them. The
    reference's count stays, or a guesser who also knew the answer could reset it."""
    throttle.clear(_pair_key(address, reference))


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
