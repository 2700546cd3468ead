"""
SQLite, with writers served in turn.

SQLite lets one transaction write at a time. A writer that finds the lock
taken is put to sleep by SQLite's busy handler, 1, 2, 5, 10… ms at a time,
and tries again: under a 7 a.m. crowd of step changes most of a waiting
writer's time is spent asleep after the lock has come free, and the unlucky
ones wait for hundreds of milliseconds (the step advance's p99 in
docs/performance.md).

This backend makes writers queue instead. Before `BEGIN IMMEDIATE` a
transaction takes an exclusive flock(2) on a file beside the database, and
lets it go when it commits or rolls back. The kernel wakes the next writer
the moment the lock is free, in any thread of any process, and a process
that dies lets go of it with its last breath. Nothing else changes:
SQLite's own lock still decides, the busy timeout still applies to writes
outside a transaction, and every commit is as durable as before
(`synchronous=FULL`, WAL). Reads outside a transaction never queue; every
transaction here took the write lock at BEGIN already (IMMEDIATE, in
facerouting/settings.py), so queueing for it costs nothing new. An in-memory
database has a single process and no file, and does not queue.
"""

import contextlib
import fcntl
import os

from django.db.backends.sqlite3 import base, creation


def queue_path(database: str) -> str:
    return f"{database}-writers"


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name, verbosity):
        super()._destroy_test_db(test_database_name, verbosity)
        if test_database_name and not self.is_in_memory_db(test_database_name):
            with contextlib.suppress(FileNotFoundError):
                os.remove(queue_path(test_database_name))


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
    _queue = None  # this connection's own descriptor of the queue file
    _in_queue = False

    def _queue_file(self) -> int | None:
        if self._queue is None and not self.is_in_memory_db():
            self._queue = os.open(
                queue_path(self.settings_dict["NAME"]), os.O_RDWR | os.O_CREAT, 0o600
            )
        return self._queue

    def _start_transaction_under_autocommit(self):
        queue = self._queue_file()
        if queue is not None and not self._in_queue:
            fcntl.flock(queue, fcntl.LOCK_EX)  # waits with the GIL released
            self._in_queue = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._leave_queue()
            raise

    def _leave_queue(self) -> None:
        if self._in_queue:
            self._in_queue = False
            fcntl.flock(self._queue, fcntl.LOCK_UN)

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._leave_queue()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._leave_queue()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._leave_queue()
            if self._queue is not None:
                os.close(self._queue)
                self._queue = None
