"""Who holds personal data about complaints and citizens, beyond the complaint itself.

The core never imports the channels or the minister's office; each app registers, in its
AppConfig, one `Holder` per kind of record it keeps (calls, social posts, urgency studies ...).
Retention, erasure and the export then ask every holder the same questions, so a new kind of
record with personal data is covered by registering it once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


def _nothing(*args, **kwargs):
    return {}


@dataclass(frozen=True)
class Holder:
    """One kind of record holding personal data.

    anonymise(complaint_ids, now=, delete_files=) -> {label: rows changed}; files deleted under
        the label "files". Called inside the transaction that anonymises those complaints.
    anonymise_citizens(citizen_ids, now=) -> {label: rows}: records tied to the citizen rather than a
        complaint (a call logged against their CPR), when the citizen is anonymised.
    anonymise_unattached(cutoff, now=, delete_files=) -> {label: rows}: records tied to no
        complaint and older than the cutoff (a dismissed post, an information-only call).
    holds(complaint_ids) -> {complaint id: reason}: complaints that must not be anonymised yet.
    citizen_holds(citizen_ids, cutoff) -> {citizen id: reason}: citizens to keep for now.
    export(citizen, complaint_ids) -> {section: list of dicts}: what the citizen is given.
    """

    name: str
    anonymise: Callable[..., dict] = _nothing
    anonymise_citizens: Callable[..., dict] = _nothing
    anonymise_unattached: Callable[..., dict] = _nothing
    holds: Callable[..., dict] = _nothing
    citizen_holds: Callable[..., dict] = _nothing
    export: Callable[..., dict] = field(default=_nothing)


_holders: dict[str, Holder] = {}


def register(holder: Holder) -> None:
    _holders[holder.name] = holder


def holders() -> list[Holder]:
    return list(_holders.values())


def holds(complaint_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for holder in holders():
        for complaint_id, reason in holder.holds(complaint_ids).items():
            found.setdefault(complaint_id, reason)
    return found


def citizen_holds(citizen_ids: list[int], cutoff: datetime | None) -> dict[int, str]:
    found: dict[int, str] = {}
    for holder in holders():
        for citizen_id, reason in holder.citizen_holds(citizen_ids, cutoff).items():
            found.setdefault(citizen_id, reason)
    return found


def add_counts(total: dict, more: dict) -> dict:
    for label, count in more.items():
        total[label] = total.get(label, 0) + count
    return total
