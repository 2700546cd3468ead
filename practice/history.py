"""
A person's sessions, looked back on: the history's list, page by page, and
one session with its step log. The figures above the list are
practice/stats.py, its calendar and chart practice/charts.py.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property

from .models import ABANDONED, PracticeSession, SessionStatus, StepLog, StepOutcome
from .models.snapshots import keep_steps_of

SESSIONS_PER_PAGE = 20

# "Done" in the history means practised for a while, not passed by: "6 done"
# should be six steps a person actually worked on, and Next pressed two
# seconds into a step is moving past it. A step counts as done once it ran
# this long, or all of it when it is planned shorter (the shortest a step can
# be is 5 s). Ten seconds is half the shortest curated step, a few strokes of
# any. Measured in whole seconds, as the page shows the time spent.
DONE_MINIMUM_SECONDS = 10
DONE_RULE = (
    f"A step counts as done after {DONE_MINIMUM_SECONDS} seconds of practice"
    " (a shorter step, all of it)."
)
# What the history calls a step ended as done before that.
TOO_SHORT = "too short"


def counts_as_done(seconds_spent: float | None, planned_seconds: int) -> bool:
    """Whether a step logged as done ran long enough to count (DONE_MINIMUM_SECONDS)."""
    if seconds_spent is None:
        return True  # no times to judge by: the log's word stands
    return round(seconds_spent) >= min(DONE_MINIMUM_SECONDS, planned_seconds)


def _seconds_between(started: datetime | None, ended: datetime | None) -> float | None:
    if started and ended:
        return max(0.0, (ended - started).total_seconds())
    return None


def _planned_seconds(session: PracticeSession, position: int) -> int:
    steps = session.steps
    return steps[position]["duration_seconds"] if position < len(steps) else 0


class PageOutcomes:
    """What happened to the steps of a page's sessions, read at the first
    question: a page whose entries all come from the template's cache never
    reads its step logs. One query, however many sessions."""

    def __init__(self, sessions: list[PracticeSession]):
        self.sessions = sessions

    @cached_property
    def by_session(self) -> dict[int, Counter]:
        outcomes: dict[int, Counter] = defaultdict(Counter)
        if not self.sessions:
            return outcomes
        by_pk = {session.pk: session for session in self.sessions}
        keep_steps_of(session.snapshot_id for session in self.sessions)
        logs = (
            StepLog.objects.filter(session__in=list(by_pk))
            .exclude(outcome="")
            .values_list("session_id", "position", "outcome", "started_at", "ended_at")
            .order_by()
        )
        for session_id, position, outcome, started, ended in logs:
            session = by_pk[session_id]
            if outcome == StepOutcome.DONE and not counts_as_done(
                _seconds_between(started, ended), _planned_seconds(session, position)
            ):
                outcome = TOO_SHORT
            outcomes[session_id][outcome] += 1
        return outcomes


@dataclass(frozen=True)
class Entry:
    """One session as the history lists it: its steps' outcomes are read when asked."""

    session: PracticeSession
    state: str  # "finished", "unfinished" or "abandoned"
    outcomes: PageOutcomes

    def _count(self, outcome: str) -> int:
        return self.outcomes.by_session[self.session.pk][outcome]

    @property
    def done(self) -> int:
        """Practised for at least DONE_MINIMUM_SECONDS."""
        return self._count(StepOutcome.DONE)

    @property
    def skipped(self) -> int:
        return self._count(StepOutcome.SKIPPED)

    @property
    def left_out(self) -> int:
        return self._count(StepOutcome.LEFT_OUT)

    @property
    def too_short(self) -> int:
        """Ended as done, but sooner than that."""
        return self._count(TOO_SHORT)


@dataclass(frozen=True)
class HistoryPage:
    number: int
    entries: list[Entry]
    has_next: bool
    done_rule: str = DONE_RULE

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

    Two queries at most, whatever the page: the page (one row more than it
    shows, to know whether there is an older page; no COUNT of every
    session), and, when an entry's figures are first asked for, the ended
    steps of its sessions, with their times, to tell done from too short
    against each step's planned length (PageOutcomes); plus one for the
    page's step snapshots that this process has not read yet, if any.
    """
    start = (number - 1) * SESSIONS_PER_PAGE
    sessions = PracticeSession.objects.filter(user=user).order_by("-created_at", "-pk")
    rows = list(sessions[start : start + SESSIONS_PER_PAGE + 1])
    has_next = len(rows) > SESSIONS_PER_PAGE
    rows = rows[:SESSIONS_PER_PAGE]
    outcomes = PageOutcomes(rows)
    entries = [Entry(session, session_state(session), outcomes) for session in rows]
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
    # "done", "too short", "skipped", "in progress", "not reached" or
    # "left out for safety"
    outcome: str
    started_at: datetime | None
    ended_at: datetime | None

    @property
    def seconds_spent(self) -> float | None:
        return _seconds_between(self.started_at, self.ended_at)


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
        row = StepRow(
            number=position + 1,
            step=step,
            outcome=outcome,
            started_at=log.started_at if log else None,
            ended_at=log.ended_at if log else None,
        )
        if outcome == StepOutcome.DONE and not counts_as_done(
            row.seconds_spent, step["duration_seconds"]
        ):
            row = replace(row, outcome=TOO_SHORT)
        rows.append(row)
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
    done_rule: str = DONE_RULE

    @property
    def done(self) -> int:
        """Steps practised for at least DONE_MINIMUM_SECONDS."""
        return sum(row.outcome == StepOutcome.DONE for row in self.steps)

    @property
    def too_short(self) -> int:
        return sum(row.outcome == TOO_SHORT for row in self.steps)

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
