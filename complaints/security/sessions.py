"""Sessions as Django's `cached_db` engine keeps them (read from the cache, written to both the
database and the cache), except for one thing (SESSION_ENGINE = "complaints.security.sessions").

Django reports any database error while saving a session as "the session was deleted before the
request completed" (400 Bad Request). When the database is only away for a moment (a restart), the
answer is the 503 page, which tells the citizen to try again: the error is passed on as it is.
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseSessionStore

from complaints.portal import error_pages


class SessionStore(CachedDatabaseSessionStore):
    def save(self, must_create=False):
        try:
            super().save(must_create=must_create)
        except UpdateError as error:
            if error_pages.database_unavailable(error.__context__):
                raise error.__context__ from None
            raise
