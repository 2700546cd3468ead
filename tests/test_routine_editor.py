"""The routine editor over HTTP: the page, each inline change, bad input and query counts."""

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


def order(routine: Routine) -> list[int]:
    return [rs.pk for rs in rows(routine)]


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


# --- Each change: htmx gets the region, a plain post a redirect ------------------------


def test_moving_over_htmx_answers_with_the_steps_and_the_status_line(owner, routine):
    a, b, c = rows(routine)

    response = owner.post(
        url(routine, "move"),
        {"routine_step": b.pk, "position": b.position, "direction": "up"},
        headers=HTMX,
    )

    assert response.status_code == 200
    body = response.content.decode().strip()
    assert body.startswith('<section id="routine-steps"')
    assert "<html" not in body and "site-header" not in body
    assert '<p id="editor-status" hx-swap-oob="innerHTML">' in body
    assert f"Moved “{b.step.title}” up to step 1 of 3." in body
    assert order(routine) == [b.pk, a.pk, c.pk]


def test_a_plain_post_redirects_to_the_editor_with_a_message(owner, routine):
    a, *_ = rows(routine)
    response = owner.post(
        url(routine, "move"), {"routine_step": a.pk, "position": a.position, "direction": "down"}
    )
    assert response.status_code == 302
    assert response["Location"] == url(routine, "edit")
    assert (
        f"Moved “{a.step.title}” down to step 2 of 3."
        in owner.get(url(routine, "edit")).content.decode()
    )


def test_a_double_submitted_move_applies_once(owner, routine):
    a, b, c = rows(routine)
    data = {"routine_step": c.pk, "position": c.position, "direction": "up"}

    first = owner.post(url(routine, "move"), data, headers=HTMX)
    second = owner.post(url(routine, "move"), data, headers=HTMX)

    assert first.status_code == second.status_code == 200
    assert order(routine) == [a.pk, c.pk, b.pk]
    assert "Nothing changed" in second.content.decode()


def test_moving_the_first_step_up_says_it_is_already_first(owner, routine):
    a, *_ = rows(routine)
    response = owner.post(
        url(routine, "move"),
        {"routine_step": a.pk, "position": a.position, "direction": "up"},
        headers=HTMX,
    )
    assert "already first" in response.content.decode()
    assert order(routine)[0] == a.pk


def test_drag_and_drop_posts_the_whole_order_and_says_where_the_step_went(owner, routine):
    a, b, c = rows(routine)
    response = owner.post(
        url(routine, "order"), {"order": f"{c.pk},{a.pk},{b.pk}", "moved": c.pk}, headers=HTMX
    )
    assert response.status_code == 200
    assert f"Moved “{c.step.title}” to step 1 of 3." in response.content.decode()
    assert order(routine) == [c.pk, a.pk, b.pk]


def test_a_stale_order_changes_nothing_and_shows_the_current_one(owner, routine):
    a, b, c = rows(routine)
    response = owner.post(url(routine, "order"), {"order": f"{b.pk},{a.pk}"}, headers=HTMX)
    assert response.status_code == 200
    assert "Nothing changed" in response.content.decode()
    assert order(routine) == [a.pk, b.pk, c.pk]


def test_adding_a_step_updates_the_list_and_the_total(owner, routine):
    step = make_step(title="Jaw release", duration_seconds=45)

    response = owner.post(url(routine, "add"), {"step": step.pk, "count": 3}, headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Jaw release" in body
    assert "Added “Jaw release” as step 4." in body
    assert "Total <strong>2 min 15 s</strong>" in body
    assert 'name="count" value="4" form="add-step-form"' in body
    assert rows(routine)[-1].step == step


def test_a_repeated_add_adds_once(owner, routine):
    step = make_step()
    owner.post(url(routine, "add"), {"step": step.pk, "count": 3}, headers=HTMX)
    response = owner.post(url(routine, "add"), {"step": step.pk, "count": 3}, headers=HTMX)
    assert "Nothing changed" in response.content.decode()
    assert len(rows(routine)) == 4


def test_removing_a_step_keeps_focus_on_the_step_that_took_its_place(owner, routine):
    a, b, c = rows(routine)

    response = owner.post(url(routine, "remove"), {"routine_step": b.pk}, headers=HTMX)

    body = response.content.decode()
    assert f"Removed “{b.step.title}”." in body
    assert f'id="remove-{c.pk}" autofocus' in body
    assert body.count("autofocus") == 1
    assert order(routine) == [a.pk, c.pk]


def test_removing_the_last_step_focuses_the_heading(owner, user):
    routine = make_own_routine(user, steps=1)
    (only,) = rows(routine)
    body = owner.post(
        url(routine, "remove"), {"routine_step": only.pk}, headers=HTMX
    ).content.decode()
    assert 'id="steps-heading" tabindex="-1" autofocus' in body
    assert "No steps yet" in body


def test_changing_a_length_updates_the_total(owner, routine):
    a, *_ = rows(routine)

    response = owner.post(
        url(routine, "duration"), {"routine_step": a.pk, "seconds": 90}, headers=HTMX
    )

    body = response.content.decode()
    assert "now lasts 1 min 30 s; the routine, 2 min 30 s." in body
    assert "Total <strong>2 min 30 s</strong>" in body
    assert RoutineStep.objects.get(pk=a.pk).duration_override == 90


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


# --- Bad input: shown again with the message, never a 500 ----------------------------


@pytest.mark.parametrize(
    ("seconds", "message"),
    [
        ("4", "at least 5 seconds"),
        ("901", "at most 900 seconds"),
        ("", "Enter a length in seconds."),
        ("abc", "Enter a whole number of seconds."),
        ("99999999999999999999999", "at most 900 seconds"),
    ],
)
def test_a_length_out_of_bounds_is_shown_on_its_step_with_what_was_typed(
    owner, routine, seconds, message
):
    _, b, _ = rows(routine)

    response = owner.post(
        url(routine, "duration"), {"routine_step": b.pk, "seconds": seconds}, headers=HTMX
    )

    assert response.status_code == 200
    body = response.content.decode().strip()
    assert body.startswith('<section id="routine-steps"')
    row = body.split(f'id="item-{b.pk}"')[1].split("</li>")[0]
    assert message in row
    assert f'value="{seconds}" aria-invalid="true" aria-describedby="seconds-{b.pk}-error"' in row
    assert message not in body.split(f'id="item-{b.pk}"')[0]
    assert RoutineStep.objects.get(pk=b.pk).duration_override is None


def test_a_length_that_would_pass_the_hour_is_refused_with_the_reason(owner, user):
    routine = make_own_routine(user, steps=[make_step(duration_seconds=900) for _ in range(4)])
    first = rows(routine)[0]
    owner.post(url(routine, "duration"), {"routine_step": first.pk, "seconds": 880})

    response = owner.post(
        url(routine, "duration"), {"routine_step": first.pk, "seconds": 900}, headers=HTMX
    )

    assert response.status_code == 200
    assert (
        "would make this routine 1 h long; a routine stays under 1 h" in response.content.decode()
    )
    assert RoutineStep.objects.get(pk=first.pk).duration_override == 880


def test_a_plain_post_with_a_bad_length_shows_the_whole_page_again(owner, routine):
    a, *_ = rows(routine)
    response = owner.post(url(routine, "duration"), {"routine_step": a.pk, "seconds": "2"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" in page and "at least 5 seconds" in page and 'value="2"' in page


def test_adding_past_the_hour_is_refused_with_the_reason(owner, user):
    routine = make_own_routine(user, steps=[make_step(duration_seconds=900) for _ in range(3)])
    long_step = make_step(title="Long hold", duration_seconds=900)

    response = owner.post(url(routine, "add"), {"step": long_step.pk, "count": 3}, headers=HTMX)

    assert response.status_code == 200
    body = response.content.decode()
    assert (
        'class="errorlist" role="alert">Adding “Long hold” would make this routine 1 h long'
        in body
    )
    assert len(rows(routine)) == 3


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("move", {"routine_step": "x", "position": "1", "direction": "up"}),
        ("move", {"routine_step": "1", "position": "1", "direction": "sideways"}),
        ("move", {"routine_step": "99999999999999999999999", "position": "1", "direction": "up"}),
        ("move", {"routine_step": "1", "position": "99999999", "direction": "up"}),
        ("remove", {}),
        ("remove", {"routine_step": "-3"}),
        ("order", {"order": "1,two,3"}),
        ("order", {"order": ""}),
        ("order", {"order": "1,99999999999999999999999"}),
        ("add", {"step": "999999", "count": "3"}),
        ("add", {"step": "abc"}),
        ("duration", {"routine_step": "abc", "seconds": "30"}),
    ],
)
def test_tampered_input_is_a_message_not_a_500(owner, routine, action, data):
    before = order(routine)
    response = owner.post(url(routine, action), data, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode().strip()
    assert body.startswith('<section id="routine-steps"')
    assert 'class="errorlist" role="alert"' in body
    assert order(routine) == before


def test_a_step_of_someone_elses_routine_cannot_be_touched_from_mine(owner, routine, other_user):
    theirs = make_own_routine(other_user, steps=2)
    their_step = rows(theirs)[0]
    for action, data in [
        ("remove", {"routine_step": their_step.pk}),
        ("duration", {"routine_step": their_step.pk, "seconds": 60}),
        ("move", {"routine_step": their_step.pk, "position": 1, "direction": "down"}),
    ]:
        response = owner.post(url(routine, action), data, headers=HTMX)
        assert response.status_code == 200
    assert [(rs.pk, rs.duration_override) for rs in rows(theirs)] == [
        (rs.pk, None) for rs in rows(theirs)
    ]
    assert len(rows(theirs)) == 2


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
