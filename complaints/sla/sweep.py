"""The SLA sweep: reminders before the due date and breaches after it, for every open complaint.

Set-based: each chunk locks the clocks (SlaClock, a narrow table beside the complaints) whose
`next_action_at` has come, skipping rows another sweep holds; moves each to the stage it has
reached with one UPDATE computed in SQL; and records one notice per complaint and one event
per breach. The partial index on `next_action_at` holds only running clocks, so a sweep reads
only what is due, and it never writes to the wide, heavily indexed complaints table. Two
sweeps at once never act on the same complaint: the second skips locked rows and then finds
them no longer due; the notices' unique constraint is a second guard.

On PostgreSQL a chunk is one statement (a CTE: lock, update, insert notices, insert events)
so that a backlog of half a million breaches takes seconds, not minutes; elsewhere (SQLite,
the embedded default) the same steps run through the ORM. The suite runs on both.
"""

from dataclasses import dataclass
from datetime import timedelta

import django.dispatch
from django.db import connection, transaction
from django.db.models import Case, DateTimeField, ExpressionWrapper, F, PositiveSmallIntegerField, Value, When

from complaints.models import Complaint, ComplaintEvent, SlaClock, SlaNotice
from complaints.sla import arithmetic

# Sent after commit with the ids of complaints that have just become overdue; the minister's
# office listens to put them on its escalation list.
sla_breached = django.dispatch.Signal()

NEVER = None


@dataclass
class SweepResult:
    reminders: int = 0
    breaches: int = 0
    chunks: int = 0


@dataclass(frozen=True)
class Step:
    """A complaint due no later than `due_by` has reached `stage`; the sweep looks at it again
    `next_days_before_due` days before its due date (0: on the due date; NEVER: no more)."""
    due_by: object
    stage: int
    next_days_before_due: int | None


def steps(plan: arithmetic.SweepPlan, now) -> list[Step]:
    """From the latest stage to the earliest: a complaint takes the first step it satisfies."""
    count = len(plan.reminder_days)
    result = [Step(now, plan.breach_stage, NEVER)]
    for stage in range(count, 0, -1):
        result.append(Step(now + timedelta(days=plan.reminder_days[stage - 1]), stage,
                           plan.reminder_days[stage] if stage < count else 0))
    return result


def sweep(*, now, plan: arithmetic.SweepPlan, chunk_size: int, on_notices=None) -> SweepResult:
    """Runs chunks until nothing is due. `on_notices(ids)` is called after each chunk commits."""
    total = SweepResult()
    sweep_chunk = _sweep_chunk_postgresql if connection.vendor == "postgresql" else _sweep_chunk_orm
    while True:
        with transaction.atomic():
            locked, reminders, breached, notice_ids = sweep_chunk(now=now, plan=plan, chunk_size=chunk_size)
            if breached:
                transaction.on_commit(lambda breached=breached: sla_breached.send(sender=Complaint,
                                                                                 complaint_ids=breached))
            if on_notices and notice_ids:
                transaction.on_commit(lambda notice_ids=notice_ids: on_notices(notice_ids))
        if locked:
            total.reminders += reminders
            total.breaches += len(breached)
            total.chunks += 1
        if locked < chunk_size:
            return total


def _sweep_chunk_orm(*, now, plan, chunk_size):
    ids = list(
        SlaClock.objects.filter(next_action_at__lte=now).order_by("next_action_at")
        .select_for_update(skip_locked=True).values_list("pk", flat=True)[:chunk_size]
    )
    if not ids:
        return 0, 0, [], []
    SlaClock.objects.filter(pk__in=ids, next_action_at__lte=now).update(
        stage=_stage_case(plan, now),
        next_action_at=_next_action_case(plan, now),
        breached_at=Case(When(due_at__lte=now, breached_at__isnull=True, then=Value(now)), default=F("breached_at")),
    )
    moved = list(SlaClock.objects.filter(pk__in=ids).values_list("pk", "stage", "due_at"))
    SlaNotice.objects.bulk_create(
        [SlaNotice(complaint_id=pk, stage=stage, due_at=due_at, created_at=now,
                   kind=SlaNotice.Kind.BREACH if stage == plan.breach_stage else SlaNotice.Kind.REMINDER)
         for pk, stage, due_at in moved if stage > 0],
        ignore_conflicts=True,
    )
    breached = [pk for pk, stage, _due in moved if stage == plan.breach_stage]
    ComplaintEvent.objects.bulk_create(
        [ComplaintEvent(complaint_id=pk, kind=ComplaintEvent.Kind.SLA_BREACHED, created_at=now, is_public=False)
         for pk in breached])
    notice_ids = list(SlaNotice.objects.filter(complaint_id__in=ids, created_at=now, sent_at__isnull=True)
                      .values_list("pk", flat=True))
    reminders = sum(1 for _pk, stage, _due in moved if 0 < stage < plan.breach_stage)
    return len(ids), reminders, breached, notice_ids


def _stage_case(plan, now):
    return Case(*[When(due_at__lte=step.due_by, then=Value(step.stage)) for step in steps(plan, now)],
                default=F("stage"), output_field=PositiveSmallIntegerField())


def _next_action_case(plan, now):
    def when(step):
        if step.next_days_before_due is NEVER:
            return Value(None, output_field=DateTimeField())
        return ExpressionWrapper(F("due_at") - timedelta(days=step.next_days_before_due),
                                 output_field=DateTimeField())

    first_check = plan.reminder_days[0] if plan.reminder_days else 0
    return Case(*[When(due_at__lte=step.due_by, then=when(step)) for step in steps(plan, now)],
                default=ExpressionWrapper(F("due_at") - timedelta(days=first_check), output_field=DateTimeField()),
                output_field=DateTimeField())


def _sweep_chunk_postgresql(*, now, plan, chunk_size):
    chunk_steps = steps(plan, now)
    stage_sql = " ".join("WHEN c.due_at <= %s THEN %s" for _ in chunk_steps)
    stage_params = [value for step in chunk_steps for value in (step.due_by, step.stage)]
    next_sql = " ".join(
        "WHEN c.due_at <= %s THEN NULL" if step.next_days_before_due is NEVER
        else "WHEN c.due_at <= %s THEN c.due_at - %s" for step in chunk_steps)
    next_params = [value for step in chunk_steps for value in
                   ((step.due_by,) if step.next_days_before_due is NEVER
                    else (step.due_by, timedelta(days=step.next_days_before_due)))]
    first_check = timedelta(days=plan.reminder_days[0] if plan.reminder_days else 0)
    with connection.cursor() as cursor:
        cursor.execute(f"""
            WITH due AS (
                SELECT complaint_id FROM complaints_slaclock
                WHERE next_action_at <= %s
                ORDER BY next_action_at LIMIT %s
                FOR UPDATE SKIP LOCKED
            ), moved AS (
                UPDATE complaints_slaclock c SET
                    stage = CASE {stage_sql} ELSE c.stage END,
                    next_action_at = CASE {next_sql} ELSE c.due_at - %s END,
                    breached_at = CASE WHEN c.due_at <= %s AND c.breached_at IS NULL THEN %s ELSE c.breached_at END
                FROM due WHERE c.complaint_id = due.complaint_id AND c.next_action_at <= %s
                RETURNING c.complaint_id, c.stage, c.due_at
            ), notices AS (
                INSERT INTO complaints_slanotice (complaint_id, kind, stage, due_at, created_at)
                SELECT complaint_id, CASE WHEN stage = %s THEN 'breach' ELSE 'reminder' END, stage, due_at, %s
                FROM moved WHERE stage > 0
                ON CONFLICT DO NOTHING
                RETURNING id
            ), events AS (
                INSERT INTO complaints_complaintevent
                    (complaint_id, kind, created_at, from_status, to_status, note, is_public, data)
                SELECT complaint_id, %s, %s, '', '', '', false, '{{}}' FROM moved WHERE stage = %s
                RETURNING complaint_id
            )
            SELECT (SELECT count(*) FROM due),
                   (SELECT count(*) FROM moved WHERE stage > 0 AND stage < %s),
                   (SELECT coalesce(array_agg(complaint_id), '{{}}') FROM events),
                   (SELECT coalesce(array_agg(id), '{{}}') FROM notices)
            """,
            [now, chunk_size, *stage_params, *next_params, first_check, now, now, now,
             plan.breach_stage, now, ComplaintEvent.Kind.SLA_BREACHED, now, plan.breach_stage, plan.breach_stage],
        )
        locked, reminders, breached, notice_ids = cursor.fetchone()
    return locked, reminders, list(breached), list(notice_ids)
