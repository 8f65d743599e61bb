"""Where a complaint goes: a pure decision from the complaint's facts, the policy rules and the
model's prediction.

No database and no clock in here, so the decision can be tested as a table. The order:
1. letters from the Taht Amrak box always go to the minister's office;
2. the rules an administrator wrote for matters that must always go somewhere, in order: the first
   that matches wins;
3. the model (classifier.py): its likeliest department, once the citizen's chosen category has
   weighed in, when it is at least as sure as that department's threshold;
4. otherwise the complaints unit's triage desk, with the three likeliest departments suggested.
Without a model (none trained yet), the category's department stands in for step 3.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from complaints.models import Complaint
from complaints.routing import catalogue
from complaints.values import arabic

ANY = "any"
URGENT = "urgent"
NOT_URGENT = "not_urgent"


@dataclass(frozen=True, kw_only=True)
class ComplaintFacts:
    channel: str
    kind: str
    text: str = ""
    category_code: str | None = None
    category_department_code: str | None = None
    is_urgent: bool = False


@dataclass(frozen=True, kw_only=True)
class Rule:
    id: int
    name: str
    department_code: str
    channels: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    category_codes: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()
    urgency: str = ANY
    _keyword_words: tuple[tuple[str, tuple[str, ...]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        compiled = tuple((keyword, tuple(arabic.words(arabic.normalise(keyword)))) for keyword in self.keywords)
        object.__setattr__(self, "_keyword_words", tuple((k, w) for k, w in compiled if w))

    def match(self, facts: ComplaintFacts, text: arabic.SearchableText) -> str | None:
        """Why this rule matches the complaint, or None when it does not."""
        if self.channels and facts.channel not in self.channels:
            return None
        if self.kinds and facts.kind not in self.kinds:
            return None
        if self.category_codes and facts.category_code not in self.category_codes:
            return None
        if self.urgency == URGENT and not facts.is_urgent or self.urgency == NOT_URGENT and facts.is_urgent:
            return None
        if not self._keyword_words:
            return _("Rule “%(rule)s” matched the complaint's channel, kind and category.") % {"rule": self.name}
        for keyword, words in self._keyword_words:
            if text.contains(words):
                return _("Rule “%(rule)s” matched the words “%(keyword)s”.") % {"rule": self.name,
                                                                               "keyword": keyword}
        return None


# The citizen's category multiplies its department's probability by this before the choice: it
# tips a close call, but does not overrule a model that is sure of another department.
CATEGORY_WEIGHT = 2.0
DEFAULT_THRESHOLD = 0.6  # measured: 2.7 % to a wrong department on the held-out fifth (docs/routing.md)
SUGGESTIONS = 3


@dataclass(frozen=True, kw_only=True)
class Decision:
    department_code: str
    reason: str
    rule_id: int | None = None
    decided_by: str = ""  # "policy", "rule <id>", "model <version>" or "category"
    confidence: float | None = None
    suggestions: tuple[tuple[str, float], ...] = ()  # for triage: (department code, probability)
    top_words: tuple[str, ...] = ()

    @property
    def triaged(self) -> bool:
        return self.department_code == catalogue.COMPLAINTS_UNIT


@dataclass(frozen=True, kw_only=True)
class ModelOpinion:
    """What the model said of one complaint: departments with probabilities, likeliest first."""
    version: str
    ranked: tuple[tuple[str, float], ...]
    top_words: tuple[str, ...] = ()


def weigh_category(ranked, category_department_code: str | None, *, weight: float = CATEGORY_WEIGHT):
    """The model's probabilities with the category's department weighted up, summing to one again."""
    if not category_department_code or not any(code == category_department_code for code, _p in ranked):
        return tuple(ranked)
    weighed = [(code, p * weight if code == category_department_code else p) for code, p in ranked]
    total = sum(p for _code, p in weighed) or 1.0
    return tuple(sorted(((code, p / total) for code, p in weighed), key=lambda item: -item[1]))


def decide(facts: ComplaintFacts, rules: list[Rule] | tuple[Rule, ...] = (), opinion: ModelOpinion | None = None,
           thresholds: dict[str, float] | None = None) -> Decision:
    if facts.channel == Complaint.Channel.TAHT_AMRAK:
        return Decision(department_code=catalogue.MINISTERS_OFFICE, decided_by="policy",
                        reason=_("Letters from the Taht Amrak box go to the minister's office."))
    text = arabic.SearchableText(facts.text)
    for rule in rules:
        reason = rule.match(facts, text)
        if reason:
            return Decision(department_code=rule.department_code, rule_id=rule.id, reason=reason,
                            decided_by=f"rule {rule.id}")
    if opinion and opinion.ranked:
        return _by_model(facts, opinion, thresholds or {})
    if facts.category_department_code:
        return Decision(department_code=facts.category_department_code, decided_by="category",
                        reason=_("Default department of the category “%(category)s”.") % {
                            "category": facts.category_code})
    return Decision(department_code=catalogue.COMPLAINTS_UNIT, decided_by="category",
                    reason=_("No rule matched and no model is trained: the complaints unit will triage it."))


def _by_model(facts: ComplaintFacts, opinion: ModelOpinion, thresholds: dict[str, float]) -> Decision:
    ranked = weigh_category(opinion.ranked, facts.category_department_code)
    code, confidence = ranked[0]
    words = "، ".join(opinion.top_words) if opinion.top_words else "—"
    common = {"decided_by": f"model {opinion.version}", "confidence": round(confidence, 4),
              "suggestions": tuple((c, round(p, 4)) for c, p in ranked[:SUGGESTIONS]),
              "top_words": opinion.top_words}
    threshold = thresholds.get(code, DEFAULT_THRESHOLD)
    if confidence >= threshold:
        return Decision(department_code=code, **common, reason=_(
            "The routing model (%(version)s) is %(confidence)d%% sure; the words that weighed most: %(words)s."
        ) % {"version": opinion.version, "confidence": round(confidence * 100), "words": words})
    return Decision(department_code=catalogue.COMPLAINTS_UNIT, **common, reason=_(
        "The routing model (%(version)s) is only %(confidence)d%% sure (the threshold is %(threshold)d%%): "
        "the complaints unit will triage it."
    ) % {"version": opinion.version, "confidence": round(confidence * 100), "threshold": round(threshold * 100)})
