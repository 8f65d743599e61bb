"""Likely duplicates: the same citizen writing about the same matter more than once.

A citizen who hears nothing soon often tries another door — the hotline after the web form, a
letter in the Taht Amrak box after a tweet. When a complaint is routed, earlier complaints from
the same CPR or mobile within 30 days that read like the same matter are flagged; staff then
link the two, merge the later into the earlier, or dismiss the flag.

Merging keeps the earlier complaint's clock (the citizen's first promised date), and every
merged complaint keeps its own reference: tracking any of them shows the case it joined.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import lifecycle
from complaints.errors import DomainError
from complaints.models import Complaint, ComplaintEvent, DuplicateFlag
from complaints.values import arabic

WINDOW = timedelta(days=30)
# Share of the shorter text's words found in the other text.
SAME_WORDING = 0.5
SAME_WORDING_IN_SAME_AREA = 0.25  # enough when both are in the same category or department
MIN_WORD_LENGTH = 3
MIN_SHARED_WORDS = 2  # one word in common ("ceiling") says little, however short the texts
STOP_WORDS = frozenset(arabic.normalise(word) for word in (
    "الذي", "التي", "هذا", "هذه", "ذلك", "تلك", "على", "الى", "إلى", "من", "في", "عن", "مع", "منذ", "حتى", "بعد",
    "قبل", "لقد", "كان", "كانت", "لم", "لا", "ما", "او", "أو", "ثم", "كل", "عند", "لدي", "لدى", "انا", "أنا",
    "نحن", "الرجاء", "رجاء", "شكرا", "وزارة", "الوزارة", "الإسكان", "الاسكان",
    "the", "and", "for", "with", "that", "this", "from", "have", "has", "was", "are", "not", "but", "you",
    "our", "my", "please", "ministry", "housing", "thank", "thanks",
))
_MAX_MASTER_HOPS = 10

Status = Complaint.Status


@dataclass(frozen=True)
class Matter:
    """What a complaint is about, as far as comparing two of them goes."""

    words: frozenset[str]
    category_id: int | None = None
    department_id: int | None = None
    housing_application_number: str = ""


def content_words(text: str) -> frozenset[str]:
    """Normalised words without joined particles, short words or function words."""
    found = set()
    for word in arabic.words(arabic.normalise(text)):
        bare = min(arabic.stems(word), key=len)
        if len(bare) >= MIN_WORD_LENGTH and bare not in STOP_WORDS and word not in STOP_WORDS:
            found.add(bare)
    return frozenset(found)


def matter_of(complaint: Complaint) -> Matter:
    return Matter(words=content_words(f"{complaint.subject} {complaint.body}"), category_id=complaint.category_id,
                  department_id=complaint.department_id,
                  housing_application_number=complaint.housing_application_number.strip())


def similarity(a: Matter, b: Matter) -> float:
    if a.housing_application_number and a.housing_application_number == b.housing_application_number:
        return 1.0
    shared = len(a.words & b.words)
    if shared < MIN_SHARED_WORDS:
        return 0.0
    return shared / min(len(a.words), len(b.words))


def same_matter(a: Matter, b: Matter) -> float | None:
    """The similarity when the two read as the same matter, else None."""
    score = similarity(a, b)
    same_area = (a.category_id is not None and a.category_id == b.category_id) or \
                (a.department_id is not None and a.department_id == b.department_id)
    if score >= SAME_WORDING or (same_area and score >= SAME_WORDING_IN_SAME_AREA):
        return round(score, 3)
    return None


def same_person(a: Complaint, b: Complaint) -> str | None:
    if a.citizen_id and a.citizen_id == b.citizen_id:
        return DuplicateFlag.Reason.SAME_CPR
    if a.contact_mobile and a.contact_mobile == b.contact_mobile:
        return DuplicateFlag.Reason.SAME_MOBILE
    return None


def flag_likely_duplicates(complaints: list[Complaint], *, now=None) -> list[DuplicateFlag]:
    """Flags each complaint against the earlier ones it likely repeats: one query for the whole
    batch, one insert. Safe to run again: a pair is flagged once."""
    now = now or timezone.now()
    reachable = [c for c in complaints if c.citizen_id or c.contact_mobile]
    if not reachable:
        return []
    who = Q(citizen_id__in={c.citizen_id for c in reachable if c.citizen_id}) | \
        Q(contact_mobile__in={c.contact_mobile for c in reachable if c.contact_mobile})
    earlier_ones = list(
        Complaint.objects.filter(who, received_at__gte=min(c.received_at for c in reachable) - WINDOW,
                                 received_at__lte=max(c.received_at for c in reachable))
        .exclude(status=Status.MERGED)
        .only("pk", "citizen_id", "contact_mobile", "received_at", "subject", "body", "category_id",
              "department_id", "housing_application_number")
    )
    matters = {}

    def matter(complaint):
        if complaint.pk not in matters:
            matters[complaint.pk] = matter_of(complaint)
        return matters[complaint.pk]

    flags = []
    for complaint in reachable:
        for other in earlier_ones:
            if not (complaint.received_at - WINDOW <= other.received_at
                    and (other.received_at, other.pk) < (complaint.received_at, complaint.pk)):
                continue
            reason = same_person(complaint, other)
            score = reason and same_matter(matter(complaint), matter(other))
            if score is not None and reason:
                flags.append(DuplicateFlag(complaint=complaint, original=other, reason=reason, similarity=score,
                                           flagged_at=now))
    return DuplicateFlag.objects.bulk_create(flags, ignore_conflicts=True)


def case_shown_for(complaint: Complaint) -> Complaint:
    """The case a complaint's reference leads to: itself, or the case it was merged into."""
    for _hop in range(_MAX_MASTER_HOPS):
        if complaint.master_id is None:
            return complaint
        complaint = Complaint.objects.select_related("department").get(pk=complaint.master_id)
    return complaint


def merge(*, duplicate: Complaint, into: Complaint, by, now=None) -> ComplaintEvent:
    """Joins `duplicate` to `into`: the duplicate stops its clock and points to the case it
    joined; complaints merged into the duplicate before follow it; both timelines say so."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = {c.pk: c for c in Complaint.objects.select_for_update().filter(pk__in=(duplicate.pk, into.pk))
                  .order_by("pk")}
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        if duplicate.pk == into.pk:
            raise DomainError(_("A complaint cannot be merged into itself."))
        if not lifecycle.is_open(into.status):
            raise DomainError(_("Complaint %(reference)s is no longer open: merge into an open one.")
                              % {"reference": into.display_reference})
        if not lifecycle.can_change(duplicate.status, Status.MERGED):
            raise DomainError(_("Complaint %(reference)s can no longer be merged (it is “%(status)s”).")
                              % {"reference": duplicate.display_reference, "status": duplicate.get_status_display()})
        if same_person(duplicate, into) is None:
            raise DomainError(_("Only complaints from the same citizen can be merged; link them instead."))
        duplicate.master = into
        lifecycle.change_status(duplicate, Status.MERGED, by=by, now=now, update_fields=("master",),
                                note=_("Merged into complaint %(reference)s.") % {"reference": into.display_reference},
                                data={"into": into.reference})
        Complaint.objects.filter(master=duplicate).update(master=into)
        if duplicate.is_urgent and not into.is_urgent:
            Complaint.objects.filter(pk=into.pk).update(is_urgent=True)
        DuplicateFlag.objects.filter(_pair(duplicate, into)).update(state=DuplicateFlag.State.MERGED,
                                                                     decided_by=by, decided_at=now)
        return ComplaintEvent.objects.create(
            complaint=into, kind=ComplaintEvent.Kind.DUPLICATE_MERGED, actor=by, created_at=now, is_public=True,
            data={"reference": duplicate.reference, "channel": duplicate.channel,
                  "external_reference": duplicate.external_reference},
        )


def link(flag: DuplicateFlag, *, by, now=None) -> None:
    """Both complaints stay open and each shows the other."""
    now = now or timezone.now()
    with transaction.atomic():
        _decide(flag, DuplicateFlag.State.LINKED, by=by, now=now)
        for complaint, other in ((flag.complaint, flag.original), (flag.original, flag.complaint)):
            ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.DUPLICATE_LINKED, actor=by,
                                          created_at=now, data={"reference": other.reference,
                                                                "channel": other.channel})


def dismiss(flag: DuplicateFlag, *, by, note: str, now=None) -> None:
    if not note.strip():
        raise DomainError(_("Say why these are not the same matter."))
    _decide(flag, DuplicateFlag.State.DISMISSED, by=by, now=now or timezone.now(), note=note.strip())


def merge_flagged(flag: DuplicateFlag, *, by, now=None) -> ComplaintEvent:
    """Merges the later complaint into the earlier one, whose clock started first."""
    return merge(duplicate=flag.complaint, into=case_shown_for(flag.original), by=by, now=now)


def merged_references(case: Complaint) -> list[Complaint]:
    """The complaints merged into a case, each with its own reference and channel."""
    return list(case.duplicates.order_by("received_at").only("reference", "channel", "external_reference",
                                                             "received_at", "master_id"))


def _decide(flag: DuplicateFlag, state: str, *, by, now, note: str = "") -> None:
    updated = DuplicateFlag.objects.filter(pk=flag.pk, state=DuplicateFlag.State.FLAGGED).update(
        state=state, decided_by=by, decided_at=now, note=note)
    if not updated:
        raise DomainError(_("Someone has already decided on this likely duplicate."))
    flag.state = state


def _pair(a: Complaint, b: Complaint) -> Q:
    return Q(complaint=a, original=b) | Q(complaint=b, original=a)
