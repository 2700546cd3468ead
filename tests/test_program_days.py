"""
Which day of a program a finished session completes: practice/programs.py's
record_finished (one transaction: the day, and the run when it was the last)
and the plan it leaves, on the member's own calendar.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from practice import player, programs
from practice.models import CompletedDay, Enrolment, EnrolmentStatus
from practice.programs import DayState
from tests.factories import make_program, make_routine, make_session

pytestmark = pytest.mark.django_db

# One zone behind UTC and one ahead: in both, 23:30 and 00:30 an hour later
# fall on one UTC date but on two local ones.
ZONES = ["America/Los_Angeles", "Asia/Tokyo"]
MONDAY = date(2026, 6, 1)


def local(zone: str, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))


def join(user, program, zone: str = "UTC", day: date = MONDAY) -> Enrolment:
    with timezone.override(ZoneInfo(zone)):
        return programs.join(user, program, now=local(zone, day, 8))


def finish(user, routine, when: datetime, zone: str = "UTC") -> list[CompletedDay]:
    """A session of `routine` finished at `when`, recorded as the player would."""
    session = make_session(
        user,
        when - timedelta(minutes=10),
        minutes=10,
        routine=routine,
        routine_title=routine.title,
    )
    with timezone.override(ZoneInfo(zone)):
        return programs.record_finished(session)


def done(run: Enrolment) -> list[tuple[int, date]]:
    return list(run.completed_days.values_list("position", "completed_on"))


def plan_on(run: Enrolment, today: date) -> programs.Plan:
    return programs.with_plans(Enrolment.objects.filter(pk=run.pk), today)[0].plan


@pytest.mark.parametrize("zone", ZONES)
def test_2330_and_0030_an_hour_later_are_two_local_days(user, zone):
    routine = make_routine()
    run = join(user, make_program([routine] * 7), zone)

    finish(user, routine, local(zone, MONDAY, 23, 30), zone)
    finish(user, routine, local(zone, MONDAY + timedelta(days=1), 0, 30), zone)

    assert done(run) == [(1, MONDAY), (2, MONDAY + timedelta(days=1))]


@pytest.mark.parametrize("zone", ZONES)
def test_0030_and_2330_of_one_local_day_count_once(user, zone):
    routine = make_routine()
    run = join(user, make_program([routine] * 7), zone)
    early, late = local(zone, MONDAY, 0, 30), local(zone, MONDAY, 23, 30)
    # Two UTC dates, one local day.
    assert early.astimezone(ZoneInfo("UTC")).date() != late.astimezone(ZoneInfo("UTC")).date()

    finish(user, routine, early, zone)
    finish(user, routine, late, zone)

    assert done(run) == [(1, MONDAY)]


def test_two_finished_sessions_on_one_day_complete_it_once(user):
    routine = make_routine()
    run = join(user, make_program([routine] * 3))
    session = make_session(user, local("UTC", MONDAY, 7), routine=routine)

    first = programs.record_finished(session)
    again = programs.record_finished(session)  # the same finish, told twice
    later = finish(user, routine, local("UTC", MONDAY, 19))

    assert len(first) == 1
    assert again == later == []
    assert done(run) == [(1, MONDAY)]
    plan = plan_on(run, MONDAY)
    assert (plan.done, plan.total, plan.done_today.number) == (1, 3, 1)
    assert plan.current.number == 2
    assert plan.current.state == DayState.NEXT


def test_a_rest_day_passes_by_itself_and_practice_on_it_does_not_count(user):
    routine = make_routine()
    run = join(user, make_program([routine, None, routine]))
    tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
    finish(user, routine, local("UTC", MONDAY, 7))

    plan = plan_on(run, tuesday)
    assert plan.rest_today.position == 2
    assert not plan.is_due
    assert finish(user, routine, local("UTC", tuesday, 7)) == []

    plan = plan_on(run, wednesday)
    assert [day.state for day in plan.days] == [DayState.DONE, DayState.RESTED, DayState.DUE]
    assert finish(user, routine, local("UTC", wednesday, 7))
    assert done(run) == [(1, MONDAY), (3, wednesday)]


def test_rest_days_that_passed_while_away_do_not_hold_the_plan_up(user):
    routine = make_routine()
    run = join(user, make_program([routine, None, None, routine]))
    finish(user, routine, local("UTC", MONDAY, 7))

    friday = MONDAY + timedelta(days=4)
    plan = plan_on(run, friday)

    assert [day.state for day in plan.days][1:3] == [DayState.RESTED, DayState.RESTED]
    assert plan.is_due and plan.current.position == 4
    # Due since Thursday, after the two rest days: it has waited one day.
    assert plan.due_from == MONDAY + timedelta(days=3)
    assert plan.is_waiting


def test_a_missed_day_waits_for_the_member(user):
    first, second = make_routine(), make_routine()
    run = join(user, make_program([first, second]))
    thursday = MONDAY + timedelta(days=3)

    plan = plan_on(run, thursday)
    assert plan.is_due and plan.is_waiting
    assert (plan.current.number, plan.due_from) == (1, MONDAY)
    # The next day's routine does not jump the queue.
    assert finish(user, second, local("UTC", thursday, 7)) == []

    finish(user, first, local("UTC", thursday, 8))
    assert done(run) == [(1, thursday)]
    friday = plan_on(run, thursday + timedelta(days=1))
    assert friday.is_due and not friday.is_waiting
    assert friday.current.title == second.title


def test_the_last_day_completes_the_run(user):
    routine = make_routine()
    run = join(user, make_program([routine, routine]))
    finish(user, routine, local("UTC", MONDAY, 7))
    finish(user, routine, local("UTC", MONDAY + timedelta(days=1), 7))

    run.refresh_from_db()
    assert run.status == EnrolmentStatus.COMPLETED
    assert run.ended_at == local("UTC", MONDAY + timedelta(days=1), 7)
    assert plan_on(run, MONDAY + timedelta(days=2)).is_finished
    # A finished run no longer counts anything, and the program can be joined again.
    assert finish(user, routine, local("UTC", MONDAY + timedelta(days=2), 7)) == []
    assert programs.join(user, run.program).is_active


def test_one_finish_counts_in_every_program_due_that_routine(user):
    routine = make_routine()
    morning, other = join(user, make_program([routine])), join(user, make_program([routine]))

    assert len(finish(user, routine, local("UTC", MONDAY, 7))) == 2
    assert done(morning) == done(other) == [(1, MONDAY)]


def test_guests_and_other_members_sessions_change_nobody_else_s_plan(user, other_user):
    routine = make_routine()
    run = join(user, make_program([routine]))

    guest_session = make_session(None, local("UTC", MONDAY, 7), routine=routine)
    assert programs.record_finished(guest_session) == []
    assert finish(other_user, routine, local("UTC", MONDAY, 7)) == []
    assert done(run) == []


def test_finishing_in_the_player_records_the_day_in_the_members_zone(user):
    zone = "Asia/Tokyo"
    routine = make_routine(steps=2)
    run = join(user, make_program([routine] * 2), zone)
    session = player.start_session(routine, user=user, now=local(zone, MONDAY, 23, 0))

    with timezone.override(ZoneInfo(zone)):
        player.begin(session, 0, now=local(zone, MONDAY, 23, 1))
        player.advance(session, 0, now=local(zone, MONDAY, 23, 20))
        # Next on the last step finishes the session, at 23:30 Tokyo time.
        assert player.advance(session, 1, now=local(zone, MONDAY, 23, 30))

    day = CompletedDay.objects.get(enrolment=run)
    assert (day.position, day.completed_on, day.session) == (1, MONDAY, session)


def test_a_routine_unpublished_since_shows_its_day_as_unavailable(user):
    routine = make_routine()
    run = join(user, make_program([routine, make_routine()]))
    routine.is_published = False
    routine.save()

    plan = plan_on(run, MONDAY)

    assert plan.is_due
    assert plan.current.is_unavailable
    assert plan.current.routine is None
    assert plan.days[1].routine is not None


def test_a_session_finished_early_leaves_the_day_waiting(user):
    zone = "Europe/Berlin"
    routine = make_routine(steps=3)
    run = join(user, make_program([routine]), zone)
    session = player.start_session(routine, user=user, now=local(zone, MONDAY, 7))

    with timezone.override(ZoneInfo(zone)):
        player.begin(session, 0, now=local(zone, MONDAY, 7, 1))
        player.skip(session, 0, now=local(zone, MONDAY, 7, 2))  # a skipped step still counts
        player.finish(session, 1, now=local(zone, MONDAY, 7, 3))  # step 3 never reached

    assert done(run) == []
    assert plan_on(run, MONDAY).is_due
