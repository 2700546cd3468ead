"""The face guide: every movement the curated content asks for is drawn, and the
facts and pace beside it make sense for each kind of step."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from catalogue.curated import STEPS
from catalogue.models import Direction, Side
from practice.guide import face_guide, movement_kind

FACE = (Path(settings.BASE_DIR) / "templates/practice/_face.html").read_text()

# Each side a step needs drawn: "in turn" shows one side, then the other.
SIDES = {
    Side.BOTH: {"left", "right"},
    Side.LEFT: {"left"},
    Side.RIGHT: {"right"},
    Side.IN_TURN: {"left", "right"},
}


def zone_markup(zone: str) -> str:
    start = FACE.index(f'<g class="zone zone-{zone}">')
    end = FACE.find('<g class="zone zone-', start + 1)
    return FACE[start : end if end > 0 else len(FACE)]


def direction_markup(zone: str, direction: str) -> str:
    markup = zone_markup(zone)
    start = markup.index(f'<g class="arrow dir-{direction}">')
    end = markup.find('<g class="arrow dir-', start + 1)
    return markup[start : end if end > 0 else len(markup)]


@pytest.mark.parametrize(
    ("zone", "direction", "side"),
    sorted({(s["zone"], s["direction"], s["side"]) for s in STEPS}),
)
def test_every_zone_direction_and_side_in_the_curated_content_is_drawn(zone, direction, side):
    for half in SIDES[side]:
        assert re.search(rf'class="area {half}"', zone_markup(zone)), (zone, half)
        if direction == Direction.STILL:
            continue  # a hold: the ring is placed on the zone's area
        drawn = direction_markup(zone, direction)
        if movement_kind(direction) == "stroke":
            assert re.search(rf'<path class="{half}" d="M', drawn), (zone, direction, half)
        else:
            assert f'<g class="{half}">' in drawn, (zone, direction, half)


def test_the_hold_ring_is_drawn_once():
    assert FACE.count("data-hold>") == 1


def step(**fields) -> dict:
    return {
        "direction": Direction.DOWNWARD,
        "direction_label": "Downward",
        "side": Side.BOTH,
        "duration_seconds": 30,
        "stroke_count": 10,
    } | fields


def test_a_stroke_comes_every_duration_divided_by_strokes():
    guide = face_guide(step(), remaining_ms=30_000)
    assert (guide["kind"], guide["period_ms"]) == ("stroke", 3000)
    assert guide["count"] == "10, one every 3 s"


def test_without_a_count_the_pace_is_calm_and_no_count_is_shown():
    guide = face_guide(step(stroke_count=None, direction=Direction.CIRCLES), 60_000)
    assert (guide["period_ms"], guide["count"]) == (3000, "")


def test_a_hold_says_hold_and_its_repetitions_never_no_strokes():
    guide = face_guide(step(direction=Direction.STILL, duration_seconds=40, stroke_count=6), 0)
    assert guide["movement"] == "Hold"
    assert (guide["count_label"], guide["count"]) == ("Repetitions", "6, about 6.7 s each")
    assert "No strokes" not in str(guide)


def test_a_hold_without_repetitions_fills_its_ring_over_the_whole_step():
    guide = face_guide(step(direction=Direction.STILL, stroke_count=None, duration_seconds=45), 0)
    assert (guide["count_label"], guide["count"], guide["period_ms"]) == (
        "Hold for",
        "45 s",
        45000,
    )


def test_a_step_in_turn_paces_each_half_and_shows_the_second_side_after_half_way():
    in_turn = step(side=Side.IN_TURN, duration_seconds=40, stroke_count=6)
    assert face_guide(in_turn, remaining_ms=45_000)["showing"] == "left"  # in the lead-in
    assert face_guide(in_turn, remaining_ms=20_001)["showing"] == "left"
    assert face_guide(in_turn, remaining_ms=19_999)["showing"] == "right"
    guide = face_guide(in_turn, remaining_ms=40_000)
    assert (guide["period_ms"], guide["count"]) == (3333, "6 each side, one every 3.3 s")
    assert guide["switch_text"] == "Switch sides: now your right side"


def test_one_side_says_whose_side_it_is():
    assert face_guide(step(side=Side.LEFT), 30_000)["where"] == "your left side"
