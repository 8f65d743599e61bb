"""The retention policy: a closed complaint's personal data is removed once it has been closed
for settings.RETENTION_CLOSED_DAYS; a citizen's once none of their complaints keeps it.

The period counts from the complaint's last change (`updated_at`), which for a closed complaint
is its closure or something later: never earlier than the law's period. Complaints are taken
in batches in (updated_at, id) order through a partial index of the closed ones not yet
anonymised, each batch in its own transaction, so a run over a million rows holds no long lock
and a run that stops half-way is simply continued by the next. Complaints merged into a closed
one go with it. Every run is recorded as an append-only RetentionRun.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from complaints.models import Citizen, Complaint, RetentionRun
from complaints.data_protection import anonymise, registry


class _DryRun(Exception):
    """Raised to roll a dry run back once its counts are taken."""


def cutoff_for(now):
    return now - timedelta(days=settings.RETENTION_CLOSED_DAYS)


def apply_retention(*, now=None, dry_run: bool = False, batch_size: int | None = None, by=None) -> RetentionRun:
    """Runs the policy once and records it. A dry run does the same work in one transaction and
    rolls it back: the counts are exact and no file is touched."""
    now = now or timezone.now()
    batch_size = batch_size or settings.RETENTION_BATCH_SIZE
    cutoff = cutoff_for(now)
    totals = {"complaints": 0, "citizens": 0, "files": 0, "held": 0}
    if dry_run:
        try:
            with transaction.atomic():
                _run(totals, cutoff=cutoff, now=now, batch_size=batch_size, delete_files=False)
                raise _DryRun
        except _DryRun:
            pass
    else:
        _run(totals, cutoff=cutoff, now=now, batch_size=batch_size, delete_files=True)
    main = {name: totals.pop(name) for name in ("complaints", "citizens", "files", "held")}
    return RetentionRun.objects.create(started_at=now, finished_at=timezone.now(), cutoff=cutoff, dry_run=dry_run,
                                       triggered_by=by, counts=totals, **main)


def _run(totals, *, cutoff, now, batch_size, delete_files):
    after = None
    while batch := candidates(cutoff, after=after, limit=batch_size):
        after = batch[-1]
        with transaction.atomic():
            ids = [pk for _, pk in batch]
            held = registry.holds(ids)
            ids = [pk for pk in ids if pk not in held]
            ids += list(Complaint.objects.filter(master_id__in=ids, status=Complaint.Status.MERGED,
                                                 anonymised_at__isnull=True).values_list("pk", flat=True))
            totals["held"] += len(held)
            registry.add_counts(totals, anonymise.anonymise_complaints(ids, now=now, delete_files=delete_files))
    for holder in registry.holders():
        with transaction.atomic():
            registry.add_counts(totals, holder.anonymise_unattached(cutoff, now=now, delete_files=delete_files))
    _anonymise_citizens(totals, cutoff=cutoff, now=now, batch_size=batch_size)


def candidates(cutoff, *, after, limit) -> list[tuple]:
    """The next closed complaints, unchanged since `cutoff`, after the (updated_at, id) `after`."""
    closed = Complaint.objects.filter(status=Complaint.Status.CLOSED, anonymised_at__isnull=True,
                                      updated_at__lt=cutoff)
    if after is not None:
        closed = closed.filter(Q(updated_at__gt=after[0]) | Q(updated_at=after[0], pk__gt=after[1]))
    return list(closed.order_by("updated_at", "pk").values_list("updated_at", "pk")[:limit])


def _anonymise_citizens(totals, *, cutoff, now, batch_size):
    """Citizens with no complaint still holding their data: all anonymised, or none at all and
    known for longer than the period (a caller who never complained)."""
    last_id = 0
    has_complaints = Exists(Complaint.objects.filter(citizen_id=OuterRef("pk")))
    while True:
        ids = list(anonymise.without_retained_complaints(
            Citizen.objects.filter(Q(created_at__lt=cutoff) | has_complaints, anonymised_at__isnull=True,
                                   pk__gt=last_id))
            .order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return
        last_id = ids[-1]
        held = registry.citizen_holds(ids, cutoff)
        with transaction.atomic():
            registry.add_counts(totals, anonymise.anonymise_citizens([pk for pk in ids if pk not in held], now=now))
