"""SQLite writers queue for the write lock (facerouting/db/sqlite3/base.py)."""

import threading
import time

import pytest
from django.db import connection, transaction

from practice import player
from practice.models import PracticeSession
from tests.factories import make_routine

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock"),
]


def hold_then_commit(session_pk: int, holding: threading.Event, seconds: float) -> None:
    try:
        with transaction.atomic():
            PracticeSession.objects.filter(pk=session_pk).update(remaining_ms=1)
            holding.set()
            time.sleep(seconds)
    finally:
        connection.close()


def test_a_writer_waits_its_turn_instead_of_failing():
    """A write transaction that finds another under way waits for it, in
    turn, however short SQLite's own busy timeout: it never fails with
    "database is locked", and both writes are stored."""
    session = player.start_session(make_routine(steps=2), guest_token="queue")
    holding = threading.Event()
    other = threading.Thread(target=hold_then_commit, args=(session.pk, holding, 0.5))
    other.start()
    assert holding.wait(10)
    connection.close()
    options = connection.settings_dict["OPTIONS"]
    connection.settings_dict["OPTIONS"] = {**options, "timeout": 0.05}
    try:
        started = time.monotonic()
        with transaction.atomic():
            PracticeSession.objects.filter(pk=session.pk).update(paused_seconds=7)
        waited = time.monotonic() - started
    finally:
        connection.close()
        connection.settings_dict["OPTIONS"] = options
    other.join(10)
    session.refresh_from_db()
    assert (session.remaining_ms, session.paused_seconds) == (1, 7)
    assert waited > 0.2  # it waited for the other to commit, well past its 0.05 s timeout


def test_the_queue_is_let_go_after_a_rollback():
    """A transaction that fails lets the next writer in at once."""
    session = player.start_session(make_routine(steps=2), guest_token="queue")
    with pytest.raises(RuntimeError), transaction.atomic():
        PracticeSession.objects.filter(pk=session.pk).update(remaining_ms=5)
        raise RuntimeError("the request fails half-way")
    done = threading.Event()

    def write() -> None:
        try:
            with transaction.atomic():
                PracticeSession.objects.filter(pk=session.pk).update(paused_seconds=3)
            done.set()
        finally:
            connection.close()

    thread = threading.Thread(target=write)
    thread.start()
    assert done.wait(5)
    thread.join()
    session.refresh_from_db()
    assert (session.remaining_ms, session.paused_seconds) == (None, 3)
