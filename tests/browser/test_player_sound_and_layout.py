"""The player's pace sound and its landscape layout, in real Chromium: the tick
is off until asked for, then sounds once per stroke and is remembered; a phone
on its side shows the guide beside the words with the countdown in view."""

import itertools
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from practice.models import PracticeSession
from tests.browser.chromium import PHONE
from tests.browser.test_mirror_player import mounted, start

pytestmark = pytest.mark.django_db(transaction=True)

LANDSCAPE_PHONE = {"width": 844, "height": 390}
TICK_HZ = 1200  # static/js/player.js chime("tick")

# Attached before any page script (add_init_script is not subject to the CSP):
# notes every tone the player starts, with its pitch and when.
HEAR_TONES = """
window.tones = [];
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.tones.push({ hz: this.frequency.value, at: performance.now() });
  return start.apply(this, args);
};
"""


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def listening(new_page, **options):
    page = new_page(**options)
    page.add_init_script(HEAR_TONES)
    return page


def ticks(page) -> list[float]:
    return page.evaluate(f"() => window.tones.filter((t) => t.hz === {TICK_HZ}).map((t) => t.at)")


def seconds_left(page) -> int:
    minutes, seconds = page.locator("[role=timer]").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


# Sound does not depend on the screen: heard on a phone only.
on_a_phone = pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="phone")])


@on_a_phone
def test_no_tick_until_asked_for(new_page, curated, viewport):
    page = listening(new_page)
    start(page)  # "Open the neck": 10 strokes in 30 s, one every 3 s
    expect(page.get_by_label("Tick each stroke")).not_to_be_checked()
    shown = seconds_left(page)

    # Two strokes' time passes on the countdown.
    page.wait_for_function(
        "(shown) => { const [m, s] = document.querySelector('[role=timer]')"
        ".textContent.split(':').map(Number); return m * 60 + s <= shown - 7; }",
        arg=shown,
        timeout=15_000,
    )

    assert ticks(page) == []


@on_a_phone
def test_the_tick_sounds_once_per_stroke_and_is_remembered(new_page, curated, viewport):
    page = listening(new_page)
    start(page)
    step = PracticeSession.objects.get().steps[0]
    period_ms = step["duration_seconds"] * 1000 / step["stroke_count"]

    page.get_by_label("Tick each stroke").check()
    page.wait_for_function(
        f"() => window.tones.filter((t) => t.hz === {TICK_HZ}).length >= 3", timeout=15_000
    )

    heard = ticks(page)
    gaps = [later - earlier for earlier, later in itertools.pairwise(heard)]
    # One per stroke, never one a second or one every other stroke: within a
    # tenth of the period, plus the countdown's look five times a second
    # (later on a busy machine).
    assert all(abs(gap - period_ms) <= period_ms * 0.1 + 400 for gap in gaps), (gaps, period_ms)

    page.reload()
    mounted(page)
    expect(page.get_by_label("Tick each stroke")).to_be_checked()


@pytest.mark.parametrize("viewport", [pytest.param(LANDSCAPE_PHONE, id="landscape-phone")])
def test_a_phone_on_its_side_shows_the_guide_beside_the_words(new_page, curated, viewport):
    page = new_page()
    start(page)
    height = LANDSCAPE_PHONE["height"]

    guide = page.locator(".guide").bounding_box()
    timer = page.locator("[role=timer]").bounding_box()
    title = page.locator("#player h1").bounding_box()
    instruction = page.locator(".instruction").bounding_box()

    assert guide["y"] + guide["height"] <= height
    assert timer["y"] + timer["height"] <= height
    assert title["y"] + title["height"] <= height
    assert instruction["y"] < height  # the words start in the first screen
    # Side by side: the words begin to the right of the guide.
    assert instruction["x"] >= guide["x"] + guide["width"]
    timer_px = page.locator("[role=timer]").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert timer_px >= 72
    expect(page.locator("#player [data-action=pause]")).to_be_in_viewport()
    expect(page.locator("#player")).to_have_attribute("data-state", re.compile("running"))
