"""Citizens' requests about their personal data (correction, erasure, a copy), each a named
service that changes the records, writes an append-only DataSubjectDecision naming who acted,
and, for a correction, an event on the timeline of each of the citizen's complaints."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.data_protection import anonymise, deadlines, registry
from complaints.errors import DomainError
from complaints.models import (
    Citizen,
    Complaint,
    ComplaintEvent,
    DataSubjectDecision,
    DataSubjectRequest,
    Language,
)
from complaints.values import identity

Action = DataSubjectDecision.Action
CORRECTABLE_FIELDS = ("name", "mobile", "email", "preferred_language")


def receive_request(*, kind: str, cpr: str, channel: str, details: str = "", received_at=None,
                    by) -> DataSubjectRequest:
    request = prepare_new(DataSubjectRequest(kind=kind, cpr=cpr, channel=channel, details=details.strip(),
                                             received_at=received_at), by=by)
    request.save()
    return request


def prepare_new(request: DataSubjectRequest, *, by) -> DataSubjectRequest:
    """Fills in what the back office's form does not ask for: the deadline and who recorded it."""
    request.cpr = identity.normalise_cpr(request.cpr)
    request.received_at = request.received_at or timezone.now()
    request.due_on = deadlines.due_on(request.received_at)
    request.recorded_by = by
    return request


def citizen_of(request: DataSubjectRequest) -> Citizen:
    citizen = Citizen.objects.filter(cpr=request.cpr).first()
    if citizen is None:
        raise DomainError(_("The ministry holds no citizen with this CPR."))
    return citizen


def apply_correction(*, request: DataSubjectRequest, field: str, value: str, by, now=None) -> DataSubjectDecision:
    """Corrects one of the citizen's details. The timeline and the decision name the field,
    never the old or the new value."""
    now = now or timezone.now()
    if field not in CORRECTABLE_FIELDS:
        raise DomainError(_("This detail cannot be corrected here."))
    value = _valid(field, value)
    with transaction.atomic():
        request = _open(request)
        citizen = citizen_of(request)
        setattr(citizen, field, value)
        citizen.save(update_fields=[field])
        complaint_ids = list(citizen.complaints.values_list("pk", flat=True))
        ComplaintEvent.objects.bulk_create([ComplaintEvent(
            complaint_id=pk, kind=ComplaintEvent.Kind.DATA_CORRECTED, actor=by, created_at=now,
            data={"field": field, "request": request.pk}) for pk in complaint_ids])
        return _decide(request, Action.CORRECTED, by=by, now=now, data={"field": field})


def carry_out_erasure(*, request: DataSubjectRequest, by, note: str = "", now=None) -> DataSubjectDecision:
    """Anonymises all the citizen's complaints and the citizen, with the retention's code; refused,
    and recorded as refused with the reasons, while a legal hold applies to any of them."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _open(request)
        citizen = citizen_of(request)
        complaint_ids = list(Complaint.objects.filter(citizen=citizen, anonymised_at__isnull=True)
                             .values_list("pk", flat=True))
        held = registry.holds(complaint_ids)
        if held:
            references = dict(Complaint.objects.filter(pk__in=held).values_list("pk", "reference"))
            reasons = sorted({f"{_reference(references[pk])}: {reason}" for pk, reason in held.items()})
            decision = _decide(request, Action.ERASURE_REFUSED, by=by, now=now, note="\n".join(reasons),
                               status=DataSubjectRequest.Status.REFUSED)
            return decision
        counts = anonymise.anonymise_complaints(complaint_ids, now=now)
        registry.add_counts(counts, anonymise.anonymise_citizens([citizen.pk], now=now))
        return _decide(request, Action.ERASED, by=by, now=now, note=note, data=counts,
                       status=DataSubjectRequest.Status.DONE)


def record_export(*, request: DataSubjectRequest, by, now=None) -> DataSubjectDecision:
    with transaction.atomic():
        return _decide(_open(request), Action.EXPORTED, by=by, now=now or timezone.now())


def close_request(*, request: DataSubjectRequest, by, note: str, now=None) -> DataSubjectDecision:
    if not note.strip():
        raise DomainError(_("Say what was done or decided."))
    with transaction.atomic():
        return _decide(_open(request), Action.CLOSED, by=by, now=now or timezone.now(), note=note.strip(),
                       status=DataSubjectRequest.Status.DONE)


def _open(request: DataSubjectRequest) -> DataSubjectRequest:
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DataSubjectRequest.Status.OPEN:
        raise DomainError(_("This request is already closed."))
    return request


def _decide(request, action, *, by, now, note="", data=None, status=None) -> DataSubjectDecision:
    decision = DataSubjectDecision.objects.create(request=request, action=action, by=by, at=now, note=note,
                                                  data=data or {})
    if status:
        DataSubjectRequest.objects.filter(pk=request.pk).update(status=status, decided_by=by, decided_at=now,
                                                                decision_note=note)
    return decision


def _valid(field: str, value: str) -> str:
    value = value.strip()
    try:
        if field == "mobile":
            return identity.normalise_mobile(value) if value else ""
        if field == "email":
            from django.core.validators import validate_email

            if value:
                validate_email(value)
            return value
        if field == "preferred_language":
            if value not in Language.values:
                raise ValidationError(_("Choose Arabic or English."))
            return value
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None
    if not value:
        raise DomainError(_("Enter the corrected name."))
    return value[:200]


def _reference(reference: str) -> str:
    from complaints.values import references

    return references.display(reference)
