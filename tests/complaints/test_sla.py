"""SLA arithmetic as tables: calendars, weekends, holidays, pauses and reminder stages.
Time is always passed in; nothing here reads the clock or the database."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaints.sla import arithmetic
from complaints.sla.arithmetic import CalendarDays, SweepPlan, WorkingDays, answer_days

BAHRAIN = ZoneInfo("Asia/Bahrain")


def at(day, hour=10, minute=0):
    return datetime.combine(day, datetime.min.time(), BAHRAIN).replace(hour=hour, minute=minute)


# --- how many days ------------------------------------------------------------------------

@pytest.mark.parametrize(("category_days", "kind_days", "expected"), [
    (None, None, 30),
    (14, None, 14),
    (None, 7, 7),
    (14, 7, 14),   # the category's figure wins over the kind's
])
def test_answer_days_category_then_kind_then_default(category_days, kind_days, expected):
    assert answer_days(category_days=category_days, kind_days=kind_days, default_days=30) == expected


# --- calendar days ------------------------------------------------------------------------

def test_thirty_calendar_days_to_the_minute():
    assert CalendarDays().add(at(date(2026, 11, 1), 9, 30), 30) == at(date(2026, 12, 1), 9, 30)


def test_calendar_days_cross_the_new_year():
    assert CalendarDays().add(at(date(2026, 12, 20), 23, 59), 30) == at(date(2027, 1, 19), 23, 59)


def test_a_pause_gives_back_exactly_the_time_that_was_left():
    clock = CalendarDays()
    due = at(date(2026, 12, 1), 9, 30)
    left = clock.time_left(at(date(2026, 11, 21), 15, 0), due)   # 9 days 18.5 hours left
    assert clock.resume(at(date(2026, 11, 28), 8, 0), left) == at(date(2026, 12, 8), 2, 30)


# --- Bahrain working days -------------------------------------------------------------------
# November 2026: Thursday 26, Friday 27, Saturday 28, Sunday 29, Monday 30.
THURSDAY = date(2026, 11, 26)
SUNDAY = date(2026, 11, 29)
NATIONAL_DAY = frozenset({date(2026, 12, 16), date(2026, 12, 17)})


@pytest.mark.parametrize(("received", "days", "due"), [
    (THURSDAY, 1, SUNDAY),                          # Friday and Saturday are the weekend
    (THURSDAY, 2, date(2026, 11, 30)),
    (date(2026, 11, 27), 1, SUNDAY),                # received on a Friday: counting starts Sunday
    (SUNDAY, 5, date(2026, 12, 6)),                 # a whole working week, then the weekend
    (date(2026, 12, 15), 1, date(2026, 12, 20)),    # National Day 16-17 Dec, then the weekend
    (date(2026, 12, 14), 3, date(2026, 12, 21)),
])
def test_working_days_skip_weekends_and_holidays(received, days, due):
    clock = WorkingDays(closed_dates=NATIONAL_DAY)
    assert clock.add(at(received), days) == at(due)


def test_thirty_working_days_is_six_weeks_without_holidays():
    assert WorkingDays().add(at(SUNDAY), 30) == at(SUNDAY + timedelta(weeks=6))


def test_a_closure_date_entered_by_staff_moves_the_due_date():
    without = WorkingDays().add(at(SUNDAY), 3)
    with_closure = WorkingDays(closed_dates=frozenset({date(2026, 11, 30)})).add(at(SUNDAY), 3)
    assert with_closure - without == timedelta(days=1)


def test_a_pause_in_working_days_gives_back_the_working_days_left():
    clock = WorkingDays(closed_dates=NATIONAL_DAY)
    due = at(date(2026, 12, 10))                                   # a Thursday
    paused = at(date(2026, 12, 6))                                 # Sunday: Mon-Thu left = 4
    assert clock.time_left(paused, due) == 4
    resumed = at(date(2026, 12, 14))                               # Monday, after 8 days waiting
    # Tuesday 15, (16-17 National Day), (18-19 weekend), Sunday 20, Monday 21, Tuesday 22
    assert clock.resume(resumed, 4) == at(date(2026, 12, 22))


# --- the sweep's stages -------------------------------------------------------------------------
PLAN = SweepPlan((2, 7))  # given in any order: the plan sorts them
DUE = at(date(2026, 12, 31), 12)


@pytest.mark.parametrize(("now", "stage"), [
    (DUE - timedelta(days=10), 0),
    (DUE - timedelta(days=7), 1),
    (DUE - timedelta(days=3), 1),
    (DUE - timedelta(days=2), 2),
    (DUE - timedelta(minutes=1), 2),
    (DUE, 3),
    (DUE + timedelta(days=40), 3),
])
def test_stage_reached_by_a_given_time(now, stage):
    assert PLAN.stage_at(DUE, now) == stage


@pytest.mark.parametrize(("stage", "next_action"), [
    (0, DUE - timedelta(days=7)),
    (1, DUE - timedelta(days=2)),
    (2, DUE),
    (3, None),
])
def test_when_the_sweep_looks_next(stage, next_action):
    assert PLAN.next_action_at(DUE, stage) == next_action


def test_breach_is_the_stage_after_the_last_reminder():
    assert PLAN.reminder_days == (7, 2)
    assert PLAN.breach_stage == 3
    assert SweepPlan(()).breach_stage == 1


@pytest.mark.parametrize(("due", "now", "paused", "answered", "expected"), [
    ("2026-12-20 10:00", "2026-11-28 09:00", False, False, ("on_time", 22)),
    ("2026-12-05 10:00", "2026-11-28 09:00", False, False, ("due_soon", 7)),
    ("2026-11-28 10:00", "2026-11-28 09:00", False, False, ("due_soon", 0)),   # due later today
    ("2026-11-28 08:00", "2026-11-28 09:00", False, False, ("overdue", 1)),    # an hour late counts as a day
    ("2026-11-20 08:00", "2026-11-28 09:00", False, False, ("overdue", 8)),
    ("2026-11-20 08:00", "2026-11-28 09:00", True, False, ("paused", 0)),
    ("2026-11-20 08:00", "2026-11-28 09:00", False, True, ("answered", 0)),
])
def test_standing_against_the_answer_date(due, now, paused, answered, expected):
    at = datetime.fromisoformat
    result = arithmetic.standing(due_at=at(due), now=at(now), paused=paused, answered=answered)
    assert (result.state, result.days) == expected
