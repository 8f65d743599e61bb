"""The demo's hotline calls, planned without a database: the same seed gives the same calls,
and an announcement brings a peak that the centre cannot keep up with."""

import random
import statistics
from collections import Counter
from datetime import date

from channels_intake.calls import call_log as call_service
from channels_intake.models import Call
from housing_portal.demo import channels

TODAY = date(2026, 11, 28)  # a Saturday


def plan(seed="2026-hotline"):
    return channels.plan_calls(rng=random.Random(seed), days=channels.hotline_days(TODAY),
                           announced_on=channels.announcement_dates(TODAY))


def test_the_same_seed_plans_the_same_calls_and_another_seed_others():
    assert plan() == plan()
    assert plan() != plan(seed="another")


def test_announcements_fall_on_working_days_inside_the_period():
    days = channels.hotline_days(TODAY)

    announced = channels.announcement_dates(TODAY)

    assert (days[0], days[-1], len(days)) == (date(2026, 10, 19), date(2026, 11, 27), channels.HOTLINE_DAYS)
    assert all(day in days and day.weekday() not in (4, 5) for day in announced)


def test_announcement_days_are_the_busiest_with_longer_waits_and_more_hang_ups():
    calls = plan()
    announced = set(channels.announcement_dates(TODAY))
    per_day = Counter(call.started_at.date() for call in calls)

    assert {day for day, _total in per_day.most_common(2)} == announced
    peak = [call for call in calls if call.started_at.date() in announced]
    ordinary = [call for call in calls if call.started_at.date() not in announced]
    assert statistics.mean(c.wait_seconds for c in peak) > 2 * statistics.mean(c.wait_seconds for c in ordinary)

    def abandoned_share(some):
        return sum(c.status == Call.Status.ABANDONED for c in some) / len(some)
    assert abandoned_share(peak) > 2 * abandoned_share(ordinary)


def test_every_call_is_a_valid_telephony_record_and_abandoned_calls_reach_no_agent():
    for call in plan():
        fields = call_service.telephony_fields(call.telephony_payload())
        assert fields["started_at"] == call.started_at
        if call.status == Call.Status.ABANDONED:
            assert (call.talk_seconds, call.agent) == (0, "")
        assert 7 <= call.started_at.hour < 19
