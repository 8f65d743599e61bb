"""The reference and the mobile's last four digits show where a complaint stands; its content needs
the six-digit code sent by SMS to the mobile on record: it expires, is sent at most 3 times an hour
and dies after 5 wrong tries."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from complaints import citizen_services, services
from complaints.models import Complaint, ComplaintEvent, Notification, OneTimeCode
from complaints.notifications.sms import MemoryBackend
from complaints.security import one_time_codes
from tests.factories import ComplaintFactory
from tests.support.tracking import ask_for_code, deliver_codes, open_content, show_status, type_code

pytestmark = pytest.mark.django_db

TRACKING = OneTimeCode.Purpose.TRACKING


@pytest.fixture
def complaint(maintenance, officer):
    complaint = ComplaintFactory(contact_mobile="+97339123456", department=maintenance,
                                 status=Complaint.Status.IN_PROGRESS, subject="تسرب مياه من سقف غرفة النوم",
                                 body="يتسرب الماء منذ شهرين في مدينة حمد.")
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED, created_at=timezone.now(),
                                  to_status="new", is_public=True)
    citizen_services.request_information(complaint=complaint, by=officer, question="أرسل صورة عقد الإيجار")
    return complaint


def test_the_four_digits_show_the_status_and_dates_but_not_the_content(client, complaint):
    response = show_status(client, complaint)
    assert response.status_code == 302 and response["Location"] == f"/ar/track/{complaint.reference}/"

    page = client.get(response["Location"]).content.decode()

    assert "بانتظار معلومات منك" in page                                                    # the status
    assert complaint.display_reference in page
    assert complaint.received_at.strftime("%Y") in page                                      # its dates
    for content in (complaint.subject, complaint.body, "أرسل صورة عقد الإيجار", "إدارة الصيانة"):
        assert content not in page
    assert 'name="answer"' not in page and 'name="text"' not in page
    assert '<bdi dir="ltr">3456</bdi>' in page                                              # where the code goes


def test_the_status_step_cannot_answer_or_rate(client, complaint):
    show_status(client, complaint)

    response = client.post(f"/ar/track/{complaint.reference}/", {"answer": "1", "text": "أرفقت العقد"})

    assert response.status_code == 302 and response["Location"] == f"/ar/track/{complaint.reference}/code/"
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.AWAITING_CITIZEN
    assert not complaint.events.filter(kind=ComplaintEvent.Kind.CITIZEN_ANSWERED).exists()


def test_the_code_sent_by_sms_to_the_mobile_on_record_opens_the_content(client, complaint, officer):
    show_status(client, complaint)
    assert ask_for_code(client, complaint)["Location"] == f"/ar/track/{complaint.reference}/code/"
    notification = Notification.objects.get(kind=Notification.Kind.ONE_TIME_CODE)
    assert (notification.channel, notification.recipient, notification.language) == ("sms", "+97339123456", "ar")

    [code] = deliver_codes()

    [sms] = MemoryBackend.outbox
    assert sms.to == "+97339123456" and "وزارة الإسكان" in sms.text and complaint.display_reference in sms.text
    assert "3456" in client.get(f"/ar/track/{complaint.reference}/code/").content.decode()
    response = type_code(client, complaint, code)
    assert response.status_code == 302 and response["Location"] == f"/ar/track/{complaint.reference}/"
    page = client.get(response["Location"]).content.decode()
    assert complaint.subject in page and "أرسل صورة عقد الإيجار" in page and 'name="answer"' in page

    assert client.post(response["Location"], {"answer": "1", "text": "أرفقت العقد"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.IN_PROGRESS


def test_the_content_shows_the_ministrys_answer_only_after_the_code(client, complaint, officer):
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.IN_PROGRESS)
    services.send_reply(complaint=complaint, by=officer, text="تم إصلاح التسرب يوم 20 نوفمبر")
    show_status(client, complaint)
    assert "تم إصلاح التسرب" not in client.get(f"/ar/track/{complaint.reference}/").content.decode()

    url = open_content(Client(), complaint)

    assert "تم إصلاح التسرب" not in client.get(url).content.decode()   # another browser proved nothing
    other = Client()
    assert "تم إصلاح التسرب" in other.get(open_content(other, complaint)).content.decode()


def test_the_code_comes_in_the_pages_language(client, complaint):
    show_status(client, complaint, language="en")
    ask_for_code(client, complaint, language="en")
    deliver_codes()
    assert MemoryBackend.outbox[0].text.startswith("Ministry of Housing: ")
    assert "minutes" in MemoryBackend.outbox[0].text


def test_the_code_is_kept_only_as_a_hash_and_leaves_the_outbox_once_sent(client, complaint):
    show_status(client, complaint)
    ask_for_code(client, complaint)
    [code] = deliver_codes()
    row = OneTimeCode.objects.get()
    assert code not in row.code_hash
    assert "code" not in Notification.objects.get(kind=Notification.Kind.ONE_TIME_CODE).context


def test_a_code_expires_after_ten_minutes(client, complaint):
    show_status(client, complaint)
    ask_for_code(client, complaint)
    [code] = deliver_codes()
    sent = OneTimeCode.objects.get()
    assert sent.expires_at - sent.created_at == timedelta(minutes=10)
    check = one_time_codes.check_code(complaint=complaint, purpose=TRACKING, typed=code, now=sent.expires_at)
    assert check.verdict is one_time_codes.Verdict.EXPIRED
    OneTimeCode.objects.update(created_at=timezone.now() - timedelta(minutes=11),
                               expires_at=timezone.now() - timedelta(minutes=1))

    response = type_code(client, complaint, code)

    assert response.status_code == 400
    page = response.content.decode()
    assert "انتهت صلاحية" in page and f'value="{code}"' in page                  # typed code kept
    assert complaint.subject not in client.get(f"/ar/track/{complaint.reference}/").content.decode()


def test_at_most_three_codes_an_hour_go_to_one_mobile(client, complaint):
    show_status(client, complaint)
    assert [ask_for_code(client, complaint).status_code for _ in range(3)] == [302, 302, 302]

    refused = ask_for_code(client, complaint)

    assert refused.status_code == 429 and "80008001" in refused.content.decode()
    assert Notification.objects.filter(kind=Notification.Kind.ONE_TIME_CODE).count() == 3
    first = OneTimeCode.objects.order_by("created_at").first().created_at
    later = one_time_codes.send_code(complaint=complaint, purpose=TRACKING, language="ar",
                                     now=first + timedelta(hours=1, seconds=1))
    assert later.code is not None


def test_another_browser_cannot_ask_a_fourth_code_either(client, complaint):
    show_status(client, complaint)
    for _ in range(3):
        ask_for_code(client, complaint)
    other = Client()
    show_status(other, complaint)
    assert ask_for_code(other, complaint).status_code == 429


def test_five_wrong_codes_and_a_new_code_is_needed(client, complaint):
    show_status(client, complaint)
    ask_for_code(client, complaint)
    [code] = deliver_codes()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    answers = [type_code(client, complaint, wrong) for _ in range(5)]
    assert [answer.status_code for answer in answers] == [400] * 5

    assert type_code(client, complaint, code).status_code == 400                 # the right one, too late
    assert complaint.subject not in client.get(f"/ar/track/{complaint.reference}/").content.decode()
    ask_for_code(client, complaint)
    [new_code] = deliver_codes()
    assert type_code(client, complaint, new_code).status_code == 302


def test_a_new_code_replaces_the_one_before(client, complaint):
    show_status(client, complaint)
    ask_for_code(client, complaint)
    [old] = deliver_codes()
    ask_for_code(client, complaint)
    [new] = deliver_codes()
    if old != new:
        assert type_code(client, complaint, old).status_code == 400
    assert type_code(client, complaint, new).status_code == 302


def test_a_code_opens_the_content_once(client, complaint):
    show_status(client, complaint)
    ask_for_code(client, complaint)
    [code] = deliver_codes()
    assert type_code(client, complaint, code).status_code == 302
    other = Client()
    show_status(other, complaint)

    assert type_code(other, complaint, code).status_code == 400


def test_the_code_step_needs_the_first_step(client, complaint):
    assert client.get(f"/ar/track/{complaint.reference}/code/")["Location"] == "/ar/track/"
    assert ask_for_code(client, complaint)["Location"] == "/ar/track/"
    assert not Notification.objects.filter(kind=Notification.Kind.ONE_TIME_CODE).exists()


def test_wrong_codes_are_told_in_the_pages_language_with_the_tries_left(client, complaint):
    show_status(client, complaint, language="en")
    ask_for_code(client, complaint, language="en")
    [code] = deliver_codes()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    page = type_code(client, complaint, wrong, language="en").content.decode()

    assert "This code is not right" in page and "4 more tries" in page and f'value="{wrong}"' in page
    arabic = type_code(client, complaint, "12", language="ar").content.decode()
    assert "أدخل الرمز المكوّن من 6 أرقام" in arabic


def test_a_merged_complaints_code_goes_to_the_mobile_its_citizen_typed(client, complaint):
    joined = ComplaintFactory(contact_mobile="+97336665555", master=complaint, department=complaint.department,
                              status=Complaint.Status.MERGED)
    response = show_status(client, joined)
    assert response["Location"] == f"/ar/track/{complaint.reference}/"

    ask_for_code(client, complaint)

    assert Notification.objects.get(kind=Notification.Kind.ONE_TIME_CODE).recipient == "+97336665555"
    [code] = deliver_codes()
    assert type_code(client, complaint, code)["Location"] == f"/ar/track/{complaint.reference}/"
