"""
A person's sessions, looked back on: the history's list, page by page, and
one session with its step log. The figures above the list are
practice/stats.py, its calendar and chart practice/charts.py.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count

from .models import ABANDONED, PracticeSession, SessionStatus, StepLog, StepOutcome

SESSIONS_PER_PAGE = 20


@dataclass(frozen=True)
class Entry:
    """One session as the history lists it."""

    session: PracticeSession
    state: str  # "finished", "unfinished" or "abandoned"
    done: int
    skipped: int
    left_out: int = 0


@dataclass(frozen=True)
class HistoryPage:
    number: int
    entries: list[Entry]
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


MAX_PAGE = 100_000


def page_number(value) -> int:
    """A page number from the query string; anything odd is the first page."""
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def history_page(user, number: int, *, now: datetime) -> HistoryPage:
    """One page of the user's sessions, newest first (index session_user_newest).

    Two queries whatever the page: the page (one row more than it shows, to
    know whether there is an older page; no COUNT of every session), and the
    step outcomes of its sessions.
    """
    start = (number - 1) * SESSIONS_PER_PAGE
    sessions = PracticeSession.objects.filter(user=user).order_by("-created_at", "-pk")
    rows = list(sessions[start : start + SESSIONS_PER_PAGE + 1])
    has_next = len(rows) > SESSIONS_PER_PAGE
    rows = rows[:SESSIONS_PER_PAGE]
    outcomes: dict[int, dict[str, int]] = defaultdict(dict)
    if rows:
        for row in (
            StepLog.objects.filter(session__in=[session.pk for session in rows])
            .exclude(outcome="")
            .values("session_id", "outcome")
            .annotate(count=Count("pk"))
            .order_by()
        ):
            outcomes[row["session_id"]][row["outcome"]] = row["count"]
    entries = [
        Entry(
            session=session,
            state=session_state(session),
            done=outcomes[session.pk].get(StepOutcome.DONE, 0),
            skipped=outcomes[session.pk].get(StepOutcome.SKIPPED, 0),
            left_out=outcomes[session.pk].get(StepOutcome.LEFT_OUT, 0),
        )
        for session in rows
    ]
    return HistoryPage(number=number, entries=entries, has_next=has_next)


def session_state(session: PracticeSession) -> str:
    """Finished, abandoned, or unfinished (ready, running or paused): the history's three."""
    state = session.state
    return state if state in {SessionStatus.FINISHED, ABANDONED} else "unfinished"


@dataclass(frozen=True)
class StepRow:
    """One step of a session's snapshot and what happened to it."""

    number: int
    step: dict
    outcome: str  # "done", "skipped", "in progress" or "not reached"
    started_at: datetime | None
    ended_at: datetime | None

    @property
    def seconds_spent(self) -> float | None:
        if self.started_at and self.ended_at:
            return max(0.0, (self.ended_at - self.started_at).total_seconds())
        return None


# What the history and the exports call a step the safety check left out at
# start: not the person's skip.
LEFT_OUT_FOR_SAFETY = "left out for safety"


def step_rows(session: PracticeSession) -> list[StepRow]:
    """Every step the session showed, from its snapshot, with its log; then
    the steps the safety check left out at start, with their reasons."""
    logs = {log.position: log for log in session.logs.all()}
    rows = []
    for position, step in enumerate(session.steps):
        log = logs.get(position)
        outcome = "not reached" if log is None else log.outcome or "in progress"
        rows.append(
            StepRow(
                number=position + 1,
                step=step,
                outcome=outcome,
                started_at=log.started_at if log else None,
                ended_at=log.ended_at if log else None,
            )
        )
    for position, step in enumerate(session.left_out, start=len(session.steps)):
        rows.append(
            StepRow(
                number=position + 1,
                step=step,
                outcome=LEFT_OUT_FOR_SAFETY,
                started_at=None,
                ended_at=None,
            )
        )
    return rows


@dataclass(frozen=True)
class SessionLog:
    """A session with its step log, as its history page shows it."""

    session: PracticeSession
    state: str
    steps: list[StepRow]

    @property
    def done(self) -> int:
        return sum(row.outcome == StepOutcome.DONE for row in self.steps)

    @property
    def skipped(self) -> int:
        return sum(row.outcome == StepOutcome.SKIPPED for row in self.steps)

    @property
    def not_reached(self) -> int:
        return sum(row.outcome == "not reached" for row in self.steps)

    @property
    def left_out(self) -> int:
        return sum(row.outcome == LEFT_OUT_FOR_SAFETY for row in self.steps)


def session_log(session: PracticeSession, now: datetime) -> SessionLog:
    return SessionLog(session=session, state=session_state(session), steps=step_rows(session))
