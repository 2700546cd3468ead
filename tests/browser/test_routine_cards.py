"""The routine cards in real Chromium, on two phones and a laptop, light and
dark: each shows what the routine is at a glance (its technique, its tool and
a face with the zones it works lit) inside its card, and on a phone the goals
are one row of 44 px chips that scrolls sideways to the last one."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from catalogue.models import Routine, Tool
from tests.browser.checks import spilled_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def curated(transactional_db):
    call_command("load_content", verbosity=0)


@pytest.fixture(
    params=[
        pytest.param({"width": 360, "height": 740}, id="360x740"),
        pytest.param({"width": 390, "height": 844}, id="390x844"),
        pytest.param({"width": 1280, "height": 800}, id="1280x800"),
    ]
)
def viewport(request):
    return request.param


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


def test_every_card_shows_its_technique_tool_and_face_inside_it(
    new_page, curated, viewport, scheme
):
    page = new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto("/routines/")
    cards = page.locator(".routine-card")
    # Every curated routine but the device's, which shows once the safety check says you own one.
    offered = Routine.objects.filter(owner=None, is_published=True).exclude(
        routine_steps__step__technique__tool=Tool.MICROCURRENT
    )
    expect(cards).to_have_count(offered.distinct().count())

    for number in range(cards.count()):
        card = cards.nth(number)
        card.scroll_into_view_if_needed()
        title = card.locator(".card-title").inner_text()
        box = card.bounding_box()
        parts = {
            "technique": card.locator(".technique-badge").first,
            "tool": card.locator(".tool-badge").first,
            "face": card.get_by_role("img"),
        }
        for name, part in parts.items():
            expect(part).to_be_visible()
            assert inside(part.bounding_box(), box), f"{title}: its {name} spills out of the card"
        face = parts["face"].bounding_box()
        assert face["width"] >= 40 and face["height"] >= 40, f"{title}: face {face}"
        assert parts["face"].get_attribute("aria-label").startswith("Zones worked: "), title
        assert parts["tool"].inner_text().strip() in Tool.labels, title
    assert spilled_text(page) == []


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"width": 360, "height": 740}, id="360x740"),
        pytest.param({"width": 390, "height": 844}, id="390x844"),
    ],
)
def test_on_a_phone_the_goals_are_one_row_that_scrolls_to_the_last(new_page, curated, viewport):
    page = new_page()
    page.goto("/routines/")
    chips = page.get_by_role("navigation", name="Filter by goal").get_by_role("link")
    boxes = [chips.nth(number).bounding_box() for number in range(chips.count())]
    assert len({round(box["y"]) for box in boxes}) == 1, "the goals share one row"
    assert min(min(box["width"], box["height"]) for box in boxes) >= 44
    assert boxes[-1]["x"] + boxes[-1]["width"] > viewport["width"]  # the row runs on
    document = page.evaluate("() => document.documentElement.scrollWidth")
    assert document <= viewport["width"], "the row scrolls, not the page"

    last = chips.last
    name = last.inner_text()
    last.scroll_into_view_if_needed()
    last.click()
    expect(page.get_by_role("link", name=name)).to_have_attribute("aria-current", "page")
