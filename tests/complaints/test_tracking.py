"""Citizens follow a complaint with its reference and the last digits of their mobile, then a code by SMS
(the two steps: test_tracking_one_time_code.py; guessing and locks: test_tracking_lock.py)."""

import pytest
from django.test import Client
from django.utils import timezone

from complaints.lifecycle import change_status
from complaints.models import Complaint, ComplaintEvent
from tests.factories import ComplaintFactory
from tests.support.tracking import open_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(maintenance):
    complaint = ComplaintFactory(contact_mobile="+97339123456", department=maintenance)
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.SUBMITTED, created_at=timezone.now(),
                                  to_status="new", is_public=True)
    change_status(complaint, Complaint.Status.ROUTED, by=None, now=timezone.now(), kind=ComplaintEvent.Kind.ROUTED,
                  note="Rule “internal” matched", to_department=maintenance)
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.STATUS_CHANGED,
                                  created_at=timezone.now(), note="ملاحظة داخلية", is_public=False)
    return complaint


def track(client, reference, digits, language="ar"):
    return client.post(f"/{language}/track/", {"reference": reference, "mobile_last_digits": digits})


def test_the_right_reference_digits_and_code_show_the_complaint(client, complaint):
    page = client.get(open_content(client, complaint)).content.decode()
    assert complaint.subject in page
    assert "لدى الإدارة المختصة" in page                          # the status in plain words
    assert "أُرسلت إلى إدارة الصيانة" in page or "إدارة الصيانة" in page
    assert "internal" not in page and "ملاحظة داخلية" not in page   # staff notes never shown


def test_the_reference_alone_never_opens_a_complaint(complaint):
    response = Client().get(f"/ar/track/{complaint.reference}/")
    assert response.status_code == 302 and response["Location"] == "/ar/track/"


def test_a_wrong_second_factor_looks_exactly_like_an_unknown_reference(client, complaint):
    from complaints.values import references

    unknown = references.new_reference(2026)
    wrong = track(client, complaint.display_reference, "0000")
    absent = track(Client(), unknown, "3456")
    assert wrong.status_code == absent.status_code == 400
    strip = lambda html: html.replace(complaint.display_reference, "").replace(unknown, "")  # noqa: E731
    assert strip(wrong.content.decode()).split("csrfmiddlewaretoken")[0] == \
        strip(absent.content.decode()).split("csrfmiddlewaretoken")[0]


def test_a_mistyped_reference_is_refused_with_a_hint(client, complaint):
    wrong = complaint.reference[:3] + str((int(complaint.reference[3]) + 5) % 10) + complaint.reference[4:]
    response = track(client, wrong, "3456", language="en")
    assert "not a valid reference number" in response.content.decode()


def test_arabic_indic_digits_are_accepted(client, complaint):
    arabic = complaint.display_reference.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert track(client, arabic, "٣٤٥٦").status_code == 302


def test_a_paused_complaint_says_it_waits_for_the_citizen(client, complaint):
    complaint.status = Complaint.Status.AWAITING_CITIZEN
    complaint.sla_paused_at = timezone.now()
    complaint.save()
    response = track(client, complaint.display_reference, "3456", language="en")
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for information from you" in page
    assert "paused until we receive" in page


def test_tracking_pages_are_never_cached(client, complaint):
    response = track(client, complaint.display_reference, "3456")
    page = client.get(response["Location"])
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]


def test_the_citizen_answers_a_request_from_the_tracking_page(client, complaint, officer):
    from complaints import citizen_services

    complaint.status = Complaint.Status.IN_PROGRESS
    complaint.save()
    citizen_services.request_information(complaint=complaint, by=officer, question="أرسل صورة العقد")
    page_url = open_content(client, complaint)
    assert "أرسل صورة العقد" in client.get(page_url).content.decode()

    response = client.post(page_url, {"answer": "1", "text": "أرفقت صورة العقد"})

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.IN_PROGRESS
    assert "أرسلت المعلومات المطلوبة" in client.get(page_url).content.decode()


def test_the_citizen_rates_the_answer_from_the_tracking_page(client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.RESPONDED, responded_at=timezone.now())
    page_url = open_content(client, complaint)
    assert 'name="score"' in client.get(page_url).content.decode()

    client.post(page_url, {"rate": "1", "score": "5", "comment": "ممتاز"})

    assert complaint.ratings.get().score == 5
    assert 'name="score"' not in client.get(page_url).content.decode()     # rated once
