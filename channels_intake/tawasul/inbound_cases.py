"""Tawasul, the government's national suggestions and complaints system: its cases arrive by
signed webhook and keep Tawasul's case number as their external reference."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint
from complaints.values import outside_dates

KINDS = {"complaint": Complaint.Kind.COMPLAINT, "inquiry": Complaint.Kind.INQUIRY,
         "suggestion": Complaint.Kind.SUGGESTION}
CASE_NUMBER_MAX = 100
TEXT_FIELDS = ("type", "subject", "description", "language")
CITIZEN_FIELDS = ("name", "cpr", "mobile", "email")


def case_number(payload: dict) -> str:
    value = payload.get("case_number", "")
    return str(value).strip() if _is_text(value) else ""


def door_errors(payload: dict, *, now) -> dict:
    """What refuses a case before anything of it is stored: a case number that cannot be one,
    or a date that would poison later work (complaints.values.outside_dates)."""
    errors: dict[str, list] = {}
    number = payload.get("case_number")
    if number is not None and not _is_text(number):
        errors["case_number"] = [_("Give the case number as text.")]
    elif len(case_number(payload)) > CASE_NUMBER_MAX:
        errors["case_number"] = [_("Keep the case number under %(max)d characters.") % {"max": CASE_NUMBER_MAX}]
    try:
        _submitted_at(payload, now=now)
    except ValidationError as error:
        errors.update(error.message_dict)
    return errors


def translate(payload: dict, *, now=None) -> IntakeRequest:
    """The case as an intake request, or ValidationError naming each field of the wrong shape."""
    now = now or timezone.now()
    errors = door_errors(payload, now=now)
    for name in TEXT_FIELDS:
        if payload.get(name) is not None and not _is_text(payload[name]):
            errors.setdefault(name, []).append(_("Give this field as text."))
    citizen = payload.get("citizen") or {}
    if not isinstance(citizen, dict):
        errors.setdefault("citizen", []).append(_("Give the citizen as an object with name, cpr, mobile and email."))
        citizen = {}
    for name in CITIZEN_FIELDS:
        if citizen.get(name) is not None and not _is_text(citizen[name]):
            errors.setdefault(f"citizen.{name}", []).append(_("Give this field as text."))
    if errors:
        raise ValidationError(errors)
    submitted = _submitted_at(payload, now=now)
    kind = str(payload.get("type") or "complaint")
    language = str(payload.get("language") or "ar")
    return IntakeRequest(
        channel=Complaint.Channel.TAWASUL,
        external_reference=case_number(payload),
        kind=KINDS.get(kind, kind),
        subject=str(payload["subject"]),
        body=str(payload["description"]),
        language=language,
        received_at=submitted,
        citizen=CitizenDetails(**{name: str(citizen.get(name) or "") for name in CITIZEN_FIELDS},
                               preferred_language=language) if citizen else None,
    )


def _submitted_at(payload: dict, *, now):
    text = payload.get("submitted_at")
    if text is None or text == "":
        return None
    try:
        submitted = parse_datetime(text) if isinstance(text, str) else None
    except ValueError:  # well formed but not a date, e.g. month 13
        submitted = None
    if submitted is None:
        raise ValidationError({"submitted_at": [_("Give an ISO 8601 date and time, e.g. 2026-11-20T09:15:00+03:00.")]})
    outside_dates.check(submitted, now=now, field="submitted_at")
    return submitted


def _is_text(value) -> bool:
    """Text, or a number a sender wrote without quotes; never a list, an object or true/false."""
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)
