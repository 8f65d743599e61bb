"""The monitors' inbox: new posts first, each turned into one complaint (the form prefilled from
the post) or dismissed for a stated reason; bad input keeps what was typed."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from channels_intake.models import SocialPost
from channels_intake.social import posts
from complaints.models import Complaint, ComplaintEvent
from complaints.security import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
INBOX = "/admin/channels_intake/socialpost/"
TEXT = ("@MOH_Bahrain تسرب مياه من سقف بيتي في مدينة سلمان منذ شهرين وما أحد رد على بلاغاتي، "
        "الأطفال ينامون في الصالة")


@pytest.fixture
def monitor(client):
    """A media and social monitor, with exactly the role's permissions."""
    groups = roles.ensure_role_groups()
    user = UserFactory(username="monitor.noor")
    user.groups.add(groups["media-monitor"])
    client.force_login(user)
    return user


def post(**overrides) -> SocialPost:
    values = {"platform": "x", "post_id": "1861234567890123456", "author_handle": "@um_ahmed_bh", "text": TEXT,
              "link": "https://x.com/um_ahmed_bh/status/1861234567890123456",
              "posted_at": timezone.now() - timedelta(hours=3), "received_at": timezone.now() - timedelta(hours=2)}
    values.update(overrides)
    return SocialPost.objects.create(**values)


def convert_url(p):
    return f"{INBOX}{p.pk}/convert/"


def test_the_inbox_shows_new_posts_newest_first_and_hides_decided_ones(client, monitor, django_assert_max_num_queries):
    older = post(post_id="1", text="older post", posted_at=timezone.now() - timedelta(days=1))
    newer = post(post_id="2", text="newer post")
    post(post_id="3", text="dismissed post", state=SocialPost.State.DISMISSED, dismissal_reason="spam")
    for number in range(4, 30):
        post(post_id=str(number), text=f"another post {number}", posted_at=timezone.now() - timedelta(days=2))

    with django_assert_max_num_queries(12):
        page = client.get(INBOX).content.decode()

    assert page.index("newer post") < page.index("older post")
    assert "dismissed post" not in page
    assert f"{newer.pk}/convert/" in page and f"{older.pk}/dismiss/" in page
    assert "dismissed post" in client.get(INBOX, {"state": "dismissed"}).content.decode()


def test_the_complaint_form_is_prefilled_from_the_post(client, monitor):
    p = post()
    form = client.get(convert_url(p)).context["form"]

    assert form.initial["subject"] == "@MOH_Bahrain تسرب مياه من سقف بيتي في مدينة…"
    assert form.initial["body"] == f"{TEXT}\n\n{p.link}"
    assert form.initial["language"] == "ar" and form.initial["kind"] == "complaint"


def draft(p, **overrides):
    values = {**posts.complaint_draft(p), "category": "", "name": "", "cpr": "", "mobile": ""}
    values.update(overrides)
    return values


def test_turning_a_post_into_a_complaint_makes_one_social_media_complaint(client, monitor, maintenance_category):
    p = post()
    response = client.post(convert_url(p), draft(p, category=maintenance_category.pk, name="أم أحمد",
                                                  cpr="850412345", mobile="39123456"))

    assert response.status_code == 302 and response["Location"].endswith(INBOX)
    complaint = Complaint.objects.get()
    assert complaint.channel == Complaint.Channel.SOCIAL_MEDIA
    assert complaint.external_reference == f"x:{p.post_id}"
    assert complaint.body == f"{TEXT}\n\n{p.link}" and complaint.category == maintenance_category
    assert complaint.citizen.cpr == "850412345" and complaint.contact_mobile == "+97339123456"
    assert complaint.received_at == p.received_at
    assert complaint.events.get(kind=ComplaintEvent.Kind.SUBMITTED).actor == monitor
    p.refresh_from_db()
    assert (p.state, p.complaint, p.handled_by) == (SocialPost.State.CONVERTED, complaint, monitor)
    assert p.handled_at is not None


def test_turning_the_same_post_into_a_complaint_twice_makes_one(client, monitor):
    p = post()
    client.post(convert_url(p), draft(p))
    client.post(convert_url(p), draft(p, subject="a second try"))
    posts.convert_post(post=p, by=monitor, subject="and a third", body="x")

    assert Complaint.objects.count() == 1
    assert Complaint.objects.get().subject != "a second try"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("subject", "", "This field is required"),
    ("cpr", "123", "CPR"),
    ("mobile", "1712", ""),
    ("name", "أم أحمد", "CPR"),
])
def test_bad_input_is_shown_again_with_what_was_typed_and_nothing_is_stored(client, monitor, field, value,
                                                                             message):
    p = post()
    with_language = {"language": "en"} if field != "subject" else {}
    response = client.post(convert_url(p), draft(p, **{field: value, "body": "what the monitor typed"},
                                                 **with_language), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page and "what the monitor typed" in page
    if message:
        assert message in page
    assert not Complaint.objects.exists()
    p.refresh_from_db()
    assert p.state == SocialPost.State.NEW


def test_a_refusal_by_the_intake_service_is_shown_beside_its_field(client, monitor):
    p = post()
    response = client.post(convert_url(p), draft(p, body="x" * 10_001))

    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    assert not Complaint.objects.exists()


def test_dismissing_needs_a_reason_and_records_who_and_when(client, monitor):
    p = post()
    refused = client.post(f"{INBOX}{p.pk}/dismiss/", {"reason": ""})
    other_without_text = client.post(f"{INBOX}{p.pk}/dismiss/", {"reason": "other", "note": " "})
    assert refused.status_code == other_without_text.status_code == 200
    assert refused.context["form"].errors["reason"] and other_without_text.context["form"].errors["note"]
    p.refresh_from_db()
    assert p.state == SocialPost.State.NEW

    response = client.post(f"{INBOX}{p.pk}/dismiss/", {"reason": "other", "note": "إعلان تجاري"})

    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.state, p.dismissal_reason, p.dismissal_note, p.handled_by) == (
        SocialPost.State.DISMISSED, "other", "إعلان تجاري", monitor)
    assert not Complaint.objects.exists()


def test_the_service_refuses_a_dismissal_without_a_reason_and_a_decided_post(monitor):
    p = post()
    with pytest.raises(posts.services.DomainError):
        posts.dismiss_post(post=p, reason="", by=monitor)
    posts.convert_post(post=p, by=monitor, **{k: v for k, v in posts.complaint_draft(p).items()})
    with pytest.raises(posts.services.DomainError):
        posts.dismiss_post(post=p, reason="spam", by=monitor)
    dismissed = post(post_id="other", state=SocialPost.State.DISMISSED, dismissal_reason="spam")
    with pytest.raises(posts.services.DomainError):
        posts.convert_post(post=dismissed, by=monitor, subject="s", body="b")


def test_staff_without_the_monitor_role_cannot_decide(client):
    p = post()
    user = UserFactory(username="officer.ali")
    user.user_permissions.add(Permission.objects.get(codename="view_socialpost"))
    client.force_login(user)
    assert client.get(INBOX).status_code == 200
    assert client.get(convert_url(p)).status_code == 403
    assert client.post(f"{INBOX}{p.pk}/dismiss/", {"reason": "spam"}).status_code == 403


def test_the_supervisor_may_work_the_inbox_too():
    groups = roles.ensure_role_groups()
    granted = set(groups["supervisor"].permissions.values_list("content_type__app_label", "codename"))
    assert {("channels_intake", "change_socialpost"), ("channels_intake", "add_mediaitem"),
            ("channels_intake", "change_mediaitem")} <= granted


@pytest.mark.parametrize(("text", "subject", "language"), [
    ("Water leaking", "Water leaking", "en"),
    ("one two three four five six seven eight nine", "one two three four five six seven eight…", "en"),
    ("x" * 300, "x" * 200, "en"),
    ("  مكيف   الشقة لا يعمل", "مكيف الشقة لا يعمل", "ar"),
])
def test_subject_and_language_come_from_the_first_words(text, subject, language):
    assert posts.subject_from(text) == subject
    assert posts.language_of(text) == language


def test_the_longest_post_id_still_makes_a_complaint(monitor):
    p = post(platform="instagram", post_id="9" * 90)
    complaint = posts.convert_post(post=p, by=monitor, subject="s", body="b")
    assert complaint.external_reference == "instagram:" + "9" * 90
