"""Sessions are Django's cached_db sessions: read from the cache, kept in the database."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.utils import timezone

from complaints.security.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_is_read_back():
    session = SessionStore()
    session["complaint_draft"] = {"token": "t" * 32, "details": {"body": "يتسرب الماء"}}
    session.save()

    assert SessionStore(session.session_key).load()["complaint_draft"]["details"]["body"] == "يتسرب الماء"


def test_a_session_is_read_from_the_cache_without_a_query(django_assert_num_queries):
    session = SessionStore()
    session["complaint_draft"] = {"token": "t" * 32}
    session.save()

    with django_assert_num_queries(0):
        assert SessionStore(session.session_key).load() == {"complaint_draft": {"token": "t" * 32}}


def test_a_session_the_cache_lost_is_read_from_the_database():
    session = SessionStore()
    session["complaint_draft"] = {"token": "t" * 32}
    session.save()
    caches["default"].clear()

    assert SessionStore(session.session_key).load() == {"complaint_draft": {"token": "t" * 32}}


def test_an_expired_or_unknown_session_is_empty_and_forgets_its_key():
    session = SessionStore()
    session["x"] = 1
    session.save()
    caches["default"].clear()
    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))

    for key in (session.session_key, "nosuchsessionkey0000000000000000"):
        store = SessionStore(key)
        assert store.load() == {} and store.session_key is None
