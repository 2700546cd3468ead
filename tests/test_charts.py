"""The calendar heatmap and the puffiness chart, drawn from a user's local days.

Most build the days from sessions (practice/stats.py), so that what is drawn
is what the history page draws; the shades need only the figures."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from practice import charts, stats
from tests.factories import make_session

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2025, 6, 10)


def at(zone: ZoneInfo, *args) -> datetime:
    """A local wall-clock time in `zone`."""
    return datetime(*args, tzinfo=zone)


def test_the_calendar_covers_a_year_of_local_days_ending_today(user):
    make_session(user, at(BERLIN, 2025, 6, 10, 0, 30), minutes=12)
    make_session(user, at(BERLIN, 2025, 6, 10, 19, 0), minutes=3)
    first_day = stats.first_calendar_day(TODAY)
    assert first_day.weekday() == 0
    assert TODAY - timedelta(days=370) <= first_day <= TODAY - timedelta(days=364)

    days = stats.days_since(user, BERLIN, first_day)
    calendar = charts.calendar(days, first_day, TODAY)

    assert len(calendar.cells) == (TODAY - first_day).days + 1
    last = calendar.cells[-1]
    assert last.label == "Tuesday 10 June 2025: 2 sessions, 15 min"
    assert last.level == 3  # 10–20 minutes
    assert calendar.cells[-2].label == "Monday 9 June 2025: no practice"
    assert calendar.cells[-2].level == 0
    assert calendar.practised_days == 1
    assert [name for _, name in calendar.months][-1] == "Jun"


@pytest.mark.parametrize(
    ("minutes", "level"), [(1, 1), (4.9, 1), (5, 2), (10, 3), (19, 3), (20, 4), (90, 4)]
)
def test_calendar_shades_follow_minutes_practised(minutes, level):
    day = stats.Day(TODAY, sessions=1, seconds=minutes * 60)
    calendar = charts.calendar({TODAY: day}, TODAY, TODAY)
    assert calendar.cells[0].level == level


def test_the_chart_plots_daily_averages_before_and_after(user):
    make_session(user, at(BERLIN, 2025, 6, 9, 7, 0), before=5, after=3)
    make_session(user, at(BERLIN, 2025, 6, 9, 20, 0), before=4, after=2)
    make_session(user, at(BERLIN, 2025, 6, 10, 0, 30), before=3, after=1)
    make_session(user, at(BERLIN, 2025, 6, 8, 7, 0))  # not rated: not plotted
    first_day = stats.first_calendar_day(TODAY)

    chart = charts.chart(stats.days_since(user, BERLIN, first_day), first_day, TODAY)

    assert [point.label for point in chart.points] == [
        "Monday 9 June 2025: before 4.5, after 2.5 (2 sessions)",
        "Tuesday 10 June 2025: before 3, after 1",
    ]
    first, last = chart.points
    assert float(first.x) < float(last.x) == charts.PLOT_RIGHT
    # Puffier is higher up: a smaller y.
    assert float(first.before_y) < float(first.after_y)
    assert float(last.after_y) == charts.PLOT_BOTTOM
    assert chart.rated == 3
    assert not chart.by_week
    assert chart.summary.startswith("3 rated sessions in the last 12 weeks: on average 4 before")


def test_with_older_ratings_the_chart_plots_weeks_across_the_year(user):
    make_session(user, at(BERLIN, 2024, 12, 2, 7, 0), before=5, after=1)  # a Monday
    make_session(user, at(BERLIN, 2024, 12, 8, 23, 30), before=3, after=3)  # that Sunday
    make_session(user, at(BERLIN, 2024, 12, 9, 0, 30), before=4, after=2)  # next Monday
    make_session(user, at(BERLIN, 2025, 6, 10, 7, 0), before=4, after=2)
    first_day = stats.first_calendar_day(TODAY)

    chart = charts.chart(stats.days_since(user, BERLIN, first_day), first_day, TODAY)

    assert chart.by_week
    assert [point.label for point in chart.points] == [
        "Week of Monday 2 December 2024: before 4, after 2 (2 sessions)",
        "Week of Monday 9 December 2024: before 4, after 2",
        "Week of Monday 9 June 2025: before 4, after 2",
    ]
    assert float(chart.points[0].x) > charts.PLOT_LEFT
    assert len(chart.x_ticks) == 12
