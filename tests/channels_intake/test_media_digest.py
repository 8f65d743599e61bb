"""Each department receives one e-mail a day listing the media items forwarded to it the day
before, by Bahrain date, in Arabic with English below; never twice for the same day."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from channels_intake import tasks
from channels_intake.media import digest as media_digest
from channels_intake.media import media_items as media
from channels_intake.models import MediaDigest, MediaItem
from complaints.routing import engine
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
BAHRAIN = ZoneInfo("Asia/Bahrain")
# 07:00 in Bahrain on 27 November: the digests owed are those of the 26th.
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=BAHRAIN)


@pytest.fixture
def monitor(db):
    return UserFactory(username="monitor.noor")


@pytest.fixture
def departments(db):
    return {
        "maintenance": DepartmentFactory(code="maintenance", name_ar="إدارة الصيانة", name_en="Maintenance",
                                         email="maintenance@housing.gov.bh"),
        "allocations": DepartmentFactory(code="allocations", name_ar="إدارة التوزيع", name_en="Allocations",
                                         email="allocations@housing.gov.bh"),
        "studies": DepartmentFactory(code="studies", name_ar="إدارة الدراسات", name_en="Studies"),
    }


def forwarded(monitor, department, at, headline, **fields) -> MediaItem:
    item = MediaItem.objects.create(outlet=fields.pop("outlet", "صحيفة الأيام"), medium="print",
                                    published_on=date(2026, 11, 26), headline=headline,
                                    excerpt=fields.pop("excerpt", "مقتطف من الخبر"), logged_by=monitor,
                                    logged_at=at, **fields)
    return media.forward_item(item=item, department=department, by=monitor, now=at)


def test_each_department_gets_the_items_forwarded_to_it_the_day_before(monitor, departments):
    maintenance, allocations = departments["maintenance"], departments["allocations"]
    # 00:30 on the 26th in Bahrain is still the 25th in UTC: the Bahrain date decides.
    forwarded(monitor, maintenance, datetime(2026, 11, 26, 0, 30, tzinfo=BAHRAIN), "تسرب المياه في مدينة سلمان",
              page_or_programme="صفحة 5")
    forwarded(monitor, maintenance, datetime(2026, 11, 26, 23, 50, tzinfo=BAHRAIN), "Lifts & stairs in Hamad Town",
              outlet="Gulf Daily News")
    forwarded(monitor, allocations, datetime(2026, 11, 26, 12, 0, tzinfo=BAHRAIN), "موعد توزيع وحدات الرملي")
    forwarded(monitor, maintenance, datetime(2026, 11, 25, 23, 59, tzinfo=BAHRAIN), "خبر اليوم السابق")
    forwarded(monitor, maintenance, datetime(2026, 11, 27, 0, 1, tzinfo=BAHRAIN), "خبر اليوم")
    MediaDigest.objects.create(department=maintenance, date=date(2026, 11, 25), items=1, sent_at=NOW)

    assert media_digest.send_digests(now=NOW) == 2

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"maintenance@housing.gov.bh", "allocations@housing.gov.bh"}
    maintenance_mail = by_recipient["maintenance@housing.gov.bh"]
    body = maintenance_mail.body
    assert "تسرب المياه في مدينة سلمان" in body and "Lifts & stairs in Hamad Town" in body
    assert "صفحة 5" in body and "Gulf Daily News" in body and "2026-11-26" in body
    assert "موعد توزيع وحدات الرملي" not in body
    assert "خبر اليوم السابق" not in body and "خبر اليوم" not in body.replace("خبر اليوم السابق", "")
    assert body.index("إدارة الصيانة") < body.index("Maintenance")   # Arabic first, English below
    assert "&amp;" not in body
    assert maintenance_mail.subject.startswith("الرصد الإعلامي") or "إدارة الصيانة" in maintenance_mail.subject
    assert "Maintenance" in maintenance_mail.subject and "2026-11-26" in maintenance_mail.subject
    digest = MediaDigest.objects.get(department=maintenance, date=date(2026, 11, 26))
    assert (digest.items, digest.recipient) == (2, "maintenance@housing.gov.bh")


def test_a_digest_is_sent_once_however_often_beat_runs(monitor, departments):
    forwarded(monitor, departments["maintenance"], datetime(2026, 11, 26, 9, 0, tzinfo=BAHRAIN), "خبر")

    media_digest.send_digests(now=NOW)
    media_digest.send_digests(now=NOW + timedelta(hours=1))
    assert media_digest.send_digest(departments["maintenance"].pk, date(2026, 11, 26), now=NOW) is False

    assert len(mail.outbox) == 1
    assert MediaDigest.objects.count() == 1


def test_nothing_is_sent_before_the_day_is_over_or_for_a_quiet_department(monitor, departments):
    forwarded(monitor, departments["maintenance"], datetime(2026, 11, 27, 6, 0, tzinfo=BAHRAIN), "خبر اليوم")
    assert media_digest.send_digests(now=NOW) == 0
    assert mail.outbox == [] and not MediaDigest.objects.exists()


def test_a_failed_send_is_not_recorded_so_the_next_run_sends_it(monitor, departments, monkeypatch):
    forwarded(monitor, departments["maintenance"], datetime(2026, 11, 26, 9, 0, tzinfo=BAHRAIN), "خبر")

    def broken_send(self, fail_silently=False):
        raise OSError("mail server away")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken_send)
    with pytest.raises(OSError):
        media_digest.send_digests(now=NOW)
    assert not MediaDigest.objects.exists()
    monkeypatch.undo()

    assert media_digest.send_digests(now=NOW + timedelta(hours=1)) == 1
    assert len(mail.outbox) == 1


def test_an_item_turned_into_a_complaint_reaches_the_digest_of_the_day_it_was_routed(monitor, ministry,
                                                                                      maintenance_category):
    ministry["maintenance"].email = "maintenance@housing.gov.bh"
    ministry["maintenance"].save()
    item = MediaItem.objects.create(outlet="Bahrain TV", medium="tv", published_on=date(2026, 11, 26),
                                    headline="Leaking roofs in Salman City", excerpt="Residents complained.",
                                    logged_by=monitor, logged_at=NOW - timedelta(days=1))
    complaint = media.convert_item(item=item, by=monitor, subject=item.headline, body=item.excerpt,
                                   category=maintenance_category, now=NOW - timedelta(days=1))
    engine.route_complaint(complaint.pk)

    # The beat task forwards the routed item; the day after, its digest names the complaint.
    media_digest.send_digests(now=NOW - timedelta(hours=20))
    assert mail.outbox == []
    media_digest.send_digests(now=NOW)

    assert len(mail.outbox) == 1
    assert "Leaking roofs in Salman City" in mail.outbox[0].body
    assert complaint.display_reference in mail.outbox[0].body


def test_the_beat_task_sends_the_digests(monitor, departments):
    forwarded(monitor, departments["maintenance"], timezone.now() - timedelta(days=1), "خبر الأمس")
    tasks.send_media_digests()
    assert len(mail.outbox) == 1
