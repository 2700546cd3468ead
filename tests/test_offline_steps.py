"""GET /sessions/<pk>/offline/: every step as the player swaps it in, kept for an outage."""

import json

import pytest

from practice import player
from practice.models import PracticeSession
from tests.factories import begin_after_lead_in, make_routine, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(user):
    session = player.start_session(make_routine(steps=3), user=user)
    begin_after_lead_in(session)
    return PracticeSession.objects.get(pk=session.pk)


def pack(client, session) -> dict:
    response = client.get(f"/sessions/{session.pk}/offline/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_it_has_every_step_running_and_paused(client, user, session):
    client.force_login(user)
    steps = pack(client, session)["steps"]

    assert len(steps) == 3
    for position, (kept, played) in enumerate(zip(steps, session.steps, strict=True)):
        assert kept["ms"] == played["duration_seconds"] * 1000
        for state, toggle in (("running", "Pause"), ("paused", "Resume")):
            html = kept[state].strip()
            assert html.startswith('<section id="player"')
            assert f'data-state="{state}"' in html
            assert f'data-position="{position}"' in html
            assert f'data-remaining-ms="{kept["ms"]}"' in html
            assert f'<h1 id="step-title" tabindex="-1">{played["title"]}</h1>' in html
            assert f">{toggle}</button>" in html
            assert f'name="position" value="{position}"' in html


def test_its_steps_are_the_light_ones_a_step_change_sends(client, user, session):
    """No face drawing (it stays on the page) and no CSRF input (the page's header covers it)."""
    client.force_login(user)
    kept = pack(client, session)
    for html in [
        kept["finished"],
        *(step[state] for step in kept["steps"] for state in ("running", "paused")),
    ]:
        assert "<svg" not in html
        assert "csrfmiddlewaretoken" not in html
    assert 'id="face-guide" hx-preserve="true"></div>' in kept["steps"][0]["running"]


def test_the_finished_stand_in_says_the_steps_are_saved_later(client, user, session):
    client.force_login(user)
    finished = pack(client, session)["finished"]
    assert 'data-state="finished"' in finished
    assert "Your steps will be saved when you are back online" in finished


def test_reading_it_changes_nothing(client, user, session):
    client.force_login(user)
    pack(client, session)
    again = PracticeSession.objects.get(pk=session.pk)
    assert (again.status, again.position, again.revision) == (
        session.status,
        session.position,
        session.revision,
    )


def test_it_is_private(client, user, session):
    client.force_login(user)
    response = client.get(f"/sessions/{session.pk}/offline/")
    assert "private" in response["Cache-Control"]


def test_its_queries_do_not_grow_with_the_steps(client, user, django_assert_num_queries):
    client.force_login(user)
    short = player.start_session(make_routine(steps=2), user=user)
    long = player.start_session(make_routine(steps=12), user=user)
    client.get(f"/sessions/{short.pk}/offline/")  # warm the snapshot cache as the player has
    client.get(f"/sessions/{long.pk}/offline/")
    with django_assert_num_queries(3) as few:
        client.get(f"/sessions/{short.pk}/offline/")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(f"/sessions/{long.pk}/offline/")


def test_someone_elses_session_is_not_found(client, session):
    client.force_login(make_user())
    assert client.get(f"/sessions/{session.pk}/offline/").status_code == 404


def test_it_rejects_post(client, user, session):
    client.force_login(user)
    assert client.post(f"/sessions/{session.pk}/offline/").status_code == 405
