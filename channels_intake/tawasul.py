"""Tawasul, the government's national suggestions and complaints system: its cases arrive by
signed webhook and keep Tawasul's case number as their external reference."""

from django.utils.dateparse import parse_datetime

from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Complaint

KINDS = {"complaint": Complaint.Kind.COMPLAINT, "inquiry": Complaint.Kind.INQUIRY,
         "suggestion": Complaint.Kind.SUGGESTION}


def case_number(payload: dict) -> str:
    return str(payload.get("case_number", "")).strip()


def translate(payload: dict) -> IntakeRequest:
    citizen = payload.get("citizen") or {}
    submitted = parse_datetime(payload["submitted_at"]) if payload.get("submitted_at") else None
    if payload.get("submitted_at") and submitted is None:
        raise ValueError("submitted_at is not an ISO 8601 date and time")
    return IntakeRequest(
        channel=Complaint.Channel.TAWASUL,
        external_reference=case_number(payload),
        kind=KINDS.get(payload.get("type", "complaint"), payload.get("type", "")),
        subject=str(payload["subject"]),
        body=str(payload["description"]),
        language=payload.get("language", "ar"),
        received_at=submitted,
        citizen=CitizenDetails(name=str(citizen.get("name", "")), cpr=str(citizen.get("cpr", "")),
                               mobile=str(citizen.get("mobile", "")), email=str(citizen.get("email", "")),
                               preferred_language=payload.get("language", "ar")) if citizen else None,
    )
