"""A calendar date is a Bahrain date: working days are counted from the day a complaint was
received in Manama, not in UTC; the queue's badge and its filter draw the "due soon" line in one
place; the staff timeline shows a council session at its Bahrain time."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from complaints import intake
from complaints.backoffice import queue_screen
from complaints.intake import IntakeRequest
from complaints.models import Complaint, ComplaintEvent
from complaints.sla import arithmetic
from complaints.sla.arithmetic import WorkingDays
from minister_office import council
from minister_office.council_models import CouncilSession
from tests.factories import ComplaintFactory, UserFactory

BAHRAIN = ZoneInfo("Asia/Bahrain")


def bahrain(day, hour, minute):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BAHRAIN)


# --- working days, counted on Bahrain dates --------------------------------------------------
# November 2026: Wednesday 25, Thursday 26, Friday 27, Saturday 28, Sunday 29, Monday 30.
# December 2026: National Day Wednesday 16 and Thursday 17, then the weekend, Sunday 20.
WEDNESDAY, THURSDAY, SATURDAY, SUNDAY, MONDAY = (date(2026, 11, d) for d in (25, 26, 28, 29, 30))
NATIONAL_DAY = frozenset({date(2026, 12, 16), date(2026, 12, 17)})
BEFORE_NATIONAL_DAY, NATIONAL_DAY_1, NATIONAL_DAY_2, AFTER_NATIONAL_DAY = (
    date(2026, 12, d) for d in (15, 16, 17, 20))


@pytest.mark.parametrize(("received", "days", "due"), [
    # A Wednesday's last minute is still a Wednesday; its first minute after midnight is a Thursday.
    ((WEDNESDAY, 23, 59), 1, (THURSDAY, 23, 59)),
    ((WEDNESDAY, 0, 1), 1, (THURSDAY, 0, 1)),
    ((THURSDAY, 0, 1), 1, (SUNDAY, 0, 1)),          # 21:01 UTC on the Wednesday: still a Thursday here
    ((THURSDAY, 1, 30), 1, (SUNDAY, 1, 30)),        # the case staff hit: it was due on a Friday
    ((THURSDAY, 23, 59), 1, (SUNDAY, 23, 59)),      # before the weekend
    ((THURSDAY, 0, 1), 2, (MONDAY, 0, 1)),
    ((SATURDAY, 0, 1), 1, (SUNDAY, 0, 1)),          # 21:01 UTC on the Friday: a weekend day here
    ((SUNDAY, 0, 1), 1, (MONDAY, 0, 1)),            # 21:01 UTC on the Saturday
    ((BEFORE_NATIONAL_DAY, 23, 59), 1, (AFTER_NATIONAL_DAY, 23, 59)),  # before a holiday
    ((NATIONAL_DAY_1, 0, 1), 1, (AFTER_NATIONAL_DAY, 0, 1)),           # received on the holiday itself
    ((NATIONAL_DAY_2, 0, 1), 1, (AFTER_NATIONAL_DAY, 0, 1)),
])
def test_working_days_count_from_the_bahrain_date_of_receipt_whatever_zone_the_moment_comes_in(received, days, due):
    calendar = WorkingDays(closed_dates=NATIONAL_DAY)   # Bahrain unless told otherwise
    received_at = bahrain(*received)
    for given in (received_at, received_at.astimezone(UTC)):   # as a form gives it, as the database returns it
        due_at = calendar.add(given, days)
        assert due_at == bahrain(*due)
        assert due_at.astimezone(BAHRAIN).date() == due[0]


def test_working_days_left_at_a_pause_are_counted_on_bahrain_dates():
    calendar = WorkingDays(closed_dates=NATIONAL_DAY)   # Bahrain unless told otherwise
    paused_at = bahrain(THURSDAY, 0, 1).astimezone(UTC)      # Wednesday in UTC
    due_at = bahrain(SUNDAY, 10, 0).astimezone(UTC)
    assert calendar.time_left(paused_at, due_at) == 1         # Sunday; Friday and Saturday do not count


@pytest.mark.django_db
def test_the_ministrys_working_calendar_counts_a_complaint_received_after_midnight_from_that_day(settings):
    settings.SLA_CALENDAR, settings.SLA_DEFAULT_DAYS = "working", 1
    received_at = bahrain(THURSDAY, 1, 30).astimezone(UTC)
    complaint = intake.receive(IntakeRequest(channel=Complaint.Channel.WEB, subject="s", body="b",
                                             received_at=received_at), now=received_at).complaint
    complaint.refresh_from_db()
    assert complaint.due_at == bahrain(SUNDAY, 1, 30)


# --- the "due soon" line: one boundary for the badge and the filter -------------------------------
NOW = bahrain(SATURDAY, 23, 30)   # 20:30 UTC: the Bahrain date is a day ahead of the UTC date half an hour from now


def test_the_due_soon_line_is_the_start_of_the_eighth_bahrain_day():
    assert arithmetic.due_soon_until(NOW.astimezone(UTC), BAHRAIN) == bahrain(date(2026, 12, 6), 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize(("due_at", "state", "words"), [
    (NOW + timedelta(days=7), "due_soon", "7 days left"),                 # exactly 7 days
    (bahrain(date(2026, 12, 5), 23, 59), "due_soon", "7 days left"),
    (bahrain(date(2026, 12, 6), 0, 0), "on_time", "8 days left"),
    (NOW + timedelta(hours=1), "due_soon", "1 day left"),                 # tomorrow in Bahrain, today in UTC
    (NOW + timedelta(minutes=20), "due_soon", "due today"),
    (NOW + timedelta(days=10), "on_time", "10 days left"),
    (NOW - timedelta(minutes=1), "overdue", "1 day overdue"),
])
def test_the_badge_and_the_filter_put_a_complaint_in_the_same_state(due_at, state, words):
    complaint = ComplaintFactory(status=Complaint.Status.ROUTED, due_at=due_at)
    now = NOW.astimezone(UTC)   # as timezone.now() gives it

    filtered = [each for each in ("overdue", "due_soon", "on_time")
                if Complaint.objects.sla_state(each, now=now).filter(pk=complaint.pk).exists()]
    with translation.override("en"):
        badge = queue_screen.sla_badge(complaint, now=now)

    assert complaint.sla_standing(now=now).state == state
    assert filtered == [state]
    assert queue_screen.SLA_BADGE[state][0] in badge and words in badge


# --- the council session on the staff timeline -------------------------------------------------------

@pytest.mark.django_db
def test_the_staff_timeline_shows_the_council_session_at_its_bahrain_time(client, staff_member):
    office = staff_member("office.maryam", "ministers-office")
    complaint = ComplaintFactory(is_urgent=True, status=Complaint.Status.IN_PROGRESS)
    scheduled = council.schedule_session(held_at=bahrain(date(2026, 12, 3), 10, 30), place="قاعة المجلس", by=office)
    council.add_to_agenda(session=scheduled, complaints=[complaint], by=office)
    session = CouncilSession.objects.get(pk=scheduled.pk)   # read back, as the invite view does: in UTC

    council.invite_citizens(session=session, by=office)

    client.force_login(UserFactory(username="supervisor", is_superuser=True))
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk])).content.decode()
    event = ComplaintEvent.objects.get(complaint=complaint, kind=ComplaintEvent.Kind.COUNCIL_INVITED)
    assert event.note == "2026-12-03 10:30 · قاعة المجلس"
    assert "2026-12-03 10:30" in page and "2026-12-03 07:30" not in page
