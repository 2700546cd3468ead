"""Plain functions that build test data in code: no fixtures files."""

import secrets
from datetime import datetime, timedelta
from itertools import count

from django.contrib.auth.models import User
from django.utils import timezone

from catalogue.models import (
    Direction,
    Goal,
    Pressure,
    Program,
    ProgramDay,
    Routine,
    RoutineStep,
    Side,
    Step,
    Technique,
    Zone,
)
from practice.models import PracticeSession, SessionStatus, StepLog, StepOutcome

_serial = count(1)


def make_user(username: str | None = None, **fields) -> User:
    username = username or f"user{next(_serial)}"
    fields.setdefault("email", f"{username}@example.com")
    return User.objects.create_user(username=username, password="correct horse battery", **fields)


def make_technique(**fields) -> Technique:
    n = next(_serial)
    defaults = {
        "name": f"Technique {n}",
        "slug": f"technique-{n}",
        "summary": "A gentle technique.",
        "pressure": Pressure.LIGHT,
        "evidence_note": "Small studies only.",
        "cautions": "Not on broken skin.",
    }
    return Technique.objects.create(**{**defaults, **fields})


def make_step(technique: Technique | None = None, **fields) -> Step:
    n = next(_serial)
    defaults = {
        "title": f"Step {n}",
        "slug": f"step-{n}",
        "zone": Zone.CHEEKS,
        "direction": Direction.OUTWARD,
        "side": Side.BOTH,
        "pressure": Pressure.LIGHT,
        "duration_seconds": 30,
        "instruction": "Glide outward from the nose to the ear.",
        "cue": "Cheeks, outward.",
    }
    return Step.objects.create(technique=technique or make_technique(), **{**defaults, **fields})


def make_routine(steps: int | list[Step] = 3, **fields) -> Routine:
    """A published curated routine with `steps` new steps (or the given ones)."""
    n = next(_serial)
    defaults = {
        "title": f"Routine {n}",
        "slug": f"routine-{n}",
        "goal": Goal.DEPUFF,
        "is_published": True,
    }
    routine = Routine.objects.create(**{**defaults, **fields})
    if isinstance(steps, int):
        technique = make_technique()
        steps = [make_step(technique, title=f"Step {i} of {n}") for i in range(1, steps + 1)]
    RoutineStep.objects.bulk_create(
        RoutineStep(routine=routine, step=step, position=position)
        for position, step in enumerate(steps, start=1)
    )
    return routine


def make_own_routine(owner: User, steps: int | list[Step] = 3, **fields) -> Routine:
    """A person's private routine (not published, not curated)."""
    return make_routine(steps, owner=owner, is_published=False, **fields)


def make_lymphatic_technique() -> Technique:
    """The technique whose steps must follow the drainage order, found by its slug."""
    return make_technique(name="Lymphatic drainage", slug="lymphatic-drainage")


def snapshot_step(title: str, seconds: int = 60) -> dict:
    """One step as a session's snapshot stores it."""
    return {
        "title": title,
        "technique": "Lymphatic drainage",
        "zone": Zone.NECK,
        "zone_label": "Neck",
        "direction": Direction.DOWNWARD,
        "direction_label": "Downward",
        "side": Side.BOTH,
        "side_label": "Both sides",
        "pressure": Pressure.FEATHER,
        "pressure_label": "Feather-light",
        "stroke_count": None,
        "instruction": "Stroke gently down the side of the neck.",
        "cue": "Neck, downward.",
        "duration_seconds": seconds,
    }


def build_session(
    user,
    started_at: datetime,
    *,
    minutes: float = 10,
    paused_seconds: float = 0.0,
    status: str = SessionStatus.FINISHED,
    routine: Routine | None = None,
    routine_title: str = "Morning de-puff",
    steps: int = 3,
    before: int | None = None,
    after: int | None = None,
    notes: str = "",
    guest_token: str = "",
) -> PracticeSession:
    """An unsaved session that started at `started_at`, for bulk_create.

    Without a user it is a guest's: `guest_token`, or one made up."""
    finished = status == SessionStatus.FINISHED
    return PracticeSession(
        user=user,
        guest_token="" if user else guest_token or secrets.token_hex(16),
        routine=routine,
        routine_title=routine_title,
        steps=[snapshot_step(f"{routine_title}, step {n}") for n in range(1, steps + 1)],
        status=status,
        position=steps - 1 if finished else 0,
        created_at=started_at,
        started_at=None if status == SessionStatus.READY else started_at,
        finished_at=started_at + timedelta(minutes=minutes) if finished else None,
        last_activity_at=started_at,
        paused_seconds=paused_seconds,
        puffiness_before=before,
        puffiness_after=after,
        notes=notes,
    )


def _step_logs(session: PracticeSession, outcomes: list[str]) -> list[StepLog]:
    start = session.started_at
    logs = []
    for position, outcome in enumerate(outcomes):
        ends = start + timedelta(seconds=session.steps[position]["duration_seconds"])
        logs.append(
            StepLog(
                session=session,
                position=position,
                started_at=start,
                ended_at=ends if outcome else None,
                outcome=outcome,
            )
        )
        start = ends
    return logs


def make_session(
    user, started_at: datetime | None = None, *, outcomes: list[str] | None = None, **fields
) -> PracticeSession:
    """A session as the player would have left it, built directly.

    Finished sessions have every step done unless `outcomes` says otherwise;
    unfinished ones are at their first step, which is in progress.
    """
    session = build_session(user, started_at or timezone.now(), **fields)
    session.save()
    if outcomes is None:
        if session.status == SessionStatus.FINISHED:
            outcomes = [StepOutcome.DONE] * session.step_count
        elif session.status == SessionStatus.READY:
            outcomes = []
        else:
            outcomes = [""]
    StepLog.objects.bulk_create(_step_logs(session, outcomes))
    return session


def make_sessions(
    user, number: int, *, last: datetime | None = None, every=timedelta(hours=9), **fields
) -> list[PracticeSession]:
    """`number` finished sessions, one every `every` back from `last`, in bulk.

    Every other session is rated 4 before and 2 after; every step is done.
    """
    last = last or timezone.now() - timedelta(minutes=30)
    sessions = [
        build_session(
            user,
            last - every * n,
            before=4 if n % 2 else None,
            after=2 if n % 2 else None,
            **fields,
        )
        for n in range(number)
    ]
    sessions = PracticeSession.objects.bulk_create(sessions, batch_size=1000)
    StepLog.objects.bulk_create(
        (
            log
            for session in sessions
            for log in _step_logs(session, [StepOutcome.DONE] * session.step_count)
        ),
        batch_size=2000,
    )
    return sessions


def make_program(days: int | list[Routine | None] = 3, **fields) -> Program:
    """A published program: `days` in order (None for a rest day), or that many new
    one-step routines."""
    n = next(_serial)
    defaults = {
        "title": f"Program {n}",
        "slug": f"program-{n}",
        "goal": Goal.DEPUFF,
        "description": "A week of mornings.",
        "evidence_note": "A temporary de-puff.",
        "is_published": True,
    }
    program = Program.objects.create(**{**defaults, **fields})
    if isinstance(days, int):
        days = [make_routine(steps=1, title=f"Day {i} of {n}") for i in range(1, days + 1)]
    ProgramDay.objects.bulk_create(
        ProgramDay(program=program, routine=routine, position=position)
        for position, routine in enumerate(days, start=1)
    )
    return program


def answer_safety_check(user, answers) -> None:
    """Store `answers` (a catalogue.safety.Answers) as the user's safety check."""
    from accounts.models import SafetyCheck

    SafetyCheck.objects.update_or_create(user=user, defaults={"answers": answers.to_dict()})


def begin_after_lead_in(session: PracticeSession) -> None:
    """Press Start one lead-in ago: the first step's countdown has just begun, so a
    Next now finishes it (during the lead-in, Next starts it instead)."""
    from practice import player
    from practice.models import LEAD_IN_SECONDS

    player.begin(session, 0, now=timezone.now() - timedelta(seconds=LEAD_IN_SECONDS))


def practise(
    session: PracticeSession, presses: list[tuple[str, int]], *, seconds: int = 20
) -> None:
    """Press Start, then each (control, position) in turn, `seconds` of practice
    apart, the last one now: each step a Next or Finish ends counts as done
    (practice/history.py DONE_MINIMUM_SECONDS)."""
    from practice import player
    from practice.models import LEAD_IN_SECONDS

    started = timezone.now() - timedelta(seconds=LEAD_IN_SECONDS + seconds * len(presses))
    player.begin(session, 0, now=started)
    for pressed_count, (control, position) in enumerate(presses, start=1):
        pressed = started + timedelta(seconds=LEAD_IN_SECONDS + seconds * pressed_count)
        getattr(player, control)(session, position, now=pressed)
