"""
Database sessions with a lean read: SESSION_ENGINE when Redis is not configured.

Every signed-in request reads its session row. Django's database store builds
that query with the ORM each time, which took nine tenths of the read
(docs/performance.md, "What every signed-in request pays"); this one sends
the same SQL as a prepared statement. The same row, the same expiry check;
creating, saving, cycling and deleting sessions are Django's own.
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        sql = (
            f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)} "
            f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            # Unknown or expired: a new session, as Django's store does.
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
