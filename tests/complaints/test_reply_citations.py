"""A reply cites its articles in the reply's language: "Article 9" in an English reply, "المادة 9"
in an Arabic one, whether the library holds the article as "9" or as "المادة 9"
(LegalClause.citation)."""

import pytest
from django.utils import translation

from complaints import services
from complaints.models import Complaint, LegalClause
from complaints.portal.track_views import TRACKED
from tests.factories import CitizenFactory, ComplaintFactory

HOUSING_LAW = {"law_ar": "مرسوم بقانون رقم (10) لسنة 1976 في شأن الإسكان", "law_en": "Decree-Law No. 10 of 1976 on Housing"}


@pytest.mark.parametrize(("held", "language", "cited"), [
    ("المادة 9", "en", "Article 9"),
    ("المادة 9", "ar", "المادة 9"),
    ("9", "en", "Article 9"),
    ("9", "ar", "المادة 9"),
    ("Article 12", "ar", "المادة 12"),
    ("Art. 12", "en", "Article 12"),
    ("مادة 4 (2)", "en", "Article 4 (2)"),
    ("مادة 4 (ب)", "en", "مادة 4 (ب)"),  # a lettered paragraph in Arabic: cited as held
    ("12 bis", "en", "Article 12 bis"),
    ("المادة: 15", "en", "Article 15"),
    ("المادة التاسعة", "en", "المادة التاسعة"),  # spelled out in Arabic: cited as held
])
def test_the_article_is_cited_in_the_current_language(held, language, cited):
    with translation.override(language):
        assert LegalClause(article=held, **HOUSING_LAW).citation == cited


@pytest.fixture
def clause(db):
    return LegalClause.objects.create(article="المادة 9", text_ar="تُخصص الوحدة السكنية لسكن المنتفع وأسرته.",
                                      text_en="A housing unit is allocated as the home of the beneficiary.",
                                      **HOUSING_LAW)


@pytest.fixture
def english_reply(maintenance, officer, clause):
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance,
                                 citizen=CitizenFactory(name="John Smith", preferred_language="en"),
                                 contact_mobile="+97339123456")
    return services.send_reply(complaint=complaint, by=officer, text="Your unit may not be let.", clauses=[clause])


@pytest.mark.django_db
def test_the_preview_of_an_english_reply_cites_the_article_in_english(client, maintenance, maintenance_officer,
                                                                       clause):
    complaint = ComplaintFactory(status=Complaint.Status.IN_PROGRESS, department=maintenance,
                                 citizen=CitizenFactory(name="John Smith", preferred_language="en"))
    client.force_login(maintenance_officer)

    html = client.post(f"/admin/complaints/complaint/{complaint.pk}/act/reply/",
                       {"step": "preview", "text": "Your unit may not be let.", "clauses": [clause.pk]}).content.decode()

    preview = html.split('id="reply-preview"')[1].split("</div>\n  {% endlanguage")[0]
    assert "Decree-Law No. 10 of 1976 on Housing — Article 9" in preview
    assert "المادة" not in preview


@pytest.mark.django_db
def test_the_english_tracking_page_cites_the_article_in_english(client, english_reply):
    complaint = english_reply.complaint
    session = client.session
    session[TRACKED] = [complaint.pk]  # the citizen proved who they are (track_views)
    session.save()
    html = client.get(f"/en/track/{complaint.reference}/").content.decode()
    assert "Decree-Law No. 10 of 1976 on Housing — Article 9" in html and "المادة 9" not in html


@pytest.mark.django_db
def test_the_case_page_shows_an_english_replys_clauses_as_the_citizen_read_them(client, english_reply):
    client.force_login(english_reply.author.__class__.objects.create_superuser("root", "root@example.com", "pw"))
    html = client.get(f"/admin/complaints/complaint/{english_reply.complaint.pk}/change/").content.decode()  # Arabic
    replies = html.split('id="case-replies"')[1]
    assert "Decree-Law No. 10 of 1976 on Housing — Article 9" in replies and "المادة 9" not in replies
