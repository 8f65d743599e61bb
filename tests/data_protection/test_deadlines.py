"""The 10-working-day deadline of a citizen's data request: Sunday to Thursday, less Bahrain's
public holidays and the ministry's closure dates (the SLA's working calendar)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from complaints.data_protection import deadlines
from complaints.models import ClosureDate
from complaints.sla import arithmetic, clock

BAHRAIN = ZoneInfo("Asia/Bahrain")
NO_HOLIDAYS = arithmetic.WorkingDays()


@pytest.mark.parametrize(("received", "due"), [
    (datetime(2026, 11, 1, 9, tzinfo=BAHRAIN), date(2026, 11, 15)),   # Sunday: two full weeks
    (datetime(2026, 11, 5, 23, tzinfo=BAHRAIN), date(2026, 11, 19)),  # Thursday night: the day itself not counted
    (datetime(2026, 11, 6, 10, tzinfo=BAHRAIN), date(2026, 11, 19)),  # Friday: the weekend counts for nothing
    (datetime(2026, 11, 7, 10, tzinfo=BAHRAIN), date(2026, 11, 19)),  # Saturday: likewise
])
def test_ten_working_days_in_the_bahrain_week(received, due, settings):
    settings.DATA_REQUEST_WORKING_DAYS = 10
    assert deadlines.due_on(received, calendar=NO_HOLIDAYS) == due


def test_a_late_evening_in_bahrain_is_already_the_next_day_in_utc_terms(settings):
    # 22:30 UTC on Saturday 7 November is 01:30 on Sunday 8 November in Bahrain.
    received = datetime(2026, 11, 7, 22, 30, tzinfo=ZoneInfo("UTC"))
    assert deadlines.due_on(received, calendar=NO_HOLIDAYS) == date(2026, 11, 22)


@pytest.mark.django_db
def test_public_holidays_and_closure_dates_do_not_count(settings):
    clock.forget_calendar()
    received = datetime(2026, 12, 6, 10, tzinfo=BAHRAIN)  # Sunday; National Day is 16 and 17 December
    assert deadlines.due_on(received) == date(2026, 12, 22)
    ClosureDate.objects.create(date=date(2026, 12, 21), reason="Ministry closed")
    assert deadlines.due_on(received) == date(2026, 12, 23)


def test_the_warning_comes_two_working_days_before(settings):
    settings.DATA_REQUEST_WARNING_DAYS = 2
    assert deadlines.warn_from(date(2026, 11, 15), calendar=NO_HOLIDAYS) == date(2026, 11, 11)  # Sunday -> Wed
    assert deadlines.warn_from(date(2026, 11, 19), calendar=NO_HOLIDAYS) == date(2026, 11, 17)


def test_overdue_only_after_the_due_day():
    assert not deadlines.is_overdue(date(2026, 11, 15), today=date(2026, 11, 15))
    assert deadlines.is_overdue(date(2026, 11, 15), today=date(2026, 11, 16))
