"""Where a complaint goes: a pure decision from the complaint's facts and the rules.

No database and no clock in here, so the rules can be tested as a table. The order:
1. letters from the Taht Amrak box always go to the minister's office;
2. the staff's routing rules, in order: the first that matches wins;
3. the category's default department;
4. otherwise the complaints unit, which triages what nothing else claims.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from complaints.models import Complaint, Department
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


@dataclass(frozen=True, kw_only=True)
class Decision:
    department_code: str
    reason: str
    rule_id: int | None = None


def decide(facts: ComplaintFacts, rules: list[Rule] | tuple[Rule, ...] = ()) -> Decision:
    if facts.channel == Complaint.Channel.TAHT_AMRAK:
        return Decision(department_code=Department.MINISTERS_OFFICE,
                        reason=_("Letters from the Taht Amrak box go to the minister's office."))
    text = arabic.SearchableText(facts.text)
    for rule in rules:
        reason = rule.match(facts, text)
        if reason:
            return Decision(department_code=rule.department_code, rule_id=rule.id, reason=reason)
    if facts.category_department_code:
        return Decision(department_code=facts.category_department_code,
                        reason=_("Default department of the category “%(category)s”.") % {
                            "category": facts.category_code})
    return Decision(department_code=Department.COMPLAINTS_UNIT,
                    reason=_("No rule matched: the complaints unit will triage it."))
