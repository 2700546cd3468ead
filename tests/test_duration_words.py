"""The history's totals say how long a person practised without rounding it away."""

from practice.stats import Period, duration_words


def test_it_shows_seconds_under_a_minute():
    assert duration_words(45) == "45 s"
    assert duration_words(59.4) == "59 s"


def test_it_never_says_zero_minutes_for_time_practised():
    assert Period(sessions=13, seconds=20).duration == "20 s"


def test_it_shows_minutes_from_one_minute():
    assert duration_words(60) == "1 min"
    assert duration_words(12 * 60 + 10) == "12 min"


def test_it_says_zero_seconds_for_no_time():
    assert Period(sessions=0, seconds=0).duration == "0 s"
