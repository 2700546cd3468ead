"""The routine editor page over HTTP: the page, its step library, renaming, and query counts.

Changing the steps (move, reorder, add, remove, lengths) is in test_routine_editor_steps.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Routine, RoutineStep, Zone
from tests.factories import make_own_routine, make_step, make_technique

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def routine(user):
    return make_own_routine(user, steps=3, title="My morning")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


def url(routine: Routine, action: str) -> str:
    return f"/my-routines/{routine.slug}/{action}/"


def rows(routine: Routine) -> list[RoutineStep]:
    return list(routine.routine_steps.order_by("position").select_related("step"))


# --- The page -------------------------------------------------------------------------


def test_the_page_shows_the_steps_in_order_with_their_tools(owner, routine):
    response = owner.get(url(routine, "edit"))

    assert response.status_code == 200
    page = response.content.decode()
    titles = [rs.step.title for rs in rows(routine)]
    assert page.index(titles[0]) < page.index(titles[1]) < page.index(titles[2])
    assert f"Move {titles[1]} up" in page and f"Move {titles[1]} down" in page
    assert f'Remove<span class="visually-hidden"> {titles[1]}' in page
    assert 'name="seconds"' in page and 'min="5" max="900"' in page
    assert "Total <strong>1 min 30 s</strong>" in page
    assert "js/reorder.js" in page
    assert ">Start</button>" in page


def test_the_first_up_and_last_down_buttons_are_marked_disabled_but_stay_focusable(owner, routine):
    first, _, last = rows(routine)
    page = owner.get(url(routine, "edit")).content.decode()
    assert f'id="up-{first.pk}" class="button icon" aria-disabled="true"' in page
    assert f'id="down-{last.pk}" class="button icon" aria-disabled="true"' in page
    assert " disabled" not in page.split('id="step-library"')[0].replace("aria-disabled", "")


def test_an_empty_routine_asks_for_a_step_before_it_can_start(owner, user):
    routine = make_own_routine(user, steps=0)
    page = owner.get(url(routine, "edit")).content.decode()
    assert "No steps yet" in page
    assert "Add at least one step to start this routine." in page
    assert ">Start</button>" not in page


def test_the_library_is_filtered_by_technique_and_zone(owner, routine):
    yoga = make_technique(name="Facial yoga", slug="facial-yoga")
    make_step(yoga, title="Brow lift hold", zone=Zone.BROW)
    make_step(yoga, title="Cheek puff", zone=Zone.CHEEKS)
    make_step(title="Gua sha brow", zone=Zone.BROW)

    response = owner.get(
        url(routine, "edit"), {"technique": "facial-yoga", "zone": "brow"}, headers=HTMX
    )

    assert response.status_code == 200
    body = response.content.decode().strip()
    assert body.startswith('<div id="library-results"')
    assert "Brow lift hold" in body
    assert "Cheek puff" not in body and "Gua sha brow" not in body
    assert response.headers["Vary"].count("HX-Request") == 1


def test_a_filter_that_matches_nothing_says_so_and_a_bad_one_shows_everything(owner, routine):
    make_step(title="Only cheeks", zone=Zone.CHEEKS)
    empty = owner.get(url(routine, "edit"), {"zone": "ears"}, headers=HTMX).content.decode()
    assert "No steps match" in empty
    bad = owner.get(url(routine, "edit"), {"technique": "nope", "zone": "x"}, headers=HTMX)
    assert bad.status_code == 200
    assert "Only cheeks" in bad.content.decode()


def test_the_plain_page_filters_the_library_too(owner, routine):
    make_step(title="Ears only", zone=Zone.EARS)
    page = owner.get(url(routine, "edit"), {"zone": "ears"}).content.decode()
    assert "<html" in page
    library = page.split('id="library-results"')[1]
    assert "Ears only" in library
    assert rows(routine)[0].step.title not in library


# --- The name --------------------------------------------------------------------------


def test_renaming_keeps_the_slug_and_updates_the_heading_and_title(owner, routine):
    slug = routine.slug

    response = owner.post(
        url(routine, "rename"), {"title": "  Jaw and neck, quick  "}, headers=HTMX
    )

    body = response.content.decode()
    assert body.startswith("<title>Edit Jaw and neck, quick · Facerouting</title>")
    assert '<header id="routine-title"' in body
    assert "<h1>Jaw and neck, quick</h1>" in body
    assert "Renamed to “Jaw and neck, quick”." in body
    routine.refresh_from_db()
    assert (routine.title, routine.slug) == ("Jaw and neck, quick", slug)


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "Give your routine a name."),
        ("   ", "Give your routine a name."),
        ("x" * 101, "Keep the name to 100 characters (it has 101)."),
    ],
)
def test_a_bad_name_is_shown_again_with_the_message(owner, routine, title, message):
    response = owner.post(url(routine, "rename"), {"title": title}, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<header id="routine-title"' in body
    assert 'class="errorlist' in body
    assert body.count(message) == 2  # by the field, and in the status line
    if title.strip():
        assert f'value="{title}"' in body  # nothing typed is lost
    assert Routine.objects.get(pk=routine.pk).title == "My morning"


# --- Queries: the same for 1 step as for 50 ---------------------------------------------


def count_queries(client, method, path, data=None, headers=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data or {}, headers=headers or {})
        assert response.status_code in (200, 302)
    return len(queries)


@pytest.fixture
def small_and_large(user):
    return make_own_routine(user, steps=2), make_own_routine(user, steps=50)


def test_the_editor_page_costs_the_same_queries_for_2_and_50_steps(owner, small_and_large):
    small, large = small_and_large
    counts = [count_queries(owner, "get", url(r, "edit")) for r in (small, large)]
    assert counts[0] == counts[1]


def _edits(routine: Routine) -> dict[str, dict]:
    first, second, *_ = rows(routine)
    ids = [rs.pk for rs in rows(routine)]
    return {
        "move": {"routine_step": first.pk, "position": first.position, "direction": "down"},
        "order": {"order": ",".join(map(str, reversed(ids))), "moved": ids[-1]},
        "duration": {"routine_step": second.pk, "seconds": 40},
        "add": {"step": make_step().pk, "count": len(ids)},
        "remove": {"routine_step": first.pk},
        "rename": {"title": "Renamed"},
    }


@pytest.mark.parametrize("action", ["move", "order", "duration", "add", "remove", "rename"])
@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_each_edit_costs_the_same_queries_for_2_and_50_steps(
    owner, small_and_large, action, headers
):
    counts = [
        count_queries(owner, "post", url(r, action), _edits(r)[action], headers)
        for r in small_and_large
    ]
    assert counts[0] == counts[1]
