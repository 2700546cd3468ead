"""
Changes made in the player while the network was down, replayed in order.

Offline the browser keeps guiding: it counts down, moves on and pauses on its
own, and queues each change with the position and revision it was made at
and the browser's time (static/js/offline_player.js). Back online it posts
the queue here. Each change goes through the same exactly-once protocol as a
button press (practice/player.py), so a change applies only while the session
is still where the browser saw it: a queue sent twice, a change another tab
already made, or one overtaken by a change on another device is ignored, and
the current state is the answer.

Times are the browser's, moved onto the server's clock by the difference
between the two when the queue was sent, and then clamped to the session's
own window: never before its last stored change (so changes keep their order
and nothing lands before what is already history) and never in the future.
A forged or confused clock can shift a change within that window, not
rewrite what came before it.
"""

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from practice import player
from practice.models import PracticeSession

# More than a long routine's worth of presses: a queue is one outage's.
MAX_CHANGES = 500
# Browser times are milliseconds since 1970; anything outside these years is
# not a clock reading but a mistake.
EARLIEST_MS = datetime(2020, 1, 1, tzinfo=UTC).timestamp() * 1000
LATEST_MS = datetime(2100, 1, 1, tzinfo=UTC).timestamp() * 1000


class BadReplay(ValueError):
    """The posted queue is not one the player sends."""


@dataclass(frozen=True)
class Change:
    action: str
    position: int
    revision: int
    at: datetime
    auto: bool = False


CONTROLS: dict[str, Callable[[PracticeSession, Change, datetime], bool]] = {
    # The revision is checked before any of these runs, so a Next made in
    # the lead-in names the one it saw, as the button's own form does.
    "next": lambda session, change, at: player.advance(
        session, change.position, auto=change.auto, seen_in_lead_in=change.revision, now=at
    ),
    "skip": lambda session, change, at: player.skip(session, change.position, now=at),
    "back": lambda session, change, at: player.go_back(session, change.position, now=at),
    "pause": lambda session, change, at: player.pause(session, change.position, now=at),
    "resume": lambda session, change, at: player.resume(session, change.position, now=at),
    "finish": lambda session, change, at: player.finish(session, change.position, now=at),
}


def _browser_ms(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadReplay(f"{name} must be a time in milliseconds.")
    if not EARLIEST_MS <= value <= LATEST_MS:
        raise BadReplay(f"{name} is not a time this player could have recorded.")
    return float(value)


def _count(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000:
        raise BadReplay(f"{name} must be a whole number from 0.")
    return value


def parse_changes(body: bytes, now: datetime) -> list[Change]:
    """
    The queue the player posts, as JSON: {"sent": ms, "changes": [{"action",
    "position", "revision", "at": ms, "auto"}, …]}, where "sent" is the
    browser's clock as it sent the queue. Raises BadReplay with a sentence.
    """
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadReplay("The changes must be sent as JSON.") from None
    if not isinstance(data, dict) or not isinstance(data.get("changes"), list):
        raise BadReplay('Send {"sent": …, "changes": […]}.')
    changes = data["changes"]
    if len(changes) > MAX_CHANGES:
        raise BadReplay(f"At most {MAX_CHANGES} changes at a time.")
    # The browser's clock may be off: what it calls "sent" is now here.
    offset = now - datetime.fromtimestamp(_browser_ms(data.get("sent"), "sent") / 1000, tz=UTC)
    parsed = []
    for number, change in enumerate(changes, start=1):
        if not isinstance(change, dict):
            raise BadReplay(f"Change {number} must be an object.")
        action = change.get("action")
        if action not in CONTROLS:
            raise BadReplay(f"Change {number}: the action must be one of {', '.join(CONTROLS)}.")
        at = datetime.fromtimestamp(_browser_ms(change.get("at"), "at") / 1000, tz=UTC)
        parsed.append(
            Change(
                action=action,
                position=_count(change.get("position"), "position"),
                revision=_count(change.get("revision"), "revision"),
                at=at + offset,
                auto=change.get("auto") is True,
            )
        )
    return parsed


def clamp(at: datetime, session: PracticeSession, now: datetime) -> datetime:
    """`at` inside the session's window: not before its last change, not after now."""
    return min(now, max(at, session.last_activity_at))


def replay(session: PracticeSession, changes: list[Change], now: datetime) -> int:
    """
    Apply `changes` in order, each only if the session still stands at its
    position and revision; return how many applied. Each applies in its own
    transaction, like a press: a queue cut short by a lost answer is simply
    sent again, and what applied the first time is then ignored.
    """
    applied = 0
    for change in changes:
        if (change.position, change.revision) != (session.position, session.revision):
            continue
        if CONTROLS[change.action](session, change, clamp(change.at, session, now)):
            applied += 1
    return applied
