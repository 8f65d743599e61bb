"""The SLA sweep: reminders before the due date and breaches after it, for every open complaint.

Set-based: each chunk is three statements, whatever its size — lock the complaints whose
`sla_next_action_at` has come (skipping rows another sweep holds), move each to the stage
it has reached with one UPDATE computed in SQL, and record one notice per complaint. The
partial index on `sla_next_action_at` holds only live clocks, so a sweep reads only what
is due. Two sweeps at once never act on the same complaint: the second skips locked rows
and then finds them no longer due; the notices' unique constraint is a second guard.
"""

from dataclasses import dataclass
from datetime import timedelta

import django.dispatch
from django.db import transaction
from django.db.models import Case, DateTimeField, ExpressionWrapper, F, PositiveSmallIntegerField, Value, When

from . import sla
from .models import Complaint, ComplaintEvent, SlaNotice

# Sent after commit with the ids of complaints that have just become overdue; the minister's
# office listens to put them on its escalation list.
sla_breached = django.dispatch.Signal()


@dataclass
class SweepResult:
    reminders: int = 0
    breaches: int = 0
    chunks: int = 0


def sweep(*, now, plan: sla.SweepPlan, chunk_size: int, on_notices=None) -> SweepResult:
    """Runs chunks until nothing is due. `on_notices(ids)` is called after each chunk commits."""
    total = SweepResult()
    while True:
        locked = _sweep_chunk(now=now, plan=plan, chunk_size=chunk_size, on_notices=on_notices, total=total)
        if locked < chunk_size:
            return total


def _sweep_chunk(*, now, plan, chunk_size, on_notices, total: SweepResult) -> int:
    with transaction.atomic():
        ids = list(
            Complaint.objects.filter(sla_next_action_at__lte=now)
            .order_by("sla_next_action_at")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:chunk_size]
        )
        if not ids:
            return 0
        Complaint.objects.filter(pk__in=ids, sla_next_action_at__lte=now).update(
            sla_stage=_stage_reached(plan, now),
            sla_next_action_at=_next_action(plan, now),
            breached_at=Case(When(due_at__lte=now, breached_at__isnull=True, then=Value(now)),
                             default=F("breached_at")),
        )
        moved = list(Complaint.objects.filter(pk__in=ids).values_list("pk", "sla_stage", "due_at"))
        SlaNotice.objects.bulk_create(
            [SlaNotice(complaint_id=pk, stage=stage, due_at=due_at, created_at=now,
                       kind=SlaNotice.Kind.BREACH if stage == plan.breach_stage else SlaNotice.Kind.REMINDER)
             for pk, stage, due_at in moved if stage > 0],
            ignore_conflicts=True,
        )
        breached = [pk for pk, stage, _due in moved if stage == plan.breach_stage]
        ComplaintEvent.objects.bulk_create(
            [ComplaintEvent(complaint_id=pk, kind=ComplaintEvent.Kind.SLA_BREACHED, created_at=now,
                            is_public=False) for pk in breached],
        )
        if breached:
            transaction.on_commit(lambda: sla_breached.send(sender=Complaint, complaint_ids=breached))
        if on_notices:
            notice_ids = list(SlaNotice.objects.filter(complaint_id__in=ids, created_at=now, sent_at__isnull=True)
                              .values_list("pk", flat=True))
            if notice_ids:
                transaction.on_commit(lambda: on_notices(notice_ids))
        total.reminders += sum(1 for _pk, stage, _due in moved if 0 < stage < plan.breach_stage)
        total.breaches += len(breached)
        total.chunks += 1
        return len(ids)


def _stage_reached(plan: sla.SweepPlan, now):
    """SQL for the stage each complaint has reached by `now`: the last threshold it passed."""
    whens = [When(due_at__lte=now, then=Value(plan.breach_stage))]
    for stage in range(len(plan.reminder_days), 0, -1):
        whens.append(When(due_at__lte=now + timedelta(days=plan.reminder_days[stage - 1]), then=Value(stage)))
    return Case(*whens, default=F("sla_stage"), output_field=PositiveSmallIntegerField())


def _next_action(plan: sla.SweepPlan, now):
    """SQL for when the sweep must look again: the next threshold after the stage reached."""
    def due_minus(days):
        return ExpressionWrapper(F("due_at") - timedelta(days=days), output_field=DateTimeField())

    whens = [When(due_at__lte=now, then=Value(None, output_field=DateTimeField()))]
    for stage in range(len(plan.reminder_days), 0, -1):
        following = due_minus(plan.reminder_days[stage]) if stage < len(plan.reminder_days) else F("due_at")
        whens.append(When(due_at__lte=now + timedelta(days=plan.reminder_days[stage - 1]), then=following))
    first_reminder = due_minus(plan.reminder_days[0]) if plan.reminder_days else F("due_at")
    return Case(*whens, default=first_reminder, output_field=DateTimeField())
