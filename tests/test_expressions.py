"""Local days and practised seconds, computed by the database, agree with Python."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from practice.expressions import LocalDate, PractisedSeconds, utc_offset_periods
from practice.models import PracticeSession
from tests.factories import build_session, make_session

pytestmark = pytest.mark.django_db

ZONES = [
    "Europe/Berlin",
    "America/Los_Angeles",
    "America/Santiago",  # DST begins at midnight: the day starts at 01:00
    "Australia/Lord_Howe",  # half-hour DST
    "Asia/Kolkata",  # +05:30 all year
    "Pacific/Apia",  # skipped 30 December 2011 when it crossed the date line
    "UTC",
]


def moments() -> list[datetime]:
    """Every half hour around several DST changes, plus far past and future."""
    around = [
        datetime(2011, 12, 29, tzinfo=UTC),
        datetime(2024, 9, 7, tzinfo=UTC),
        datetime(2025, 3, 29, tzinfo=UTC),
        datetime(2025, 4, 5, tzinfo=UTC),
        datetime(2025, 10, 4, tzinfo=UTC),
        datetime(2025, 10, 25, tzinfo=UTC),
        datetime(2025, 11, 1, tzinfo=UTC),
    ]
    found = [start + timedelta(minutes=30 * n) for start in around for n in range(3 * 48)]
    found += [start + timedelta(microseconds=999_999) for start in around]
    return [*found, datetime(1995, 6, 1, 23, 30, tzinfo=UTC), datetime(2090, 1, 1, tzinfo=UTC)]


@pytest.mark.parametrize("zone_key", ZONES)
def test_local_date_matches_python_in_every_zone(user, zone_key):
    zone = ZoneInfo(zone_key)
    sessions = PracticeSession.objects.bulk_create(
        build_session(user, moment, steps=1) for moment in moments()
    )

    local_dates = dict(
        PracticeSession.objects.annotate(day=LocalDate("started_at", tzinfo=zone)).values_list(
            "pk", "day"
        )
    )

    mismatches = [
        (session.started_at, local_dates[session.pk])
        for session in sessions
        if local_dates[session.pk] != session.started_at.astimezone(zone).date()
    ]
    assert mismatches == []


def test_offset_periods_join_up_newest_first():
    periods = utc_offset_periods("Europe/Berlin", 2026)
    assert periods[0][1] == "2027-01-01 00:00:00"
    assert periods[-1][0] == "2000-01-01 00:00:00"
    for newer, older in pairwise(periods):
        assert older[1] == newer[0]
        assert older[2] != newer[2]
    assert ("2025-03-30 01:00:00", "2025-10-26 01:00:00", 7200) in periods


def test_a_zone_without_changes_has_one_period():
    assert utc_offset_periods("Asia/Kolkata", 2026) == (
        ("2000-01-01 00:00:00", "2027-01-01 00:00:00", 19800),
    )


def test_practised_seconds_match_the_sessions_active_seconds(user):
    start = datetime(2025, 6, 1, 7, 0, 0, 250_000, tzinfo=UTC)
    sessions = [
        make_session(user, start, minutes=10, paused_seconds=90.5),
        make_session(user, start, minutes=0.5),
        # More paused than elapsed cannot happen, but it must not count negative.
        make_session(user, start, minutes=1, paused_seconds=600),
    ]
    seconds = dict(
        PracticeSession.objects.annotate(seconds=PractisedSeconds()).values_list("pk", "seconds")
    )
    for session in sessions:
        assert seconds[session.pk] == pytest.approx(session.active_seconds, abs=0.01)
