"""Making a routine one's own in real Chromium: copy, tune by keyboard and by drag, play it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from catalogue.models import Routine
from practice.models import PracticeSession
from tests.browser.actions import log_in, log_out, practise_the_step, settled
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alice(transactional_db):
    call_command("load_content")
    return make_user("alice")


def make_morning_de_puff_mine(page) -> Routine:
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Make it mine").click()
    expect(page.get_by_role("heading", name="Morning de-puff (my copy)", level=1)).to_be_visible()
    return Routine.objects.get(owner__username="alice")


def titles_in_order(routine: Routine) -> list[str]:
    return list(routine.routine_steps.order_by("position").values_list("step__title", flat=True))


def step_titles_on_page(page) -> list[str]:
    return [
        text.split(". ", 1)[1] for text in page.locator("[data-reorder-item] h3").all_inner_texts()
    ]


def test_copy_tune_by_keyboard_and_play_to_the_summary(page, alice):
    log_in(page, "alice")
    routine = make_morning_de_puff_mine(page)
    curated = titles_in_order(Routine.objects.get(slug="morning-de-puff"))
    assert titles_in_order(routine) == curated
    status = page.locator("#editor-status")

    # Rename: Enter in the field saves it.
    name = page.get_by_label("Name")
    name.fill("My quick de-puff")
    name.press("Enter")
    expect(page.get_by_role("heading", name="My quick de-puff", level=1)).to_be_visible()
    expect(status).to_contain_text("Renamed to “My quick de-puff”.")
    settled(page)

    # Reorder from the keyboard: the focus stays on the moved step's button.
    up = page.get_by_role("button", name="Move Cheeks: nose to ears up")
    up.focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Moved “Cheeks: nose to ears” up to step 7 of 11.")
    expect(up).to_be_focused()
    settled(page)
    page.keyboard.press("Space")
    expect(status).to_contain_text("up to step 6 of 11.")
    expect(up).to_be_focused()
    settled(page)
    expected = [*curated[:5], curated[7], curated[5], curated[6], *curated[8:]]
    assert step_titles_on_page(page) == expected
    assert titles_in_order(routine) == expected

    # Remove a step: the focus moves to the step that took its place.
    page.get_by_role("button", name="Remove Around the mouth: centre to corners").click()
    expect(status).to_contain_text("Removed “Around the mouth: centre to corners”.")
    expect(page.get_by_role("button", name="Remove Jawline: chin to ear")).to_be_focused()
    settled(page)
    expected.remove("Around the mouth: centre to corners")

    # Shorten a step: the total follows.
    total_before = status.locator("strong").inner_text()
    seconds = page.get_by_label("Seconds for Jawline: chin to ear")
    seconds.fill("10")
    seconds.press("Tab")
    expect(status).to_contain_text("“Jawline: chin to ear” now lasts 10 s")
    expect(status.locator("strong")).not_to_have_text(total_before)
    settled(page)

    # Add a step from the library, filtered by technique and zone.
    page.get_by_label("Technique").select_option(label="Facial yoga")
    page.get_by_label("Zone").select_option(label="Forehead")
    library = page.locator("#step-library")
    expect(library.locator(".library-item").first).to_contain_text("Facial yoga · Forehead")
    settled(page)
    added = library.locator(".library-item strong").first.inner_text()
    library.get_by_role("button", name=f"Add {added}").click()
    expect(status).to_contain_text(f"Added “{added}” as step 11.")
    settled(page)
    expected.append(added)
    assert step_titles_on_page(page) == expected

    # Play it, hands-free, to the summary.
    page.clock.install()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("heading", name="Get ready")).to_be_visible()
    page.get_by_role("button", name="Start", exact=True).click()
    session = PracticeSession.objects.get()
    assert session.routine_id == routine.pk
    assert session.routine_title == "My quick de-puff"
    assert [step["title"] for step in session.steps] == expected
    heading = page.locator("#player h1")
    expect(heading).to_have_text(expected[0])
    for title in expected[1:]:
        page.clock.run_for(500)
        practise_the_step(70)
        page.clock.fast_forward(70_000)
        expect(heading).to_have_text(title)
    page.clock.run_for(500)
    practise_the_step(70)
    page.clock.fast_forward(70_000)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    assert PracticeSession.objects.get().status == "finished"

    # It is in the history, from its own snapshot.
    page.get_by_role("link", name="Your history").click()
    expect(page.locator("main").get_by_role("link", name="My quick de-puff")).to_be_visible()

    # It is listed as played; nobody else can open it.
    page.goto("/my-routines/")
    expect(page.get_by_role("heading", name="My quick de-puff")).to_be_visible()
    expect(page.get_by_text("Last played")).to_be_visible()
    make_user("mallory")
    assert page.context.request.get(f"/my-routines/{routine.slug}/edit/").status == 200
    log_out(page)
    log_in(page, "mallory")
    for url in (routine.get_absolute_url(), f"/my-routines/{routine.slug}/edit/"):
        assert page.context.request.get(url).status == 404
    page.goto("/my-routines/")
    expect(page.get_by_text("My quick de-puff")).to_have_count(0)


def test_drag_a_step_by_its_handle_to_the_top(page, alice):
    log_in(page, "alice")
    routine = make_morning_de_puff_mine(page)
    before = titles_in_order(routine)
    items = page.locator("[data-reorder-item]")
    handle = items.nth(2).locator("[data-drag-handle]")
    expect(handle).to_be_visible()  # shown once static/js/reorder.js runs
    items.nth(0).evaluate("item => item.scrollIntoView({block: 'start'})")

    start = handle.bounding_box()
    target = items.nth(0).bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"] + 40, target["y"] + 5, steps=8)
    page.mouse.up()

    moved = before[2]
    expect(page.locator("#editor-status")).to_contain_text(f"Moved “{moved}” to step 1 of 11.")
    assert step_titles_on_page(page) == [moved, *before[:2], *before[3:]]
    assert titles_in_order(routine) == [moved, *before[:2], *before[3:]]
