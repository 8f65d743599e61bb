""""Try the routing rules": a pasted text decided three ways, for staff to compare before they change
a rule or a threshold. The policy rules alone; the routing model alone (its likeliest departments,
the words that weighed most, the threshold of the likeliest); and the decision routing would take
(complaints/routing/decisions.decide with both). Nothing is saved.

Rules and thresholds are read from the database, not from the routing's short-lived cache, so that
an edit made a moment ago is what the page tries."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from complaints.backoffice import routing_box
from complaints.models import Category, Department, RoutingRule
from complaints.routing import decisions, model_store, rules

SHOWN = 3  # the model's likeliest departments listed


@dataclass(frozen=True)
class Answer:
    """One column of the page: where the complaint would go, and why."""

    decision: decisions.Decision
    department: Department | None
    decided_by: routing_box.DecidedBy
    reason: str
    confidence: int | None = None  # percent
    suggestions: tuple[routing_box.Suggestion, ...] = ()  # at the triage desk


@dataclass(frozen=True)
class ModelAnswer:
    version: str
    ranked: tuple[routing_box.Suggestion, ...]  # likeliest first, SHOWN of them
    top_words: tuple[str, ...]
    threshold: int  # percent, of the likeliest department

    @property
    def sure_enough(self) -> bool:
        return bool(self.ranked) and self.ranked[0].percent >= self.threshold


@dataclass(frozen=True)
class Trial:
    by_rules: Answer
    by_model: ModelAnswer | None  # None: no model is available
    final: Answer


def facts_of(*, text: str, channel: str, kind: str, category: Category | None,
             is_urgent: bool) -> decisions.ComplaintFacts:
    return decisions.ComplaintFacts(
        channel=channel, kind=kind, text=text, is_urgent=is_urgent,
        category_code=category.code if category else None,
        category_department_code=(category.default_department.code
                                  if category and category.default_department else None),
    )


def try_routing(facts: decisions.ComplaintFacts) -> Trial:
    active_rules = rules.load_active_rules()
    thresholds = dict(Department.objects.values_list("code", "routing_threshold"))
    opinion = _opinion(facts)
    by_rules = decisions.decide(facts, active_rules)
    final = decisions.decide(facts, active_rules, opinion, thresholds)
    ranked = opinion.ranked[:SHOWN] if opinion else ()
    codes = {by_rules.department_code, final.department_code, *(code for code, _p in (*final.suggestions, *ranked))}
    departments = routing_box.departments_by_code(codes)
    rules_by_id = RoutingRule.objects.in_bulk({by_rules.rule_id, final.rule_id} - {None})
    by_model = None
    if opinion:
        likeliest = opinion.ranked[0][0]
        by_model = ModelAnswer(
            version=opinion.version, top_words=opinion.top_words,
            ranked=routing_box.suggestions_of(ranked, departments),
            threshold=routing_box.percent(thresholds.get(likeliest, decisions.DEFAULT_THRESHOLD)))
    return Trial(by_rules=_answer(by_rules, departments, rules_by_id, reason=_rules_alone_reason(by_rules)),
                 by_model=by_model, final=_answer(final, departments, rules_by_id))


def _opinion(facts: decisions.ComplaintFacts) -> decisions.ModelOpinion | None:
    """The model in use (the promoted version, or the one shipped with the code). Routing does not
    ask it about a Taht Amrak letter, which policy routes; here it answers anyway, for comparison."""
    router = model_store.current_router()
    if router is None:
        return None
    [prediction] = router.predict([facts.text])
    return decisions.ModelOpinion(version=router.version, ranked=prediction.ranked, top_words=prediction.top_words)


def _rules_alone_reason(decision: decisions.Decision) -> str:
    """decide's reason, but for nothing matched and no category: its "no model is trained" would
    mislead beside the model's column."""
    if decision.decided_by == "category" and decision.triaged:
        return _("No rule matched and the category names no department: the complaints unit would triage it.")
    return decision.reason


def _answer(decision: decisions.Decision, departments, rules_by_id, *, reason: str = "") -> Answer:
    return Answer(
        decision=decision, department=departments.get(decision.department_code), reason=reason or decision.reason,
        decided_by=routing_box.describe(decision.decided_by, rules_by_id.get(decision.rule_id)),
        confidence=routing_box.percent(decision.confidence) if decision.confidence is not None else None,
        suggestions=routing_box.suggestions_of(decision.suggestions, departments) if decision.triaged else (),
    )

