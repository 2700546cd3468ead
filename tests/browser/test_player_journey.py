"""Following a routine in real Chromium: hands-free, resumable, never doubled."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from practice.models import PracticeSession, StepLog
from tests.browser.actions import practise_the_step, start_first_step_now

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def current_session() -> PracticeSession:
    return PracticeSession.objects.get()


def start_morning_de_puff(page):
    page.clock.install()
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("heading", name="Get ready")).to_be_visible()


def test_a_visitor_follows_morning_de_puff_hands_free_to_the_summary(page, curated):
    start_morning_de_puff(page)
    page.get_by_label("4 · quite puffy").check()
    page.get_by_role("button", name="Start", exact=True).click()

    titles = [step["title"] for step in current_session().steps]
    heading = page.locator("#player h1")
    timer = page.get_by_role("timer")
    expect(heading).to_have_text(titles[0])
    expect(page.get_by_text("Get ready…")).to_be_visible()

    # The countdown runs down from the server's deadline.
    page.clock.fast_forward(6_000)  # past the lead-in
    expect(page.get_by_text("Get ready…")).to_be_hidden()
    before = timer.inner_text()
    page.clock.fast_forward(3_000)
    expect(timer).not_to_have_text(before)

    # Nobody touches anything: each step advances itself when its time is up.
    for number, title in enumerate(titles[1:], start=2):
        page.clock.run_for(500)  # let htmx settle the swap and mount the countdown
        practise_the_step(60)
        page.clock.fast_forward(60_000)
        expect(heading).to_have_text(title)
        expect(page.locator(".player-head .eyebrow")).to_contain_text(
            f"Step {number} of {len(titles)}"
        )
    page.clock.run_for(500)
    practise_the_step(60)
    page.clock.fast_forward(60_000)

    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    after = page.get_by_role("group", name="Puffiness now, after the routine")
    after.get_by_label("2 · a little").check()  # one tap saves it
    expect(page.get_by_text("Saved.")).to_be_visible()

    session = current_session()
    assert session.status == "finished"
    assert (session.puffiness_before, session.puffiness_after) == (4, 2)
    assert list(StepLog.objects.values_list("position", "outcome")) == [
        (position, "done") for position in range(len(titles))
    ]


def test_pause_holds_the_time_and_a_reload_resumes_the_same_step(page, curated):
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator('#player[data-state="running"]')).to_be_visible()
    # Twenty seconds pass on the server: 5 s of lead-in and 15 s of the first step.
    session = current_session()
    session.deadline -= timedelta(seconds=20)
    session.save(update_fields=["deadline"])
    page.reload()
    heading = page.locator("#player h1").inner_text()
    timer = page.get_by_role("timer")
    # Up to 15 s left, less whatever real time a loaded machine took since Start.
    expect(timer).to_have_text(re.compile(r"0:(0[5-9]|1[0-5])"))

    page.get_by_role("button", name="Pause").click()
    expect(page.locator('#player[data-state="paused"]')).to_be_visible()
    held = timer.inner_text()
    remaining_ms = current_session().remaining_ms
    assert 5_000 < remaining_ms <= 15_000
    assert held == f"0:{-(-remaining_ms // 1000):02d}"  # the server's time left, rounded up
    page.wait_for_timeout(2_000)
    expect(timer).to_have_text(held)

    page.reload()
    expect(page.locator("#player h1")).to_have_text(heading)
    expect(page.get_by_role("timer")).to_have_text(held)

    page.get_by_role("button", name="Resume").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    page.wait_for_timeout(1_100)
    expect(timer).not_to_have_text(held)
    page.reload()
    expect(page.locator("#player h1")).to_have_text(heading)
    assert current_session().status == "running"


def test_two_tabs_pressing_next_at_once_advance_one_step(new_page, curated):
    first = new_page()
    start_morning_de_puff(first)
    first.get_by_role("button", name="Start", exact=True).click()
    # Open the second tab once the first has started, not while Start is in flight.
    expect(first.locator('#player[data-state="running"]')).to_be_visible()
    start_first_step_now(first)
    second = new_page(first.context)
    second.goto(first.url)
    titles = [step["title"] for step in current_session().steps]
    expect(second.locator("#player h1")).to_have_text(titles[0])

    first.get_by_role("button", name="Next").click()
    second.get_by_role("button", name="Next").click()

    expect(first.locator("#player h1")).to_have_text(titles[1])
    expect(second.locator("#player h1")).to_have_text(titles[1])
    session = current_session()
    assert session.position == 1
    assert list(StepLog.objects.values_list("position", "outcome")) == [(0, "done"), (1, "")]


def test_keyboard_space_pauses_and_arrows_move(page, curated):
    start_morning_de_puff(page)
    expect(page.get_by_label("Chime")).to_be_visible()  # the player script is running
    page.keyboard.press("Space")  # Start
    titles = [step["title"] for step in current_session().steps]
    expect(page.locator("#player h1")).to_have_text(titles[0])
    start_first_step_now(page)
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("ArrowRight")
    expect(page.locator("#player h1")).to_have_text(titles[1])
    # Screen readers hear each new step.
    expect(page.locator("[aria-live=polite]")).to_have_text(
        re.compile(f"^Step 2 of {len(titles)}: {re.escape(titles[1])}")
    )
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#player h1")).to_have_text(titles[0])
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    assert current_session().status == "paused"
