"""Which routing failures are a complaint's own (set it aside) and which are not (raise, try again):
a table, no database."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import DataError, IntegrityError, InterfaceError, OperationalError, ProgrammingError

from complaints.routing.set_aside import Verdict, is_transient, judge


@pytest.mark.parametrize(("error", "transient"), [
    (OperationalError("server closed the connection unexpectedly"), True),
    (OperationalError("deadlock detected"), True),
    (InterfaceError("connection already closed"), True),
    (SoftTimeLimitExceeded(), True),
    (OverflowError("date value out of range"), False),
    (DataError("value too long"), False),
    (IntegrityError("duplicate key"), False),
    (ProgrammingError("column does not exist"), False),
    (KeyError("citizen"), False),
])
def test_only_errors_that_pass_by_themselves_are_transient(error, transient):
    assert is_transient(error) is transient


def test_complaints_that_fail_while_others_are_routed_are_set_aside():
    failures = {7: OverflowError("date value out of range"), 3: ValueError("bad")}
    assert judge(failures, done=48) == Verdict(set_aside=(3, 7))


def test_when_nothing_could_be_done_the_fault_is_not_the_complaints_and_the_error_is_raised():
    first = ProgrammingError("column complaints_complaint.x does not exist")
    verdict = judge({1: first, 2: ProgrammingError("the same")}, done=0)
    assert verdict.set_aside == ()
    assert verdict.error is first


def test_a_transient_error_sets_nothing_aside_even_when_others_were_routed():
    lost = OperationalError("server closed the connection unexpectedly")
    verdict = judge({1: OverflowError("date value out of range"), 2: lost}, done=10)
    assert verdict == Verdict(error=lost)


def test_a_batch_without_failures_sets_nothing_aside():
    assert judge({}, done=0) == Verdict()
    assert judge({}, done=200) == Verdict()
