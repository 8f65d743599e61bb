"""The ministry's reply: stored with its clauses, shown on the tracking page, sent to the citizen."""

import pytest
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, ComplaintEvent, LegalClause, Notification
from tests.factories import ComplaintFactory
from tests.support.tracking import open_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def clause(db):
    return LegalClause.objects.create(law_ar="مرسوم بقانون رقم (10) لسنة 1976", law_en="Decree-Law No. 10 of 1976",
                                      article="المادة 5", text_ar="نص المادة بالعربية", text_en="The article's text")


@pytest.fixture
def complaint(maintenance):
    return ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance,
                            contact_mobile="+97339123456", contact_email="f@example.com")


def test_a_reply_answers_the_citizen_and_stops_the_clock(complaint, officer, clause):
    reply = services.send_reply(complaint=complaint, by=officer, text="تم إصلاح التسرب", clauses=[clause])

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESPONDED and complaint.responded_at == reply.created_at
    assert list(reply.clauses.all()) == [clause]
    assert complaint.events.filter(kind=ComplaintEvent.Kind.REPLIED, is_public=True).exists()
    assert set(Notification.objects.values_list("kind", "channel")) == {("replied", "sms"), ("replied", "email")}


def test_an_empty_reply_is_refused(complaint, officer):
    with pytest.raises(services.DomainError):
        services.send_reply(complaint=complaint, by=officer, text=" ")
    assert not Notification.objects.exists()


def test_the_reply_and_its_clauses_show_on_the_tracking_page_in_the_pages_language(client, complaint, officer, clause):
    services.send_reply(complaint=complaint, by=officer, text="Fixed on 20 November", clauses=[clause])
    for language, law, text in (("ar", "مرسوم بقانون رقم (10) لسنة 1976", "نص المادة بالعربية"),
                                ("en", "Decree-Law No. 10 of 1976", "The article&#x27;s text")):
        url = open_content(client, complaint, language=language)
        html = client.get(url).content.decode()
        assert "Fixed on 20 November" in html and law in html and text in html


def test_closing_tells_the_citizen(complaint, officer):
    services.send_reply(complaint=complaint, by=officer, text="done")
    services.close_complaint(complaint=complaint, by=officer, now=timezone.now())
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.CLOSED
    assert Notification.objects.filter(kind="closed").count() == 2
