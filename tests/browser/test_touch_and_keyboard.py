"""Wet fingers and keyboards: big targets, a logical tab order, visible focus, calm motion."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.actions import start_first_step_now
from tests.browser.checks import focused, small_targets, spilled_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def test_every_control_is_at_least_44_px_and_its_label_fits(page, curated):
    for url in [
        "/",
        "/routines/",
        "/routines/morning-de-puff/",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        page.goto(url)
        assert small_targets(page) == [], url
        assert spilled_text(page) == [], url

    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("heading", name="Get ready")).to_be_visible()
    assert small_targets(page) == [], "ready"
    assert spilled_text(page) == [], "ready"
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator('#player[data-state="running"]')).to_be_visible()
    assert small_targets(page) == [], "running"
    assert spilled_text(page) == [], "running"
    page.get_by_role("button", name="Finish").click()
    assert small_targets(page) == [], "finish early?"
    page.get_by_role("button", name="Finish now").click()
    expect(page.get_by_role("heading", name="Finished early")).to_be_visible()
    page.get_by_text("Steps", exact=True).click()
    assert small_targets(page) == [], "summary"
    assert spilled_text(page) == [], "summary"


def test_the_player_works_from_the_keyboard_with_visible_focus(page, curated):
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Start", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Get ready")).to_be_visible()

    # Tab from the top of the page to the Start button, every stop visibly focused.
    page.reload()
    stops = []
    for _ in range(20):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert stop["ring"], f"no visible focus on {stop['name']}"
        stops.append(stop["name"])
        if stop["name"] == "Start":
            break
    assert stops[0] == "Skip to content"
    assert stops.index("Leave") < stops.index("Start")  # the player shows no site navigation
    page.keyboard.press("Enter")
    expect(page.locator('#player[data-state="running"]')).to_be_visible()
    start_first_step_now(page)

    # The controls follow in reading order: Back (disabled on step 1) is skipped.
    page.reload()
    names = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert stop["ring"], f"no visible focus on {stop['name']}"
        names.append(stop["name"])
        if stop["name"] == "Finish":
            break
    assert [name for name in names if name in {"Pause", "Next", "Skip", "Finish"}] == [
        "Pause",
        "Next",
        "Skip",
        "Finish",
    ]

    # Next from the keyboard moves on and keeps focus on the Next button.
    page.get_by_role("button", name="Next").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".player-head .eyebrow")).to_contain_text("Step 2 of")
    assert focused(page)["name"] == "Next"


def test_reduced_motion_stops_animation(page, curated):
    page.emulate_media(reduced_motion="reduce")
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator('#player[data-state="running"]')).to_be_visible()
    moving = page.evaluate(
        """() => [...document.querySelectorAll("*")].filter((el) => {
             const style = getComputedStyle(el);
             return style.animationName !== "none" || parseFloat(style.transitionDuration) > 0;
           }).map((el) => el.outerHTML.slice(0, 60))"""
    )
    assert moving == []
