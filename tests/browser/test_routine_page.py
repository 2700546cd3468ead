"""The routine page on a 390×844 phone: Start on the first screen, the
cautions open in full on a first visit and folded, one tap away, once the
person said "I have read these"."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.chromium import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

ROUTINES = ["morning-de-puff", "facial-yoga-forehead", "jaw-unclench", "classic-facial-massage"]


@pytest.fixture
def viewport():
    return PHONE


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def start_button(page):
    return page.get_by_role("button", name="Start", exact=True)


def assert_on_the_first_screen(locator) -> None:
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box


@pytest.mark.parametrize("slug", ROUTINES)
def test_start_is_on_the_first_screen_with_the_cautions_pointed_to(page, curated, slug):
    page.goto(f"/routines/{slug}/")

    assert_on_the_first_screen(start_button(page))
    pointer = page.get_by_role("link", name="read the cautions below")
    assert_on_the_first_screen(pointer)
    cautions = page.locator(".cautions details")
    assert cautions.count() > 0
    assert page.locator(".cautions details[open]").count() == cautions.count()


def test_i_have_read_these_folds_the_cautions_one_tap_away(page, curated):
    page.goto("/routines/jaw-unclench/")
    cautions = page.locator(".cautions details")
    count = cautions.count()
    assert count == 3  # classic massage, facial yoga, lymphatic drainage

    page.get_by_role("button", name="I have read these").click()

    expect(page).to_have_url("/routines/jaw-unclench/")
    expect(page.get_by_role("button", name="I have read these")).to_have_count(0)
    expect(page.get_by_role("link", name="read the cautions below")).to_have_count(0)
    expect(cautions).to_have_count(count)
    expect(page.locator(".cautions details[open]")).to_have_count(0)
    assert_on_the_first_screen(start_button(page))

    # One tap opens a technique's cautions again.
    yoga = cautions.filter(has_text="Facial yoga")
    yoga.locator("summary").click()
    expect(yoga).to_have_attribute("open", "")
    expect(yoga).to_contain_text("Stop if an exercise gives you jaw pain")

    # Facial yoga, on its own routine, now folded too: the same technique was read.
    page.goto("/routines/facial-yoga-forehead/")
    expect(page.locator(".cautions details[open]")).to_have_count(0)
    expect(page.locator(".cautions")).not_to_contain_text("lymph")


def test_resume_and_start_stay_on_the_first_screen(page, curated):
    page.goto("/routines/facial-yoga-forehead/")
    start_button(page).click()
    page.wait_for_load_state()

    page.goto("/routines/facial-yoga-forehead/")

    resume = page.get_by_role("link", name="Resume", exact=True)
    expect(resume).to_be_visible()
    assert_on_the_first_screen(resume)
    assert_on_the_first_screen(start_button(page))
