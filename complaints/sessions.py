"""Sessions in the database, as Django keeps them, except for two things (SESSION_ENGINE).

Django reports any database error while saving a session as "the session was deleted before the
request completed" (400 Bad Request). When the database is only away for a moment (a restart), the
answer is the 503 page, which tells the citizen to try again: the error is passed on as it is.

Every request that carries a session cookie reads its session; that read is one line of SQL here
rather than an ORM query, whose building cost three times the query itself (0.36 against 0.10 ms of
CPU, measured on the bench machine).
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from . import error_pages


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        try:
            super().save(must_create=must_create)
        except UpdateError as error:
            if error_pages.database_unavailable(error.__context__):
                raise error.__context__ from None
            raise

    def _get_session_from_db(self):
        session = self.model
        connection = connections[router.db_for_read(session)]
        table, quote = session._meta.db_table, connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote('session_data')} FROM {quote(table)} "
                           f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s",
                           [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return session(session_key=self.session_key, session_data=row[0])
