"""The player's controls over HTTP: Start, Next, Skip, Back, Pause, Resume, Finish."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practice import player
from practice.models import LEAD_IN_SECONDS, PracticeSession, SessionStatus, StepLog
from tests.factories import make_routine

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
CONTROLS = ["begin", "next", "skip", "back", "pause", "resume", "finish"]


@pytest.fixture
def session(user):
    return player.start_session(make_routine(steps=3), user=user)


def begun_a_lead_in_ago(session):
    """Started one lead-in ago: the first step's countdown has just begun."""
    player.begin(session, 0, now=timezone.now() - timedelta(seconds=LEAD_IN_SECONDS))


@pytest.fixture
def running(session):
    begun_a_lead_in_ago(session)
    return session


def state(session):
    session = PracticeSession.objects.get(pk=session.pk)
    return session.status, session.position, session.revision


def test_next_over_htmx_answers_with_the_player_partial_only(client, user, running):
    client.force_login(user)

    response = client.post(f"/sessions/{running.pk}/next/", {"position": 0}, headers=HTMX)

    assert response.status_code == 200
    body = response.content.decode().strip()
    assert body.startswith('<section id="player"')
    assert "<html" not in body and "site-header" not in body
    assert running.steps[1]["title"] in body
    assert state(running)[:2] == (SessionStatus.RUNNING, 1)


def test_a_plain_post_redirects_to_the_player_page(client, user, running):
    client.force_login(user)
    response = client.post(f"/sessions/{running.pk}/next/", {"position": 0})
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{running.pk}/"
    assert state(running)[1] == 1


def test_start_begins_the_countdown_and_saves_the_rating_before(client, user, session):
    client.force_login(user)
    response = client.post(
        f"/sessions/{session.pk}/begin/", {"position": 0, "puffiness_before": 4}, headers=HTMX
    )
    assert response.status_code == 200
    assert 'data-state="running"' in response.content.decode()
    assert PracticeSession.objects.get().puffiness_before == 4


def test_the_same_next_posted_twice_advances_once(client, user, running):
    client.force_login(user)
    first = client.post(f"/sessions/{running.pk}/next/", {"position": 0}, headers=HTMX)
    second = client.post(f"/sessions/{running.pk}/next/", {"position": 0}, headers=HTMX)

    assert first.status_code == second.status_code == 200
    assert state(running)[1] == 1
    assert 'data-position="1"' in second.content.decode()
    assert list(StepLog.objects.values_list("position", "outcome")) == [(0, "done"), (1, "")]


def test_pause_then_resume(client, user, running):
    client.force_login(user)
    paused = client.post(f"/sessions/{running.pk}/pause/", {"position": 0}, headers=HTMX)
    assert ">Resume</button>" in paused.content.decode()
    assert state(running)[0] == SessionStatus.PAUSED
    resumed = client.post(f"/sessions/{running.pk}/resume/", {"position": 0}, headers=HTMX)
    assert ">Pause</button>" in resumed.content.decode()
    assert state(running)[0] == SessionStatus.RUNNING


def test_skip_back_and_finish(client, user, running):
    client.force_login(user)
    client.post(f"/sessions/{running.pk}/skip/", {"position": 0})
    client.post(f"/sessions/{running.pk}/back/", {"position": 1})
    client.post(f"/sessions/{running.pk}/next/", {"position": 0})
    response = client.post(f"/sessions/{running.pk}/finish/", {"position": 1}, headers=HTMX)

    assert "Finished early" in response.content.decode()  # the third step was not reached
    assert state(running)[0] == SessionStatus.FINISHED
    assert list(StepLog.objects.values_list("position", "outcome")) == [(0, "done"), (1, "done")]


def test_a_control_on_a_finished_session_shows_the_summary_and_changes_nothing(
    client, user, running
):
    player.finish(running, 0)
    before = state(running)
    client.force_login(user)
    for control in CONTROLS:
        response = client.post(f"/sessions/{running.pk}/{control}/", {"position": 0}, headers=HTMX)
        assert response.status_code == 200, control
        assert "Finished early" in response.content.decode()
    assert state(running) == before


@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize("position", [None, "", "-1", "3", "99999999999999999999", "two", "1.5"])
def test_a_bad_position_is_a_400_with_a_message(client, user, running, control, position):
    client.force_login(user)
    data = {} if position is None else {"position": position}
    before = state(running)

    response = client.post(f"/sessions/{running.pk}/{control}/", data, headers=HTMX)

    assert response.status_code == 400
    assert b"could not be applied" in response.content
    assert state(running) == before


@pytest.mark.parametrize("control", CONTROLS)
def test_it_rejects_get(client, user, running, control):
    client.force_login(user)
    assert client.get(f"/sessions/{running.pk}/{control}/").status_code == 405


@pytest.mark.parametrize("control", CONTROLS)
def test_someone_elses_session_is_404_and_unchanged(client, other_user, running, control):
    client.force_login(other_user)
    before = state(running)
    assert client.post(f"/sessions/{running.pk}/{control}/", {"position": 0}).status_code == 404
    assert state(running) == before


@pytest.mark.parametrize("control", CONTROLS)
def test_a_visitor_cannot_touch_another_browsers_session(client, control):
    routine = make_routine(steps=2)
    url = client.post(f"/routines/{routine.slug}/start/")["Location"]
    client.cookies.clear()
    client.post(f"/routines/{routine.slug}/start/")  # this browser has a session of its own

    response = client.post(f"{url}{control}/", {"position": 0})

    assert response.status_code == 404
    assert PracticeSession.objects.order_by("pk").first().revision == 0


def test_an_unknown_session_is_404(client, user):
    client.force_login(user)
    assert client.post("/sessions/424242/next/", {"position": 0}).status_code == 404


def test_a_visitor_follows_a_routine_to_the_end(client):
    routine = make_routine(steps=2)
    url = client.post(f"/routines/{routine.slug}/start/")["Location"]
    client.post(f"{url}begin/", {"position": 0})
    client.post(f"{url}next/", {"position": 0})  # in the lead-in: the first step starts now
    client.post(f"{url}next/", {"position": 0})
    client.post(f"{url}next/", {"position": 1})
    assert PracticeSession.objects.get().status == SessionStatus.FINISHED


def queries_for_a_step_change(client, steps: int) -> int:
    session = PracticeSession.objects.get(
        pk=player.start_session(make_routine(steps=steps), user=client.user).pk
    )
    begun_a_lead_in_ago(session)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/sessions/{session.pk}/next/", {"position": 0}, headers=HTMX)
    assert response.status_code == 200
    assert PracticeSession.objects.get(pk=session.pk).position == 1
    return len(queries)


def test_a_step_change_costs_the_same_queries_for_3_and_50_steps(client, user):
    client.force_login(user)
    client.user = user
    small, large = queries_for_a_step_change(client, 3), queries_for_a_step_change(client, 50)
    assert 0 < small == large
