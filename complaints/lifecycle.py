"""The complaint lifecycle: which status may follow which, and the one function that moves it.

Every status change in the portal goes through `change_status`, so that the
rules live here alone and every change leaves an event on the timeline.
"""

import django.dispatch
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import OPEN_STATUSES, Complaint, ComplaintEvent
from complaints.sla import clock

Status = Complaint.Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.ROUTED, Status.MERGED}),
    Status.ROUTED: frozenset({Status.IN_PROGRESS, Status.AWAITING_CITIZEN, Status.RESPONDED, Status.MERGED}),
    Status.IN_PROGRESS: frozenset({Status.AWAITING_CITIZEN, Status.RESPONDED, Status.MERGED}),
    Status.AWAITING_CITIZEN: frozenset({Status.IN_PROGRESS, Status.RESPONDED, Status.CLOSED}),
    Status.RESPONDED: frozenset({Status.CLOSED, Status.REOPENED}),
    Status.CLOSED: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset({Status.IN_PROGRESS, Status.AWAITING_CITIZEN, Status.RESPONDED, Status.MERGED}),
    Status.MERGED: frozenset(),
}


def is_open(status: str) -> bool:
    """Every status but CLOSED and MERGED (models.OPEN_STATUSES, declared beside the statuses
    because the partial indexes need it too)."""
    return status in OPEN_STATUSES


# Sent with `events=` (the status events just written) inside the transaction that wrote them,
# so that channels owing the outside world an update (Tawasul) record it atomically with the change.
status_changed = django.dispatch.Signal()


class IllegalTransition(Exception):
    """A status change the lifecycle does not allow."""

    def __init__(self, complaint: Complaint, to_status: str):
        self.complaint = complaint
        self.to_status = to_status
        super().__init__(
            _("Complaint %(reference)s cannot move from “%(from)s” to “%(to)s”.") % {
                "reference": complaint.display_reference,
                "from": Status(complaint.status).label,
                "to": Status(to_status).label,
            }
        )


def can_change(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS[from_status]


def change_status(
    complaint: Complaint,
    to_status: str,
    *,
    by,
    now,
    kind: str = ComplaintEvent.Kind.STATUS_CHANGED,
    note: str = "",
    is_public: bool = True,
    update_fields: tuple[str, ...] = (),
    **event_fields,
) -> ComplaintEvent:
    """Moves `complaint` to `to_status`, saves it and writes the event; call inside a transaction.

    `update_fields` names other fields the caller changed on the complaint in the same step
    (the department when routing, for instance), so that they are saved together.
    """
    [event] = change_status_of_many(
        [complaint], to_status, by=by, now=now, kind=kind, notes={complaint.pk: note}, is_public=is_public,
        update_fields=update_fields, event_fields={complaint.pk: event_fields},
    )
    return event


def change_status_of_many(
    complaints: list[Complaint],
    to_status: str,
    *,
    by,
    now,
    kind: str = ComplaintEvent.Kind.STATUS_CHANGED,
    notes: dict[int, str] | None = None,
    is_public: bool = True,
    update_fields: tuple[str, ...] = (),
    event_fields: dict[int, dict] | None = None,
) -> list[ComplaintEvent]:
    """`change_status` for many complaints at once, in one UPDATE and one INSERT: the routing
    of a batch takes milliseconds instead of a round of queries per complaint."""
    for complaint in complaints:
        if not can_change(complaint.status, to_status):
            raise IllegalTransition(complaint, to_status)
    changed_fields = {"status", "updated_at", *update_fields}
    events = []
    saved_at = timezone.now()
    for complaint in complaints:
        from_status = complaint.status
        complaint.status = to_status
        complaint.updated_at = saved_at
        changed_fields.update(clock.on_status_change(complaint, from_status=from_status, to_status=to_status,
                                                     now=now))
        events.append(ComplaintEvent(
            complaint=complaint, kind=kind, actor=by, created_at=now, from_status=from_status,
            to_status=to_status, note=(notes or {}).get(complaint.pk, ""), is_public=is_public,
            **(event_fields or {}).get(complaint.pk, {}),
        ))
    Complaint.objects.bulk_update(complaints, sorted(changed_fields))
    events = ComplaintEvent.objects.bulk_create(events)
    status_changed.send(sender=Complaint, events=events)
    return events
