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

from django.db import transaction
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
    """Write `changes` if the session is still where this request saw it."""
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


def _start_step_log(session: PracticeSession, position: int, started_at: datetime) -> None:
    StepLog.objects.bulk_create(
        [StepLog(session=session, position=position, started_at=started_at)],
        update_conflicts=True,
        unique_fields=["session", "position"],
        update_fields=["started_at", "ended_at", "outcome"],
    )


def _end_step_log(session: PracticeSession, position: int, outcome: str, now: datetime) -> None:
    StepLog.objects.filter(session=session, position=position).update(
        ended_at=now, outcome=outcome
    )


def _overdue_seconds(session: PracticeSession, now: datetime) -> float:
    """Time a running step has sat at zero with nobody moving on: not practice."""
    if session.status != SessionStatus.RUNNING or session.deadline is None:
        return 0.0
    return max(0.0, (now - session.deadline).total_seconds())


def _step_ms(session: PracticeSession, position: int) -> int:
    return session.steps[position]["duration_seconds"] * 1000


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
    _start_step_log(session, 0, now + lead_in)
    return True


@transaction.atomic
def advance(
    session: PracticeSession,
    position: int,
    *,
    outcome: str = StepOutcome.DONE,
    auto: bool = False,
    now: datetime | None = None,
) -> bool:
    """Next or Skip: end this step with `outcome` and start the following one.

    From the last step this finishes the session. While paused, the next
    step waits, paused, at its full length.
    """
    now = now or timezone.now()
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
        else:
            changes["paused_seconds"] = session.paused_seconds + _overdue_seconds(session, now)
        changes["deadline"] = step_starts + timedelta(milliseconds=_step_ms(session, following))
    if not _apply(session, position, OPEN, changes, now):
        return False
    _end_step_log(session, position, outcome, step_starts)
    _start_step_log(session, following, step_starts)
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
    _start_step_log(session, previous, now)
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
    """Finish: end the current step and the session; later steps stay unreached."""
    now = now or timezone.now()
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
    _end_step_log(session, position, outcome, now)
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
