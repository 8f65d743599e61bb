"""The minister's office's records that hold a family's circumstances (urgency studies,
directives, the council's decisions and follow-ups), registered with the core's data protection
(complaints.data_protection.registry). An open council follow-up holds a complaint back."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.append_only import REDACTED
from complaints.models import ComplaintEvent
from complaints.data_protection import labels, registry

from minister_office.models import AgendaItem, Directive, FollowUp, UrgencyAssessment


def anonymise(complaint_ids, *, now, delete_files=True) -> dict:
    studies = UrgencyAssessment.objects.filter(complaint_id__in=complaint_ids).exclude(override_reason=REDACTED)
    return {
        "urgency studies": studies.redact(*UrgencyAssessment.redactable),
        "directives": Directive.objects.filter(complaint_id__in=complaint_ids).exclude(text=REDACTED).redact("text"),
        "council decisions": AgendaItem.objects.filter(complaint_id__in=complaint_ids).exclude(decision__in=[
            "", REDACTED]).update(decision=REDACTED),
        "council follow-ups": FollowUp.objects.filter(item__complaint_id__in=complaint_ids).filter(
            ~Q(action=REDACTED) | ~Q(closing_note__in=["", REDACTED])).update(action=REDACTED, closing_note=REDACTED),
        # The council's decision event carries the follow-up action's words in its details.
        "council events": ComplaintEvent.objects.filter(
            complaint_id__in=complaint_ids, kind=ComplaintEvent.Kind.COUNCIL_DECIDED).prune("data", ["follow_up"]),
    }


def holds(complaint_ids) -> dict:
    open_follow_ups = FollowUp.objects.open().filter(item__complaint_id__in=complaint_ids)
    return {pk: str(_("A Ministry Council follow-up is still open."))
            for pk in open_follow_ups.values_list("item__complaint_id", flat=True)}


def export(citizen, complaint_ids) -> dict:
    """The studies of the citizen's family, the council's hearings of their cases and the minister's
    directives on them: all about the citizen's own complaints, never another family's."""
    studies = UrgencyAssessment.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")
    items = AgendaItem.objects.filter(complaint_id__in=complaint_ids).select_related("complaint", "session")
    follow_ups = {f.item_id: f for f in FollowUp.objects.filter(item__complaint_id__in=complaint_ids)}
    return {
        "urgency_studies": [{
            "complaint": study.complaint.display_reference, "assessed_at": study.assessed_at.isoformat(),
            "household_size": study.household_size, "monthly_income_bhd": str(study.monthly_income),
            "dependants": study.dependants, "members_with_disability": study.members_with_disability,
            "elderly_members": study.elderly_members,
            "members_with_chronic_illness": study.members_with_chronic_illness,
            "housing": labels.choice(UrgencyAssessment.Housing.choices, study.housing),
            "eviction_notice": study.eviction_notice, "years_on_waiting_list": study.years_on_waiting_list,
            "score": study.score, "urgent": study.urgent, "reason_for_the_decision": study.override_reason,
        } for study in studies],
        "council_invitations": [{
            "complaint": item.complaint.display_reference, "session": item.session.held_at.isoformat(),
            "place": item.session.place, "invited_at": item.invited_at.isoformat() if item.invited_at else None,
            "attendance": labels.choice(AgendaItem.Attendance.choices, item.attendance),
            "decision": item.decision,
            "follow_up": follow_ups[item.pk].action if item.pk in follow_ups else None,
        } for item in items],
        "ministers_directives": [{
            "complaint": directive.complaint.display_reference, "given_at": directive.given_at.isoformat(),
            "text": directive.text,
            "follow_up_on": directive.follow_up_on.isoformat() if directive.follow_up_on else None,
        } for directive in Directive.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")],
    }


def register() -> None:
    registry.register(registry.Holder(name="minister's office", anonymise=anonymise, holds=holds, export=export))
