"""Simultaneous player posts: exactly one applies, none fails."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from practice import player
from practice.models import PracticeSession, StepLog
from practice.views import player as player_views
from tests.factories import begin_after_lead_in, make_routine

pytestmark = pytest.mark.django_db(transaction=True)

HTMX = {"HX-Request": "true"}
THREADS = 8


def run_together(count: int, request: Callable[[int], int]) -> list:
    """Call request(i) from `count` threads released at the same instant."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(i: int) -> None:
        try:
            barrier.wait()
            results[i] = request(i)
        except Exception as error:  # a 500 raises inside the test client
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture(autouse=True)
def read_together(monkeypatch):
    """Let every request read the session before any of them may write: the
    race the conditional update must win. (A request that reads after another
    has committed sees the new state and is judged against it, which is not
    this race: a Pause then a Next from the same position are both fine.)"""
    barrier = threading.Barrier(THREADS, timeout=20)
    load = player_views._session_or_404

    def load_then_wait(*args, **kwargs):
        session = load(*args, **kwargs)
        barrier.wait()
        return session

    monkeypatch.setattr(player_views, "_session_or_404", load_then_wait)


@pytest.fixture
def running(user):
    session = player.start_session(make_routine(steps=4), user=user)
    begin_after_lead_in(session)
    return session


def clients_for(user, count: int) -> list[Client]:
    clients = [Client() for _ in range(count)]
    for client in clients:
        client.force_login(user)
    return clients


def test_eight_simultaneous_identical_nexts_advance_exactly_once(user, running):
    clients = clients_for(user, THREADS)
    url = f"/sessions/{running.pk}/next/"

    statuses = run_together(
        THREADS, lambda i: clients[i].post(url, {"position": 0}, headers=HTMX).status_code
    )

    assert statuses == [200] * THREADS
    session = PracticeSession.objects.get()
    assert (session.position, session.revision) == (1, 2)
    assert list(StepLog.objects.values_list("position", "outcome")) == [(0, "done"), (1, "")]


def test_eight_simultaneous_conflicting_controls_apply_exactly_one(user, running):
    player.advance(running, 0)  # now at position 1, revision 2
    controls = ["next", "skip", "back", "pause", "finish", "next", "skip", "pause"]
    clients = clients_for(user, THREADS)

    statuses = run_together(
        THREADS,
        lambda i: (
            clients[i]
            .post(f"/sessions/{running.pk}/{controls[i]}/", {"position": 1}, headers=HTMX)
            .status_code
        ),
    )

    assert statuses == [200] * THREADS
    session = PracticeSession.objects.get()
    assert session.revision == 3  # one change on top of the two before
    outcomes = dict(StepLog.objects.values_list("position", "outcome"))
    # Whatever won, the log agrees with the session: no step doubled or skipped over.
    # Every request read a running session, so the winner's state is whole.
    if session.position == 2:
        assert (session.status, session.remaining_ms) == ("running", None)
        assert outcomes == {0: "done", 1: outcomes[1], 2: ""}
        assert outcomes[1] in {"done", "skipped"}
    elif session.position == 0:
        assert (session.status, session.remaining_ms) == ("running", None)
        assert outcomes == {0: ""}
    else:
        assert session.position == 1
        assert session.status in {"paused", "finished"}
        assert session.deadline is None
        assert outcomes[1] == ("" if session.status == "paused" else "done")


def test_eight_simultaneous_begins_start_the_session_once(user):
    session = player.start_session(make_routine(steps=3), user=user)
    clients = clients_for(user, THREADS)
    url = f"/sessions/{session.pk}/begin/"

    statuses = run_together(
        THREADS, lambda i: clients[i].post(url, {"position": 0}, headers=HTMX).status_code
    )

    assert statuses == [200] * THREADS
    session = PracticeSession.objects.get()
    assert (session.status, session.position, session.revision) == ("running", 0, 1)
    assert list(StepLog.objects.values_list("position", "outcome")) == [(0, "")]


def test_eight_simultaneous_visitor_nexts_from_two_tabs_advance_exactly_once():
    # A visitor's session is tied to their browser; its tabs share the cookie.
    routine = make_routine(steps=4)
    first_tab = Client()
    player_url = first_tab.post(f"/routines/{routine.slug}/start/")["Location"]
    session = PracticeSession.objects.get()
    begin_after_lead_in(session)
    tabs = [first_tab] + [Client() for _ in range(THREADS - 1)]
    for tab in tabs[1:]:
        tab.cookies = first_tab.cookies
    url = f"{player_url}next/"

    statuses = run_together(
        THREADS, lambda i: tabs[i].post(url, {"position": 0}, headers=HTMX).status_code
    )

    assert statuses == [200] * THREADS
    session.refresh_from_db()
    assert (session.position, session.revision) == (1, 2)
    assert list(StepLog.objects.values_list("position", "outcome")) == [(0, "done"), (1, "")]
