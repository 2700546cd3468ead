"""Streaks, totals and the figures per routine, in the user's own time zone."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from practice import stats
from practice.models import SessionStatus
from tests.factories import make_session, make_sessions, make_user

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
UTC = ZoneInfo("UTC")


def at(zone: ZoneInfo, *args) -> datetime:
    """A local wall-clock time in `zone`."""
    return datetime(*args, tzinfo=zone)


def practise_on(user, zone, *days: date, hour: int = 7, minute: int = 30, **fields):
    for day in days:
        make_session(user, at(zone, day.year, day.month, day.day, hour, minute), **fields)


NOW = at(BERLIN, 2025, 6, 10, 12, 0)
TODAY = date(2025, 6, 10)


def days_ago(*numbers: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in numbers]


def totals_of(user, zone=BERLIN, today=TODAY) -> stats.Totals:
    days = stats.days_since(user, zone, stats.first_calendar_day(today))
    return stats.totals(days, stats.routine_figures(user), today)


# --- Streaks ---------------------------------------------------------------


def test_no_practice_means_no_streak(user):
    assert stats.streaks(user, BERLIN, NOW) == stats.Streaks(0, 0, practised_today=False)


def test_consecutive_days_up_to_today_make_the_current_streak(user):
    practise_on(user, BERLIN, *days_ago(2, 1, 0))
    assert stats.streaks(user, BERLIN, NOW) == stats.Streaks(3, 3, practised_today=True)


def test_not_practised_yet_today_keeps_yesterdays_streak(user):
    practise_on(user, BERLIN, *days_ago(3, 2, 1))
    assert stats.streaks(user, BERLIN, NOW) == stats.Streaks(3, 3, practised_today=False)


def test_a_missed_day_ends_the_streak_but_not_the_record(user):
    practise_on(user, BERLIN, *days_ago(4, 3, 2))
    assert stats.streaks(user, BERLIN, NOW) == stats.Streaks(0, 3, practised_today=False)


def test_gaps_split_runs_and_the_longest_is_remembered(user):
    practise_on(user, BERLIN, *days_ago(20, 19, 18, 17, 15, 14, 1, 0))
    assert stats.streaks(user, BERLIN, NOW) == stats.Streaks(2, 4, practised_today=True)


def test_two_sessions_in_one_day_count_as_one_day(user):
    practise_on(user, BERLIN, *days_ago(1, 0), hour=7)
    practise_on(user, BERLIN, *days_ago(0), hour=21)
    assert stats.streaks(user, BERLIN, NOW).current == 2


def test_only_finished_sessions_of_this_user_count(user, other_user):
    practise_on(user, BERLIN, *days_ago(2))
    practise_on(user, BERLIN, *days_ago(1), status=SessionStatus.RUNNING)
    practise_on(other_user, BERLIN, *days_ago(1, 0))
    assert stats.streaks(user, BERLIN, NOW) == stats.Streaks(0, 1, practised_today=False)


def test_a_session_at_half_past_midnight_counts_for_the_local_day(user):
    # 23:30 on the 8th and 00:30 on the 10th, Berlin time: the 9th is missed.
    # In UTC they fall on the 8th and the 9th, which would look like a streak.
    make_session(user, at(BERLIN, 2025, 6, 8, 23, 30))
    make_session(user, at(BERLIN, 2025, 6, 10, 0, 30))
    assert stats.streaks(user, BERLIN, NOW) == stats.Streaks(1, 1, practised_today=True)
    assert stats.streaks(user, UTC, NOW).longest == 2


def test_late_evening_west_of_utc_stays_on_its_local_day(user):
    now = at(LOS_ANGELES, 2025, 6, 10, 12, 0)
    # 23:30 in Los Angeles is already the next day in UTC.
    for day in (8, 9):
        make_session(user, at(LOS_ANGELES, 2025, 6, day, 23, 30))
    assert stats.streaks(user, LOS_ANGELES, now) == stats.Streaks(2, 2, practised_today=False)
    assert stats.streaks(user, UTC, now).practised_today


def test_the_spring_dst_change_does_not_move_days(user):
    # Berlin skips 02:00–03:00 on 30 March 2025. 00:30 on the 31st is 22:30 UTC
    # on the 30th; a fixed +01:00 offset would put it on the 30th as well.
    make_session(user, at(BERLIN, 2025, 3, 29, 23, 30))
    make_session(user, at(BERLIN, 2025, 3, 31, 0, 30))
    now = at(BERLIN, 2025, 3, 31, 12, 0)
    assert stats.streaks(user, BERLIN, now) == stats.Streaks(1, 1, practised_today=True)


def test_the_autumn_dst_change_keeps_a_25_hour_day_whole(user):
    # 26 October 2025 lasts 25 hours in Berlin: 00:30 (summer time) and 23:30
    # (winter time) are one day; 00:30 on the 27th is the next.
    make_session(user, at(BERLIN, 2025, 10, 26, 0, 30))
    make_session(user, at(BERLIN, 2025, 10, 26, 23, 30))
    make_session(user, at(BERLIN, 2025, 10, 27, 0, 30))
    now = at(BERLIN, 2025, 10, 27, 9, 0)
    assert stats.streaks(user, BERLIN, now) == stats.Streaks(2, 2, practised_today=True)
    days = stats.days_since(user, BERLIN, date(2025, 10, 20))
    assert {day: figures.sessions for day, figures in days.items()} == {
        date(2025, 10, 26): 2,
        date(2025, 10, 27): 1,
    }


def test_streaks_across_a_dst_change_keep_counting(user):
    practise_on(user, BERLIN, *[date(2025, 3, day) for day in range(25, 32)], hour=0)
    now = at(BERLIN, 2025, 3, 31, 20, 0)
    assert stats.streaks(user, BERLIN, now) == stats.Streaks(7, 7, practised_today=True)


# --- Totals ----------------------------------------------------------------


def test_totals_for_this_week_this_month_and_all_time(user):
    # Tuesday 10 June: the week began on Monday the 9th, the month on the 1st.
    make_session(user, at(BERLIN, 2025, 6, 10, 7, 0), minutes=10, paused_seconds=120)
    make_session(user, at(BERLIN, 2025, 6, 9, 0, 15), minutes=5)
    make_session(user, at(BERLIN, 2025, 6, 8, 23, 45), minutes=6)  # Sunday: last week
    make_session(user, at(BERLIN, 2025, 6, 1, 0, 10), minutes=4)
    make_session(user, at(BERLIN, 2025, 5, 31, 23, 50), minutes=20)  # May
    make_session(user, at(BERLIN, 2025, 6, 10, 8, 0), status=SessionStatus.PAUSED)

    totals = totals_of(user)

    assert totals.week.sessions == 2
    assert totals.week.seconds == pytest.approx((8 + 5) * 60)
    assert totals.month.sessions == 4
    assert totals.month.seconds == pytest.approx((8 + 5 + 6 + 4) * 60)
    assert totals.all_time.sessions == 5
    assert totals.all_time.seconds == pytest.approx((8 + 5 + 6 + 4 + 20) * 60)
    assert totals.all_time.minutes == 43


def test_average_puffiness_uses_sessions_rated_before_and_after(user):
    make_session(user, at(BERLIN, 2025, 6, 9, 7, 0), before=4, after=2)
    make_session(user, at(BERLIN, 2025, 6, 10, 7, 0), before=5, after=2)
    make_session(user, at(BERLIN, 2025, 6, 8, 7, 0), before=1)  # not rated after
    totals = totals_of(user)
    assert totals.rated == 2
    assert totals.average_before == pytest.approx(4.5)
    assert totals.average_after == pytest.approx(2)
    assert totals.average_change == pytest.approx(-2.5)


def test_totals_with_no_practice_are_zero(user):
    totals = totals_of(user)
    assert totals.all_time == stats.Period(0, 0.0)
    assert totals.average_change is None


# --- The year, day by day -------------------------------------------------


def test_the_days_leave_out_sessions_before_the_calendars_first_day(user):
    make_session(user, at(BERLIN, 2024, 1, 1, 9, 0))
    first_day = stats.first_calendar_day(TODAY)
    assert stats.days_since(user, BERLIN, first_day) == {}


# --- Routines --------------------------------------------------------------


def test_most_practised_routines_by_their_recorded_title(user):
    for _ in range(3):
        make_session(user, NOW - timedelta(days=1), routine_title="Jaw release", minutes=5)
    make_session(user, NOW - timedelta(days=2), routine_title="Morning de-puff")
    make_session(user, NOW, routine_title="Morning de-puff", status=SessionStatus.RUNNING)

    routines = stats.routine_figures(user)

    assert [(routine.title, routine.sessions) for routine in routines] == [
        ("Jaw release", 3),
        ("Morning de-puff", 1),
    ]
    assert routines[0].seconds == pytest.approx(15 * 60)
    assert routines[0].last_practised == NOW - timedelta(days=1)


def test_average_change_per_routine(user):
    make_session(user, NOW, routine_title="Jaw release", before=4, after=3)
    make_session(user, NOW, routine_title="Jaw release", before=4, after=2)
    make_session(user, NOW, routine_title="Jaw release", before=5)  # not rated after
    make_session(user, NOW, routine_title="Morning de-puff", before=3, after=3)
    make_session(user, NOW, routine_title="Unrated")

    routines = stats.insights(user, BERLIN, NOW).top_routines

    assert [(r.title, r.sessions, r.rated, r.change_label) for r in routines] == [
        ("Jaw release", 3, 2, "−1.5"),
        ("Morning de-puff", 1, 1, "0"),
        ("Unrated", 1, 0, ""),
    ]
    assert (routines[0].before, routines[0].after) == (4, 2.5)


def test_the_routines_table_shows_the_ten_most_practised(user):
    for number in range(12):
        make_sessions(user, number + 1, routine_title=f"Routine {number:02}")
    routines = stats.insights(user, BERLIN, timezone.now()).top_routines
    assert [r.title for r in routines] == [f"Routine {n:02}" for n in range(11, 1, -1)]


def test_insights_for_someone_else_show_nothing_of_this_user(user):
    make_session(user, NOW, before=4, after=2)
    stranger = make_user()
    insights = stats.insights(stranger, BERLIN, NOW)
    assert insights.totals.all_time.sessions == 0
    assert insights.chart.points == []
    assert insights.routines == []
