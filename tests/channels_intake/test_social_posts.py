"""Social media posts by signed webhook: stored once per platform and post id for the monitors'
inbox, never a complaint by themselves; a bad delivery stores nothing."""

import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from channels_intake.models import SocialPost
from channels_intake.signatures import sign
from complaints.models import Complaint
from tests.channels_intake.signed_delivery import deliver_signed

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parent / "payloads" / "social"
SECRET = "social-test-secret"
URL = "/api/v1/intake/social/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.SOCIAL_WEBHOOK_SECRET = SECRET


def deliver(client, body: bytes, *, secret=SECRET, timestamp=None, language="en"):
    return deliver_signed(client, URL, body, secret=secret, timestamp=timestamp,
                          headers={"Accept-Language": language})


def payload(name) -> bytes:
    return (PAYLOADS / name).read_bytes()


def test_a_post_is_stored_for_the_monitors_and_is_not_yet_a_complaint(client):
    response = deliver(client, payload("post_arabic_leak.json"))

    assert response.status_code == 201, response.content
    sent = json.loads(payload("post_arabic_leak.json"))
    post = SocialPost.objects.get()
    assert (post.platform, post.post_id, post.author_handle, post.text, post.link) == (
        "x", sent["post_id"], sent["author_handle"], sent["text"], sent["link"])
    assert post.posted_at == datetime.fromisoformat(sent["posted_at"])
    assert post.state == SocialPost.State.NEW and post.complaint is None
    assert not Complaint.objects.exists()
    assert response.json() == {"posts": [{"platform": "x", "post_id": sent["post_id"], "state": "new",
                                          "duplicate": False}]}


def test_a_batch_of_posts_is_stored_post_by_post(client):
    response = deliver(client, payload("batch.json"))

    assert response.status_code == 201
    assert set(SocialPost.objects.values_list("platform", "post_id")) == {
        ("instagram", "C9xYz123AbC"), ("facebook", "10229876543210987")}
    assert [outcome["duplicate"] for outcome in response.json()["posts"]] == [False, False]


def test_a_post_delivered_again_is_one_post_answered_with_the_first_outcome(client, officer):
    deliver(client, payload("post_arabic_leak.json"))
    SocialPost.objects.update(state=SocialPost.State.DISMISSED, dismissal_reason="already_known")
    changed = json.loads(payload("post_arabic_leak.json"))
    changed["text"] = "نص معدل"

    again = deliver(client, json.dumps(changed).encode())

    assert again.status_code == 200
    assert again.json()["posts"] == [{"platform": "x", "post_id": changed["post_id"], "state": "dismissed",
                                      "duplicate": True}]
    post = SocialPost.objects.get()
    assert post.text != "نص معدل"


def test_a_batch_with_one_known_post_stores_only_the_new_one(client):
    deliver(client, json.dumps(json.loads(payload("batch.json"))[:1]).encode())
    response = deliver(client, payload("batch.json"))

    assert response.status_code == 201
    assert [outcome["duplicate"] for outcome in response.json()["posts"]] == [True, False]
    assert SocialPost.objects.count() == 2


@pytest.mark.parametrize("tamper", ["secret", "stale", "body", "unsigned", "no secret configured"])
def test_a_badly_signed_delivery_is_refused_and_nothing_is_stored(client, settings, tamper):
    body = payload("post_arabic_leak.json")
    timestamp = str(int(time.time()))
    if tamper == "secret":
        response = deliver(client, body, secret="wrong")
    elif tamper == "stale":
        response = deliver(client, body, timestamp=int(time.time()) - 301 - 5)
    elif tamper == "body":
        response = client.post(URL, data=body.replace(b"2026", b"2027"), content_type="application/json",
                               headers={"X-Signature-Timestamp": timestamp,
                                        "X-Signature": sign(SECRET, timestamp, body)})
    elif tamper == "unsigned":
        response = client.post(URL, data=body, content_type="application/json")
    else:
        settings.SOCIAL_WEBHOOK_SECRET = ""
        response = deliver(client, body, secret="")
    assert response.status_code == 401
    assert "error" in response.json()
    assert not SocialPost.objects.exists()


@pytest.mark.parametrize(("body", "message"), [
    (b'[{"platform": "x", ', "Malformed JSON"),
    (b'"just text"', "post object or a non-empty list"),
    (b"[]", "post object or a non-empty list"),
])
def test_a_body_that_is_not_posts_is_refused_with_a_clear_error(client, body, message):
    response = deliver(client, body)
    assert response.status_code == 400 and message in response.json()["error"]
    assert not SocialPost.objects.exists()


def test_a_batch_with_missing_or_malformed_fields_stores_nothing_and_names_each_fault(client):
    response = deliver(client, payload("missing_fields.json"))

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"posts[1].platform", "posts[1].post_id", "posts[1].text", "posts[1].posted_at"}
    assert not SocialPost.objects.exists()   # not even the good first post


@pytest.mark.parametrize(("field", "value"), [
    ("link", "javascript:alert(1)"), ("text", {"nested": True}), ("text", "x" * 10_001), ("author_handle", ""),
    ("post_id", "9" * 91), ("platform", ["x"]),
])
def test_each_field_is_checked(client, field, value):
    post = json.loads(payload("post_arabic_leak.json"))
    post[field] = value
    response = deliver(client, json.dumps(post).encode())
    assert response.status_code == 400 and f"posts[0].{field}" in response.json()["errors"]


def test_twitter_is_taken_for_x_and_a_time_without_offset_for_bahrain_time(client):
    post = json.loads(payload("post_arabic_leak.json"))
    post.update(platform="Twitter", posted_at="2026-11-27 21:40:00")
    assert deliver(client, json.dumps(post).encode()).status_code == 201
    stored = SocialPost.objects.get()
    assert stored.platform == "x"
    assert stored.posted_at == datetime.fromisoformat("2026-11-27T21:40:00+03:00")
