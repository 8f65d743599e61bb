"""The minister's office's actions on a case. Keyword arguments, one transaction each, and the
complaint's own state (urgency, referrals, timeline) changed only through complaints.services."""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import lifecycle
from complaints import services as complaint_services
from complaints.models import Complaint, ComplaintEvent

from minister_office import urgency
from minister_office.models import Directive, SlaEscalation, UrgencyAssessment, UrgencyStanding, UrgencyWeights

DomainError = complaint_services.DomainError


def weights_in_force() -> UrgencyWeights:
    """The latest version of the weights; the first time, the defaults are saved as version one."""
    latest = UrgencyWeights.objects.order_by("-changed_at", "-id").first()
    return latest or UrgencyWeights.objects.create(changed_at=timezone.now())


def assess_urgency(*, complaint: Complaint, circumstances: urgency.Circumstances, by, override: str = "",
                   override_reason: str = "", now=None) -> UrgencyAssessment:
    """Scores the family's circumstances, keeps the study with its inputs and the weights used,
    and marks the case urgent (or no longer urgent) when the result says so."""
    now = now or timezone.now()
    override_reason = override_reason.strip()
    if override and not override_reason:
        raise DomainError(_("Write the reason for deciding against the score."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not lifecycle.is_open(complaint.status):
            raise DomainError(_("Only an open case can be studied."))
        weights = weights_in_force()
        result = urgency.score(circumstances, weights.as_weights())
        urgent = {UrgencyAssessment.Override.URGENT: True,
                  UrgencyAssessment.Override.NOT_URGENT: False}.get(override, result.urgent)
        assessment = UrgencyAssessment.objects.create(
            complaint=complaint, assessed_by=by, assessed_at=now, **vars(circumstances), weights=weights,
            weights_used=weights.as_weights().as_dict(), breakdown=result.breakdown(), score=result.score,
            threshold=result.threshold, scored_urgent=result.urgent, override=override,
            override_reason=override_reason, urgent=urgent,
        )
        UrgencyStanding.objects.update_or_create(
            complaint=complaint, defaults={"score": result.score, "urgent": urgent, "assessed_at": now})
        if complaint.is_urgent != urgent:
            note = (_("Urgency study: %(score)s points (threshold %(threshold)s).")
                    % {"score": result.score, "threshold": result.threshold})
            complaint_services.set_urgency(complaint=complaint, urgent=urgent, by=by,
                                           note=f"{note} {override_reason}".strip(), now=now)
        return assessment


def give_directive(*, complaint: Complaint, text: str, by, departments=(), lead=None, follow_up_on=None,
                   now=None) -> Directive:
    """Records the minister's directive on the case and, when bodies are named, refers the case
    to them with one lead body that holds and answers it."""
    now = now or timezone.now()
    text = text.strip()
    departments = list(departments)
    if not text:
        raise DomainError(_("Write the minister's directive."))
    if departments and lead is None:
        raise DomainError(_("Choose the lead body among the bodies the case is referred to."))
    if lead is not None and lead not in departments:
        raise DomainError(_("The lead body must be one of the bodies the case is referred to."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not lifecycle.is_open(complaint.status):
            raise DomainError(_("Only an open case can be directed."))
        directive = Directive.objects.create(complaint=complaint, text=text, given_by=by, given_at=now,
                                             follow_up_on=follow_up_on)
        ComplaintEvent.objects.create(
            complaint=complaint, kind=ComplaintEvent.Kind.DIRECTIVE_GIVEN, actor=by, created_at=now, note=text,
            is_public=False, data={"directive": directive.pk,
                                   "follow_up_on": follow_up_on.isoformat() if follow_up_on else None},
        )
        if departments:
            complaint_services.refer_complaint(complaint=complaint, departments=departments, lead=lead, by=by,
                                               note=text, follow_up_on=follow_up_on, now=now)
        return directive


def escalate_breaches(complaint_ids, *, now=None) -> int:
    """Puts complaints that have just become overdue on the office's list; a case already on it
    and not yet acknowledged is not added twice."""
    now = now or timezone.now()
    if connection.vendor == "postgresql":
        # One statement per sweep chunk (up to thousands of ids), so that a backlog of breaches
        # costs the sweep milliseconds, not a Python object per row.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO minister_office_slaescalation (complaint_id, escalated_at) "
                "SELECT unnest(%s::bigint[]), %s ON CONFLICT DO NOTHING", [list(complaint_ids), now])
            return cursor.rowcount
    created = SlaEscalation.objects.bulk_create(
        [SlaEscalation(complaint_id=pk, escalated_at=now) for pk in complaint_ids],
        batch_size=5000, ignore_conflicts=True)
    return len(created)


def acknowledge_escalation(*, escalation: SlaEscalation, by, now=None) -> SlaEscalation:
    now = now or timezone.now()
    with transaction.atomic():
        escalation = SlaEscalation.objects.select_for_update().get(pk=escalation.pk)
        if escalation.acknowledged_at is None:
            escalation.acknowledged_by, escalation.acknowledged_at = by, now
            escalation.save(update_fields=["acknowledged_by", "acknowledged_at"])
        return escalation
