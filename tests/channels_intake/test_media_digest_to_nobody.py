"""A media digest for a department with no address goes to its head, else to the complaints
supervisors; with nobody to tell it waits unsent, with the reason, and goes once somebody has an
address, even after the days the digest run looks back over."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from channels_intake.media import digest as media_digest
from channels_intake.media import media_items as media
from channels_intake.models import MediaDigest, MediaItem
from complaints.models import NotSentReason
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
BAHRAIN = ZoneInfo("Asia/Bahrain")
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=BAHRAIN)


@pytest.fixture
def studies(db):
    return DepartmentFactory(code="studies", name_ar="إدارة الدراسات", name_en="Studies", email="")


@pytest.fixture
def forwarded_yesterday(studies):
    monitor = UserFactory(username="monitor.noor")
    at = datetime(2026, 11, 26, 9, 0, tzinfo=BAHRAIN)
    item = MediaItem.objects.create(outlet="صحيفة الأيام", medium="print", published_on=date(2026, 11, 26),
                                    headline="تأخر مشروع الإسكان", excerpt="مقتطف", logged_by=monitor, logged_at=at)
    return media.forward_item(item=item, department=studies, by=monitor, now=at)


def make_head(staff_member, department, email):
    head = staff_member("head.maryam", "department-head", department, email=email)
    department.staff.filter(user=head).update(is_head=True)
    return head


def test_the_digest_of_a_department_without_an_address_reaches_its_head(studies, forwarded_yesterday,
                                                                        staff_member):
    make_head(staff_member, studies, "maryam@housing.gov.bh")
    staff_member("supervisor.noor", "supervisor", email="noor@housing.gov.bh")

    assert media_digest.send_digests(now=NOW) == 1

    [message] = mail.outbox
    assert message.to == ["maryam@housing.gov.bh"] and "تأخر مشروع الإسكان" in message.body
    digest = MediaDigest.objects.get()
    assert digest.recipient == "maryam@housing.gov.bh" and digest.sent_at == NOW


def test_without_a_head_address_the_digest_goes_to_the_supervisors(studies, forwarded_yesterday, staff_member):
    make_head(staff_member, studies, "")
    staff_member("supervisor.noor", "supervisor", email="noor@housing.gov.bh")

    assert media_digest.send_digests(now=NOW) == 1

    assert mail.outbox[0].to == ["noor@housing.gov.bh"]


def test_a_digest_to_nobody_waits_with_its_reason_and_goes_once_an_address_is_added(studies,
                                                                                   forwarded_yesterday):
    assert media_digest.send_digests(now=NOW) == 0

    digest = MediaDigest.objects.get()
    assert mail.outbox == [] and digest.sent_at is None
    assert digest.not_sent_reason == NotSentReason.NOBODY_TO_TELL and digest.items == 1
    # Still nobody an hour later: still waiting, still not mailed.
    assert media_digest.send_digests(now=NOW + timedelta(hours=1)) == 0

    studies.email = "studies@housing.gov.bh"
    studies.save()
    # Ten days on, past the days the run looks back over, the waiting digest still goes.
    later = NOW + timedelta(days=media_digest.LOOKBACK_DAYS + 3)
    assert media_digest.send_digests(now=later) == 1

    [message] = mail.outbox
    assert message.to == ["studies@housing.gov.bh"] and "2026-11-26" in message.subject
    digest.refresh_from_db()
    assert (digest.sent_at, digest.not_sent_reason, digest.recipient) == (later, "", "studies@housing.gov.bh")
    assert media_digest.send_digests(now=later + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1
