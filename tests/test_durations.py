import pytest

from catalogue.templatetags.durations import clock, duration


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (45, "45 s"),
        (60, "1 min"),
        (270, "4 min 30 s"),
        (3600, "1 h"),
        (3900, "1 h 5 min"),
    ],
)
def test_duration_reads_like_people_talk(seconds, text):
    assert duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (0.2, "0:01"), (14.4, "0:15"), (59.01, "1:00"), (245, "4:05")],
)
def test_clock_rounds_up_like_the_countdown_script(seconds, text):
    assert clock(seconds) == text
