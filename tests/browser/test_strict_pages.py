"""Error pages and the admin in real Chromium: no CSP violation, no console error.

The page fixture fails a test on any console error, failed request or CSP
violation; the only ones allowed here are the error statuses these pages
are about, which each test takes off the list itself.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_404_page_keeps_to_the_policy(new_page, live_server):
    page = new_page()
    page.goto("/no-such-page/")
    expect(page.get_by_role("heading", name="We couldn’t find that page")).to_be_visible()
    page.get_by_role("link", name="Go to the routines").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    new_page.problems.expect_status(404, f"{live_server.url}/no-such-page/")


def test_the_lockout_page_keeps_to_the_policy(new_page, live_server):
    make_user("alice")
    page = new_page()
    page.goto("/accounts/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many login attempts")).to_be_visible()
    expect(page.get_by_text("paused for 15 min")).to_be_visible()
    new_page.problems.expect_status(429, f"{live_server.url}/accounts/login/")


def test_the_admin_keeps_to_the_policy(new_page):
    make_user("curator", is_staff=True, is_superuser=True)
    page = new_page()
    page.goto("/admin/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Techniques, steps and routines")).to_be_visible()
    page.goto("/admin/catalogue/routine/add/")
    expect(page.get_by_role("heading", name="Add routine")).to_be_visible()
