"""The history's month view: a month of days, the days practised in words,
Previous and Next month, and a refused month shown as this one, never a 500."""

import calendar as monthly
import re
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from practice.charts import earliest_month, month_of
from practice.stats import first_calendar_day
from tests.factories import make_session, make_sessions

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def noon(day):
    return datetime.combine(day, time(12), tzinfo=timezone.get_current_timezone())


def month_view(page: str) -> str:
    return page.split('<section class="insight month-view"')[1].split("</section>")[0]


def cells(page: str) -> list[str]:
    """The text of each day's cell, without the padding before and after the month."""
    table = month_view(page).split("<tbody>")[1].split("</tbody>")[0]
    return [
        re.sub(r"<[^>]+>", " ", cell).split()
        for cell in re.findall(r"<td(?! class=\"outside\")[^>]*>(.*?)</td>", table)
    ]


@pytest.fixture
def member(client, user):
    make_session(user, timezone.now() - timedelta(minutes=30), minutes=5)
    client.force_login(user)
    return client


def get(client, query=""):
    response = client.get(f"/history/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_this_month_by_default_with_a_cell_for_each_day(member):
    page = get(member)
    first = month_of(today())
    view = month_view(page)

    assert f'<h2 id="month-heading">{date_format(first, "F Y")}</h2>' in view
    days = cells(page)
    assert len(days) == monthly.monthrange(first.year, first.month)[1]
    assert [int(day[0]) for day in days] == list(range(1, len(days) + 1))
    # Weekdays on top, Monday first, as the year's calendar.
    headings = re.findall(r'<th scope="col"><abbr title="(\w+)">', view)
    assert headings == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    # The first row starts on the first's weekday.
    first_row = view.split("<tbody>")[1].split("</tr>")[0]
    assert first_row.count('class="outside"') == first.weekday()


def test_a_day_practised_says_so_in_words_and_today_is_marked(member, user):
    day = today()
    page = get(member)
    days = cells(page)
    practised = " ".join(days[day.day - 1])

    assert f"{day.day} {date_format(day, 'F')}: 1 session, 5 min, today" in practised
    assert 'aria-current="date"' in month_view(page)
    assert month_view(page).count('class="month-dot"') == 1
    others = [" ".join(cell) for number, cell in enumerate(days, 1) if number != day.day]
    assert all(cell.endswith("no practice") for cell in others)
    assert "1 session on 1 day." in month_view(page)


def test_previous_and_next_month_links_walk_the_calendar(member, user):
    current = month_of(today())
    previous = month_of(current, -1)
    make_session(user, noon(previous + timedelta(days=9)), minutes=3)
    make_session(user, noon(previous + timedelta(days=9, hours=2)), minutes=3)

    page = get(member)
    assert f'href="?month={previous:%Y-%m}#month"' in page
    assert "Next month" not in month_view(page)  # never beyond this month

    older = get(member, f"?month={previous:%Y-%m}")
    view = month_view(older)
    assert date_format(previous, "F Y") in view
    assert f"10 {date_format(previous, 'F')}: 2 sessions, 6 min" in view
    assert f'href="?month={current:%Y-%m}#month"' in view
    assert 'aria-current="date"' not in view


def test_the_calendar_goes_back_a_year_and_no_further(member):
    # As far back as the year's calendar has whole months: 12 or 13 with this one.
    oldest = earliest_month(first_calendar_day(today()))
    assert month_of(today(), -12) <= oldest <= month_of(today(), -11)
    view = month_view(get(member, f"?month={oldest:%Y-%m}"))
    assert date_format(oldest, "F Y") in view
    assert "Previous month" not in view
    refused = get(member, f"?month={month_of(oldest, -1):%Y-%m}")
    assert f"The calendar goes back to {date_format(oldest, 'F Y')}" in refused


@pytest.mark.parametrize(
    "value, note",
    [
        ("2026-13", "That is not a month the calendar knows"),
        ("nonsense", "That is not a month the calendar knows"),
        ("2026-1", "That is not a month the calendar knows"),
        ("0000-01", "That is not a month the calendar knows"),
        ("99999-01", "That is not a month the calendar knows"),
        ("-2026-01", "That is not a month the calendar knows"),
        ("2026-11%00", "That is not a month the calendar knows"),
        ("future", "The calendar does not show future months"),
        ("past", "The calendar goes back to"),
    ],
)
def test_a_month_it_cannot_show_shows_this_month_with_a_note(member, value, note):
    current = month_of(today())
    if value == "future":
        value = f"{month_of(current, 1):%Y-%m}"
    elif value == "past":
        value = f"{month_of(current, -14):%Y-%m}"
    page = get(member, f"?month={value}")
    assert note in page
    assert date_format(current, "F Y") in month_view(page)


def test_no_note_for_this_month_named_or_not(member):
    page = get(member, f"?month={today():%Y-%m}")
    assert "here is this month" not in page
    assert "here is this month" not in get(member)


@pytest.mark.parametrize("months_back", [0, 1])
def test_query_count_is_the_same_for_1_and_50_sessions(client, user, other_user, months_back):
    first = month_of(today(), -months_back)
    query = f"?month={first:%Y-%m}"
    make_sessions(user, 1)
    sessions = make_sessions(other_user, 50, every=timedelta(hours=20))
    practised = {
        timezone.localdate(session.started_at)
        for session in sessions
        if month_of(timezone.localdate(session.started_at)) == first
    }

    client.force_login(user)
    with CaptureQueriesContext(connection) as few:
        get(client, query)
    client.force_login(other_user)
    with CaptureQueriesContext(connection) as many:
        page = get(client, query)
    assert month_view(page).count('class="month-dot"') == len(practised)
    assert len(many) == len(few), [entry["sql"] for entry in many.captured_queries]
