"""The one intake service. Every channel ends in `receive`.

It validates the request, stores the complaint with its reference and due date, and asks for
routing once the transaction has committed; the worker that routes it sends the
acknowledgements. A broker that is down at that moment loses nothing: the complaint is stored as
NEW and the reconcile task routes it later.

A complaint is complete once it has its citizen's record, its first event, its acknowledgement
queued, its search text and its row in the SLA sweep (`_complete`). Staff channels complete it
in the same transaction. The public channels under load (the web form, Open311) pass
`complete_later`: the request then costs one INSERT, the citizen's details wait in
`Complaint.intake_pending`, and the worker completes such complaints in batches before it
routes them (`complete_waiting`). Either way the complaint, its reference, due date and contact
details are stored durably before the citizen is answered, so tracking works at once.

It is idempotent on (channel, external reference): a webhook delivered twice,
or a form sent twice, yields one complaint.
"""

import logging
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import (
    citizen_notifications,
    clock,
    dispatch,
    identity,
    outside_dates,
    references,
    row_insert,
    search,
    uploads,
)
from .models import Category, Citizen, Complaint, ComplaintEvent, Language, Notification, RoutingSetAside

log = logging.getLogger(__name__)

SUBJECT_MAX = Complaint._meta.get_field("subject").max_length
BODY_MAX = 10_000
# Django computes an enum's `values` (and the labels with them) anew on every use.
CHANNELS, KINDS, LANGUAGES = (frozenset(choices.values) for choices in (Complaint.Channel, Complaint.Kind, Language))
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


def receive(request: IntakeRequest, *, now: datetime | None = None, complete_later: bool = False) -> IntakeResult:
    now = now or timezone.now()
    cleaned_citizen = _validated(request, now=now)
    # No look-up first: most deliveries are new, and the unique (channel, external reference)
    # constraint catches a repeat at the insert, which undoes the rest. A reference already drawn
    # (rare) undoes it too, and the complaint is stored again under a new one: no savepoint per
    # submission.
    for attempt in range(1, _REFERENCE_ATTEMPTS + 1):
        try:
            complaint = _store(request, cleaned_citizen, now=now, complete_later=complete_later)
            return IntakeResult(complaint, created=True)
        except IntegrityError:
            existing = _existing(request) if request.external_reference else None
            if existing:
                return IntakeResult(existing, created=False)
            if attempt == _REFERENCE_ATTEMPTS:
                raise


def complete_waiting(*, batch_size: int, limit: int) -> int:
    """Completes complaints stored with `complete_later`, oldest first, `batch_size` to a
    transaction, up to `limit`; returns how many. Rows are locked and skipped when another worker
    holds them, and each is completed once (its `intake_pending` is cleared with the rest)."""
    completed = 0
    while completed < limit:
        with transaction.atomic():
            batch = list(waiting_to_complete().select_for_update(skip_locked=True, of=("self",))
                         .select_related("category")[:batch_size])
            if not batch:
                break
            _complete(batch)
        completed += len(batch)
    return completed


def waiting_to_complete():
    """Complaints stored with `complete_later` not completed yet, oldest first; those set aside
    after failing (complaints.routing_failures) wait for staff."""
    return Complaint.objects.filter(~Exists(RoutingSetAside.objects.filter(complaint=OuterRef("pk"))),
                                    intake_pending__isnull=False).order_by("id")


def complete(complaint_ids) -> int:
    """Completes these complaints if they still wait to be (set aside or not); returns how many."""
    with transaction.atomic():
        batch = list(Complaint.objects.select_for_update(skip_locked=True, of=("self",)).select_related("category")
                     .filter(pk__in=complaint_ids, intake_pending__isnull=False).order_by("id"))
        if batch:
            _complete(batch)
    return len(batch)


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


def _store(request: IntakeRequest, citizen_details: CitizenDetails | None, *, now,
           complete_later: bool) -> Complaint:
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
    pending = {"citizen": asdict(citizen_details) if citizen_details else None,
               "by": getattr(request.by, "pk", None), "at": now.isoformat()}
    with _transaction_if(not complete_later or request.attachments):
        if complete_later:
            complaint.intake_pending = pending
            row_insert.insert(complaint)
        else:
            complaint.citizen = _citizens([citizen_details])[citizen_details.cpr] if citizen_details else None
            complaint.save(force_insert=True)
            _first_records([(complaint, pending)])
        uploads.attach(complaint, request.attachments)
        transaction.on_commit(dispatch.prompt_routing)
    return complaint


def _transaction_if(several_statements) -> transaction.Atomic | nullcontext:
    """A single INSERT commits on its own. Inside a caller's transaction a savepoint is still
    needed, so that a repeat delivery's refused insert does not spoil it."""
    return transaction.atomic() if several_statements or connection.in_atomic_block else nullcontext()


def _complete(complaints: list[Complaint]) -> None:
    """Completes complaints stored with `complete_later` (inside a transaction): their citizens'
    records, then the records every new complaint has."""
    citizens = _citizens([CitizenDetails(**complaint.intake_pending["citizen"]) for complaint in complaints
                          if complaint.intake_pending["citizen"]])
    completed = []
    for complaint in complaints:
        pending, complaint.intake_pending = complaint.intake_pending, None
        complaint.citizen = citizens[pending["citizen"]["cpr"]] if pending["citizen"] else None
        completed.append((complaint, pending))
    Complaint.objects.bulk_update(complaints, ["citizen", "intake_pending"])
    _first_records(completed)


def _first_records(complaints: list[tuple[Complaint, dict]]) -> None:
    """What a complaint has from its first moment on, for stored complaints with their intake's
    actor and moment: the first event, the acknowledgement (sent by the worker that routes it),
    the search text and the SLA sweep's row."""
    events = ComplaintEvent.objects.bulk_create([ComplaintEvent(
        complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED, actor_id=intake["by"],
        created_at=datetime.fromisoformat(intake["at"]), to_status=Complaint.Status.NEW, is_public=True,
        data={"channel": complaint.channel, "answer_days": clock.answer_days(complaint)},
    ) for complaint, intake in complaints])
    citizen_notifications.queue_for_new_events(events, Notification.Kind.ACKNOWLEDGEMENT)
    stored = [complaint for complaint, _intake in complaints]
    search.remember(stored)
    clock.start_sweeping(stored)


def _citizens(details: list[CitizenDetails]) -> dict[str, Citizen]:
    """The citizens with these CPRs, by CPR, made where the ministry has none. An unauthenticated
    channel may not overwrite what the ministry already holds, so an existing record only gains
    the contact details it lacked."""
    wanted = {}
    for citizen in details:
        wanted.setdefault(citizen.cpr, citizen)
    if not wanted:
        return {}
    held = {citizen.cpr: citizen for citizen in Citizen.objects.filter(cpr__in=wanted)}
    new = [Citizen(**asdict(citizen)) for cpr, citizen in wanted.items() if cpr not in held]
    if new:
        # Another worker may make the same citizen meanwhile: theirs is kept, and read back.
        Citizen.objects.bulk_create(new, ignore_conflicts=True)
        held = {citizen.cpr: citizen for citizen in Citizen.objects.filter(cpr__in=wanted)}
    for cpr, citizen in held.items():
        missing = {name: getattr(wanted[cpr], name) for name in ("mobile", "email")
                   if not getattr(citizen, name) and getattr(wanted[cpr], name)}
        if missing:
            Citizen.objects.filter(pk=citizen.pk).update(**missing)
            for name, value in missing.items():
                setattr(citizen, name, value)
    return held
