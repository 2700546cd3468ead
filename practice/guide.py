"""What the face guide shows for one snapshotted step, and the words beside it.

The drawing is templates/practice/_face.html: the face and its zones' areas
from catalogue/face.py (the routine cards draw the same face, small), with
each zone's stroke paths, which only the player needs; static/js/player.js
moves it.
Here: which kind of movement a step is, its pace (one stroke every
duration ÷ strokes), which side shows now, and facts that make sense for
that kind: a hold says "Hold" and its repetitions, never "No strokes".
"""

from catalogue.models import Direction, Side

# Without a count the guide keeps a calm pace of its own.
CALM_PERIOD_MS = {"stroke": 3000, "press": 4000, "tap": 600}

STROKES = {
    Direction.DOWNWARD,
    Direction.UPWARD,
    Direction.OUTWARD,
    Direction.OUTWARD_DOWN,
    Direction.CIRCLES,
}

SIDE_WORDS = {
    Side.BOTH: "both sides",
    Side.LEFT: "your left side",
    Side.RIGHT: "your right side",
    Side.IN_TURN: "your left side, then your right",
}

# A step done one side then the other starts on the person's left, as the gua
# sha routine does, and switches half-way.
FIRST_SIDE, SECOND_SIDE = Side.LEFT, Side.RIGHT


def movement_kind(direction: str) -> str:
    if direction in STROKES:
        return "stroke"
    if direction == Direction.PRESS:
        return "press"
    if direction == Direction.TAPPING:
        return "tap"
    return "hold"


def _seconds(ms: float) -> str:
    seconds = ms / 1000
    return f"{seconds:.0f} s" if seconds >= 10 or seconds == int(seconds) else f"{seconds:.1f} s"


def face_guide(step: dict, remaining_ms: int) -> dict:
    """The guide's data attributes and facts for `step`, `remaining_ms` before its end."""
    step_ms = step["duration_seconds"] * 1000
    count = step.get("stroke_count")
    side = step.get("side") or Side.BOTH
    in_turn = side == Side.IN_TURN
    kind = movement_kind(step["direction"])
    # The count is per side, so a step done in turn fits it into each half.
    span_ms = step_ms / 2 if in_turn else step_ms
    period_ms = round(span_ms / count) if count else CALM_PERIOD_MS.get(kind, step_ms)

    each_side = " each side" if in_turn else ""
    pace = f"one every {_seconds(period_ms)}"
    if kind == "hold":
        movement = "Hold"
        count_label, count_text = (
            ("Repetitions", f"{count}{each_side}, about {_seconds(period_ms)} each")
            if count
            else ("Hold for", _seconds(step_ms))
        )
    else:
        movement = step.get("direction_label") or step["direction"]
        noun = {"stroke": "Strokes", "press": "Presses", "tap": "Taps"}[kind]
        count_label = noun
        count_text = f"{count}{each_side}, {pace}" if count else ""

    showing = side
    if in_turn:
        showing = SECOND_SIDE if remaining_ms < span_ms else FIRST_SIDE
    return {
        "kind": kind,
        "period_ms": period_ms,
        "showing": showing,
        "where": SIDE_WORDS.get(side, side),
        "movement": movement,
        "count_label": count_label,
        "count": count_text,
        "switch_text": "Switch sides: now your right side" if in_turn else "",
    }
