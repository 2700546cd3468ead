"""A new length swaps back only its own step, so the page does not move (the browser's
side is tests/browser/test_editor_scroll.py): the step, numbered as in the list, and the
totals out of band. An answer about the whole list says so and replaces the list."""

import pytest

from catalogue.models import RoutineStep
from tests.factories import make_own_routine

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def routine(user):
    return make_own_routine(user, steps=3, title="My morning")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return client


def post_length(client, routine, routine_step_id, seconds):
    return client.post(
        f"/my-routines/{routine.slug}/duration/",
        {"routine_step": routine_step_id, "seconds": seconds},
        headers=HTMX,
    )


def rows(routine) -> list[RoutineStep]:
    return list(routine.routine_steps.order_by("position"))


def test_the_form_asks_for_its_own_step_back(owner, routine):
    page = owner.get(f"/my-routines/{routine.slug}/edit/").content.decode()
    for row in rows(routine):
        assert f'hx-target="#item-{row.pk}" hx-trigger="change, submit"' in page


def test_a_new_length_answers_with_that_step_and_the_totals(owner, routine):
    _, middle, _ = rows(routine)

    response = post_length(owner, routine, middle.pk, 90)

    body = response.content.decode().strip()
    assert "HX-Retarget" not in response.headers
    assert body.startswith(f'<li class="editor-item" id="item-{middle.pk}"')
    assert body.count('class="editor-item"') == 1
    assert '<span class="step-number">2.</span>' in body
    # Neither first nor last: both of its move buttons work.
    assert 'aria-disabled="true"' not in body
    assert 'value="90"' in body
    assert '<p id="steps-summary" hx-swap-oob="innerHTML">3 steps · 2 min 30 s' in body
    assert "Total <strong>2 min 30 s</strong>" in body


@pytest.mark.parametrize(("index", "disabled"), [(0, "up"), (2, "down")])
def test_the_first_and_last_steps_keep_their_ends_disabled(owner, routine, index, disabled):
    row = rows(routine)[index]
    body = post_length(owner, routine, row.pk, 40).content.decode()
    assert f'value="{disabled}" id="{disabled}-{row.pk}" class="button icon" aria-disabled' in body


def test_a_step_removed_meanwhile_replaces_the_whole_list(owner, routine):
    gone = rows(routine)[1]
    gone_pk = gone.pk
    gone.delete()

    response = post_length(owner, routine, gone_pk, 40)

    assert response.headers["HX-Retarget"] == "#routine-steps"
    body = response.content.decode()
    assert body.strip().startswith('<section id="routine-steps"')
    assert "Nothing changed" in body


def test_a_forged_step_replaces_the_whole_list(owner, routine):
    response = post_length(owner, routine, "abc", 40)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#routine-steps"


def test_without_javascript_a_new_length_still_redirects_to_the_editor(client, user, routine):
    client.force_login(user)
    response = client.post(
        f"/my-routines/{routine.slug}/duration/",
        {"routine_step": rows(routine)[0].pk, "seconds": 45},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/my-routines/{routine.slug}/edit/"
