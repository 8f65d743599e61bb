"""`manage.py seed_demo` fills a realistic ministry, every channel screen included, and can run
again without harm."""

import re
import statistics
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from channels_intake.calls import hotline_stats
from channels_intake.models import AllocationAnnouncement, BoxLetter, Call, MediaItem, SocialPost
from complaints import duplicates
from complaints.models import CannedResponse, Category, Complaint, Department, DuplicateFlag, LegalClause
from complaints.security.roles import ROLES
from housing_portal.demo import channels as channel_demo
from housing_portal.demo import core_data

pytestmark = pytest.mark.django_db


def channel_rows() -> dict:
    return {model.__name__: model.objects.count()
            for model in (AllocationAnnouncement, Call, SocialPost, MediaItem, BoxLetter, DuplicateFlag)}


def test_seed_demo_twice_creates_everything_once(capsys):
    call_command("seed_demo", password="a-demo-password")
    first, first_channel_rows = Complaint.objects.count(), channel_rows()
    capsys.readouterr()
    call_command("seed_demo", password="a-demo-password")
    output = capsys.readouterr().out

    assert 180 <= first <= 230
    assert Complaint.objects.count() == first
    assert channel_rows() == first_channel_rows
    assert "Complaints created in this run: 0" in output
    assert "Hotline calls" in output and "Media items" in output
    assert "new)" in output and all(line.endswith("(0 new)") for line in output.splitlines() if "new)" in line)
    assert set(Complaint.objects.values_list("channel", flat=True)) == set(Complaint.Channel.values)
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)
    assert {Department.COMPLAINTS_UNIT, Department.MINISTERS_OFFICE, "housing-committee", "legal-affairs",
            "studies", "allocations"} <= set(Department.objects.values_list("code", flat=True))
    assert Category.objects.filter(default_department__isnull=False).count() >= 8
    assert LegalClause.objects.count() >= 5
    assert CannedResponse.objects.count() == len(core_data.CANNED_RESPONSES)
    languages = set(Complaint.objects.values_list("language", flat=True))
    assert languages == {"ar", "en"}


def test_seed_demo_makes_one_staff_user_per_role_and_prints_the_password(capsys):
    call_command("seed_demo", password="a-demo-password")
    output = capsys.readouterr().out

    for role in ROLES:
        user = get_user_model().objects.get(username=role.code)
        assert user.is_staff and user.check_password("a-demo-password")
        assert user.groups.filter(name=role.name_en).exists()
    assert "a-demo-password" in output


def test_seed_demo_fills_every_channel_screen_in_the_expected_numbers(capsys):
    call_command("seed_demo", password="a-demo-password")
    output = capsys.readouterr().out

    assert AllocationAnnouncement.objects.count() == 2
    assert {a.title_ar != a.title_en for a in AllocationAnnouncement.objects.all()} == {True}
    calls = Call.objects.filter(call_id__startswith=channel_demo.CALL_ID_PREFIX)
    assert 300 <= calls.count() <= 1500
    assert not calls.filter(reported_at=None).exists()  # every call reported as the telephone system does
    abandoned = calls.filter(status=Call.Status.ABANDONED)
    assert 0.03 < abandoned.count() / calls.count() < 0.4
    assert not abandoned.filter(talk_seconds__gt=0).exists()
    agent = get_user_model().objects.get(username="call-centre-agent")
    complaint_calls = calls.filter(outcome=Call.Outcome.COMPLAINT).select_related("complaint")
    assert complaint_calls.count() == 10
    assert {(c.agent, c.complaint.channel, c.complaint.external_reference == c.call_id) for c in complaint_calls} \
        == {(agent, Complaint.Channel.CALL_CENTRE, True)}
    assert calls.filter(outcome=Call.Outcome.INFORMATION, agent=agent, complaint=None).count() == 14

    posts = SocialPost.objects.filter(post_id__startswith="demo-")
    assert posts.count() == 8
    assert set(posts.values_list("platform", flat=True)) == {"x", "instagram", "facebook"}
    assert posts.filter(state=SocialPost.State.NEW).count() == 5
    converted = posts.filter(state=SocialPost.State.CONVERTED)
    assert {post.complaint.channel for post in converted} == {Complaint.Channel.SOCIAL_MEDIA}
    assert converted.count() == 2
    [dismissed] = posts.filter(state=SocialPost.State.DISMISSED)
    assert dismissed.dismissal_reason and dismissed.handled_by.username == "media-monitor"

    items = MediaItem.objects.all()
    assert items.count() == 6
    assert {"print", "radio", "tv"} == set(items.values_list("medium", flat=True))
    for item in items:
        with item.clipping.open("rb") as clipping, Image.open(clipping) as image:
            assert (image.format, item.clipping_type) == ("PNG", "image/png")
    turned = items.exclude(complaint=None)
    assert turned.count() == 2
    assert {(item.complaint.channel, item.complaint.attachments.count(), item.department_id is not None)
            for item in turned} == {(Complaint.Channel.MEDIA, 1, True)}
    assert items.filter(complaint=None).exclude(department=None).count() == 1
    letters = BoxLetter.objects.select_related("complaint", "complaint__department")
    assert letters.count() == 3
    assert {letter.complaint.department.code for letter in letters} == {Department.MINISTERS_OFFICE}
    assert sum(letter.complaint.citizen_id is None for letter in letters) == 1
    assert re.search(r"Social media posts +8 \(8 new\)", output)
    assert re.search(r"Media items +6 \(6 new\)", output)


def test_hotline_statistics_of_the_demo_period_peak_on_each_announcement_day():
    call_command("seed_demo", password="a-demo-password")
    today = timezone.localdate()

    stats = hotline_stats.hotline_stats(start=today - timedelta(days=channel_demo.HOTLINE_DAYS), end=today)

    announced = [day for day in stats.days if day.announcements]
    working_days = [day.figures.total for day in stats.days
                    if day.date.weekday() not in (4, 5) and not day.announcements and day.date != today]
    assert len(announced) == 2
    default_start, default_end = hotline_stats.default_range(today)
    assert all(default_start <= day.date <= default_end for day in announced)  # both on the page as it opens
    busiest = sorted(stats.days, key=lambda day: day.figures.total, reverse=True)[:2]
    assert {day.date for day in busiest} == {day.date for day in announced}
    for day in announced:
        assert day.figures.total >= 3 * statistics.median(working_days)
        assert day.figures.answered_rate < stats.totals.answered_rate  # the centre cannot keep up
    assert stats.busiest_hour_total == max(hour.figures.total for hour in stats.hours if 9 <= hour.hour <= 12)


def test_seed_demo_leaves_likely_duplicates_across_channels_for_staff_to_merge():
    call_command("seed_demo", password="a-demo-password")

    across_channels = [
        flag for flag in DuplicateFlag.objects.filter(state=DuplicateFlag.State.FLAGGED)
        .select_related("complaint", "original")
        if flag.complaint.channel != flag.original.channel and flag.complaint.citizen_id == flag.original.citizen_id
        and flag.complaint.received_at - flag.original.received_at <= duplicates.WINDOW
        and flag.complaint.status == Complaint.Status.ROUTED and flag.original.status != Complaint.Status.CLOSED
    ]
    assert len(across_channels) >= 3
    assert {Complaint.Channel.CALL_CENTRE, Complaint.Channel.SOCIAL_MEDIA} <= {
        flag.complaint.channel for flag in across_channels}

    supervisor = get_user_model().objects.get(username="supervisor")
    for flag in across_channels[:3]:
        duplicates.merge_flagged(flag, by=supervisor)
        flag.refresh_from_db()
        assert flag.state == DuplicateFlag.State.MERGED
