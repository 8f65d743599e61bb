"""E-mails and SMS are plain text: a name or subject with ' & < " reads as typed, never as the
HTML entities (&#x27; &amp; &lt; &quot;) an HTML page would need. Each template under
templates/notifications/ renders with autoescape off."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from channels_intake.media import digest
from channels_intake.models import MediaItem
from complaints.models import Complaint, Notification, SlaNotice
from complaints.notifications import to_citizens, to_staff
from complaints.notifications.sms import MemoryBackend
from tests.factories import CitizenFactory, ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db
NAME = 'Dana O\'Neil & "Sons" <Ltd>'
SUBJECT = "Water & \"leak\" in Sara's <flat>"
DECISION = "Allocate a unit & review the family's file <within 30 days>"
ENTITIES = ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;", "&quot;", "&#34;")


def assert_as_typed(text: str, *typed: str):
    for value in typed:
        assert value in text, (value, text)
    assert not any(entity in text for entity in ENTITIES), text


@pytest.fixture
def department(db):
    return DepartmentFactory(code="roads", name_ar="إدارة الطرق & <الصرف>", name_en="Roads & <Drains>",
                             email="roads@housing.gov.bh")


@pytest.fixture
def complaint(department):
    return ComplaintFactory(citizen=CitizenFactory(name=NAME, preferred_language="en"), subject=SUBJECT,
                            department=department, status=Complaint.Status.ROUTED,
                            contact_mobile="+97339123456", contact_email="dana@example.com")


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("kind", [Notification.Kind.ACKNOWLEDGEMENT, Notification.Kind.INFORMATION_REQUESTED,
                                  Notification.Kind.REPLIED, Notification.Kind.CLOSED,
                                  Notification.Kind.COUNCIL_INVITATION, Notification.Kind.COUNCIL_OUTCOME])
def test_citizens_e_mails_show_the_name_and_subject_as_typed(complaint, kind, language):
    context = {"council_date": "2026-12-10", "council_time": "10:00", "council_place": "Ministry's hall & annex",
               "council_decision": DECISION, "name": NAME}  # the acknowledgement greets the name typed
    for channel, recipient in ((Notification.Channel.EMAIL, "dana@example.com"),
                               (Notification.Channel.SMS, "+97339123456")):
        to_citizens.deliver(Notification(complaint=complaint, kind=kind, channel=channel, recipient=recipient,
                                         language=language, cause="test", created_at=timezone.now(),
                                         context=context))
    [message] = mail.outbox
    assert_as_typed(message.subject)
    assert_as_typed(message.body, NAME)
    if kind == Notification.Kind.ACKNOWLEDGEMENT:
        assert_as_typed(message.body, SUBJECT)
    if kind == Notification.Kind.COUNCIL_OUTCOME:
        assert_as_typed(message.body, DECISION)
    assert_as_typed(MemoryBackend.outbox[-1].text)


@pytest.mark.parametrize("kind", [SlaNotice.Kind.REMINDER, SlaNotice.Kind.BREACH])
def test_staff_sla_notices_show_the_subject_and_department_as_typed(complaint, kind):
    now = timezone.now()
    notice = SlaNotice(complaint=complaint, kind=kind, stage=1, due_at=now + timedelta(days=3), created_at=now)

    message = to_staff.compose(notice, ["roads@housing.gov.bh"])

    assert_as_typed(message.subject)
    assert_as_typed(message.body, SUBJECT, "Roads & <Drains>", "إدارة الطرق & <الصرف>")


def test_the_media_digest_shows_headlines_and_outlets_as_typed(department, complaint):
    item = MediaItem(outlet="Akhbar Al-Khaleej & Gulf Daily News", medium=MediaItem.Medium.PRINT,
                     published_on=date(2026, 11, 26), headline='Residents say "enough" to the <leaks>',
                     excerpt="Families in Isa Town can't wait & ask the ministry to act.", department=department)

    message = digest.compose(department, date(2026, 11, 26), [item], ["roads@housing.gov.bh"])

    assert_as_typed(message.subject, "Roads & <Drains>")
    assert_as_typed(message.body, "Akhbar Al-Khaleej & Gulf Daily News", 'Residents say "enough" to the <leaks>',
                    "Families in Isa Town can't wait & ask the ministry to act.")
