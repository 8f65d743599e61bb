"""Adding a new message to the citizen's open complaint on the same matter, once they proved the
mobile with a one-time code.

A CPR and a mobile are not secrets, so the check page says nothing of other complaints until the
code sent to that mobile comes back: asking for a code is answered the same whether or not such a
complaint exists, and without the proof the message simply becomes a new complaint (duplicate
detection links the two for staff)."""

from complaints import citizen_services
from complaints.models import Complaint
from complaints.security import one_time_codes
from complaints.values import digits

PURPOSE = one_time_codes.Purpose.ADDING


def open_complaint(details: dict) -> Complaint | None:
    return citizen_services.open_complaint_on_the_same_matter(
        cpr=details["cpr"], mobile=details["mobile"], category_id=details["category"])


def ask_code(details: dict, *, language: str, now) -> None:
    """Sends a code to the mobile typed, if it sent an open complaint on the same matter."""
    if complaint := open_complaint(details):
        one_time_codes.send_code(complaint=complaint, purpose=PURPOSE, language=language, now=now)


def prove(details: dict, *, typed: str, now) -> Complaint | None:
    """The open complaint on the same matter when `typed` is the code sent for it, else None."""
    complaint = open_complaint(details)
    code = digits.only_digits(typed)  # Arabic digits and spaces as typed on a phone
    if complaint is None or not code:
        return None
    check = one_time_codes.check_code(complaint=complaint, purpose=PURPOSE, typed=code, now=now)
    return complaint if check.verdict is one_time_codes.Verdict.RIGHT else None


def proved_complaint(draft: dict) -> Complaint | None:
    """The open complaint this draft's citizen proved theirs (still open, still the same matter
    with the details as they are now), or None."""
    complaint = open_complaint(draft["details"]) if draft.get("proved") else None
    return complaint if complaint and complaint.pk == draft["proved"] else None
