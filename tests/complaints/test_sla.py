from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from complaints import sla

BAHRAIN = ZoneInfo("Asia/Bahrain")


def test_default_is_thirty_calendar_days_to_the_minute():
    received = datetime(2026, 11, 1, 9, 30, tzinfo=BAHRAIN)
    assert sla.due_at(received, 30) == datetime(2026, 12, 1, 9, 30, tzinfo=BAHRAIN)


def test_category_figure_replaces_the_default():
    assert sla.answer_days(category_days=7, default_days=30) == 7


def test_without_a_category_figure_the_default_applies():
    assert sla.answer_days(category_days=None, default_days=30) == 30


def test_crossing_a_month_end_and_new_year():
    received = datetime(2026, 12, 20, 23, 59, tzinfo=BAHRAIN)
    assert sla.due_at(received, 30) - received == timedelta(days=30)
    assert sla.due_at(received, 30).date().isoformat() == "2027-01-19"
