"""The player asks how puffy the face feels only where the routine's goal is de-puffing."""

import pytest

from catalogue.models import Goal, Routine
from practice import player
from practice.models import PracticeSession
from tests.factories import make_routine

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
BEFORE_QUESTION = "How puffy does your face feel right now?"


def started(user, goal: str) -> PracticeSession:
    return player.start_session(make_routine(steps=2, goal=goal), user=user)


def finished(user, goal: str, **ratings) -> PracticeSession:
    session = started(user, goal)
    player.begin(session, 0, **ratings)
    player.finish(session, 0)
    return session


def page_of(client, session: PracticeSession) -> str:
    return client.get(session.get_absolute_url()).content.decode()


def test_a_de_puffing_routine_asks_before_start(client, user):
    client.force_login(user)
    page = page_of(client, started(user, Goal.DEPUFF))
    assert BEFORE_QUESTION in page
    assert 'name="puffiness_before"' in page


@pytest.mark.parametrize("goal", [Goal.EXPRESSION, Goal.RELAX, Goal.SCULPT, Goal.SKIN])
def test_other_routines_do_not_ask_before_start(client, user, goal):
    client.force_login(user)
    page = page_of(client, started(user, goal))
    assert BEFORE_QUESTION not in page
    assert 'name="puffiness_before"' not in page
    assert ">Start</button>" in page


def test_start_still_works_without_the_question_and_ignores_a_posted_rating(client, user):
    session = started(user, Goal.EXPRESSION)
    client.force_login(user)

    response = client.post(
        f"/sessions/{session.pk}/begin/", {"position": 0, "puffiness_before": 4}, headers=HTMX
    )

    assert response.status_code == 200
    session.refresh_from_db()
    assert session.status == "running"
    assert session.puffiness_before is None


def test_the_summary_of_a_de_puffing_routine_asks_before_and_after(client, user):
    client.force_login(user)
    page = page_of(client, finished(user, Goal.DEPUFF))
    assert "Puffiness before you started" in page
    assert "Puffiness now, after the routine" in page


def test_the_summary_of_a_facial_yoga_routine_asks_only_for_notes(client, user):
    session = finished(user, Goal.EXPRESSION)
    client.force_login(user)

    page = page_of(client, session)
    client.post(f"/sessions/{session.pk}/review/", {"puffiness_after": 2, "notes": "Brows soft."})

    assert "Puffiness" not in page
    assert 'name="notes"' in page
    session.refresh_from_db()
    assert (session.puffiness_after, session.notes) == (None, "Brows soft.")


def test_a_rating_already_given_stays_shown_whatever_the_goal(client, user):
    client.force_login(user)
    page = page_of(client, finished(user, Goal.RELAX, puffiness_before=3))
    assert "Puffiness before you started" in page
    assert 'name="puffiness_before" value="3" id="id_puffiness_before_2" checked>' in page


def test_a_session_whose_routine_was_deleted_still_asks(client, user):
    session = finished(user, Goal.EXPRESSION)
    Routine.objects.filter(pk=session.routine_id).delete()
    client.force_login(user)

    page = page_of(client, session)
    client.post(f"/sessions/{session.pk}/review/", {"puffiness_after": 2})

    assert "Puffiness now, after the routine" in page
    assert PracticeSession.objects.get().puffiness_after == 2


def test_the_history_edit_still_offers_both_ratings(client, user):
    session = finished(user, Goal.EXPRESSION)
    client.force_login(user)
    page = client.get(f"/history/{session.pk}/edit/").content.decode()
    assert "Puffiness before" in page
