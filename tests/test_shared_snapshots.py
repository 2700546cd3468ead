"""
Sessions share their steps: one content-addressed snapshot per routine
version (practice/models/snapshots.py), and the migration that moved every
existing session's own copy into them keeps each session's steps exactly.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalogue.models import RoutineStep
from practice import player
from practice.models import PracticeSession, SessionStatus, Snapshot
from practice.models.snapshots import digest_of
from tests.factories import make_routine

pytestmark = pytest.mark.django_db


def test_sessions_of_the_same_routine_version_share_one_snapshot(user, other_user):
    routine = make_routine(steps=4)

    first = player.start_session(routine, user=user)
    second = player.start_session(routine, user=other_user)

    assert first.snapshot_id == second.snapshot_id
    assert Snapshot.objects.count() == 1
    assert PracticeSession.objects.get(pk=second.pk).steps == player.snapshot_steps(routine)


def test_a_changed_routine_gets_a_new_snapshot_and_old_sessions_keep_theirs(user):
    routine = make_routine(steps=3)
    before = player.start_session(routine, user=user)
    played = [step["duration_seconds"] for step in before.steps]

    RoutineStep.objects.filter(routine=routine, position=1).update(duration_override=90)
    after = player.start_session(routine, user=user)

    assert after.snapshot_id != before.snapshot_id
    assert Snapshot.objects.count() == 2
    assert after.steps[0]["duration_seconds"] == 90
    assert [s["duration_seconds"] for s in PracticeSession.objects.get(pk=before.pk).steps] == (
        played
    )


def test_a_snapshot_is_named_by_its_content():
    steps = [{"title": "Open the neck", "duration_seconds": 30}]
    reordered = [{"duration_seconds": 30, "title": "Open the neck"}]

    assert digest_of(steps) == digest_of(reordered)
    assert digest_of(steps) != digest_of([{**steps[0], "duration_seconds": 31}])
    assert Snapshot.of(steps).pk == Snapshot.of(reordered).pk == digest_of(steps)
    assert Snapshot.objects.count() == 1


def test_a_snapshot_in_use_cannot_be_deleted_and_deleting_a_session_keeps_it(user):
    from django.db.models import ProtectedError

    session = player.start_session(make_routine(steps=2), user=user)
    with pytest.raises(ProtectedError):
        Snapshot.objects.get().delete()

    session.delete()
    assert Snapshot.objects.count() == 1  # shared: other sessions may play it


OLD_STEPS = [
    {"title": "Open the neck", "zone": "neck", "duration_seconds": 30, "cue": "Down"},
    {"title": "Sweep the cheeks", "zone": "cheeks", "duration_seconds": 40, "cue": "Out"},
]
OTHER_STEPS = [{"title": "Forehead smoother", "zone": "forehead", "duration_seconds": 25}]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_sessions_steps_and_shares_them(user):
    before = [("practice", "0006_steplog_ends_after_it_starts")]
    shared = [("practice", "0007_shared_snapshots")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps.get_model("practice", "PracticeSession")
        made = [
            old.objects.create(user_id=user.pk, routine_title=title, steps=steps, status=status)
            for title, steps, status in [
                ("Morning de-puff", OLD_STEPS, SessionStatus.FINISHED),
                ("Morning de-puff", OLD_STEPS, SessionStatus.RUNNING),
                ("Forehead", OTHER_STEPS, SessionStatus.FINISHED),
                ("Empty", [], SessionStatus.READY),
            ]
        ]

        MigrationExecutor(connection).migrate(shared)

        sessions = {s.pk: s for s in PracticeSession.objects.all()}
        assert [sessions[s.pk].steps for s in made] == [OLD_STEPS, OLD_STEPS, OTHER_STEPS, []]
        assert sessions[made[0].pk].snapshot_id == sessions[made[1].pk].snapshot_id
        assert Snapshot.objects.count() == 3
        assert sessions[made[2].pk].snapshot_id == digest_of(OTHER_STEPS)

        # Taken back, each session has its own copy again.
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        old = executor.loader.project_state(before).apps.get_model("practice", "PracticeSession")
        assert [old.objects.get(pk=s.pk).steps for s in made] == [
            OLD_STEPS,
            OLD_STEPS,
            OTHER_STEPS,
            [],
        ]
    finally:
        MigrationExecutor(connection).migrate(latest)
