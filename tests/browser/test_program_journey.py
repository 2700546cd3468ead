"""A new member's first program day in Chromium: sign up, join, start from home, see day 1 done."""

from datetime import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from catalogue.models import Program
from practice import programs, reminders
from practice.models import CompletedDay, PracticeSession
from tests.browser.actions import (
    already_logged_in,
    practise_the_step,
    settled,
    start_first_step_now,
)
from tests.browser.checks import small_targets, spilled_text
from tests.factories import make_session, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough passphrase"
AXE = Axe()


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def sign_up(page, username: str) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("link", name="History", exact=True)).to_be_visible()


def test_join_7_de_puff_mornings_do_day_1_from_home_and_see_it_done(page, curated):
    sign_up(page, "rosa")

    page.get_by_role("link", name="Programs", exact=True).click()
    page.get_by_role("link", name="7 de-puff mornings").click()
    expect(page.get_by_role("heading", name="7 de-puff mornings", level=1)).to_be_visible()
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("status")).to_contain_text("Joined.")
    expect(page.get_by_role("button", name="Leave")).to_be_visible()

    page.get_by_role("link", name="Facerouting").first.click()
    today = page.get_by_role("heading", name="Today: day 1 of 7 — Morning de-puff")
    expect(today).to_be_visible()
    page.locator(".today-card").get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", name="Get ready")).to_be_visible()
    page.get_by_role("button", name="Start", exact=True).click()
    start_first_step_now(page)
    # Through every step with Next: a routine finished early does not do the day.
    titles = [step["title"] for step in PracticeSession.objects.get().steps]
    heading = page.locator("#player h1")
    for title in titles:
        expect(heading).to_have_text(title)
        settled(page)
        practise_the_step(20)
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()

    page.goto("/")
    expect(page.get_by_role("heading", name="Day 1 of 7 done today")).to_be_visible()
    expect(page.get_by_text("Next: day 2 — Morning de-puff, tomorrow.")).to_be_visible()
    page.get_by_role("link", name="7 de-puff mornings").click()
    expect(page.locator(".plan-day-done")).to_have_count(1)
    expect(page.locator(".plan-day-done")).to_contain_text("Done")
    expect(page.get_by_label("Days done")).to_have_attribute("value", "1")

    session = PracticeSession.objects.get()
    assert CompletedDay.objects.get().session == session


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_program_and_reminder_pages_pass_axe_and_fit_a_finger(
    new_page, live_server, curated, scheme
):
    member = make_user("ines")
    mornings = Program.objects.get(slug="7-de-puff-mornings")
    run = programs.join(member, mornings)
    routine = mornings.days.first().routine
    programs.record_finished(make_session(member, routine=routine, routine_title=routine.title))
    programs.leave(programs.join(member, Program.objects.get(slug="desk-break-week")))
    reminders.save_reminder(member, time(7, 30), ["MO", "WE"])
    public = ["/programs/", "/programs/7-de-puff-mornings/", "/programs/desk-break-week/"]
    private = [*public, run.get_absolute_url(), "/reminders/", "/"]

    visitor, page = new_page(), new_page()
    already_logged_in(page, member, live_server.url)
    for browser_page, urls in [(visitor, public), (page, private)]:
        browser_page.emulate_media(color_scheme=scheme)
        for url in urls:
            browser_page.goto(url)
            results = AXE.run(browser_page)
            assert results.violations_count == 0, f"{url}\n{results.generate_report()}"
            assert small_targets(browser_page) == [], url
            assert spilled_text(browser_page) == [], url
