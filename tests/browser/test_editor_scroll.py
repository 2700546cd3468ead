"""The routine editor stays where the person is: a change never scrolls the page away.

A long routine on a phone: each change swaps part of the page, and Chromium used to follow the
focused field down by the height of the swapped list (5,000 px for 19 steps), hiding the field
and its error. The control used stays at the same place on the screen.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.actions import already_logged_in, settled
from tests.factories import make_own_routine, make_step, make_user

pytestmark = pytest.mark.django_db(transaction=True)

# One CSS pixel of rounding, no more.
STILL = 1.5


@pytest.fixture
def long_routine():
    owner = make_user("mira")
    return make_own_routine(owner, steps=[make_step(title=f"Step {n}") for n in range(1, 20)])


@pytest.fixture
def editor(page, live_server, long_routine):
    already_logged_in(page, long_routine.owner, live_server.url)
    page.goto(f"/my-routines/{long_routine.slug}/edit/")
    return page


def place_on_screen(page, locator, top: int) -> float:
    """Scroll so that `locator` sits `top` pixels below the top of the screen."""
    locator.evaluate(f"(el) => scrollTo(0, el.getBoundingClientRect().top + scrollY - {top})")
    return locator.bounding_box()["y"]


@pytest.mark.parametrize("top", [120, 600])
def test_a_new_length_keeps_the_field_where_it_was(editor, top):
    field = editor.get_by_label("Seconds for Step 12")
    before = place_on_screen(editor, field, top)

    field.fill("75")
    field.press("Tab")

    expect(editor.locator("#editor-status")).to_contain_text("“Step 12” now lasts 1 min 15 s")
    settled(editor)
    assert abs(field.bounding_box()["y"] - before) <= STILL
    expect(editor.locator("#steps-summary")).to_contain_text("19 steps · 10 min")


def test_a_refused_length_shows_its_error_right_there(editor):
    field = editor.get_by_label("Seconds for Step 15")
    before = place_on_screen(editor, field, 500)

    field.fill("2")
    field.press("Enter")

    error = editor.locator(".editor-item", has=field).locator(".errorlist")
    expect(error).to_contain_text("at least 5 seconds")
    settled(editor)
    assert abs(field.bounding_box()["y"] - before) <= STILL
    expect(error).to_be_in_viewport()
    expect(field).to_have_value("2")


def test_moving_a_step_keeps_its_button_under_the_finger(editor):
    down = editor.get_by_role("button", name="Move Step 10 down")
    before = place_on_screen(editor, down, 400)

    down.click()

    expect(editor.locator("#editor-status")).to_contain_text("Moved “Step 10” down to step 11")
    settled(editor)
    expect(down).to_be_focused()
    assert abs(down.bounding_box()["y"] - before) <= STILL
