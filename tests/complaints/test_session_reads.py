"""The session read in plain SQL (complaints/sessions.py) finds what Django's own would."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from complaints.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_is_read_back():
    session = SessionStore()
    session["complaint_draft"] = {"token": "t" * 32, "details": {"body": "يتسرب الماء"}}
    session.save()

    assert SessionStore(session.session_key).load()["complaint_draft"]["details"]["body"] == "يتسرب الماء"


def test_an_expired_or_unknown_session_is_empty_and_forgets_its_key():
    session = SessionStore()
    session["x"] = 1
    session.save()
    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))

    for key in (session.session_key, "nosuchsessionkey0000000000000000"):
        store = SessionStore(key)
        assert store.load() == {} and store.session_key is None

