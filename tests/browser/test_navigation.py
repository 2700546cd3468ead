"""The site's navigation in real Chromium: one line at 360, 390 and 1280 px
wide, for visitors and members, in light and dark, with 44 px targets and
the current section marked; on a phone, a tab bar along the bottom."""

import pytest
from playwright.sync_api import expect

from tests.browser.actions import already_logged_in
from tests.browser.test_accessibility import assert_accessible
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_PHONE = {"width": 360, "height": 740}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


def visible_links(page) -> list[dict]:
    nav = page.get_by_role("navigation", name="Main")
    items = nav.locator("a, button")
    boxes = []
    for index in range(items.count()):
        item = items.nth(index)
        if item.is_visible():
            boxes.append({"name": item.inner_text(), **item.bounding_box()})
    return boxes


def assert_one_line(page, names: list[str]) -> list[dict]:
    links = visible_links(page)
    assert [link["name"] for link in links] == names
    width = page.viewport_size["width"]
    tops = {round(link["y"]) for link in links}
    assert len(tops) == 1, links  # one line
    for link in links:
        assert link["height"] >= 44 and link["width"] >= 44, link
        assert link["x"] >= 0 and link["x"] + link["width"] <= width, link
    return links


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param(SMALL_PHONE, id="360"),
        pytest.param(PHONE, id="390"),
        pytest.param(LAPTOP, id="1280"),
    ],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_one_line_for_visitors_and_members(new_page, live_server, viewport, scheme):
    page = new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto("/routines/")
    wide = viewport["width"] >= 768

    links = assert_one_line(page, ["Routines", "Programs", "Log in", "Sign up"])
    expect(page.get_by_role("link", name="Routines", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    if not wide:  # a tab bar along the bottom of the screen
        assert links[0]["y"] + links[0]["height"] >= viewport["height"] - 2
    assert_accessible(page)

    already_logged_in(page, make_user("ines"), live_server.url)
    page.goto("/history/")
    if wide:
        names = ["Routines", "Programs", "My routines", "History", "Account", "Log out"]
    else:  # My routines and Log out are on the Account page
        names = ["Routines", "Programs", "History", "Account"]
    assert_one_line(page, names)
    expect(page.get_by_role("link", name="History", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [pytest.param(SMALL_PHONE, id="360")])
def test_on_a_phone_the_account_page_has_my_routines_and_log_out(new_page, live_server, viewport):
    page = new_page()
    already_logged_in(page, make_user("ines"), live_server.url)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    expect(page.get_by_role("link", name="Account", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_role("main").get_by_role("link", name="My routines").click()
    expect(page).to_have_url(f"{live_server.url}/my-routines/")
    page.go_back()
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in", exact=True)).to_be_visible()


@pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="390")])
def test_the_tab_bar_never_hides_the_end_of_a_page(new_page, live_server, viewport):
    page = new_page()
    page.goto("/accounts/login/")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    footer = page.locator(".site-footer").bounding_box()
    nav = page.get_by_role("navigation", name="Main").bounding_box()
    assert footer["y"] + footer["height"] <= nav["y"] + 1
