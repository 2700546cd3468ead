"""
Realistic data for the benchmarks, and what a load generator needs to act as a member.

    DJANGO_SETTINGS_MODULE=benchmarks.settings python -m benchmarks.seed var/bench/seed.json

Run after `migrate`. It loads the curated content and (re)creates 100 members
named bench-000 … bench-099, replacing any earlier bench members and all their
sessions, so it can run again on the same database. Among them:

- bench-000 has practised 10,000 times, every 4 hours (about 4.5 years);
- bench-001 has practised 10 times, once a day;
- bench-002 is half-way through Morning de-puff (the player page);
- bench-010 to bench-017 each have sessions of Classic facial massage begun
  and at their first step, one member per load-generator connection, for
  the step-advance load;
- bench-003 owns a 10-minute routine (20 steps of 30 s) for the timer-drift run.

Finished sessions are real snapshots of the curated routines, every step
logged, most rated, all in Europe/Berlin. Members log in through a session
made here, so the load generator sends a cookie rather than a password.
"""

import argparse
import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

from accounts.models import Profile  # noqa: E402
from catalogue.management.commands.load_content import load_curated_content  # noqa: E402
from catalogue.models import Routine, RoutineStep, Step  # noqa: E402
from practice import player  # noqa: E402
from practice.models import (  # noqa: E402
    LEAD_IN_SECONDS,
    PracticeSession,
    SessionStatus,
    Snapshot,
    StepLog,
    StepOutcome,
)

MEMBERS = 100
ZONE = "Europe/Berlin"
ADVANCE_USERS_FROM = 10
CONNECTIONS = 8  # the load generator's connections; benchmarks/bench.py uses the same
ADVANCES_PER_CONNECTION = 4000  # more than a connection can post in a measurement
DRIFT_STEPS, DRIFT_STEP_SECONDS = 20, 30
CURATED = ["morning-de-puff", "gua-sha-sculpt", "facial-yoga-forehead", "evening-face-roller"]


def one_lead_in_ago():
    """Begun this long ago, a session is at its first step: a Next moves on (not the lead-in's)."""
    return timezone.now() - timedelta(seconds=LEAD_IN_SECONDS)


def member(n: int):
    User = get_user_model()
    user = User(username=f"bench-{n:03}", email=f"bench-{n:03}@example.com")
    user.set_unusable_password()
    return user


def login_cookie(user) -> str:
    """A session in which `user` is logged in, as the login view would make it."""
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.UsernameOrEmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def finished_sessions(user, number: int, every: timedelta) -> None:
    """`number` finished sessions of the curated routines, the newest 30 minutes ago."""
    routines = [Routine.objects.get(slug=slug) for slug in CURATED]
    # Each routine's steps stored once, shared by its sessions (practice/models/snapshots.py).
    snapshots = [(routine, Snapshot.of(player.snapshot_steps(routine))) for routine in routines]
    newest = timezone.now() - timedelta(minutes=30)
    sessions = []
    for n in range(number):
        routine, snapshot = snapshots[n % len(snapshots)]
        steps = snapshot.steps
        started = newest - every * n
        seconds = sum(step["duration_seconds"] for step in steps)
        sessions.append(
            PracticeSession(
                user=user,
                routine=routine,
                routine_title=routine.title,
                snapshot=snapshot,
                status=SessionStatus.FINISHED,
                position=len(steps) - 1,
                revision=len(steps) + 1,
                created_at=started,
                started_at=started,
                finished_at=started + timedelta(seconds=seconds + 20),
                last_activity_at=started + timedelta(seconds=seconds + 20),
                paused_seconds=20,
                puffiness_before=None if n % 5 == 0 else 3 + n % 3,
                puffiness_after=None if n % 5 == 0 else 1 + n % 3,
                notes="Felt lighter around the eyes." if n % 7 == 0 else "",
            )
        )
    sessions = PracticeSession.objects.bulk_create(sessions, batch_size=500)
    logs = []
    for session in sessions:
        start = session.started_at
        for position, step in enumerate(session.steps):
            end = start + timedelta(seconds=step["duration_seconds"])
            logs.append(
                StepLog(
                    session=session,
                    position=position,
                    started_at=start,
                    ended_at=end,
                    outcome=StepOutcome.SKIPPED
                    if position == 3 and session.pk % 9 == 0
                    else StepOutcome.DONE,
                )
            )
            start = end
    StepLog.objects.bulk_create(logs, batch_size=2000)


def running_sessions(user, routine: Routine) -> dict:
    """Enough sessions of `routine`, begun and at their first step, for one connection."""
    template = player.start_session(routine, user=user)
    player.begin(template, 0, now=one_lead_in_ago())
    number = -(-ADVANCES_PER_CONNECTION // (template.step_count - 1))
    copies = PracticeSession.objects.bulk_create(
        PracticeSession(
            user=user,
            routine=routine,
            routine_title=template.routine_title,
            snapshot_id=template.snapshot_id,
            status=template.status,
            revision=template.revision,
            started_at=template.started_at,
            deadline=template.deadline,
        )
        for _ in range(number - 1)
    )
    sessions = [template, *copies]
    StepLog.objects.bulk_create(
        StepLog(session=session, position=0, started_at=template.started_at) for session in copies
    )
    return {
        "cookie": login_cookie(user),
        "sessions": [session.pk for session in sessions],
        "steps": template.step_count,
    }


def drift_routine(owner) -> Routine:
    routine = Routine.objects.create(
        title="Ten-minute timer check",
        slug="bench-ten-minutes",
        goal=Routine.objects.get(slug="classic-facial-massage").goal,
        owner=owner,
        is_published=False,
    )
    steps = list(Step.objects.order_by("pk")[:DRIFT_STEPS])
    RoutineStep.objects.bulk_create(
        RoutineStep(routine=routine, step=step, position=n, duration_override=DRIFT_STEP_SECONDS)
        for n, step in enumerate(steps)
    )
    return routine


@transaction.atomic
def seed() -> dict:
    load_curated_content()
    User = get_user_model()
    User.objects.filter(username__startswith="bench-").delete()
    Routine.objects.filter(slug="bench-ten-minutes").delete()
    members = User.objects.bulk_create(member(n) for n in range(MEMBERS))
    members = list(User.objects.filter(username__startswith="bench-").order_by("username"))
    Profile.objects.bulk_create(Profile(user=user, timezone=ZONE) for user in members)

    finished_sessions(members[0], 10_000, every=timedelta(hours=4))
    finished_sessions(members[1], 10, every=timedelta(days=1))
    for user in members[:2]:  # as finishing their last session through the player did
        Profile.objects.note_practice_changed(user.pk)

    morning = Routine.objects.get(slug="morning-de-puff")
    playing = player.start_session(morning, user=members[2])
    player.begin(playing, 0, now=one_lead_in_ago())
    player.advance(playing, 0)
    player.advance(playing, 1)

    massage = Routine.objects.get(slug="classic-facial-massage")
    advancers = [
        running_sessions(user, massage)
        for user in members[ADVANCE_USERS_FROM : ADVANCE_USERS_FROM + CONNECTIONS]
    ]

    drift = drift_routine(members[3])
    return {
        "csrf_token": secrets.token_hex(16),  # 32 characters: Django's unmasked form
        "members": {
            "ten_thousand": login_cookie(members[0]),
            "ten": login_cookie(members[1]),
            "player": login_cookie(members[2]),
            "drift": login_cookie(members[3]),
        },
        "urls": {
            "routine": morning.get_absolute_url(),
            "player": playing.get_absolute_url(),
            "drift_routine": drift.get_absolute_url(),
        },
        "drift_seconds": DRIFT_STEPS * DRIFT_STEP_SECONDS,
        "advancers": advancers,
    }


def analyze() -> None:
    """Planner statistics, as a database in use has them (PostgreSQL's autovacuum,
    which also marks the new rows visible for index-only scans)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="where to write what the seed made, as JSON")
    out = parser.parse_args(argv).out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(seed(), indent=1))
    analyze()


if __name__ == "__main__":
    main()
