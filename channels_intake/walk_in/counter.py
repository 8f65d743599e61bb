"""The service centre's complaints unit: a citizen walks in, the agent finds them by CPR, sees
their earlier complaints, enters the new one and hands over a printed slip with the reference.
The citizen also receives the reference by SMS (the intake's acknowledgement)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from complaints import intake
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Category, Citizen, Complaint
from complaints.values import identity

CHANNEL = Complaint.Channel.SERVICE_CENTRE
EARLIER_COMPLAINTS_SHOWN = 20


@dataclass(frozen=True)
class CitizenFile:
    """What the ministry holds on the citizen at the counter."""
    citizen: Citizen
    earlier_complaints: list[Complaint]


def find_citizen(cpr: str) -> CitizenFile | None:
    """The citizen with this CPR (Latin or Arabic-Indic digits) and their most recent complaints,
    in two queries however many there are; None when the ministry does not know them.
    A malformed CPR raises ValidationError."""
    citizen = Citizen.objects.filter(cpr=identity.normalise_cpr(cpr)).first()
    if citizen is None:
        return None
    earlier = list(citizen.complaints.select_related("department").defer("body")
                   .order_by("-received_at", "-pk")[:EARLIER_COMPLAINTS_SHOWN])
    return CitizenFile(citizen=citizen, earlier_complaints=earlier)


def external_reference(token: str) -> str:
    return f"walk-in-{token}"


def received_with(token: str) -> Complaint | None:
    """The complaint already made from the form with this token (a second click, a resent form)."""
    return Complaint.objects.filter(channel=CHANNEL, external_reference=external_reference(token)).first()


def receive_complaint(*, token: str, kind: str, subject: str, body: str, language: str, citizen: CitizenDetails,
                      category: Category | None = None, housing_application_number: str = "", attachments=(),
                      by) -> intake.IntakeResult:
    """Records the complaint through the intake service. The form's one-time `token` is the
    external reference, so the same form sent twice makes one complaint.

    The citizen stands at the counter with their identity card, so the language they ask for
    becomes their preferred language: the acknowledgement SMS then speaks the slip's language."""
    try:
        cpr = identity.normalise_cpr(citizen.cpr)
    except ValidationError:
        cpr = None  # the intake service reports it with the other fields' errors
    with transaction.atomic():
        Citizen.objects.filter(cpr=cpr).exclude(preferred_language=citizen.preferred_language).update(
            preferred_language=citizen.preferred_language)
        return intake.receive(IntakeRequest(
            channel=CHANNEL, kind=kind, subject=subject, body=body, language=language, category=category,
            citizen=citizen, housing_application_number=housing_application_number,
            external_reference=external_reference(token), attachments=tuple(attachments), by=by,
        ))
