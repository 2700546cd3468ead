from datetime import timedelta

import pytest
from django.utils import timezone

from catalogue.models import Routine, RoutineStep, Step, Zone
from catalogue.safety import Answer, Answers, Condition
from practice import player
from practice.models import PracticeSession
from tests.factories import begin_after_lead_in, make_routine, make_step, make_technique, practise

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(user):
    return player.start_session(make_routine(steps=3), user=user)


def test_a_ready_session_asks_for_a_rating_and_shows_start(client, user, session):
    client.force_login(user)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "Get ready" in page
    assert ">Start</button>" in page
    assert 'name="puffiness_before"' in page
    assert f"First: {session.steps[0]['title']}" in page


def test_a_running_session_shows_the_step_timer_progress_and_controls(client, user, session):
    player.begin(session, 0)
    client.force_login(user)

    page = client.get(f"/sessions/{session.pk}/").content.decode()

    step = session.steps[0]
    assert f'<h1 id="step-title" tabindex="-1">{step["title"]}</h1>' in page
    assert 'role="timer"' in page
    assert "<progress" in page
    for label in ("Back", "Pause", "Next", "Skip", "Finish"):
        assert f">{label}</button>" in page
    assert f"Up next</span> <strong>{session.steps[1]['title']}</strong>" in page
    assert 'data-zone="cheeks"' in page  # the face diagram
    assert 'data-remaining-ms="' in page


def test_a_reload_shows_the_same_step_with_the_time_left(client, user, session):
    now = timezone.now()
    player.begin(session, 0, now=now - timedelta(seconds=15))  # 5 s lead-in + 10 s
    client.force_login(user)

    response = client.get(f"/sessions/{session.pk}/")

    remaining = int(response.content.decode().split('data-remaining-ms="')[1].split('"')[0])
    assert 19_000 < remaining <= 20_000
    assert "0:20" in response.content.decode() or "0:19" in response.content.decode()


def test_a_paused_session_shows_resume(client, user, session):
    player.begin(session, 0)
    player.pause(session, 0)
    client.force_login(user)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert ">Resume</button>" in page
    assert ">Pause</button>" not in page


def test_an_abandoned_session_offers_resume_and_discard(client, user, session):
    player.begin(session, 0, now=timezone.now() - timedelta(hours=7))
    client.force_login(user)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "You left this session 7" in page
    assert ">Resume</button>" in page
    assert ">Discard</button>" in page


def test_the_finished_summary_comes_from_the_snapshot_not_the_routine(client, user, session):
    practise(session, [("advance", 0), ("skip", 1), ("finish", 2)])
    original_titles = [step["title"] for step in session.steps]
    Step.objects.update(title="Renamed by the curator")
    RoutineStep.objects.all().delete()
    Routine.objects.all().delete()
    client.force_login(user)

    page = client.get(f"/sessions/{session.pk}/").content.decode()

    assert "Routine finished" in page  # one step was skipped: no "Well done"
    assert "2 of 3 steps done, 1 skipped." in page
    for title in original_titles:
        assert title in page
    assert "Renamed by the curator" not in page
    assert "<dt>Steps done</dt><dd>2</dd>" in page
    assert "<dt>Skipped</dt><dd>1</dd>" in page
    assert PracticeSession.objects.get().routine is None


def test_someone_elses_session_is_404(client, other_user, session):
    client.force_login(other_user)
    assert client.get(f"/sessions/{session.pk}/").status_code == 404


def test_a_visitor_cannot_open_an_account_holders_session(client, session):
    assert client.get(f"/sessions/{session.pk}/").status_code == 404


def test_a_visitor_cannot_open_another_browsers_session(client):
    routine = make_routine(steps=1)
    url = client.post(f"/routines/{routine.slug}/start/")["Location"]
    client.cookies.clear()
    assert client.get(url).status_code == 404


def test_an_unknown_session_is_404(client, user):
    client.force_login(user)
    assert client.get("/sessions/999999/").status_code == 404


def test_it_rejects_post(client, user, session):
    client.force_login(user)
    assert client.post(f"/sessions/{session.pk}/").status_code == 405


def test_the_summary_counts_and_names_the_steps_left_out_for_safety(client, user):
    technique = make_technique(name="Classic facial massage")
    routine = make_routine(
        [
            make_step(technique, title="Forehead circles", zone=Zone.FOREHEAD),
            make_step(technique, title="Cheek circles", zone=Zone.CHEEKS),
            make_step(technique, title="Lip circles", zone=Zone.MOUTH),
        ]
    )
    breakout = Answers((Answer(Condition.ACNE, frozenset({Zone.CHEEKS})),))
    session = player.start_session(routine, user=user, answers=breakout)
    # The last step played: the whole adapted routine done.
    practise(session, [("advance", 0), ("advance", 1)])
    client.force_login(user)

    page = client.get(f"/sessions/{session.pk}/").content.decode()

    assert "Well done" in page
    assert "2 of 2 steps done; 1 left out for safety today." in page
    assert "Every step" not in page
    assert "<dt>Left out for safety</dt><dd>1</dd>" in page
    assert "Cheek circles — <span" in page
    assert "Active breakout on the cheeks" in page


def test_every_step_done_is_said_only_when_nothing_was_left_out(client, user, session):
    practise(session, [("advance", position) for position in range(3)])
    client.force_login(user)

    page = client.get(f"/sessions/{session.pk}/").content.decode()

    assert "Every step done: 3 of 3 steps done." in page
    assert "left out for safety" not in page.lower()


def test_steps_passed_by_in_seconds_are_too_short_not_done(client, user, session):
    begin_after_lead_in(session)
    for position in range(3):
        player.advance(session, position)  # Next, Next, Next at once
    client.force_login(user)

    page = client.get(f"/sessions/{session.pk}/").content.decode()

    assert "Routine finished" in page  # no praise for passing the steps by
    assert "Every step" not in page
    assert "0 of 3 steps done, 3 too short." in page
    assert "<dt>Too short</dt><dd>3</dd>" in page
    assert "A step counts as done after 10 seconds of practice" in page
