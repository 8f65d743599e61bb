"""The one intake service. Every channel ends in `receive`.

It validates the request and stores the complaint with its reference and due date, as NEW. Beat's
reconcile task routes what is NEW every ROUTING_RECONCILE_SECONDS and sends the acknowledgements,
so intake never waits on the broker, and a broker that is away loses nothing.

Every channel stores a complete complaint in one transaction: the citizen's record, the
complaint with its reference and due date, its first event, its acknowledgement queued, its search
text and its row in the SLA sweep. The citizen is answered only once all of it is durable, so
tracking, search, export and erasure see the complaint whole from its first moment.

It is idempotent on (channel, external reference): a webhook delivered twice,
or a form sent twice, yields one complaint.
"""

import logging
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import search
from complaints.files import uploads
from complaints.models import Category, Citizen, Complaint, ComplaintEvent, Language, Notification
from complaints.notifications import to_citizens
from complaints.sla import clock
from complaints.values import identity, outside_dates, references

log = logging.getLogger(__name__)

SUBJECT_MAX = Complaint._meta.get_field("subject").max_length
BODY_MAX = 10_000
# Django computes an enum's `values` (and the labels with them) anew on every use.
CHANNELS, KINDS, LANGUAGES = (frozenset(choices.values) for choices in (Complaint.Channel, Complaint.Kind, Language))
_REFERENCE_ATTEMPTS = 5
# Where staff see the citizen's identity card (the service centre's counter), the contact details
# given may go into the ministry's record of the citizen. Every other channel (the web form,
# Open311, the hotline, social media, letters, Tawasul) proves nothing about who typed a CPR: its
# contact details answer its own complaint (contact_mobile, contact_email) and nothing else.
IDENTITY_CHECKED_CHANNELS = frozenset({Complaint.Channel.SERVICE_CENTRE})


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
    cleaned_citizen = _validated(request, now=now)
    # No look-up first: most deliveries are new, and the unique (channel, external reference)
    # constraint catches a repeat at the insert, which undoes the rest of the transaction. A
    # reference already drawn (rare) undoes it too, and the complaint is stored again under a new one.
    for attempt in range(1, _REFERENCE_ATTEMPTS + 1):
        try:
            complaint = _store(request, cleaned_citizen, now=now)
            return IntakeResult(complaint, created=True)
        except IntegrityError:
            existing = _existing(request) if request.external_reference else None
            if existing:
                return IntakeResult(existing, created=False)
            if attempt == _REFERENCE_ATTEMPTS:
                raise


def _validated(request: IntakeRequest, *, now: datetime) -> CitizenDetails | None:
    errors: dict[str, list] = {}

    def check(field_name, condition, message, **values):
        if not condition:  # a message is put into words only when it is shown
            errors.setdefault(field_name, []).append(message % values if values else message)

    check("channel", request.channel in CHANNELS, _("Unknown channel."))
    check("kind", request.kind in KINDS, _("Choose complaint, inquiry or suggestion."))
    check("language", request.language in LANGUAGES, _("Choose Arabic or English."))
    check("subject", request.subject.strip(), _("Enter a subject."))
    check("subject", len(request.subject) <= SUBJECT_MAX, _("Keep the subject under %(max)d characters."),
          max=SUBJECT_MAX)
    check("body", request.body.strip(), _("Describe your complaint, inquiry or suggestion."))
    check("body", len(request.body) <= BODY_MAX, _("Keep the details under %(max)d characters."), max=BODY_MAX)
    check("external_reference", len(request.external_reference) <= 100, _("The channel's reference is too long."))
    check("housing_application_number", len(request.housing_application_number) <= 30,
          _("The housing application number is too long."))
    # Whatever the channel checked, a date that would poison routing never gets past here.
    date_problem = outside_dates.problem(request.received_at, now=now) if request.received_at else None
    check("received_at", date_problem is None, date_problem)

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
        language = citizen.preferred_language if citizen.preferred_language in LANGUAGES else Language.ARABIC
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
    complaint = Complaint(
        kind=request.kind, channel=request.channel, subject=request.subject.strip(),
        body=request.body.strip(), language=request.language, category=request.category,
        contact_mobile=citizen_details.mobile if citizen_details else "",
        contact_email=citizen_details.email if citizen_details else "",
        received_at=received_at, external_reference=request.external_reference,
        housing_application_number=request.housing_application_number.strip(),
    )
    clock.start(complaint, received_at=received_at)
    complaint.reference = references.new_reference(received_at.year)
    identity_checked = request.channel in IDENTITY_CHECKED_CHANNELS
    with transaction.atomic():
        if citizen_details:
            complaint.citizen = _citizens([citizen_details], identity_checked=identity_checked)[citizen_details.cpr]
        complaint.save(force_insert=True)
        _first_records(complaint, by=request.by, now=now, name=citizen_details.name if citizen_details else "")
        uploads.attach(complaint, request.attachments)
    return complaint


def _first_records(complaint: Complaint, *, by, now: datetime, name: str = "") -> None:
    """What a complaint has from its first moment on: the first event, the acknowledgement (sent
    by the worker that routes it), the search text and the SLA sweep's row. The acknowledgement
    greets the `name` given with the complaint: the one the ministry holds for a CPR is not told to
    whoever typed it."""
    event = ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED, actor_id=getattr(by, "pk", None), created_at=now,
        to_status=Complaint.Status.NEW, is_public=True,
        data={"channel": complaint.channel, "answer_days": clock.answer_days(complaint)},
    )
    to_citizens.queue_for_new_events([event], Notification.Kind.ACKNOWLEDGEMENT, context={"name": name})
    search.remember([complaint])
    clock.start_sweeping([complaint])


def _citizens(details: list[CitizenDetails], *, identity_checked: bool) -> dict[str, Citizen]:
    """The citizens with these CPRs, by CPR, made where the ministry has none. What the ministry
    holds is never overwritten. Contact details go into the record only from a channel that checked
    the citizen's identity (IDENTITY_CHECKED_CHANNELS), and then only those it lacked: a CPR typed
    on the web proves nothing, so its mobile and e-mail stay on the complaint."""
    wanted = {}
    for citizen in details:
        wanted.setdefault(citizen.cpr, citizen if identity_checked else replace(citizen, mobile="", email=""))
    if not wanted:
        return {}
    held = {citizen.cpr: citizen for citizen in Citizen.objects.filter(cpr__in=wanted)}
    new = [Citizen(**asdict(citizen)) for cpr, citizen in wanted.items() if cpr not in held]
    if new:
        # Another worker may make the same citizen meanwhile: theirs is kept (the "update" on a
        # conflict rewrites the CPR with itself) and its id comes back with the others'.
        Citizen.objects.bulk_create(new, update_conflicts=True, unique_fields=["cpr"], update_fields=["cpr"])
        held.update((citizen.cpr, citizen) for citizen in new)
    for cpr, citizen in held.items():
        missing = {name: getattr(wanted[cpr], name) for name in ("mobile", "email")
                   if not getattr(citizen, name) and getattr(wanted[cpr], name)}
        if missing:
            Citizen.objects.filter(pk=citizen.pk).update(**missing)
            for name, value in missing.items():
                setattr(citizen, name, value)
    return held
