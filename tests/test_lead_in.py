"""Next, Skip and Finish in the get-ready lead-in; no step log ends before it starts."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from practice import player
from practice.models import LEAD_IN_SECONDS, PracticeSession, SessionStatus, StepLog, StepOutcome
from tests.factories import make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
HTMX = {"HX-Request": "true"}


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
    session = player.start_session(routine, user=user, now=T0)
    player.begin(session, 0, now=T0)  # the lead-in runs until 5 s
    return session


def logs(session) -> list[tuple]:
    return list(
        StepLog.objects.filter(session=session).values_list(
            "position", "started_at", "ended_at", "outcome"
        )
    )


def fresh(session) -> PracticeSession:
    return PracticeSession.objects.get(pk=session.pk)


def test_next_during_the_lead_in_starts_the_first_step_now_at_its_full_length(session):
    assert player.advance(session, 0, now=at(2))

    stored = fresh(session)
    assert (stored.status, stored.position) == (SessionStatus.RUNNING, 0)
    assert stored.deadline == at(2 + 30)
    assert stored.remaining_ms_at(at(2)) == 30_000
    assert logs(session) == [(0, at(2), None, "")]


def test_the_next_after_it_finishes_the_first_step_from_when_it_started(session):
    player.advance(session, 0, now=at(2))
    player.advance(session, 0, now=at(20))

    assert fresh(session).position == 1
    assert logs(session) == [(0, at(2), at(20), "done"), (1, at(20), None, "")]


def test_next_while_paused_in_the_lead_in_leaves_the_first_step_waiting_at_its_length(session):
    player.pause(session, 0, now=at(1))

    assert player.advance(session, 0, now=at(3))

    stored = fresh(session)
    assert (stored.status, stored.position, stored.remaining_ms) == (
        SessionStatus.PAUSED,
        0,
        30_000,
    )
    assert logs(session) == [(0, at(3), None, "")]


def test_skip_during_the_lead_in_skips_the_first_step_there_and_then(session):
    assert player.skip(session, 0, now=at(2))

    assert fresh(session).position == 1
    assert fresh(session).deadline == at(2 + 60)
    assert logs(session) == [(0, at(2), at(2), "skipped"), (1, at(2), None, "")]


def test_finish_during_the_lead_in_leaves_the_first_step_not_reached(client, user, session):
    assert player.finish(session, 0, now=at(2))

    assert fresh(session).status == SessionStatus.FINISHED
    assert logs(session) == []
    client.force_login(user)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Finished early" in page
    assert "0 of 3 steps done, 3 not reached." in page


def test_after_the_lead_in_next_is_the_first_step_done(session):
    player.advance(session, 0, now=at(LEAD_IN_SECONDS + 10))

    assert fresh(session).position == 1
    assert logs(session)[0] == (0, at(LEAD_IN_SECONDS), at(LEAD_IN_SECONDS + 10), "done")


def test_a_page_in_the_lead_in_names_its_revision_on_next_only(client, user, user_session):
    client.force_login(user)

    page = client.get(user_session.get_absolute_url()).content.decode()

    field = f'<input type="hidden" name="lead_in" value="{fresh(user_session).revision}">'
    assert page.count(field) == 1
    assert page.index('data-control="next"') < page.index(field) < page.index(">Next</button>")


def test_the_same_next_from_the_lead_in_posted_twice_starts_the_first_step_once(
    client, user, user_session
):
    client.force_login(user)
    seen = {"position": 0, "lead_in": fresh(user_session).revision}
    url = f"{user_session.get_absolute_url()}next/"

    first = client.post(url, seen, headers=HTMX)
    second = client.post(url, seen, headers=HTMX)  # a retry, or a second tab

    assert first.status_code == second.status_code == 200
    stored = fresh(user_session)
    assert (stored.position, stored.revision) == (0, 2)
    assert list(StepLog.objects.values_list("position", "outcome")) == [(0, "")]
    assert 'name="lead_in"' not in second.content.decode()


def test_a_next_from_the_lead_in_page_pressed_after_the_lead_in_moves_on(
    client, user, user_session
):
    seen = {"position": 0, "lead_in": fresh(user_session).revision}
    lead_in_over = timedelta(seconds=LEAD_IN_SECONDS)
    PracticeSession.objects.filter(pk=user_session.pk).update(
        deadline=fresh(user_session).deadline - lead_in_over
    )
    client.force_login(user)

    response = client.post(f"{user_session.get_absolute_url()}next/", seen, headers=HTMX)

    assert response.status_code == 200
    assert fresh(user_session).position == 1


@pytest.fixture
def user_session(user):
    """Begun just now, over HTTP time: still in its lead-in."""
    session = player.start_session(make_routine(steps=3), user=user)
    player.begin(session, 0)
    return session


def test_no_step_log_can_end_before_it_starts(session):
    with pytest.raises(IntegrityError), transaction.atomic():
        StepLog.objects.filter(session=session, position=0).update(ended_at=at(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        StepLog.objects.create(
            session=session, position=1, started_at=at(10), ended_at=at(9), outcome="done"
        )
    StepLog.objects.create(
        session=session, position=1, started_at=at(10), ended_at=at(10), outcome="skipped"
    )
    assert StepLog.objects.filter(ended_at__lt=at(10)).count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_migration_starts_old_lead_in_rows_where_they_ended(user):
    before = [("practice", "0005_left_out_for_safety")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        session = old.get_model("practice", "PracticeSession").objects.create(
            user_id=user.pk, routine_title="Old", steps=[], status=SessionStatus.FINISHED
        )
        old.get_model("practice", "StepLog").objects.create(
            session_id=session.pk,
            position=0,
            started_at=at(5),
            ended_at=at(2),
            outcome=StepOutcome.DONE,
        )

        executor = MigrationExecutor(connection)
        executor.migrate([("practice", "0006_steplog_ends_after_it_starts")])

        assert list(StepLog.objects.values_list("started_at", "ended_at", "outcome")) == [
            (at(2), at(2), "done")
        ]
    finally:
        MigrationExecutor(connection).migrate(latest)


def test_an_auto_advance_moves_on_even_when_it_arrives_in_the_lead_in(session):
    # The browser's countdown ran out: its clock ran ahead of the server's.
    assert player.advance(session, 0, auto=True, now=at(3))

    assert fresh(session).position == 1
    assert logs(session) == [(0, at(3), at(3), "done"), (1, at(3), None, "")]
