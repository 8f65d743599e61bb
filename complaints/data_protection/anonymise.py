"""Removing a citizen's personal data while keeping what the statistics need: the one place that
does it, for the retention policy and for an erasure request alike.

A complaint keeps its reference, kind, channel, status, category, department, dates, rating
scores and timeline (kinds, statuses, who acted, when); its subject, details, contacts, the
free texts about it and its files go (see docs/data-protection.md for the full list). A citizen
keeps their row, so that the complaints still point at one person for counting, with the name,
CPR, mobile and e-mail replaced. Call inside a transaction.
"""

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat, LPad

from complaints.append_only import REDACTED
from complaints.models import Citizen, Complaint, ComplaintEvent
from complaints.data_protection import registry


# What replaces a CPR: "#" and the citizen's id on eight digits. Still unique (the column is), and
# never a CPR, which is nine digits. Ids beyond 99,999,999 would not fit the column and fail loudly.
PLACEHOLDER_CPR = Concat(Value("#"), LPad(Cast("pk", CharField()), 8, Value("0")), output_field=CharField())


def anonymise_complaints(complaint_ids: list[int], *, now, delete_files: bool = True) -> dict:
    """Anonymises these complaints (already checked for holds); returns counts by kind of record."""
    complaints = Complaint.objects.filter(pk__in=complaint_ids, anonymised_at__isnull=True)
    ids = list(complaints.values_list("pk", flat=True))
    if not ids:
        return {"complaints": 0}
    counts = {}
    for holder in registry.holders():
        registry.add_counts(counts, holder.anonymise(ids, now=now, delete_files=delete_files))
    Complaint.objects.filter(pk__in=ids).update(
        subject=REDACTED, body=REDACTED, contact_mobile="", contact_email="", housing_application_number="",
        anonymised_at=now)
    # A social media complaint's channel reference is the post's id, which leads back to its author.
    Complaint.objects.filter(pk__in=ids, channel=Complaint.Channel.SOCIAL_MEDIA).update(external_reference="")
    ComplaintEvent.objects.bulk_create([
        ComplaintEvent(complaint_id=pk, kind=ComplaintEvent.Kind.DATA_ANONYMISED, created_at=now) for pk in ids])
    counts["complaints"] = len(ids)
    return counts


def without_retained_complaints(citizens):
    """The citizens none of whose complaints still holds their personal data."""
    retained = Complaint.objects.filter(citizen_id=OuterRef("pk"), anonymised_at__isnull=True)
    return citizens.filter(~Exists(retained))


def anonymise_citizens(citizen_ids: list[int], *, now) -> dict:
    """Replaces the name, CPR and contacts of these citizens (callers check they may be)."""
    ids = list(Citizen.objects.filter(pk__in=citizen_ids, anonymised_at__isnull=True).values_list("pk", flat=True))
    if not ids:
        return {"citizens": 0}
    counts = {}
    for holder in registry.holders():
        registry.add_counts(counts, holder.anonymise_citizens(ids, now=now))
    counts["citizens"] = Citizen.objects.filter(pk__in=ids).update(
        cpr=PLACEHOLDER_CPR, name=REDACTED, mobile="", email="", anonymised_at=now)
    return counts
