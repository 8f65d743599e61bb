"""The one intake service. Every channel ends in `receive`.

It validates the request, finds or creates the citizen, stores the complaint with
its reference and due date, writes the first event, and asks for routing once the
transaction has committed; the worker that routes it sends the acknowledgements. A broker that is down at that moment loses nothing:
the complaint is stored as NEW and the reconcile task routes it later.

It is idempotent on (channel, external reference): a webhook delivered twice,
or a form sent twice, yields one complaint.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import citizen_notifications, clock, dispatch, identity, references, search, uploads
from .models import Category, Citizen, Complaint, ComplaintEvent, Language, Notification

log = logging.getLogger(__name__)

SUBJECT_MAX = Complaint._meta.get_field("subject").max_length
BODY_MAX = 10_000
_REFERENCE_ATTEMPTS = 5


@dataclass(frozen=True, kw_only=True)
class CitizenDetails:
    name: str
    cpr: str
    mobile: str = ""
    email: str = ""
    preferred_language: str = Language.ARABIC


@dataclass(frozen=True, kw_only=True)
class IntakeRequest:
    channel: str
    subject: str
    body: str
    kind: str = Complaint.Kind.COMPLAINT
    language: str = Language.ARABIC
    category: Category | None = None
    citizen: CitizenDetails | None = None
    external_reference: str = ""
    housing_application_number: str = ""
    received_at: datetime | None = None
    by: object = None
    attachments: tuple = field(default=())


@dataclass(frozen=True)
class IntakeResult:
    complaint: Complaint
    created: bool


def receive(request: IntakeRequest, *, now: datetime | None = None) -> IntakeResult:
    now = now or timezone.now()
    cleaned_citizen = _validated(request)
    # No look-up first: most deliveries are new, and the unique (channel, external reference)
    # constraint catches a repeat at the insert, which undoes the rest. A reference already drawn
    # (rare) undoes it too, and the complaint is stored again under a new one: no savepoint per
    # submission.
    for attempt in range(1, _REFERENCE_ATTEMPTS + 1):
        try:
            return IntakeResult(_store(request, cleaned_citizen, now=now), created=True)
        except IntegrityError:
            existing = _existing(request) if request.external_reference else None
            if existing:
                return IntakeResult(existing, created=False)
            if attempt == _REFERENCE_ATTEMPTS:
                raise


def _validated(request: IntakeRequest) -> CitizenDetails | None:
    errors: dict[str, list] = {}

    def check(field_name, condition, message):
        if not condition:
            errors.setdefault(field_name, []).append(message)

    check("channel", request.channel in Complaint.Channel.values, _("Unknown channel."))
    check("kind", request.kind in Complaint.Kind.values, _("Choose complaint, inquiry or suggestion."))
    check("language", request.language in Language.values, _("Choose Arabic or English."))
    check("subject", request.subject.strip(), _("Enter a subject."))
    check("subject", len(request.subject) <= SUBJECT_MAX,
          _("Keep the subject under %(max)d characters.") % {"max": SUBJECT_MAX})
    check("body", request.body.strip(), _("Describe your complaint, inquiry or suggestion."))
    check("body", len(request.body) <= BODY_MAX,
          _("Keep the details under %(max)d characters.") % {"max": BODY_MAX})
    check("external_reference", len(request.external_reference) <= 100, _("The channel's reference is too long."))
    check("housing_application_number", len(request.housing_application_number) <= 30,
          _("The housing application number is too long."))

    citizen = request.citizen
    cleaned = None
    if citizen is not None:
        check("name", citizen.name.strip(), _("Enter your full name."))
        fields = {"cpr": citizen.cpr, "mobile": citizen.mobile, "email": citizen.email.strip()}
        try:
            fields["cpr"] = identity.normalise_cpr(citizen.cpr)
        except ValidationError as error:
            errors.setdefault("cpr", []).extend(error.messages)
        if citizen.mobile.strip():
            try:
                fields["mobile"] = identity.normalise_mobile(citizen.mobile)
            except ValidationError as error:
                errors.setdefault("mobile", []).extend(error.messages)
        if fields["email"]:
            try:
                validate_email(fields["email"])
            except ValidationError:
                errors.setdefault("email", []).append(_("Enter an e-mail address like name@example.com."))
        language = citizen.preferred_language if citizen.preferred_language in Language.values else Language.ARABIC
        cleaned = CitizenDetails(name=citizen.name.strip(), preferred_language=language, **fields)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _existing(request: IntakeRequest) -> Complaint | None:
    return Complaint.objects.filter(
        channel=request.channel, external_reference=request.external_reference,
    ).first()


def _store(request: IntakeRequest, citizen_details: CitizenDetails | None, *, now) -> Complaint:
    received_at = request.received_at or now
    with transaction.atomic():
        citizen = _find_or_create_citizen(citizen_details) if citizen_details else None
        complaint = Complaint(
            kind=request.kind, channel=request.channel, subject=request.subject.strip(),
            body=request.body.strip(), language=request.language, category=request.category,
            citizen=citizen,
            contact_mobile=citizen_details.mobile if citizen_details else "",
            contact_email=citizen_details.email if citizen_details else "",
            received_at=received_at, external_reference=request.external_reference,
            housing_application_number=request.housing_application_number.strip(),
        )
        clock.start(complaint, received_at=received_at)
        complaint.reference = references.new_reference(received_at.year)
        complaint.save(force_insert=True)
        clock.start_sweeping(complaint)
        submitted = ComplaintEvent.objects.create(
            complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED, actor=request.by, created_at=now,
            to_status=Complaint.Status.NEW, is_public=True,
            data={"channel": request.channel, "answer_days": clock.answer_days(complaint)},
        )
        # Sent by the worker that routes the complaint: no message of their own.
        citizen_notifications.queue(complaint, Notification.Kind.ACKNOWLEDGEMENT, cause=f"event:{submitted.pk}",
                                    now=now, new_cause=True, publish=False)
        uploads.attach(complaint, request.attachments)
        search.remember(complaint)
        transaction.on_commit(dispatch.prompt_routing)
    return complaint


def _find_or_create_citizen(details: CitizenDetails) -> Citizen:
    """The citizen with this CPR. An unauthenticated channel may not overwrite what the ministry
    already holds, so an existing record only gains the contact details it lacked."""
    citizen, created = Citizen.objects.get_or_create(
        cpr=details.cpr,
        defaults={"name": details.name, "mobile": details.mobile, "email": details.email,
                  "preferred_language": details.preferred_language},
    )
    if not created:
        missing = {name: getattr(details, name) for name in ("mobile", "email")
                   if not getattr(citizen, name) and getattr(details, name)}
        if missing:
            Citizen.objects.filter(pk=citizen.pk).update(**missing)
    return citizen
