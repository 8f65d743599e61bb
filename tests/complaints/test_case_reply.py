"""Replying from the case page: a canned response or free text, legal clauses from the library,
a preview in the citizen's language, then services.send_reply."""

import pytest

from complaints.models import CannedResponse, Complaint, ComplaintEvent, LegalClause, Notification, Reply
from tests.factories import CitizenFactory, ComplaintFactory

pytestmark = pytest.mark.django_db
Status = Complaint.Status
EN = {"Accept-Language": "en"}


@pytest.fixture
def clause(db):
    return LegalClause.objects.create(
        law_ar="مرسوم بقانون رقم (10) لسنة 1976 بشأن الإسكان", law_en="Decree-Law No. 10 of 1976 on housing",
        article="المادة 5", text_ar="تتولى الوزارة صيانة الوحدات السكنية.", text_en="The ministry maintains housing units.")


@pytest.fixture
def canned(db):
    return CannedResponse.objects.create(title="Repair scheduled", text_ar="تم جدولة الإصلاح خلال أسبوع.",
                                         text_en="The repair is scheduled within a week.")


def complaint_of(citizen, department):
    return ComplaintFactory(status=Status.IN_PROGRESS, department=department, citizen=citizen,
                            contact_mobile="+97339123456", contact_email="c@example.com")


def reply_url(complaint):
    return f"/admin/complaints/complaint/{complaint.pk}/act/reply/"


def test_a_canned_response_is_filled_in_the_citizens_language_to_edit(client, fatima, maintenance,
                                                                      maintenance_officer, canned):
    complaint = complaint_of(fatima, maintenance)
    client.force_login(maintenance_officer)

    page = client.post(reply_url(complaint), {"step": "use_canned", "canned": canned.pk, "text": ""},
                       headers=EN).content.decode()

    assert "تم جدولة الإصلاح خلال أسبوع." in page and not Reply.objects.exists()


def test_the_preview_shows_the_reply_and_clause_in_the_citizens_language_then_sending_stores_it(
        client, maintenance, maintenance_officer, clause, canned):
    english_reader = CitizenFactory(name="John Smith", preferred_language="en")
    complaint = complaint_of(english_reader, maintenance)
    client.force_login(maintenance_officer)

    preview = client.post(reply_url(complaint), {"step": "preview", "canned": canned.pk, "text": "",
                                                 "clauses": [clause.pk]})  # the staff page itself in Arabic
    html = preview.content.decode()
    assert preview.status_code == 200 and 'id="reply-preview"' in html
    assert "The repair is scheduled within a week." in html
    assert "Decree-Law No. 10 of 1976 on housing" in html and "The ministry maintains housing units." in html
    assert not Reply.objects.exists()

    sent = client.post(reply_url(complaint), {"step": "send", "text": "The repair is scheduled within a week.",
                                              "clauses": [clause.pk]})

    assert sent.status_code == 302
    reply = Reply.objects.get()
    assert (reply.text, reply.language, reply.author) == ("The repair is scheduled within a week.", "en",
                                                          maintenance_officer)
    assert list(reply.clauses.all()) == [clause]
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED
    assert complaint.events.get(kind=ComplaintEvent.Kind.REPLIED).actor == maintenance_officer
    assert set(Notification.objects.values_list("kind", "channel", "language")) == {
        ("replied", "sms", "en"), ("replied", "email", "en")}


def test_an_arabic_readers_preview_is_right_to_left_in_arabic(client, fatima, maintenance, maintenance_officer,
                                                              clause):
    complaint = complaint_of(fatima, maintenance)
    client.force_login(maintenance_officer)
    html = client.post(reply_url(complaint), {"step": "preview", "text": "تم إصلاح التسرب", "clauses": [clause.pk]},
                       headers=EN).content.decode()
    assert 'dir="rtl" lang="ar" id="reply-preview"' in html
    assert "مرسوم بقانون رقم (10) لسنة 1976 بشأن الإسكان" in html and "تتولى الوزارة صيانة الوحدات السكنية." in html


def test_an_empty_reply_is_refused_and_the_chosen_clauses_are_kept(client, fatima, maintenance, maintenance_officer,
                                                                   clause):
    complaint = complaint_of(fatima, maintenance)
    client.force_login(maintenance_officer)

    for step in ("preview", "send"):
        response = client.post(reply_url(complaint), {"step": step, "text": "  ", "clauses": [clause.pk]},
                               headers=EN)
        html = response.content.decode()
        assert response.status_code == 400 and "Write the reply or choose a canned response." in html
        assert f'<input type="checkbox" name="clauses" value="{clause.pk}" id="id_clauses_0" checked>' in html
    assert not Reply.objects.exists() and not Notification.objects.exists()


def test_a_reply_the_lifecycle_refuses_changes_nothing(client, fatima, maintenance, maintenance_officer):
    closed = ComplaintFactory(status=Status.CLOSED, department=maintenance, citizen=fatima)
    client.force_login(maintenance_officer)
    response = client.post(reply_url(closed), {"step": "send", "text": "Late answer"}, headers=EN)
    assert response.status_code == 400 and "cannot move from “Closed” to “Responded”" in response.content.decode()
    assert "Late answer" in response.content.decode()
    assert not Reply.objects.exists()
