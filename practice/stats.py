"""
A person's practice in figures: streaks, the last year day by day, the figures
per routine and the totals, and the version they are cached under.

Statistics count finished sessions (practice that happened) by the moment
they started, and every "day" is the person's local day: dates are truncated
in their time zone by the database, so a session at 00:30 belongs to the day
that just began, DST or not. Nothing here loads sessions into Python to count
them. Three aggregate queries answer everything above the history's list: the
streaks (one row), the last year day by day (at most 371 rows, for the week,
the month, the calendar and the chart) and the figures per routine (one row per
routine, which add up to the all-time totals). The history page therefore makes
the same number of queries for ten sessions as for ten thousand; the covering
index session_user_practice keeps each of them off the session rows.

Those three still read every finished session, so the page caches what they
give under insights_version(): a visit that finds nothing new since the last
one (the usual case) runs none of them. The pictures drawn from the figures
are practice/charts.py.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Avg, Count, FloatField, Max, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.models import Profile

from .charts import Calendar, Chart, calendar, chart, signed
from .expressions import LocalDate, PractisedSeconds
from .models import PracticeSession

PRACTISED = PractisedSeconds()
# Averaged as floats: PostgreSQL averages integers in slow exact numerics.
BEFORE = Cast("puffiness_before", FloatField())
AFTER = Cast("puffiness_after", FloatField())
# The before/after comparison only uses sessions rated both times.
RATED = Q(puffiness_before__isnull=False, puffiness_after__isnull=False)


def practice_of(user):
    """The sessions that count as practice: the user's finished ones."""
    return PracticeSession.objects.filter(user=user).finished()


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The moment `day` begins in `zone` (where midnight is skipped, the first moment after)."""
    return datetime.combine(day, time(), tzinfo=zone)


# --- Streaks ---------------------------------------------------------------


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int
    practised_today: bool


DAY_ZERO = date(2000, 1, 1)

# Days since DAY_ZERO, as an integer, of a date column: consecutive days are
# consecutive numbers, so a streak is a run where number - row_number is constant.
_DAY_NUMBER_SQL = {
    "postgresql": "(practice_day - DATE '2000-01-01')",
    "sqlite": "CAST(julianday(practice_day) - julianday('2000-01-01') AS INTEGER)",
}


def streaks(user, zone: ZoneInfo, now: datetime) -> Streaks:
    """Current and longest run of consecutive local days with practice.

    Not having practised yet today keeps yesterday's streak going. One query:
    the database finds the runs (gaps and islands over the distinct local days)
    and returns only the longest length and the latest run.
    """
    days = (
        practice_of(user)
        .annotate(practice_day=LocalDate("started_at", tzinfo=zone))
        .values("practice_day")
        .distinct()
        .order_by()
    )
    days_sql, params = days.query.sql_with_params()
    day_number = _DAY_NUMBER_SQL[connection.vendor]
    sql = f"""
        WITH days AS ({days_sql}),
        numbered AS (
            SELECT {day_number} AS number,
                   {day_number} - ROW_NUMBER() OVER (ORDER BY practice_day) AS run
            FROM days
        ),
        runs AS (SELECT MAX(number) AS last_number, COUNT(*) AS length FROM numbered GROUP BY run)
        SELECT (SELECT MAX(length) FROM runs), last_number, length
        FROM runs ORDER BY last_number DESC LIMIT 1
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return Streaks(current=0, longest=0, practised_today=False)
    longest, last_number, latest_length = row
    today = (timezone.localdate(now, zone) - DAY_ZERO).days
    return Streaks(
        current=latest_length if last_number >= today - 1 else 0,
        longest=longest,
        practised_today=last_number >= today,
    )


# --- The year, day by day -------------------------------------------------


@dataclass(frozen=True)
class Day:
    day: date
    sessions: int = 0
    seconds: float = 0.0
    rated: int = 0
    before: float | None = None
    after: float | None = None


def first_calendar_day(today: date) -> date:
    """The Monday that starts the calendar: 53 week columns ending with today's."""
    year_ago = today - timedelta(days=364)
    return year_ago - timedelta(days=year_ago.weekday())


def days_since(user, zone: ZoneInfo, first_day: date) -> dict[date, Day]:
    """Practice per local day from `first_day`: at most 371 rows, grouped in the database."""
    rows = (
        practice_of(user)
        .filter(started_at__gte=local_midnight(first_day, zone))
        .annotate(practice_day=LocalDate("started_at", tzinfo=zone))
        .values("practice_day")
        .annotate(
            sessions=Count("pk"),
            seconds=Sum(PRACTISED),
            rated=Count("pk", filter=RATED),
            before=Avg(BEFORE, filter=RATED),
            after=Avg(AFTER, filter=RATED),
        )
        .order_by("practice_day")
    )
    return {
        row["practice_day"]: Day(
            day=row["practice_day"],
            sessions=row["sessions"],
            seconds=row["seconds"] or 0.0,
            rated=row["rated"],
            before=row["before"],
            after=row["after"],
        )
        for row in rows
    }


# --- Routines --------------------------------------------------------------


@dataclass(frozen=True)
class RoutineFigures:
    title: str
    sessions: int
    seconds: float
    last_practised: datetime
    rated: int  # sessions rated before and after
    before: float | None
    after: float | None

    @property
    def change_label(self) -> str:
        """ "−1.5" (less puffy after), "+0.5", "0"."""
        return signed(self.after - self.before) if self.rated else ""


def routine_figures(user) -> list[RoutineFigures]:
    """Every routine practised, most practised first, by the title each session
    recorded, with the average puffiness before and after over its rated
    sessions. One row per routine, however many sessions."""
    rows = (
        practice_of(user)
        .values("routine_title")
        .annotate(
            sessions=Count("pk"),
            seconds=Sum(PRACTISED),
            last_practised=Max("started_at"),
            rated=Count("pk", filter=RATED),
            before=Avg(BEFORE, filter=RATED),
            after=Avg(AFTER, filter=RATED),
        )
        .order_by("-sessions", "routine_title")
    )
    return [
        RoutineFigures(
            title=row["routine_title"],
            sessions=row["sessions"],
            seconds=row["seconds"] or 0.0,
            last_practised=row["last_practised"],
            rated=row["rated"],
            before=row["before"],
            after=row["after"],
        )
        for row in rows
    ]


# --- Totals ----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    sessions: int
    seconds: float

    @property
    def minutes(self) -> int:
        return round(self.seconds / 60)

    @property
    def duration(self) -> str:
        return duration_words(self.seconds)


def duration_words(seconds: float) -> str:
    """Time practised as a person reads it: "45 s" under a minute, "12 min" from one.

    Rounding to whole minutes alone made 13 short sessions read "0 min", which
    is not true; under a minute the seconds are shown instead.
    """
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{round(seconds / 60)} min"


@dataclass(frozen=True)
class Totals:
    week: Period
    month: Period
    all_time: Period
    rated: int
    average_before: float | None
    average_after: float | None

    @property
    def average_change(self) -> float | None:
        if self.average_before is None or self.average_after is None:
            return None
        return self.average_after - self.average_before


def totals(days: dict[date, Day], routines: list[RoutineFigures], today: date) -> Totals:
    """Sessions and time this (local) week from Monday, this month, and ever.

    No query of its own: the week and the month add up the days (which reach
    back a year), all time adds up every routine practised.
    """
    monday = today - timedelta(days=today.weekday())

    def since(first: date) -> Period:
        within = [day for day in days.values() if first <= day.day <= today]
        return Period(
            sessions=sum(day.sessions for day in within),
            seconds=sum(day.seconds for day in within),
        )

    rated = sum(routine.rated for routine in routines)
    rated_routines = [routine for routine in routines if routine.rated]
    return Totals(
        week=since(monday),
        month=since(today.replace(day=1)),
        all_time=Period(
            sessions=sum(routine.sessions for routine in routines),
            seconds=sum(routine.seconds for routine in routines),
        ),
        rated=rated,
        average_before=(
            sum(r.before * r.rated for r in rated_routines) / rated if rated else None
        ),
        average_after=sum(r.after * r.rated for r in rated_routines) / rated if rated else None,
    )


# --- Everything above the list ---------------------------------------------


@dataclass(frozen=True)
class Insights:
    streaks: Streaks
    totals: Totals
    calendar: Calendar
    chart: Chart
    routines: list[RoutineFigures]
    # The days behind the calendar, for the month view (charts.month_calendar).
    days: dict[date, Day] = field(default_factory=dict)
    first_day: date | None = None

    @property
    def top_routines(self) -> list[RoutineFigures]:
        """The ten most practised, for the routines table."""
        return self.routines[:10]


def insights_version(user, zone: ZoneInfo, now: datetime) -> str:
    """What the insights depend on, as a cache key.

    The insights change only when the user's sessions change, when their zone
    changes, or when their local day turns. Every write to a session notes the
    change on the user's profile (Profile.practice_changed_at) and sets the
    session's updated_at, in the same transaction (PracticeSessionQuerySet in
    practice/models.py, the one door for those writes). The note is one row by
    primary key, however long the practice. Until the first such note, the
    count and the newest change of their finished sessions stand in, from an
    index.

    Worked out before the insights themselves: figures read after a change
    may be cached under the version from before it (the next visit simply
    works them out again), never the other way round.
    """
    changed = Profile.objects.filter(user=user).values_list("practice_changed_at", flat=True)
    if noted := changed.first():
        version = f"noted-{noted.timestamp()}"
    else:
        counted = practice_of(user).aggregate(sessions=Count("pk"), changed=Max("updated_at"))
        newest = counted["changed"].timestamp() if counted["changed"] else 0
        version = f"counted-{counted['sessions']}-{newest}"
    today = timezone.localdate(now, zone)
    return f"{user.pk}:{zone.key}:{today.isoformat()}:{version}"


def insights(user, zone: ZoneInfo, now: datetime) -> Insights:
    """Every figure the history page shows above the list: three queries."""
    today = timezone.localdate(now, zone)
    first_day = first_calendar_day(today)
    days = days_since(user, zone, first_day)
    routines = routine_figures(user)
    return Insights(
        streaks=streaks(user, zone, now),
        totals=totals(days, routines, today),
        calendar=calendar(days, first_day, today),
        chart=chart(days, first_day, today),
        routines=routines,
        days=days,
        first_day=first_day,
    )
