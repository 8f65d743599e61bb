"""Routing that no single complaint can stop.

Routing takes the oldest waiting complaints first, a batch to a transaction
(`engine.route_complaints`). A complaint whose routing raises (a date out of range, a rule that
trips on its text) would fail its batch on every run, and so stop all routing. Here a batch that
fails is tried again complaint by complaint; a complaint that still fails is *set aside*: recorded
with its error where staff see it (the "Routing set aside" admin list, and /healthz), and left out
of the batches that follow, so that everything else is routed. Staff mend it and "Route again".

Not every error is the complaint's fault, and those that are not are raised, never set aside:
- a transient database error (connection lost, deadlock, serialization failure) or a task's time
  limit says nothing about the complaint: the task fails and is tried again (the next prompt, the
  reconcile beat);
- when no complaint at all can be routed, the fault is routing's (a bad release, a missing
  column): setting every complaint aside would hide it behind a list of thousands.
"""

import logging
import traceback
from collections.abc import Mapping
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from complaints.models import Complaint, ComplaintEvent, RoutingSetAside
from complaints.routing import engine

log = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, SoftTimeLimitExceeded)
MESSAGE_MAX = 2000
TRACEBACK_MAX = 20_000


def is_transient(error: BaseException) -> bool:
    """An error that may pass if the same work is simply tried again later."""
    return isinstance(error, TRANSIENT_ERRORS)


@dataclass(frozen=True)
class Verdict:
    set_aside: tuple[int, ...] = ()
    error: BaseException | None = None  # raised instead: not the complaints' fault


def judge(failures: Mapping[int, BaseException], *, done: int) -> Verdict:
    """What to do with the complaints of a batch that failed one by one, given how many others
    were routed meanwhile: set them aside, or raise an error that is not theirs."""
    transient = next((error for error in failures.values() if is_transient(error)), None)
    if transient is not None:
        return Verdict(error=transient)
    if failures and not done:
        return Verdict(error=next(iter(failures.values())))
    return Verdict(set_aside=tuple(sorted(failures)))


def route_waiting(complaint_ids=(), *, also_waiting: int = 0, now=None) -> dict[int, ComplaintEvent]:
    """`engine.route_complaints`, except that a complaint whose routing fails is set aside and
    the others are routed. Raises what is not a complaint's fault (see the module's notes)."""
    try:
        return engine.route_complaints(complaint_ids, also_waiting=also_waiting, now=now)
    except Exception as error:
        _unless_transient(error, "Routing a batch")
    batch = [*complaint_ids, *engine.waiting_to_route().exclude(pk__in=complaint_ids)
             .values_list("pk", flat=True)[:also_waiting]]
    routed = {}

    def route(complaint_id):
        events = engine.route_complaints([complaint_id], now=now)
        routed.update(events)
        return len(events)

    # Each failed: is it them, or routing? Another waiting complaint tells: the newest, the least
    # likely to be one of them.
    failures = _each_alone(batch, route, others=engine.waiting_to_route().exclude(pk__in=batch)
                           .order_by("-received_at"))
    _set_aside_or_raise(failures, done=len(routed), now=now)
    return routed


def _unless_transient(error: Exception, what: str) -> None:
    if is_transient(error):
        raise error
    log.warning("%s failed (%s: %s): taking its complaints one by one", what, type(error).__name__, error)


def _each_alone(batch: list[int], attempt, *, others) -> dict[int, Exception]:
    """Tries `attempt` on each complaint of the batch in its own transaction; the failures by
    complaint. If all fail, tries one of the `others` too, whose success shows that the failures
    are the complaints' own."""
    failures, done = {}, False
    for complaint_id in batch:
        try:
            done = bool(attempt(complaint_id)) or done
        except Exception as error:
            if is_transient(error):
                raise
            failures[complaint_id] = error
    if failures and not done:
        other = others.values_list("pk", flat=True).first()
        if other is not None:
            try:
                attempt(other)
            except Exception as error:
                if is_transient(error):
                    raise
    return failures


def _set_aside_or_raise(failures: dict[int, Exception], *, done: int, now) -> None:
    verdict = judge(failures, done=done)
    if verdict.error is not None:
        log.error("Routing fails for every complaint tried: none set aside", exc_info=verdict.error)
        raise verdict.error
    for complaint_id in verdict.set_aside:
        record_failure(complaint_id, failures[complaint_id], now=now)


def record_failure(complaint_id: int, error: BaseException, *, now=None) -> RoutingSetAside:
    """Sets a complaint aside with its error, or counts one more try of one set aside already."""
    now = now or timezone.now()
    log.error("Routing complaint %s failed: set aside for staff", complaint_id, exc_info=error)
    details = {"error_type": f"{type(error).__module__}.{type(error).__qualname__}"[:200],
               "error_message": str(error)[:MESSAGE_MAX],
               "traceback": "".join(traceback.format_exception(error))[-TRACEBACK_MAX:],
               "last_failed_at": now}
    with transaction.atomic():
        entry, created = RoutingSetAside.objects.select_for_update().get_or_create(
            complaint_id=complaint_id, defaults={**details, "first_failed_at": now, "attempts": 1})
        if not created:
            for name, value in details.items():
                setattr(entry, name, value)
            entry.attempts += 1
            entry.save()
    return entry


@dataclass(frozen=True)
class RouteAgainResult:
    routed: tuple[int, ...]
    still_failing: tuple[int, ...]


def route_again(complaint_ids, *, by, now=None) -> RouteAgainResult:
    """Staff's "Route again", for set-aside complaints once mended: each routed is no longer set
    aside (its routing event names who asked); each that fails again counts one more try."""
    routed, failing = [], []
    for complaint_id in (RoutingSetAside.objects.filter(complaint_id__in=complaint_ids).order_by("pk")
                         .values_list("complaint_id", flat=True)):
        try:
            with transaction.atomic():
                events = engine.route_complaints([complaint_id], now=now, by=by)
                still_owed = not events and Complaint.objects.filter(pk=complaint_id,
                                                                     status=Complaint.Status.NEW).exists()
                if not still_owed:  # routed now, or routed or merged meanwhile
                    RoutingSetAside.objects.filter(complaint_id=complaint_id).delete()
        except Exception as error:
            if is_transient(error):
                raise
            record_failure(complaint_id, error, now=now)
            failing.append(complaint_id)
        else:
            if events:
                routed.append(complaint_id)
    return RouteAgainResult(routed=tuple(routed), still_failing=tuple(failing))


def count_waiting() -> int:
    """How many complaints are set aside and still owed routing (for /healthz)."""
    return RoutingSetAside.objects.waiting().count()
