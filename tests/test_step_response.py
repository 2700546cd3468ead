"""
What a step change costs: the response it sends and the queries it makes.

A step change is the request the server answers most (docs/performance.md):
its htmx answer carries the new step and its controls, never the face
drawing, a CSRF token or a cookie, and it reads the session once and writes
with one conditional UPDATE and one upsert of the step logs.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.management.commands.load_content import load_curated_content
from catalogue.models import Routine
from practice import player
from practice.models import LEAD_IN_SECONDS, PracticeSession
from tests.factories import begin_after_lead_in, make_routine

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
STEP_RESPONSE_BUDGET = 4 * 1024  # bytes, uncompressed


@pytest.fixture
def running(user):
    session = player.start_session(make_routine(steps=4), user=user)
    begin_after_lead_in(session)
    return session


def next_over_htmx(client, session, position: int):
    return client.post(f"/sessions/{session.pk}/next/", {"position": position}, headers=HTMX)


def statements(queries) -> list[str]:
    """The SQL a request sent, without the savepoints the test's transaction adds."""
    return [query["sql"] for query in queries.captured_queries if "SAVEPOINT" not in query["sql"]]


def test_every_step_of_every_curated_routine_is_sent_in_at_most_4_kb(client, user):
    load_curated_content()
    client.force_login(user)
    largest = (0, "")
    for routine in Routine.objects.filter(owner=None):
        try:
            session = player.start_session(routine, user=user)
        except player.NotOfferedTodayError:
            continue  # needs a tool nobody has said they own
        begin_after_lead_in(session)
        for position in range(session.step_count - 1):
            response = next_over_htmx(client, session, position)
            assert response.status_code == 200
            assert f'data-position="{position + 1}"' in response.content.decode()
            largest = max(largest, (len(response.content), session.steps[position + 1]["title"]))
    assert 0 < largest[0] <= STEP_RESPONSE_BUDGET, largest


def test_the_step_response_leaves_the_face_drawing_on_the_page(client, user, running):
    client.force_login(user)

    page = client.get(running.get_absolute_url()).content.decode()
    step = next_over_htmx(client, running, 0).content.decode()

    drawing = page.index('<div id="face-guide" hx-preserve="true">')
    assert page.count("<svg") == 1
    assert drawing < page.index("<svg") < page.index('id="guide-label"')
    assert "<svg" not in step
    assert '<div id="face-guide" hx-preserve="true"></div>' in step
    assert 'data-zone="' in step  # which zone to light is the step's own


def test_an_htmx_step_change_sends_no_csrf_token_and_sets_no_cookie(client, user, running):
    client.force_login(user)
    client.get(running.get_absolute_url())  # the page sets the CSRF cookie once

    for control, position in [("pause", 0), ("resume", 0), ("next", 0), ("skip", 1), ("back", 2)]:
        response = client.post(
            f"/sessions/{running.pk}/{control}/", {"position": position}, headers=HTMX
        )
        assert response.status_code == 200, control
        assert "csrfmiddlewaretoken" not in response.content.decode(), control
        assert not response.cookies, (control, response.cookies)


def test_the_page_without_javascript_has_a_token_in_every_form(client, user, running):
    client.force_login(user)

    page = client.get(running.get_absolute_url()).content.decode()

    forms = page.count("<form ")
    assert forms == 5  # Back, Pause, Next, Skip, Finish now
    assert page.count('name="csrfmiddlewaretoken"') == forms


def test_a_step_change_reads_the_session_once_and_writes_one_update_and_one_upsert(
    client, user, running
):
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        response = next_over_htmx(client, running, 0)

    assert response.status_code == 200
    sent = statements(queries)
    assert [sql.split(" ", 1)[0] for sql in sent] == [
        "SELECT",  # the browser's session
        "SELECT",  # the user and their time zone, together
        "SELECT",  # the practice session
        "UPDATE",  # applied only at the revision and position read
        "INSERT",  # the step ended and the next begun, as one upsert
    ]
    assert "accounts_profile" in sent[1]
    assert "ON CONFLICT" in sent[4]
    assert PracticeSession.objects.get(pk=running.pk).position == 1


def test_a_step_change_on_time_writes_only_the_columns_that_change(client, user, running):
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        next_over_htmx(client, running, 0)

    update = next(sql for sql in statements(queries) if sql.startswith("UPDATE"))
    written = update.split(" SET ", 1)[1].split(" WHERE ", 1)[0]
    for column in ("position", "deadline", "revision", "last_activity_at", "updated_at"):
        assert f'"{column}" = ' in written
    for column in ("steps", "status", "paused_seconds", "remaining_ms", "started_at", "notes"):
        assert f'"{column}" = ' not in written


def test_a_late_step_change_books_the_wait_as_paused(client, user):
    session = player.start_session(make_routine(steps=3), user=user)
    late = LEAD_IN_SECONDS + session.steps[0]["duration_seconds"] + 30
    player.begin(session, 0, now=timezone.now() - timedelta(seconds=late))
    client.force_login(user)

    next_over_htmx(client, session, 0)

    assert 29 < PracticeSession.objects.get(pk=session.pk).paused_seconds < 40


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own setting")
def test_sqlite_waits_for_the_disk_on_every_commit():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL: an acknowledged change survives a power cut
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
