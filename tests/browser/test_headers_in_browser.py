"""The strict policy and Subresource Integrity in real Chromium: the pages a
person uses and the curators' admin load everything they name, with no CSP
violation and no script or stylesheet refused; and a file changed on the way
is refused.

The page fixture fails a test on any console error (Chromium reports a CSP
violation and an integrity mismatch there); each page also records the
`securitypolicyviolation` events it sees, and checks its stylesheet and
scripts really ran.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from catalogue.models import Routine
from tests.browser.actions import already_logged_in
from tests.factories import make_session, make_user

pytestmark = pytest.mark.django_db(transaction=True)

# Run before the page's own scripts, outside its policy (Playwright's init script).
RECORD_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""

# Each stylesheet applied and htmx running: neither was refused.
LOADED = """() => ({
  violations: window.violations,
  stylesheets: [...document.querySelectorAll('link[rel=stylesheet]')]
    .map((link) => [link.href, link.sheet !== null]),
  htmx: typeof window.htmx,
  integrity: [...document.querySelectorAll('script[src], link[rel=stylesheet]')]
    .filter((element) => !element.integrity).map((element) => element.src || element.href),
})"""


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


def watched(new_page, **options):
    page = new_page(**options)
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def assert_loaded(page, *, own: bool = True) -> None:
    page.wait_for_load_state("load")  # every stylesheet and script loaded or refused
    state = page.evaluate(LOADED)
    assert state["violations"] == [], state["violations"]
    assert state["stylesheets"] and all(applied for _, applied in state["stylesheets"]), state
    if own:
        assert state["htmx"] == "object", "htmx did not run"
        assert state["integrity"] == [], f"without integrity: {state['integrity']}"


@pytest.mark.parametrize(
    "path", ["/", "/routines/", "/routines/morning-de-puff/", "/accounts/signup/"]
)
def test_public_pages_load_everything_inside_the_policy(new_page, curated, path):
    page = watched(new_page)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_loaded(page)


def test_the_player_loads_everything_inside_the_policy(new_page, curated):
    page = watched(new_page)
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("#player h1")).to_be_visible()
    # js/player.js ran: the countdown shows a time.
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"\d+:\d\d"))
    assert_loaded(page)


def test_history_loads_everything_inside_the_policy(new_page, live_server, curated):
    member = make_user("alice")
    make_session(member, routine=Routine.objects.get(slug="morning-de-puff"))
    page = watched(new_page)
    already_logged_in(page, member, live_server.url)
    page.goto("/history/")
    expect(page.get_by_role("heading", name="Your practice", level=1)).to_be_visible()
    assert_loaded(page)


def test_the_admin_routine_list_and_sortable_form_keep_to_the_policy(
    new_page, live_server, curated
):
    curator = make_user("curator", is_staff=True, is_superuser=True)
    page = watched(new_page)
    already_logged_in(page, curator, live_server.url)
    page.goto("/admin/catalogue/routine/")
    expect(page.get_by_role("heading", name="Select routine to change")).to_be_visible()
    assert_loaded(page, own=False)
    page.get_by_role("link", name="Morning de-puff").click()
    # js/admin_reorder.js ran: its buttons move a step and say so.
    page.get_by_role("button", name=re.compile(r"^Move “.+” down one place$")).first.click()
    expect(page.get_by_role("status")).to_contain_text("moved to place 2")
    assert_loaded(page, own=False)


def test_a_script_changed_on_the_way_is_refused(new_page):
    page = watched(new_page)

    def tampered(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.body() + b"\nwindow.changed = true;\n")

    page.route("**/django_htmx/htmx-2.min.js", tampered)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert page.evaluate("() => [typeof window.htmx, window.changed]") == ["undefined", None]
    refusal = next(
        problem
        for problem in new_page.problems
        if "integrity" in problem and "htmx-2.min.js" in problem and "blocked" in problem
    )
    new_page.problems.remove(refusal)
