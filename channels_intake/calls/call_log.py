"""The hotline 80008001. The telephone system reports every call (answered or abandoned); the
agent logs what the call was about and either makes a complaint through the one intake service
or records that the caller only needed information.

A call is not a complaint, so the call row itself is the raw record the telephone system
delivered (unique on its call id): a redelivery finds it and changes nothing.
"""

from dataclasses import dataclass
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from channels_intake.models import Call
from complaints import intake
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Category, Citizen, Complaint, Language
from complaints.values import outside_dates

CALL_ID_MAX = Call._meta.get_field("call_id").max_length
CALLER_MAX = Call._meta.get_field("caller_number").max_length
EXTENSION_MAX = Call._meta.get_field("agent_extension").max_length
SECONDS_MAX = 24 * 60 * 60  # no call waits or lasts a day; more is a broken record (and overflows the column)


# --- Reported by the telephone system -------------------------------------------------------

def telephony_fields(payload: dict, *, now=None) -> dict:
    """The Call fields in a telephone system's record, or ValidationError naming every bad field."""
    now = now or timezone.now()
    errors: dict[str, list] = {}
    fields: dict = {}

    def text(name, *, required, max_length):
        value = payload.get(name)
        if value is None or value == "":
            if required:
                errors.setdefault(name, []).append(_("This field is required."))
            return ""
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            errors.setdefault(name, []).append(_("Give this field as text."))
            return ""
        value = str(value).strip()
        if len(value) > max_length:
            errors.setdefault(name, []).append(
                _("Keep this field under %(max)d characters.") % {"max": max_length})
        return value

    def seconds(name):
        value = payload.get(name)
        if value is None:
            errors.setdefault(name, []).append(_("This field is required."))
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors.setdefault(name, []).append(_("Give a whole number of seconds, 0 or more."))
        elif value > SECONDS_MAX:
            errors.setdefault(name, []).append(_("Give at most %(max)d seconds (a day).") % {"max": SECONDS_MAX})
        return value

    fields["call_id"] = text("call_id", required=True, max_length=CALL_ID_MAX)
    fields["caller_number"] = text("caller", required=True, max_length=CALLER_MAX)
    fields["agent_extension"] = text("agent", required=False, max_length=EXTENSION_MAX)
    fields["wait_seconds"] = seconds("wait_seconds")
    fields["talk_seconds"] = seconds("duration_seconds")
    fields["status"] = payload.get("status")
    if fields["status"] not in Call.Status.values:
        errors.setdefault("status", []).append(_('Give "answered" or "abandoned".'))

    started = payload.get("started_at")
    try:
        fields["started_at"] = parse_datetime(started) if isinstance(started, str) else None
    except ValueError:  # well formed but not a date, e.g. month 13
        fields["started_at"] = None
    if started is None:
        errors.setdefault("started_at", []).append(_("This field is required."))
    elif fields["started_at"] is None or timezone.is_naive(fields["started_at"]):
        errors.setdefault("started_at", []).append(
            _("Give an ISO 8601 date and time with its UTC offset, e.g. 2026-11-25T09:14:05+03:00."))
    elif message := outside_dates.problem(fields["started_at"], now=now):
        errors.setdefault("started_at", []).append(message)
    if errors:
        raise ValidationError(errors)
    return fields


def record_telephony_call(payload: dict, *, now=None) -> tuple[Call, bool]:
    """Stores the call the telephone system reports. Returns (call, created); a call reported
    again is returned as it was first stored, with nothing changed."""
    now = now or timezone.now()
    fields = telephony_fields(payload, now=now)
    with transaction.atomic():
        call, created = Call.objects.select_for_update().get_or_create(
            call_id=fields["call_id"], defaults={**fields, "telephony_record": payload, "reported_at": now})
        if created or call.reported_at is not None:
            return call, created
        # The agent logged the call before the telephone system reported it: add what it knows.
        for name, value in fields.items():
            setattr(call, name, value)
        call.telephony_record, call.reported_at = payload, now
        call.save()
    return call, True


# --- Logged by the agent --------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class CallLog:
    """What the agent enters about a call, whatever its outcome."""
    call_id: str  # blank when the telephone system showed none: the call gets an id of its own
    caller_number: str
    kind: str
    notes: str = ""
    citizen: CitizenDetails | None = None


@dataclass(frozen=True, kw_only=True)
class ComplaintDetails:
    subject: str
    body: str
    category: Category | None = None
    language: str = Language.ARABIC


def log_information_call(log: CallLog, *, by, now=None) -> Call:
    """Records a call that only gave the caller information."""
    now = now or timezone.now()
    with transaction.atomic():
        call = _call_to_log(log, by=by, now=now)
        if call.outcome == Call.Outcome.COMPLAINT:
            raise _already_made(call)
        citizen = Citizen.objects.filter(cpr=log.citizen.cpr).first() if log.citizen else None
        _save_log(call, log, by=by, now=now, outcome=Call.Outcome.INFORMATION, citizen=citizen)
    return call


def log_complaint_call(log: CallLog, details: ComplaintDetails, *, by, now=None) -> Call:
    """Makes the call's complaint through the intake service (which also sends the citizen the
    acknowledgement). The call id is the complaint's external reference, so one call makes one
    complaint however often the agent saves; the complaint was received when the call began."""
    now = now or timezone.now()
    with transaction.atomic():
        call = _call_to_log(log, by=by, now=now)
        if call.outcome == Call.Outcome.COMPLAINT:
            raise _already_made(call)
        result = intake.receive(IntakeRequest(
            channel=Complaint.Channel.CALL_CENTRE, external_reference=call.call_id, by=by,
            kind=log.kind if log.kind in Complaint.Kind.values else Complaint.Kind.COMPLAINT,
            subject=details.subject, body=details.body, category=details.category, language=details.language,
            citizen=log.citizen,
            received_at=call.started_at,  # the answer period counts from the call, not from its logging
        ), now=now)
        if not result.created:
            raise _already_made(call, result.complaint)
        call.complaint = result.complaint
        _save_log(call, log, by=by, now=now, outcome=Call.Outcome.COMPLAINT, citizen=result.complaint.citizen)
    return call


def _call_to_log(log: CallLog, *, by, now) -> Call:
    """The call row, locked; created when the telephone system has not reported the call (yet)."""
    call_id = log.call_id.strip() or f"agent-{uuid4().hex}"
    if len(call_id) > CALL_ID_MAX:
        raise ValidationError({"call_id": [_("Keep the call id under %(max)d characters.") % {"max": CALL_ID_MAX}]})
    call, _created = Call.objects.select_for_update().get_or_create(
        call_id=call_id, defaults={"caller_number": log.caller_number, "started_at": now, "agent": by,
                                   "status": Call.Status.ANSWERED})
    return call


def _save_log(call: Call, log: CallLog, *, by, now, outcome, citizen) -> None:
    call.caller_number = call.caller_number or log.caller_number
    call.kind, call.notes, call.outcome, call.citizen = log.kind, log.notes, outcome, citizen
    call.agent, call.logged_at = by, now
    call.save()


def _already_made(call: Call, complaint: Complaint | None = None) -> ValidationError:
    complaint = complaint or call.complaint
    return ValidationError(_("This call already made complaint %(reference)s; it cannot make another.")
                           % {"reference": complaint.display_reference}, code="call_already_made_complaint")


def earlier_complaints(citizen: Citizen, *, limit: int = 10):
    """The citizen's complaints the agent sees while on the phone, newest first."""
    return list(citizen.complaints.order_by("-received_at").only(
        "reference", "subject", "status", "received_at")[:limit])
