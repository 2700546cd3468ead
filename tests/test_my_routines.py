"""The "My routines" page and starting a routine from scratch."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.models import Routine
from practice import player
from tests.factories import make_own_routine, make_step

pytestmark = pytest.mark.django_db


def test_it_lists_my_routines_with_total_time_steps_and_last_played(client, user):
    played = make_own_routine(user, steps=[make_step(duration_seconds=45) for _ in range(2)])
    never = make_own_routine(user, steps=1, title="Never played")
    session = player.start_session(played, user=user)
    player.begin(session, 0, now=timezone.now() - timedelta(days=3))
    player.start_session(never, user=user)  # opened, but never begun
    client.force_login(user)

    page = client.get("/my-routines/").content.decode()

    card = page.split(f'<a href="/routines/{played.slug}/">')[1].split("</article>")[0]
    assert "1 min 30 s" in card and "2 steps" in card
    assert "Last played 3\xa0days ago" in card
    assert "Not played yet" in page.split(f'<a href="/routines/{never.slug}/">')[1]


def test_each_routine_has_start_edit_and_delete(client, user):
    routine = make_own_routine(user, steps=1, title="Quick jaw")
    client.force_login(user)
    page = client.get("/my-routines/").content.decode()
    assert f'action="/routines/{routine.slug}/start/"' in page
    assert 'Start<span class="visually-hidden"> Quick jaw</span></button>' in page
    assert f'href="/my-routines/{routine.slug}/edit/">Edit' in page
    assert f'href="/my-routines/{routine.slug}/delete/">Delete' in page


def test_an_empty_routine_has_no_start_button(client, user):
    make_own_routine(user, steps=0)
    client.force_login(user)
    assert "/start/" not in client.get("/my-routines/").content.decode()


def test_with_no_routines_it_explains_how_to_get_one(client, user):
    client.force_login(user)
    page = client.get("/my-routines/").content.decode()
    assert "Make it mine" in page
    assert "Start from scratch" in page


def test_the_navigation_links_to_it_for_signed_in_people_only(client, user):
    assert 'href="/my-routines/"' not in client.get("/").content.decode()
    client.force_login(user)
    page = client.get("/").content.decode()
    assert page.index('href="/my-routines/">My routines') < page.index("Log out")


def test_its_query_count_does_not_grow_with_routines_steps_or_sessions(client, user):
    client.force_login(user)
    make_own_routine(user, steps=1)
    with CaptureQueriesContext(connection) as few:
        client.get("/my-routines/")
    for _ in range(5):
        routine = make_own_routine(user, steps=10)
        for _ in range(3):
            player.begin(player.start_session(routine, user=user), 0)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/my-routines/").content.decode()
    assert len(few) == len(many)
    # Sessions are looked up, not joined: the totals are not multiplied by them.
    assert page.count("5 min") == 5


# --- Start from scratch --------------------------------------------------------


def test_creating_an_empty_routine_opens_it_in_the_editor(client, user):
    client.force_login(user)

    response = client.post("/my-routines/new/", {"title": "Evening jaw", "goal": "relax"})

    routine = Routine.objects.get(owner=user)
    assert (routine.title, routine.goal, routine.is_published) == ("Evening jaw", "relax", False)
    assert routine.slug.startswith("evening-jaw-")
    assert response.status_code == 302
    assert response["Location"] == f"/my-routines/{routine.slug}/edit/"
    assert not routine.routine_steps.exists()


@pytest.mark.parametrize(
    "data", [{"title": "", "goal": "relax"}, {"title": "Mine", "goal": "fly"}, {}]
)
def test_a_bad_new_routine_shows_the_form_again_with_what_was_typed(client, user, data):
    client.force_login(user)
    response = client.post("/my-routines/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errorlist' in page
    if data.get("title"):
        assert f'value="{data["title"]}"' in page
    assert not Routine.objects.exists()
