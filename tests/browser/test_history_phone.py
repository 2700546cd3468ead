"""The history on a phone, in real Chromium: a month of days big enough to
read and tap, weekdays on top, and the year's strip opened at its recent end."""

from calendar import monthrange
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from practice.charts import month_of
from practice.models import PracticeSession
from tests.browser.actions import already_logged_in
from tests.browser.test_accessibility import assert_accessible
from tests.factories import make_sessions, make_user

pytestmark = pytest.mark.django_db(transaction=True)

MIN_CELL = 36  # CSS px, wide and tall


@pytest.fixture(
    params=[
        pytest.param({"width": 360, "height": 740}, id="360x740"),
        pytest.param({"width": 390, "height": 844}, id="390x844"),
    ]
)
def viewport(request):
    """Two common phones (overrides the conftest's phone and desktop)."""
    return request.param


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


@pytest.fixture
def history(new_page, live_server, viewport, scheme):
    """A member with 20 sessions over the last two months, on their history page."""
    member = make_user("noor")
    make_sessions(member, 20, every=timedelta(hours=70), routine_title="Morning de-puff")
    page = new_page()
    page.emulate_media(color_scheme=scheme)
    already_logged_in(page, member, live_server.url)
    page.goto("/history/")
    return page


def test_the_month_view_is_readable_and_the_year_opens_at_today(history, viewport):
    page = history
    today = timezone.localdate()
    month = page.get_by_role("table", name=f"{date_format(today, 'F Y')}, day by day")
    expect(month).to_be_visible()

    days = month.locator("tbody td:not(.outside)")
    expect(days).to_have_count(monthrange(today.year, today.month)[1])
    boxes = [days.nth(number).bounding_box() for number in range(days.count())]
    smallest = min(min(box["width"], box["height"]) for box in boxes)
    assert smallest >= MIN_CELL, f"smallest day cell {smallest:.1f} px"
    assert max(box["x"] + box["width"] for box in boxes) <= viewport["width"]

    headings = month.locator("thead th")
    expect(headings).to_have_text(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    heading_bottom = max(
        headings.nth(n).bounding_box()["y"] + headings.nth(n).bounding_box()["height"]
        for n in range(7)
    )
    first_row_top = min(box["y"] for box in boxes[:7])
    assert heading_bottom <= first_row_top

    # Today is marked in words and outlined; practised days have a dot.
    today_cell = month.locator('td[aria-current="date"]')
    expect(today_cell).to_contain_text(f"{today.day} {date_format(today, 'F')}: 1 session")
    assert today_cell.evaluate("cell => getComputedStyle(cell).boxShadow") != "none"
    assert month.locator(".month-dot").count() >= 1

    # The year's strip scrolls sideways and opens on its latest week.
    strip = page.get_by_role("region", name="Calendar, most recent days first in view")
    latest = page.get_by_role("group", name="The last 12 months").locator("rect").last
    strip.scroll_into_view_if_needed()
    scroller = strip.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert scroller[0] > scroller[1], "the year is wider than the phone: it scrolls"
    box = latest.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["width"] >= 12, f"year cells {box['width']:.1f} px"

    # The chart says what it shows in words.
    legend = page.get_by_role("list", name="How to read the chart")
    expect(legend).to_contain_text("Puffiness before")
    expect(legend).to_contain_text("1 not puffy – 5 very puffy")

    assert_accessible(page)


def test_previous_month_is_a_plain_link(history):
    page = history
    previous = month_of(timezone.localdate(), -1)
    page.get_by_role("link", name=f"Previous month, {date_format(previous, 'F Y')}").click()
    heading = page.get_by_role("heading", name=date_format(previous, "F Y"))
    expect(heading).to_be_visible()
    assert f"month={previous:%Y-%m}" in page.url
    expect(page.get_by_role("link", name="Next month")).to_be_visible()
    assert_accessible(page)


def test_a_rating_is_five_numbers_in_one_row_with_the_scale_said_under_them(history):
    page = history
    session = PracticeSession.objects.filter(user__username="noor").latest("created_at")
    page.goto(f"/history/{session.pk}/edit/")
    after = page.get_by_role("group", name="Puffiness after")

    options = after.locator(".rating-option")
    expect(options).to_have_count(5)
    boxes = [options.nth(number).bounding_box() for number in range(5)]
    assert len({round(box["y"]) for box in boxes}) == 1, "the five numbers share one row"
    assert min(min(box["width"], box["height"]) for box in boxes) >= 44
    # Each shows its number; its words are for a screen reader only.
    assert [options.nth(n).inner_text().split()[0] for n in range(5)] == list("12345")
    words = options.locator(".visually-hidden")
    assert max(words.nth(n).bounding_box()["width"] for n in range(5)) <= 1
    expect(after.locator(".rating-ends")).to_have_text("not puffyvery puffy")
    # Each option is named in words, and one tap sets it.
    after.get_by_label("4 · quite puffy").check()
    expect(after.get_by_role("radio", name="4 · quite puffy")).to_be_checked()
