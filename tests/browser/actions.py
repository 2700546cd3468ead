"""What a person does in the browser, shared by the journeys."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import F
from django.test import Client
from playwright.sync_api import expect

from practice.models import StepLog

PASSWORD = "correct horse battery"  # the password tests/factories.py gives everyone


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Through the login form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    # Signed in: the navigation (a tab bar on a phone) offers their account.
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Account")
    ).to_be_visible()


def log_out(page) -> None:
    """From the Account page, where Log out is on every screen size."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    page.get_by_role("main").get_by_role("button", name="Log out").click()


def already_logged_in(page, user: User, site_url: str) -> None:
    """A browser that logged in earlier: its session cookie, without the form."""
    client = Client()
    client.force_login(user)
    session_id = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session_id, "url": site_url}])


def settled(page) -> None:
    """Wait until htmx has swapped and wired up new content. In the milliseconds
    before, a press would be an ordinary form post: it works too, but as a page
    load the test is not about."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def start_first_step_now(page) -> None:
    """Next during the get-ready lead-in: the first step starts at once, at its
    full length (practice/player.py), and the next Next moves on from it."""
    with page.expect_response(lambda response: "/next/" in response.url):
        page.get_by_role("button", name="Next").click()
    # Swapped in: the new Next names no lead-in.
    expect(page.locator('#player [name="lead_in"]')).to_have_count(0)


def practise_the_step(seconds: int) -> None:
    """The step in hand has run `seconds` by the server's clock too.

    page.clock moves only the browser's time, and a Next pressed at once is a
    step passed by: the server logs each step by its own clock and counts it
    as done only after practice/history.py's DONE_MINIMUM_SECONDS. A journey
    that lets a step run (or fast-forwards the page through it) first moves
    the open step's logged start back by as much, so the server sees the
    practice the page showed.
    """
    StepLog.objects.filter(ended_at=None).update(
        started_at=F("started_at") - timedelta(seconds=seconds)
    )
