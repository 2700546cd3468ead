"""enrolments_with_progress: every run of a member, with its progress, for history and exports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice import programs
from practice.models import EnrolmentStatus
from tests.factories import make_program, make_routine, make_session

pytestmark = pytest.mark.django_db


def test_it_lists_every_run_newest_first_with_days_done(user, other_user):
    routine = make_routine(title="Morning de-puff")
    program = make_program([routine, None, routine], title="Mornings")
    old = programs.join(user, program)
    programs.record_finished(make_session(user, routine=routine, routine_title=routine.title))
    programs.leave(old)
    new = programs.join(user, program)
    programs.join(other_user, program)

    runs = programs.enrolments_with_progress(user)

    assert [run.pk for run in runs] == [new.pk, old.pk]
    latest, earlier = runs
    assert (latest.status, latest.plan.done, latest.plan.total) == (EnrolmentStatus.ACTIVE, 0, 2)
    assert (earlier.status, earlier.plan.done, earlier.program_title) == (
        EnrolmentStatus.LEFT,
        1,
        "Mornings",
    )
    assert earlier.ended_at is not None
    done = [
        (day.number, day.title, day.completed_on) for day in earlier.plan.days if day.completed_on
    ]
    assert done == [(1, "Morning de-puff", earlier.completed_days.get().completed_on)]


def test_its_queries_do_not_grow_with_runs_or_days(user):
    programs.join(user, make_program(2))
    with CaptureQueriesContext(connection) as one:
        programs.enrolments_with_progress(user)
    for _ in range(3):
        programs.leave(programs.join(user, make_program(5)))
    with CaptureQueriesContext(connection) as four:
        assert len(programs.enrolments_with_progress(user)) == 4
    assert len(one) == len(four)
