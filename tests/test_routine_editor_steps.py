"""The routine editor over HTTP, changing the steps: move, reorder, add, remove, lengths,
and bad or tampered input.

The page itself, its library, renaming and query counts are in test_routine_editor.py.
"""

import pytest

from catalogue.models import Routine, RoutineStep
from tests.factories import make_own_routine, make_step

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
    # Only that step comes back (tests/test_editor_scroll.py).
    assert body.startswith(f'<li class="editor-item" id="item-{b.pk}"')
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
