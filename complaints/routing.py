"""Where a complaint goes: a pure decision from the complaint's facts.

No database and no clock in here, so the rules can be tested as a table.
"""

from dataclasses import dataclass

from .models import Complaint, Department


@dataclass(frozen=True, kw_only=True)
class ComplaintFacts:
    channel: str
    kind: str
    category_code: str | None = None
    category_department_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class Decision:
    department_code: str
    reason: str


def decide(facts: ComplaintFacts) -> Decision:
    if facts.channel == Complaint.Channel.TAHT_AMRAK:
        return Decision(
            department_code=Department.MINISTERS_OFFICE,
            reason="Letters from the Taht Amrak box go to the minister's office.",
        )
    if facts.category_department_code:
        return Decision(
            department_code=facts.category_department_code,
            reason=f"Default department of category “{facts.category_code}”.",
        )
    return Decision(
        department_code=Department.COMPLAINTS_UNIT,
        reason="No rule matched: the complaints unit triages it.",
    )
