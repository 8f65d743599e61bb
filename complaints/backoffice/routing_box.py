"""Why a complaint went where it did, as staff see it: the case page's "Routing" box, read from the
complaint's ROUTED event (complaints/routing/engine.py, event_data), and "Try the routing rules",
which names its deciders the same way. At the triage desk the box offers the routing model's
suggested departments, each one click from a transfer."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from complaints import case_actions, services
from complaints.models import Complaint, ComplaintEvent, Department, RoutingRule
from complaints.routing import catalogue


@dataclass(frozen=True)
class DecidedBy:
    """Who decided, in words; a model's version is kept apart, to be shown left to right."""

    words: str
    version: str = ""
    rule: RoutingRule | None = None


@dataclass(frozen=True)
class Suggestion:
    code: str
    percent: int
    department: Department | None  # None for a code no longer in the database

    @property
    def can_receive(self) -> bool:
        return self.department is not None and self.department.is_active


@dataclass(frozen=True)
class RoutingBox:
    decided_by: DecidedBy
    reason: str
    confidence: int | None = None  # percent; only the model says how sure it was
    top_words: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()  # when the decision sent the complaint to triage


def percent(probability: float) -> int:
    return round(probability * 100)


def describe(decided_by: str, rule: RoutingRule | None = None, *, rule_id: int | None = None) -> DecidedBy:
    """A decision's `decided_by` ("policy", "rule <id>", "model <version>", "category") in words.
    Complaints routed before it was recorded say only which rule, if any, decided."""
    kind, _space, detail = (decided_by or ("rule" if rule_id else "")).partition(" ")
    if kind == "policy":
        return DecidedBy(_("the policy"))
    if kind == "rule":
        name = rule.name if rule else f"#{detail or rule_id}"
        return DecidedBy(_("the rule “%(rule)s”") % {"rule": name}, rule=rule)
    if kind == "model":
        return DecidedBy(_("the routing model"), version=detail)
    if kind == "category":
        return DecidedBy(_("the category"))
    return DecidedBy(_("not recorded"))


def departments_by_code(codes) -> dict[str, Department]:
    return {department.code: department for department in Department.objects.filter(code__in=list(codes))}


def suggestions_of(ranked, departments: dict[str, Department] | None = None) -> tuple[Suggestion, ...]:
    """[(code, probability), …] as suggestions; the triage desk itself is never suggested."""
    ranked = [(code, probability) for code, probability in ranked if code != catalogue.COMPLAINTS_UNIT]
    if departments is None:
        departments = departments_by_code(code for code, _p in ranked)
    return tuple(Suggestion(code, percent(probability), departments.get(code)) for code, probability in ranked)


def of_complaint(events) -> RoutingBox | None:
    """The box for a complaint, from its events (to_department selected with them); None before
    the complaint is routed."""
    routed = next((event for event in reversed(events) if event.kind == ComplaintEvent.Kind.ROUTED), None)
    if routed is None:
        return None
    data = routed.data or {}  # retention may have pruned it
    rule_id = data.get("rule_id")
    rule = RoutingRule.objects.filter(pk=rule_id).first() if rule_id else None
    triaged = routed.to_department is not None and routed.to_department.code == catalogue.COMPLAINTS_UNIT
    confidence = data.get("confidence")
    return RoutingBox(
        decided_by=describe(data.get("decided_by", ""), rule, rule_id=rule_id), reason=routed.note,
        confidence=percent(confidence) if confidence is not None else None,
        top_words=tuple(data.get("top_words") or ()),
        suggestions=suggestions_of(data.get("suggestions") or ()) if triaged else (),
    )


def waits_for_triage(complaint: Complaint) -> bool:
    """With the complaints unit, and open to a transfer."""
    return (complaint.department is not None and complaint.department.code == catalogue.COMPLAINTS_UNIT
            and case_actions.TRANSFER in case_actions.available_for(complaint))


def transfer_to_suggestion(complaint: Complaint, code: str, *, by) -> ComplaintEvent:
    """Transfers a complaint waiting for triage to one of the departments its routing suggested,
    through the case actions' transfer. The complaint is locked first: when two people of the desk
    choose at once, the second is told it has gone rather than moving it again."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not waits_for_triage(complaint):
            raise services.DomainError(_("This complaint is no longer waiting for triage in the complaints unit."))
        box = of_complaint(list(complaint.events.filter(kind=ComplaintEvent.Kind.ROUTED)
                                .select_related("to_department")))
        suggestion = next((s for s in box.suggestions if s.code == code and s.can_receive), None) if box else None
        if suggestion is None:
            raise services.DomainError(_("This department is not among the routing model's suggestions."))
        reason = _("Triage: the routing model's suggestion (%(percent)d%%).") % {"percent": suggestion.percent}
        transfer = case_actions.ACTIONS[case_actions.TRANSFER]
        return transfer.call(complaint, {"to_department": suggestion.department, "reason": reason}, by)

