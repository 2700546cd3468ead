"""
Programs as a member lives them: joining, leaving, and the days that get done.

A day is done when its routine is finished on a calendar day of the member's
own (their time zone is the current one inside their requests, set by
accounts/middleware.py). Missed days wait: the first day not done stays due
until it is done, and the plan never fails anyone. Rest days pass by
themselves, one calendar day each. At most one day of a plan is done per
calendar day, however often the member practises that day.

Where a member stands is worked out by `plan_of`, a pure function of the
run's snapshot of days, the dates its days were done and today; the only
writes are `join`, `leave` and `record_finished`.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from catalogue.models import Program, ProgramDay, Routine

from .models import CompletedDay, Enrolment, EnrolmentStatus, PracticeSession

ONE_DAY = timedelta(days=1)


class AlreadyEnrolled(Exception):
    """The member already has a run of this program under way."""


class EmptyProgram(ValueError):
    """A program without days cannot be joined."""


class DayState(StrEnum):
    DONE = "done"
    RESTED = "rested"  # a rest day that has passed
    REST_TODAY = "rest_today"
    DUE = "due"  # the day to do now: due today, or waiting since a missed day
    NEXT = "next"  # the day to do, from tomorrow: today's day is already done
    LATER = "later"


@dataclass(frozen=True)
class PlanDay:
    position: int  # its place in the plan, from 1
    number: int | None  # its number among the practice days ("day 8 of 30"); None when resting
    title: str
    routine_id: int | None
    # The routine as it is now, when it can be started; None on a rest day,
    # and when the routine has been unpublished or deleted since joining.
    routine: Routine | None
    state: DayState
    completed_on: date | None = None

    @property
    def is_rest(self) -> bool:
        return self.routine_id is None

    @property
    def is_unavailable(self) -> bool:
        return not self.is_rest and self.routine is None


@dataclass(frozen=True)
class PlanWeek:
    number: int
    days: list[PlanDay]
    is_open: bool = False

    @property
    def sessions(self) -> int:
        return sum(not day.is_rest for day in self.days)

    @property
    def done(self) -> int:
        return sum(day.state == DayState.DONE for day in self.days)


@dataclass(frozen=True)
class Plan:
    """Where a run stands on `today`: every day with its state, and the counts."""

    days: list[PlanDay]
    done: int
    total: int
    # The first practice day not done (None once every one is), and the
    # date it became due: before today when the member missed days.
    current: PlanDay | None
    due_from: date | None
    today: date

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def is_finished(self) -> bool:
        return self.current is None

    @property
    def is_due(self) -> bool:
        """The current day can be done today."""
        return self.current is not None and self.current.state == DayState.DUE

    @property
    def is_waiting(self) -> bool:
        """The current day was due before today: it has waited for the member."""
        return self.is_due and self.due_from < self.today

    @property
    def due_tomorrow(self) -> bool:
        return self.due_from is not None and self.due_from == self.today + ONE_DAY

    @property
    def weeks(self) -> list[PlanWeek]:
        """The days seven at a time, as the program pages list them."""
        weeks = [
            PlanWeek(number, self.days[start : start + 7])
            for number, start in enumerate(range(0, len(self.days), 7), start=1)
        ]
        # Open the week of the day to do next, or the last one once all are done.
        open_week = next(
            (week for week in weeks if any(day is self.current for day in week.days)),
            weeks[-1] if weeks else None,
        )
        return [replace(week, is_open=week is open_week) for week in weeks]

    @property
    def done_today(self) -> PlanDay | None:
        return next((day for day in self.days if day.completed_on == self.today), None)

    @property
    def rest_today(self) -> PlanDay | None:
        return next((day for day in self.days if day.state == DayState.REST_TODAY), None)


def snapshot_days(program: Program) -> list[dict]:
    """The program's days as plain data, frozen into a run when the member joins."""
    days = ProgramDay.objects.filter(program=program).select_related("routine")
    return [
        {"routine": day.routine_id, "title": day.routine.title if day.routine_id else "Rest day"}
        for day in days
    ]


def plan_of(
    days: list[dict],
    started_on: date,
    completed: dict[int, date],
    today: date,
    routines: dict[int, Routine],
) -> Plan:
    """
    Where a run of `days` (a snapshot) begun on `started_on` stands on
    `today`, given the dates its days were `completed` on, by position.

    Each day takes at least one calendar day: a practice day is due from the
    day after the previous one was done (day 1 from the day the member
    joined) until it is done; a rest day passes on the calendar day it falls
    on. `routines` holds the routines that can be started now, by id.
    """
    plan_days: list[PlanDay] = []
    current: PlanDay | None = None
    due_from: date | None = None
    available_from = started_on
    number = 0
    for position, entry in enumerate(days, start=1):
        routine_id = entry["routine"]
        if routine_id is None:
            if current is not None or available_from > today:
                state = DayState.LATER
            elif available_from < today:
                state = DayState.RESTED
            else:
                state = DayState.REST_TODAY
            if current is None:
                available_from += ONE_DAY
            plan_days.append(PlanDay(position, None, entry["title"], None, None, state))
            continue
        number += 1
        completed_on = completed.get(position)
        if completed_on is not None:
            state = DayState.DONE
            available_from = max(available_from, completed_on + ONE_DAY)
        elif current is None:
            state = DayState.DUE if available_from <= today else DayState.NEXT
            due_from = available_from
        else:
            state = DayState.LATER
        day = PlanDay(
            position,
            number,
            entry["title"],
            routine_id,
            routines.get(routine_id),
            state,
            completed_on,
        )
        if current is None and completed_on is None:
            current = day
        plan_days.append(day)
    return Plan(
        days=plan_days,
        done=len(completed),
        total=number,
        current=current,
        due_from=due_from,
        today=today,
    )


def plan_of_run(enrolment: Enrolment, today: date, routines: dict[int, Routine]) -> Plan:
    """The plan of a run, from its (prefetched) completed days. A run that has
    ended keeps the days it did; nothing else in it is due any more."""
    completed = {day.position: day.completed_on for day in enrolment.completed_days.all()}
    plan = plan_of(enrolment.days, enrolment.started_on, completed, today, routines)
    if enrolment.is_active:
        return plan
    days = [
        day if day.state == DayState.DONE else replace(day, state=DayState.LATER)
        for day in plan.days
    ]
    return replace(plan, days=days, current=None, due_from=None)


def startable_routines(ids) -> dict[int, Routine]:
    """The routines among `ids` that can be started now, with their lengths, in one query."""
    ids = set(ids) - {None}
    if not ids:
        return {}
    routines = Routine.objects.published().curated().filter(pk__in=ids).with_total_seconds()
    return {routine.pk: routine for routine in routines}


def preview(program: Program, today: date | None = None) -> Plan:
    """The program's days as a run begun today would see them: for those not on it."""
    today = today or timezone.localdate()
    days = snapshot_days(program)
    routines = startable_routines(day["routine"] for day in days)
    return plan_of(days, today, {}, today, routines)


def with_plans(enrolments: QuerySet[Enrolment], today: date | None = None) -> list[Enrolment]:
    """The runs, each with `.plan` worked out for `today`: three queries, however many days."""
    today = today or timezone.localdate()
    runs = list(enrolments.prefetch_related("completed_days"))
    routines = startable_routines(day["routine"] for run in runs for day in run.days)
    for run in runs:
        run.plan = plan_of_run(run, today, routines)
    return runs


def active_plans(user, today: date | None = None) -> list[Enrolment]:
    """The member's runs under way, oldest first, with their plans (home, the feed)."""
    runs = Enrolment.objects.of(user).active().select_related("program").order_by("started_at")
    return with_plans(runs, today)


def enrolments_with_progress(user, today: date | None = None) -> list[Enrolment]:
    """
    Every run the member ever started, newest first, each with `.plan`
    (`plan.done`, `plan.total`, `plan.percent`, and `plan.days` with the date
    each was done), `status`, `program_title`, `started_on` and `ended_at`:
    for the history and the exports.
    """
    return with_plans(Enrolment.objects.of(user).select_related("program"), today)


@transaction.atomic
def join(user, program: Program, *, now: datetime | None = None) -> Enrolment:
    """Start a run of `program` for `user`: day 1 is due today."""
    now = now or timezone.now()
    days = snapshot_days(program)
    if not days:
        raise EmptyProgram(f"{program} has no days.")
    if Enrolment.objects.active().filter(user=user, program=program).exists():
        raise AlreadyEnrolled(program.title)
    try:
        # A savepoint: a second Join racing this one hits the constraint.
        with transaction.atomic():
            return Enrolment.objects.create(
                user=user,
                program=program,
                program_title=program.title,
                days=days,
                started_at=now,
                started_on=timezone.localdate(now),
            )
    except IntegrityError:
        raise AlreadyEnrolled(program.title) from None


def leave(enrolment: Enrolment, *, now: datetime | None = None) -> bool:
    """End a run under way; its done days stay. False if it had already ended."""
    now = now or timezone.now()
    left = (
        Enrolment.objects.active()
        .filter(pk=enrolment.pk)
        .update(status=EnrolmentStatus.LEFT, ended_at=now)
    )
    if left:
        enrolment.status, enrolment.ended_at = EnrolmentStatus.LEFT, now
    return bool(left)


@transaction.atomic
def record_finished(session: PracticeSession) -> list[CompletedDay]:
    """
    A member finished `session`: in each of their runs under way whose
    current day is due and is this routine, that day is done, dated on the
    member's calendar; a run whose last day that was is completed. Called by
    practice/player.py when a session finishes, inside its transaction.
    Finishing early, before the last step, does not do the day: the summary
    says "Finished early" then, and the day waits. Skipped steps still count.

    A second finish on the same day finds that day done and the next one due
    only tomorrow, so it changes nothing; the unique constraints on
    CompletedDay back that up for two finishes at the same moment.
    """
    if session.user_id is None or session.routine_id is None or session.finished_at is None:
        return []
    if session.position < session.step_count - 1:
        return []  # finished early, with steps never reached: not the routine done
    today = timezone.localdate(session.finished_at)
    runs = (
        Enrolment.objects.active()
        .filter(user_id=session.user_id)
        # Two finishes at once take turns (PostgreSQL; SQLite's writers always do).
        .select_for_update()
        .prefetch_related("completed_days")
    )
    recorded = []
    for run in runs:
        plan = plan_of_run(run, today, routines={})
        day = plan.current
        if not plan.is_due or day.routine_id != session.routine_id:
            continue
        try:
            with transaction.atomic():
                recorded.append(
                    CompletedDay.objects.create(
                        enrolment=run,
                        position=day.position,
                        completed_on=today,
                        completed_at=session.finished_at,
                        session=session,
                    )
                )
        except IntegrityError:
            continue
        if plan.done + 1 == plan.total:
            Enrolment.objects.filter(pk=run.pk).update(
                status=EnrolmentStatus.COMPLETED, ended_at=session.finished_at
            )
    return recorded
