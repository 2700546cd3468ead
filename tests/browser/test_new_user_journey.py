"""A new user's first morning, end to end: sign up, practise hands-free, see it, take it away."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from practice.models import PracticeSession
from tests.browser.actions import practise_the_step, start_first_step_now

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough passphrase"


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def sign_up(page, username: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("link", name="History", exact=True)).to_be_visible()


def follow_hands_free(page, titles: list[str]) -> None:
    heading = page.locator("#player h1")
    for title in titles[1:]:
        page.clock.run_for(500)  # let htmx settle the swap and start the countdown
        practise_the_step(60)
        page.clock.fast_forward(60_000)
        expect(heading).to_have_text(title)
    page.clock.run_for(500)
    practise_the_step(60)
    page.clock.fast_forward(60_000)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()


def test_sign_up_practise_see_the_streak_and_export(page, curated):
    page.clock.install()
    sign_up(page, "noor")

    page.goto("/")
    page.get_by_role("link", name="Morning de-puff").click()
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("group", name="How puffy does your face feel right now?").get_by_label(
        "4 · quite puffy"
    ).check()
    page.get_by_role("button", name="Start", exact=True).click()
    titles = [step["title"] for step in PracticeSession.objects.get().steps]
    expect(page.locator("#player h1")).to_have_text(titles[0])
    follow_hands_free(page, titles)
    page.get_by_role("group", name="Puffiness now, after the routine").get_by_label(
        "2 · a little"
    ).check()
    expect(page.get_by_text("Saved.")).to_be_visible()

    # The summary leads on to the history (the player shows no site navigation).
    page.get_by_role("link", name="Your history").click()
    expect(page.locator(".figures div", has_text="Current streak")).to_contain_text("1 day")
    entry = page.locator("main").get_by_role("link", name="Morning de-puff").first
    expect(entry).to_be_visible()

    page.get_by_role("link", name="Account").click()
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(csv_download.value.path().read_text())))
    assert len(rows) == len(titles)
    assert {row["routine"] for row in rows} == {"Morning de-puff"}

    with page.expect_download() as json_download:
        page.get_by_role("link", name="Download JSON").click()
    exported = json.loads(json_download.value.path().read_text())
    session = exported["sessions"][0]
    assert (session["puffiness_before"], session["puffiness_after"]) == (4, 2)
    assert [step["title"] for step in session["steps"]] == titles


def test_a_reload_mid_step_resumes_and_the_home_page_offers_resume(page, curated):
    sign_up(page, "omar")
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator('#player[data-state="running"]')).to_be_visible()
    start_first_step_now(page)
    page.get_by_role("button", name="Next").click()
    second = PracticeSession.objects.get().steps[1]["title"]
    expect(page.locator("#player h1")).to_have_text(second)

    page.reload()
    expect(page.locator("#player h1")).to_have_text(second)

    page.goto("/")
    page.get_by_role("link", name="Resume").click()
    expect(page.locator("#player h1")).to_have_text(second)
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
