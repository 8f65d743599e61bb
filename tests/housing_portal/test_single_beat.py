"""Beat on exactly one machine: a second beat waits while the first holds the lock, and takes over
once the first stops renewing it."""

from unittest import mock

import pytest
from celery.beat import PersistentScheduler
from django.core.cache import cache

from housing_portal import single_beat
from housing_portal.celery import app


@pytest.fixture(autouse=True)
def shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "single-beat"}}
    cache.clear()


def test_the_first_beat_takes_the_lock_and_renews_it_and_a_second_waits():
    assert single_beat.holds_lock("beat-a")
    assert not single_beat.holds_lock("beat-b")
    assert single_beat.holds_lock("beat-a")  # renewed
    assert cache.get(single_beat.LOCK_KEY) == "beat-a"


def test_a_beat_that_stopped_renewing_is_replaced_once_its_lease_is_over():
    assert single_beat.holds_lock("beat-a")
    cache.delete(single_beat.LOCK_KEY)  # the lease ran out

    assert single_beat.holds_lock("beat-b")
    assert not single_beat.holds_lock("beat-a")


def test_the_project_runs_beat_with_the_locking_scheduler():
    assert app.conf.beat_scheduler == "housing_portal.single_beat:SingleBeatScheduler"


def test_a_second_scheduler_sends_nothing_while_the_first_holds_the_lock(tmp_path):
    first = single_beat.SingleBeatScheduler(app=app, schedule_filename=str(tmp_path / "a"), lazy=True)
    second = single_beat.SingleBeatScheduler(app=app, schedule_filename=str(tmp_path / "b"), lazy=True)

    with mock.patch.object(PersistentScheduler, "tick", return_value=1.0) as sends:
        assert first.tick() == 1.0
        assert second.tick() == single_beat.RENEW_SECONDS
        assert first.tick() == 1.0

    assert sends.call_count == 2  # the first beat's two ticks only


def test_a_beat_stopped_cleanly_lets_the_next_start_at_once(tmp_path):
    first = single_beat.SingleBeatScheduler(app=app, schedule_filename=str(tmp_path / "a"), lazy=True)
    with mock.patch.object(PersistentScheduler, "tick", return_value=1.0):
        first.tick()
    with mock.patch.object(PersistentScheduler, "close"):
        first.close()

    assert single_beat.holds_lock("beat-b")
