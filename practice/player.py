"""
The player's state machine: ready → running ⇄ paused → finished.

Each control names the position the browser believes is current. A change is
applied with one conditional UPDATE that also requires the revision this
request read, so a duplicate, a retry or a second tab finds the row already
moved on and changes nothing; the caller simply shows the current state.
Session and step-log writes share one transaction, so a step is never half
logged, and the (session, position) unique constraint backs the log.

That UPDATE goes through the sessions' one door for writes
(PracticeSessionQuerySet.update_practice), which also sets updated_at and
notes the change on the owner's profile in the same transaction, so that the
history never shows figures from before it.

Every function takes `now` so tests can drive the clock.
"""

from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from catalogue.models import Routine, RoutineStep, Step
from catalogue.safety import AdaptedRoutine, Answers, adapt_routine

from .models import (
    GUEST_TOKEN_SESSION_KEY,
    LEAD_IN_SECONDS,
    PracticeSession,
    SessionStatus,
    StepLog,
    StepOutcome,
)

# An auto-advance that arrives this soon after the deadline starts the next
# step at the deadline, so network time never adds up over a routine.
AUTO_ADVANCE_GRACE = timedelta(seconds=5)

OPEN = {SessionStatus.RUNNING, SessionStatus.PAUSED}


class EmptyRoutineError(ValueError):
    """A routine without steps cannot be practised."""


class NotOfferedTodayError(ValueError):
    """The safety check leaves out every step of the routine today."""

    def __init__(self, adapted: AdaptedRoutine):
        super().__init__("Every step is left out for safety today.")
        self.adapted = adapted


def _routine_steps(routine: Routine) -> list[RoutineStep]:
    return list(RoutineStep.objects.filter(routine=routine).select_related("step__technique"))


def snapshot_step(step: Step, duration_seconds: int) -> dict:
    """One step as plain data, frozen into the session at start."""
    return {
        "title": step.title,
        "technique": step.technique.name,
        "zone": step.zone,
        "zone_label": step.get_zone_display(),
        "direction": step.direction,
        "direction_label": step.get_direction_display(),
        "side": step.side,
        "side_label": step.get_side_display(),
        "pressure": step.pressure,
        "pressure_label": step.get_pressure_display(),
        "stroke_count": step.stroke_count,
        "instruction": step.instruction,
        "cue": step.cue,
        "duration_seconds": duration_seconds,
    }


def snapshot_steps(routine: Routine) -> list[dict]:
    """The routine's steps as written, as plain data."""
    return [snapshot_step(rs.step, rs.duration_seconds) for rs in _routine_steps(routine)]


@transaction.atomic
def start_session(
    routine: Routine,
    *,
    user=None,
    guest_token: str = "",
    answers: Answers | None = None,
    now: datetime | None = None,
) -> PracticeSession:
    """
    A new session of `routine` adapted to the person's safety `answers` on
    their local today, ready for its Start button. The snapshot holds the
    steps to play (a hands alternative in place of a tool they do not own);
    the steps left out are kept beside it with their reasons and logged as
    left out for safety, in the same transaction.
    """
    now = now or timezone.now()
    routine_steps = _routine_steps(routine)
    if not routine_steps:
        raise EmptyRoutineError(f"{routine} has no steps.")
    adapted = adapt_routine(routine_steps, answers or Answers(), timezone.localdate(now))
    if not adapted.is_offered:
        raise NotOfferedTodayError(adapted)
    steps = [snapshot_step(step, seconds) for _, step, seconds in adapted.played]
    left_out = [
        {
            **snapshot_step(rs.step, rs.duration_seconds),
            "reasons": list(reasons),
            "routine_position": routine_steps.index(rs) + 1,
        }
        for rs, reasons in adapted.left_out
    ]
    session = PracticeSession.objects.create(
        user=user if user and user.is_authenticated else None,
        guest_token="" if user and user.is_authenticated else guest_token,
        routine=routine,
        routine_title=routine.title,
        steps=steps,
        left_out=left_out,
        created_at=now,
        last_activity_at=now,
    )
    StepLog.objects.bulk_create(
        StepLog(
            session=session,
            position=len(steps) + number,
            started_at=now,
            ended_at=now,
            outcome=StepOutcome.LEFT_OUT,
        )
        for number in range(len(left_out))
    )
    return session


def _apply(session: PracticeSession, position: int, allowed: set, changes: dict, now) -> bool:
    """Write `changes` if the session is still where this request saw it.

    Only the columns that change are written, in one UPDATE that applies only
    to the revision and position read here.
    """
    if session.position != position or session.status not in allowed:
        return False
    changes = {**changes, "revision": session.revision + 1, "last_activity_at": now}
    unchanged = PracticeSession.objects.filter(
        pk=session.pk, revision=session.revision, position=position
    )
    # The revision pins the row to the state read here: an open session stays
    # open unless this change finishes it, which is when the figures change.
    if changes.get("status") == SessionStatus.FINISHED:
        applied = unchanged.update_practice(**changes)
    else:
        applied = unchanged.update_progress(**changes)
    if not applied:
        session.refresh_from_db()
        return False
    for field, value in changes.items():
        setattr(session, field, value)
    return True


def _log_steps(
    session: PracticeSession,
    at: datetime,
    *,
    ended: int | None = None,
    outcome: str = "",
    started: int | None = None,
) -> None:
    """
    End step `ended` with `outcome` and start step `started`, both at `at`,
    in one statement: an upsert on the (session, position) constraint, so a
    step change writes its log rows at once, in the caller's transaction.

    A started step's row starts at `at` (again, after Back) and is open. An
    ended step's row keeps the start it has, unless that lies after `at`: a
    step ended during the get-ready lead-in, before it was due to begin, is
    logged as starting when it ended, so no row ends before it starts (the
    steplog_ends_after_it_starts constraint). A row that is missing is
    written from `at` too.
    """
    rows, params = [], []
    adapt = connection.ops.adapt_datetimefield_value
    if ended is not None:
        rows.append("(%s, %s, %s, %s, %s)")
        params += [session.pk, ended, adapt(at), adapt(at), outcome]
    if started is not None:
        rows.append("(%s, %s, %s, NULL, '')")
        params += [session.pk, started, adapt(at)]
    quote = connection.ops.quote_name
    table = quote(StepLog._meta.db_table)
    # Plain SQL, as Django's bulk_create cannot keep an existing start; the
    # same statement runs on SQLite (3.24+) and PostgreSQL.
    sql = (
        f"INSERT INTO {table} (session_id, position, started_at, ended_at, outcome) "
        f"VALUES {', '.join(rows)} "
        "ON CONFLICT (session_id, position) DO UPDATE SET "
        "started_at = CASE WHEN excluded.ended_at IS NULL "
        f"OR {table}.started_at > excluded.ended_at "
        f"THEN excluded.started_at ELSE {table}.started_at END, "
        "ended_at = excluded.ended_at, outcome = excluded.outcome"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _overdue_seconds(session: PracticeSession, now: datetime) -> float:
    """Time a running step has sat at zero with nobody moving on: not practice."""
    if session.status != SessionStatus.RUNNING or session.deadline is None:
        return 0.0
    return max(0.0, (now - session.deadline).total_seconds())


def _step_ms(session: PracticeSession, position: int) -> int:
    return session.steps[position]["duration_seconds"] * 1000


def lead_in_ms(session: PracticeSession, now: datetime) -> int:
    """What is left of the get-ready lead-in before the first step: 0 once it has begun."""
    if session.position != 0 or session.status not in OPEN:
        return 0
    return max(0, session.remaining_ms_at(now) - _step_ms(session, 0))


@transaction.atomic
def begin(
    session: PracticeSession,
    position: int,
    *,
    puffiness_before: int | None = None,
    now: datetime | None = None,
) -> bool:
    """Start: a short lead-in, then the first step's countdown."""
    now = now or timezone.now()
    lead_in = timedelta(seconds=LEAD_IN_SECONDS)
    changes = {
        "status": SessionStatus.RUNNING,
        "started_at": now,
        "deadline": now + lead_in + timedelta(milliseconds=_step_ms(session, 0)),
    }
    if puffiness_before is not None:
        changes["puffiness_before"] = puffiness_before
    if not _apply(session, position, {SessionStatus.READY}, changes, now):
        return False
    _log_steps(session, now + lead_in, started=0)
    return True


@transaction.atomic
def advance(
    session: PracticeSession,
    position: int,
    *,
    outcome: str = StepOutcome.DONE,
    auto: bool = False,
    seen_in_lead_in: int | None = None,
    now: datetime | None = None,
) -> bool:
    """Next or Skip: end this step with `outcome` and start the following one.

    From the last step this finishes the session. While paused, the next
    step waits, paused, at its full length.

    During the get-ready lead-in, a press of Next starts the first step now,
    at its full length (Skip skips it, Finish leaves it unreached). That
    keeps the position, so a Next pressed in the lead-in names the revision
    it saw there (`seen_in_lead_in`): once the lead-in is over, such a Next
    applies only if nothing has changed since, so its duplicate, retry or
    second tab does not also count as the first step done. An auto-advance
    is the browser's countdown at zero: it moves on, whatever the clocks say.
    """
    now = now or timezone.now()
    if outcome == StepOutcome.DONE and session.position == position == 0 and not auto:
        if lead_in_ms(session, now):
            return _start_first_step(session, position, now)
        if seen_in_lead_in is not None and seen_in_lead_in != session.revision:
            return False
    if position == session.step_count - 1 and session.position == position:
        return finish(session, position, outcome=outcome, now=now)
    if not 0 <= position < session.step_count - 1:
        return False
    following = position + 1
    changes: dict = {"position": following}
    step_starts = now
    if session.status == SessionStatus.PAUSED:
        changes["remaining_ms"] = _step_ms(session, following)
    elif session.status == SessionStatus.RUNNING:
        due = session.deadline
        if auto and due and due <= now <= due + AUTO_ADVANCE_GRACE:
            step_starts = due
        elif idle := _overdue_seconds(session, now):
            changes["paused_seconds"] = session.paused_seconds + idle
        changes["deadline"] = step_starts + timedelta(milliseconds=_step_ms(session, following))
    if not _apply(session, position, OPEN, changes, now):
        return False
    _log_steps(session, step_starts, ended=position, outcome=outcome, started=following)
    return True


def _start_first_step(session: PracticeSession, position: int, now: datetime) -> bool:
    """Cut the lead-in short: the first step begins now (or waits, paused, at its length)."""
    step_ms = _step_ms(session, position)
    if session.status == SessionStatus.PAUSED:
        changes: dict = {"remaining_ms": step_ms}
    else:
        changes = {"deadline": now + timedelta(milliseconds=step_ms)}
    if not _apply(session, position, OPEN, changes, now):
        return False
    _log_steps(session, now, started=position)
    return True


def skip(session: PracticeSession, position: int, *, now: datetime | None = None) -> bool:
    return advance(session, position, outcome=StepOutcome.SKIPPED, now=now)


@transaction.atomic
def go_back(session: PracticeSession, position: int, *, now: datetime | None = None) -> bool:
    """Back: return to the previous step and do it again from its start."""
    now = now or timezone.now()
    if position < 1:
        return False
    previous = position - 1
    changes: dict = {"position": previous}
    if session.status == SessionStatus.PAUSED:
        changes["remaining_ms"] = _step_ms(session, previous)
    else:
        changes["paused_seconds"] = session.paused_seconds + _overdue_seconds(session, now)
        changes["deadline"] = now + timedelta(milliseconds=_step_ms(session, previous))
    if not _apply(session, position, OPEN, changes, now):
        return False
    # The step being left was not finished: it is logged again when reached.
    StepLog.objects.filter(session=session, position=position).delete()
    _log_steps(session, now, started=previous)
    return True


@transaction.atomic
def pause(session: PracticeSession, position: int, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if session.status != SessionStatus.RUNNING:
        return False
    remaining_ms = session.remaining_ms_at(now)
    changes = {
        "status": SessionStatus.PAUSED,
        "remaining_ms": remaining_ms,
        "deadline": None,
        # A step that already ran out was idle since its deadline.
        "paused_at": min(now, session.deadline) if remaining_ms else session.deadline,
    }
    return _apply(session, position, {SessionStatus.RUNNING}, changes, now)


@transaction.atomic
def resume(session: PracticeSession, position: int, *, now: datetime | None = None) -> bool:
    """Resume a paused session, or one abandoned while running (its step restarts)."""
    now = now or timezone.now()
    if session.status == SessionStatus.PAUSED:
        idle_since, remaining_ms = session.paused_at, session.remaining_ms
    elif session.status == SessionStatus.RUNNING and session.is_abandoned(now):
        idle_since, remaining_ms = session.deadline, _step_ms(session, position)
    else:
        return False
    changes = {
        "status": SessionStatus.RUNNING,
        "deadline": now + timedelta(milliseconds=remaining_ms),
        "remaining_ms": None,
        "paused_at": None,
        "paused_seconds": session.paused_seconds + max(0.0, (now - idle_since).total_seconds()),
    }
    return _apply(session, position, {session.status}, changes, now)


@transaction.atomic
def finish(
    session: PracticeSession,
    position: int,
    *,
    outcome: str = StepOutcome.DONE,
    now: datetime | None = None,
) -> bool:
    """Finish: end the current step and the session; later steps stay unreached.

    Finished during the get-ready lead-in, the first step was never begun:
    it stays unreached too, and the routine does not count as done.
    """
    now = now or timezone.now()
    unbegun = outcome == StepOutcome.DONE and lead_in_ms(session, now) > 0
    idle = _overdue_seconds(session, now)
    if session.status == SessionStatus.PAUSED and session.paused_at:
        idle = (now - session.paused_at).total_seconds()
    changes = {
        "status": SessionStatus.FINISHED,
        "finished_at": now,
        "deadline": None,
        "remaining_ms": None,
        "paused_at": None,
        "paused_seconds": session.paused_seconds + idle,
    }
    if not _apply(session, position, OPEN, changes, now):
        return False
    if unbegun:
        StepLog.objects.filter(session=session, position=position).delete()
        return True
    _log_steps(session, now, ended=position, outcome=outcome)
    # It may complete today's day of the member's programs.
    from practice.programs import record_finished

    record_finished(session)
    return True


def claim_guest_sessions(sender, request, user, **kwargs) -> None:
    """On login or signup, move this browser's guest sessions to the account."""
    token = request.session.get(GUEST_TOKEN_SESSION_KEY)
    if token:
        PracticeSession.objects.filter(user__isnull=True, guest_token=token).update_practice(
            user=user, guest_token=""
        )
