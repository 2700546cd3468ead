"""The player's state machine, driven with a controlled clock."""

from datetime import UTC, datetime, timedelta

import pytest

from practice import player
from practice.models import LEAD_IN_SECONDS, PracticeSession, SessionStatus, StepLog
from tests.factories import make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def session(user):
    technique = make_technique()
    routine = make_routine(
        steps=[
            make_step(technique, title="Neck", duration_seconds=30),
            make_step(technique, title="Cheeks", duration_seconds=60),
            make_step(technique, title="Jaw", duration_seconds=45),
        ]
    )
    return player.start_session(routine, user=user, now=T0)


def logs(session):
    return list(StepLog.objects.filter(session=session).values_list("position", "outcome"))


def fresh(session):
    return PracticeSession.objects.get(pk=session.pk)


def test_a_new_session_is_ready_with_a_snapshot_of_the_steps(session):
    assert session.status == SessionStatus.READY
    assert [step["title"] for step in session.steps] == ["Neck", "Cheeks", "Jaw"]
    assert session.total_seconds == 135
    assert logs(session) == []


def test_start_counts_down_the_lead_in_and_the_first_step(session):
    assert player.begin(session, 0, puffiness_before=4, now=T0)

    session = fresh(session)
    assert session.status == SessionStatus.RUNNING
    assert session.deadline == at(LEAD_IN_SECONDS + 30)
    assert session.puffiness_before == 4
    assert session.remaining_ms_at(at(10)) == (LEAD_IN_SECONDS + 30 - 10) * 1000
    log = StepLog.objects.get(session=session)
    assert (log.position, log.started_at, log.outcome) == (0, at(LEAD_IN_SECONDS), "")


def test_next_ends_the_step_as_done_and_starts_the_following_one(session):
    player.begin(session, 0, now=T0)
    assert player.advance(session, 0, now=at(20))

    session = fresh(session)
    assert session.position == 1
    assert session.deadline == at(20 + 60)
    assert logs(session) == [(0, "done"), (1, "")]


def test_the_same_position_twice_advances_once(session):
    player.begin(session, 0, now=T0)
    assert player.advance(session, 0, now=at(20))
    assert not player.advance(fresh(session), 0, now=at(21))

    assert fresh(session).position == 1
    assert logs(session) == [(0, "done"), (1, "")]


def test_a_stale_copy_of_the_session_cannot_apply_a_change(session):
    player.begin(session, 0, now=T0)
    stale = fresh(session)
    assert player.advance(session, 0, now=at(20))

    assert not player.advance(stale, 0, now=at(21))
    assert stale.position == 1  # it was refreshed to the current state
    assert fresh(session).revision == 2


def test_a_stale_copy_cannot_act_after_a_change_that_kept_the_position(session):
    # Pause keeps the position, so only the revision tells the copies apart.
    player.begin(session, 0, now=T0)
    stale = fresh(session)
    assert player.pause(session, 0, now=at(20))

    assert not player.advance(stale, 0, now=at(21))
    session = fresh(session)
    assert (session.position, session.status, session.revision) == (0, "paused", 2)
    assert logs(session) == [(0, "")]


def test_auto_advance_starts_the_next_step_at_the_deadline_not_when_it_arrived(session):
    player.begin(session, 0, now=T0)
    deadline = fresh(session).deadline
    assert player.advance(session, 0, auto=True, now=deadline + timedelta(milliseconds=300))

    session = fresh(session)
    assert session.deadline == deadline + timedelta(seconds=60)
    assert StepLog.objects.get(session=session, position=1).started_at == deadline


def test_a_late_manual_next_does_not_count_the_idle_time_as_practice(session):
    player.begin(session, 0, now=T0)
    player.advance(session, 0, now=at(35 + 100))  # 100 s after the step ran out

    assert fresh(session).paused_seconds == 100
    assert fresh(session).deadline == at(135 + 60)


def test_skip_logs_the_step_as_skipped(session):
    player.begin(session, 0, now=T0)
    assert player.skip(session, 0, now=at(10))
    assert logs(session) == [(0, "skipped"), (1, "")]


def test_back_returns_to_the_previous_step_from_its_start(session):
    player.begin(session, 0, now=T0)
    player.advance(session, 0, now=at(35))
    assert player.go_back(session, 1, now=at(40))

    session = fresh(session)
    assert session.position == 0
    assert session.deadline == at(40 + 30)
    assert logs(session) == [(0, "")]


def test_back_from_the_first_step_does_nothing(session):
    player.begin(session, 0, now=T0)
    assert not player.go_back(session, 0, now=at(10))
    assert fresh(session).revision == 1


def test_pause_keeps_the_time_left_and_resume_sets_a_new_deadline(session):
    player.begin(session, 0, now=T0)  # step 0 runs until 35 s
    assert player.pause(session, 0, now=at(20))

    paused = fresh(session)
    assert paused.status == SessionStatus.PAUSED
    assert paused.remaining_ms == 15_000
    assert paused.deadline is None
    assert paused.remaining_ms_at(at(500)) == 15_000  # the clock stands still

    assert player.resume(paused, 0, now=at(80))
    resumed = fresh(session)
    assert resumed.status == SessionStatus.RUNNING
    assert resumed.deadline == at(80 + 15)
    assert resumed.paused_seconds == 60


def test_pausing_twice_or_resuming_a_running_session_changes_nothing(session):
    player.begin(session, 0, now=T0)
    assert not player.resume(session, 0, now=at(5))
    assert player.pause(session, 0, now=at(10))
    assert not player.pause(session, 0, now=at(11))
    assert fresh(session).remaining_ms == 25_000


def test_next_while_paused_moves_on_and_stays_paused(session):
    player.begin(session, 0, now=T0)
    player.pause(session, 0, now=at(10))
    assert player.advance(session, 0, now=at(20))

    session = fresh(session)
    assert (session.status, session.position, session.remaining_ms) == ("paused", 1, 60_000)


def test_next_on_the_last_step_finishes(session):
    player.begin(session, 0, now=T0)
    player.advance(session, 0, now=at(35))
    player.skip(session, 1, now=at(50))
    assert player.advance(session, 2, now=at(95))

    session = fresh(session)
    assert session.status == SessionStatus.FINISHED
    assert session.finished_at == at(95)
    assert session.active_seconds == 95
    assert logs(session) == [(0, "done"), (1, "skipped"), (2, "done")]


def test_finish_early_leaves_the_rest_unreached_and_excludes_pauses(session):
    player.begin(session, 0, now=T0)
    player.advance(session, 0, now=at(35))
    player.pause(session, 1, now=at(40))
    assert player.finish(session, 1, now=at(100))

    session = fresh(session)
    assert session.status == SessionStatus.FINISHED
    assert session.active_seconds == 40
    assert logs(session) == [(0, "done"), (1, "done")]


def test_nothing_applies_to_a_finished_session(session):
    player.begin(session, 0, now=T0)
    player.finish(session, 0, now=at(10))
    revision = fresh(session).revision
    for control in (player.advance, player.skip, player.pause, player.resume):
        assert not control(fresh(session), 0, now=at(20))
    assert not player.finish(fresh(session), 0, now=at(20))
    assert fresh(session).revision == revision


def test_a_session_idle_for_six_hours_is_abandoned_but_resumable(session):
    player.begin(session, 0, now=T0)
    player.advance(session, 0, now=at(35))  # step 1 would end at 95 s
    later = at(7 * 3600)

    session = fresh(session)
    assert session.is_abandoned(later)
    assert session.remaining_ms_at(later) == 60_000  # resuming restarts the step

    assert player.resume(session, 1, now=later)
    session = fresh(session)
    assert not session.is_abandoned(later)
    assert session.deadline == later + timedelta(seconds=60)
    assert session.paused_seconds == pytest.approx(7 * 3600 - 95)


def test_a_recent_session_is_not_abandoned(session):
    player.begin(session, 0, now=T0)
    assert not fresh(session).is_abandoned(at(5 * 3600))


def test_an_empty_routine_cannot_be_started(user):
    with pytest.raises(player.EmptyRoutineError):
        player.start_session(make_routine(steps=0), user=user)
