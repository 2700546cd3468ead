"""The player at the mirror, in real Chromium: the layout on a phone and a desktop,
the paced face guide, headset buttons, keys whatever has focus, and the summary's
answers. Every wait is for something the page or the server did, never a sleep."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from practice.models import PracticeSession, StepLog
from tests.browser.actions import practise_the_step, settled, start_first_step_now
from tests.browser.chromium import PHONE
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1280, "height": 800}

# Attached before any page script (add_init_script is not subject to the CSP):
# keeps the Media Session handlers the player registers, so the test can press
# them as a headset button would.
KEEP_MEDIA_HANDLERS = """
window.mediaHandlers = {};
const register = navigator.mediaSession.setActionHandler.bind(navigator.mediaSession);
navigator.mediaSession.setActionHandler = (name, handler) => {
  window.mediaHandlers[name] = handler;
  register(name, handler);
};
"""


@pytest.fixture(params=[pytest.param(PHONE, id="phone"), pytest.param(LAPTOP, id="laptop")])
def viewport(request):
    return request.param


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def session() -> PracticeSession:
    return PracticeSession.objects.get()


def mounted(page):
    """Wait until the player script has taken up the step now shown."""
    settled(page)
    page.wait_for_function(
        "() => navigator.mediaSession.metadata?.title"
        " === document.getElementById('player').dataset.title"
        " && navigator.mediaSession.playbackState === 'playing'"
    )


def start(page, routine="morning-de-puff"):
    page.goto(f"/routines/{routine}/")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("heading", name="Get ready")).to_be_visible()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator('#player[data-state="running"]')).to_be_visible()
    start_first_step_now(page)
    mounted(page)


def next_step(page):
    title = page.locator("#player h1").inner_text()
    with page.expect_response(lambda response: "/next/" in response.url):
        page.get_by_role("button", name="Next").click()
    expect(page.locator("#player h1")).not_to_have_text(title)
    mounted(page)


def box(page, selector):
    return page.locator(selector).bounding_box()


def test_title_guide_countdown_and_instruction_share_the_first_screen(page, curated, scheme):
    page.emulate_media(color_scheme=scheme)
    start(page)
    viewport = page.viewport_size

    assert box(page, ".instruction")["y"] < viewport["height"]
    for selector in ("#player h1", ".guide", "[role=timer]", "#control-toggle"):
        shown = box(page, selector)
        assert shown["y"] + shown["height"] <= viewport["height"], selector
    assert box(page, ".guide")["width"] >= 312
    timer_px = page.locator("[role=timer]").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert timer_px >= 72
    expect(page.get_by_text("your left", exact=True)).to_be_visible()  # the mirror convention
    expect(page.locator("#player a, header nav")).to_have_count(0)  # no site navigation
    expect(page.get_by_role("link", name="Leave")).to_be_visible()


def test_the_marker_travels_once_per_stroke(page, curated):
    start(page)
    step = session().steps[0]  # "Open the neck": 10 strokes in 30 s
    expected_ms = step["duration_seconds"] * 1000 / step["stroke_count"]

    strokes = page.evaluate(
        """() => document.getAnimations().filter((a) => a.id === "stroke").map((a) => ({
          state: a.playState,
          perStroke: a.effect.getTiming().duration / Number(a.effect.target.dataset.lanes),
        }))"""
    )

    assert len(strokes) == 2  # one hand on each side of the neck
    for stroke in strokes:
        assert stroke["state"] == "running"
        assert abs(stroke["perStroke"] - expected_ms) <= expected_ms * 0.1


def test_reduced_motion_shows_still_arrows_and_nothing_moves(new_page, curated):
    page = new_page(reduced_motion="reduce")
    start(page)
    expect(page.locator(".zone-neck .dir-downward")).to_be_visible()  # the still arrows
    assert page.evaluate("() => document.getAnimations().length") == 0


def test_a_hold_shows_hold_and_its_repetitions_and_fills_a_ring(page, curated):
    start(page, "facial-yoga-forehead")
    next_step(page)
    next_step(page)  # "Look up, forehead still": 6 repetitions in 40 s
    facts = page.locator(".facts")
    expect(facts).to_contain_text("Hold")
    expect(facts).to_contain_text("6, about 6.7 s each")
    expect(facts).not_to_contain_text("No strokes")
    expect(page.locator("[data-markers] .hold")).to_have_count(1)  # one forehead, one ring
    assert page.evaluate("() => document.getAnimations().length") == 1
    assert_accessible(page)


def test_a_step_done_in_turn_says_switch_sides_half_way(page, curated):
    page.clock.install()
    start(page, "evening-face-roller")  # "Roller: down the neck", one side then the other
    guide = page.locator("[data-guide]")
    expect(guide).to_have_attribute("data-showing", "left")
    expect(page.locator(".facts")).to_contain_text("6 each side")

    page.clock.fast_forward(21_000)  # past half of 40 s (start() ended the lead-in)
    page.clock.run_for(100)  # the announcement lands a moment after

    expect(guide).to_have_attribute("data-showing", "right")
    expect(page.locator("[data-announcer]")).to_have_text("Switch sides: now your right side")
    expect(page.locator("[data-side-now]")).to_have_text("now your right side")


def test_media_session_names_the_step_and_nexttrack_moves_exactly_one(new_page, curated):
    page = new_page()
    page.add_init_script(KEEP_MEDIA_HANDLERS)
    start(page)
    titles = [step["title"] for step in session().steps]
    title_now = "() => navigator.mediaSession.metadata.title"
    assert page.evaluate(title_now) == titles[0]
    assert page.evaluate("() => navigator.mediaSession.metadata.artist") == "Morning de-puff"

    with page.expect_response(lambda response: "/next/" in response.url):
        page.evaluate("() => window.mediaHandlers.nexttrack()")
    expect(page.locator("#player h1")).to_have_text(titles[1])
    page.wait_for_function(f"() => ({title_now})() === {titles[1]!r}")  # kept in step
    assert session().position == 1
    assert list(StepLog.objects.values_list("position", "outcome")) == [(0, "done"), (1, "")]

    with page.expect_response(lambda response: "/pause/" in response.url):
        page.evaluate("() => window.mediaHandlers.pause()")
    expect(page.locator('#player[data-state="paused"]')).to_be_visible()
    page.wait_for_function("() => navigator.mediaSession.playbackState === 'paused'")
    assert session().status == "paused"


def test_space_pauses_after_a_click_on_next(page, curated):
    start(page)
    next_step(page)
    assert page.evaluate("() => document.activeElement.dataset.action") == "next"

    with page.expect_response(lambda response: "/pause/" in response.url):
        page.keyboard.press("Space")

    expect(page.locator('#player[data-state="paused"]')).to_be_visible()
    assert (session().status, session().position) == ("paused", 1)
    expect(page.get_by_text("Keys: Space pause or resume")).to_be_attached()


def test_the_progress_bar_is_near_empty_at_the_start_of_step_one(page, curated):
    start(page)
    progress = page.locator("[data-progress]")
    share = progress.evaluate("bar => bar.value / bar.max")
    assert share < 0.05


def test_finish_asks_first_and_the_summary_says_what_was_done(page, curated):
    start(page)
    page.get_by_role("button", name="Finish", exact=True).click()
    expect(page.get_by_text("This step and the 10 after it will be marked")).to_be_visible()
    page.get_by_role("button", name="Keep going").click()
    expect(page.get_by_text("Finish now?")).to_be_hidden()
    assert session().status == "running"

    practise_the_step(20)
    page.get_by_role("button", name="Finish", exact=True).click()
    page.get_by_role("button", name="Finish now").click()
    expect(page.get_by_role("heading", name="Finished early")).to_be_visible()
    expect(page.get_by_text("1 of 11 steps done, 10 not reached.", exact=True)).to_be_visible()
    expect(page.get_by_text("this session is kept in your history")).to_be_visible()  # a guest
    # Done: no place kept, no player options or keys under the summary.
    for gone in ("Your place is kept", "Tick each stroke", "Keys: Space"):
        expect(page.get_by_text(gone)).to_be_hidden()


def test_a_rating_right_after_a_note_keeps_both(page, curated):
    start(page)
    practise_the_step(20)
    page.get_by_role("button", name="Finish", exact=True).click()
    page.get_by_role("button", name="Finish now").click()
    expect(page.get_by_role("heading", name="Finished early")).to_be_visible()
    settled(page)
    answers = []
    page.on("response", lambda response: "/review/" in response.url and answers.append(response))

    page.get_by_label("Notes").fill("Less puffy under the eyes")
    after = page.get_by_role("group", name="Puffiness now, after the routine")
    after.get_by_label("2 · a little").check()  # leaving the notes box posts them, then this

    # Both posts answered, one after the other (the form queues them).
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    expect(page.get_by_text("Saved.")).to_be_visible()
    while len(answers) < 2:
        page.wait_for_event("response", lambda response: "/review/" in response.url)
    settled(page)
    expect(after.get_by_label("2 · a little")).to_be_checked()  # not swept away by a reply
    stored = session()
    assert (stored.notes, stored.puffiness_after) == ("Less puffy under the eyes", 2)
