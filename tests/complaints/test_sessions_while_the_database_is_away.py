"""A session saved while the database is away raises the database's error (the 503 page), not
Django's "session was deleted" (a 400 Bad Request): found by the PostgreSQL restart drill."""

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from complaints.security.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_database_outage_while_saving_a_session_is_passed_on(monkeypatch):
    session = SessionStore()
    session["draft"] = {"subject": "تسرب مياه"}
    session.save()

    def refused(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(CursorWrapper, "execute", refused)
    session["draft"] = {}
    with pytest.raises(OperationalError):
        session.save()


def test_a_session_really_deleted_meanwhile_is_still_reported_as_such():
    session = SessionStore()
    session["draft"] = {"subject": "تسرب مياه"}
    session.save()
    SessionStore(session_key=session.session_key).delete()

    session["draft"] = {}
    with pytest.raises(UpdateError):
        session.save()


def test_the_portal_keeps_its_sessions_in_this_store(settings):
    assert settings.SESSION_ENGINE == "complaints.security.sessions"
