"""The one check every channel applies to dates from outside: from 2000-01-01 to a day after now.
A pure function, tested as a table without a database."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.core.exceptions import ValidationError

from complaints.values import outside_dates

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # 12:00 in Bahrain
BAHRAIN = timezone(timedelta(hours=3))
FAR_WEST = timezone(timedelta(hours=-12))


@pytest.mark.parametrize(("value", "accepted"), [
    (datetime(1, 1, 1, tzinfo=UTC), False),  # what some systems send for "unset"
    (datetime(1, 1, 1, tzinfo=BAHRAIN), False),  # would overflow if converted to UTC
    (datetime(1999, 12, 31, 23, 59, tzinfo=BAHRAIN), False),
    (datetime(2000, 1, 1, 0, 0, tzinfo=BAHRAIN), True),  # 1999-12-31 in UTC, 2000 where it was written
    (datetime(2026, 11, 27, 9, 15, tzinfo=BAHRAIN), True),
    (NOW, True),
    (NOW + timedelta(hours=23, minutes=59), True),  # another system's clock, a little ahead
    (NOW + timedelta(days=1, seconds=1), False),
    (datetime(9999, 12, 31, 23, 59, tzinfo=FAR_WEST), False),  # would overflow if converted to UTC
    (datetime(9999, 12, 31, tzinfo=UTC), False),
    (datetime(2026, 12, 8, 10, 0), True),  # naive: Bahrain time, 23 hours ahead
    (datetime(2026, 12, 8, 13, 0), False),  # naive: 25 hours ahead
    (datetime(1, 1, 1), False),
    (date(1, 1, 1), False),
    (date(1999, 12, 31), False),
    (date(2000, 1, 1), True),
    (date(2026, 12, 7), True),
    (date(2026, 12, 8), True),  # tomorrow in Bahrain
    (date(2026, 12, 9), False),
    (date(9999, 12, 31), False),
])
def test_dates_before_2000_or_more_than_a_day_ahead_are_refused(value, accepted, settings):
    settings.TIME_ZONE = "Asia/Bahrain"
    assert (outside_dates.problem(value, now=NOW) is None) == accepted


def test_a_refusal_names_the_field_it_is_about():
    with pytest.raises(ValidationError) as refused:
        outside_dates.check(date(1, 1, 1), now=NOW, field="submitted_at")
    assert list(refused.value.message_dict) == ["submitted_at"]
    assert "2000" in refused.value.message_dict["submitted_at"][0]


def test_a_refusal_says_why_in_arabic_when_the_request_is_in_arabic():
    from django.utils import translation

    with translation.override("ar"):
        message = outside_dates.problem(date(9999, 12, 31), now=NOW)
    assert message != "Give a date no later than tomorrow." and "غد" in message
