"""
A person's practice, looked back on: their sessions page by page, streaks,
totals, a calendar, and whether they feel less puffy afterwards.

Statistics count finished sessions (practice that happened) by the moment
they started, and every "day" is the person's local day: dates are truncated
in their time zone by the database, so a session at 00:30 belongs to the day
that just began, DST or not. Nothing here loads sessions into Python to count
them. Three aggregate queries answer everything above the list: the streaks
(one row), the last year day by day (at most 371 rows, for the week, the month,
the calendar and the chart) and the figures per routine (one row per routine,
which add up to the all-time totals). The history page therefore makes the same
number of queries for ten sessions as for ten thousand; the covering index
session_user_practice keeps each of them off the session rows.

Those three still read every finished session, so the page caches what they
give under insights_version(): a visit that finds nothing new since the last
one (the usual case) runs none of them.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Avg, Count, FloatField, Max, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS

from accounts.models import Profile
from catalogue.templatetags.durations import duration

from .expressions import LocalDate, PractisedSeconds
from .models import ABANDONED, PracticeSession, SessionStatus, StepLog, StepOutcome

SESSIONS_PER_PAGE = 20

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


# --- The list --------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One session as the history lists it."""

    session: PracticeSession
    state: str  # "finished", "unfinished" or "abandoned"
    done: int
    skipped: int


@dataclass(frozen=True)
class HistoryPage:
    number: int
    entries: list[Entry]
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


MAX_PAGE = 100_000


def page_number(value) -> int:
    """A page number from the query string; anything odd is the first page."""
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def history_page(user, number: int, *, now: datetime) -> HistoryPage:
    """One page of the user's sessions, newest first (index session_user_newest).

    Two queries whatever the page: the page (one row more than it shows, to
    know whether there is an older page; no COUNT of every session), and the
    step outcomes of its sessions.
    """
    start = (number - 1) * SESSIONS_PER_PAGE
    # The list never shows the steps: leave their snapshots in the database.
    sessions = (
        PracticeSession.objects.filter(user=user).defer("steps").order_by("-created_at", "-pk")
    )
    rows = list(sessions[start : start + SESSIONS_PER_PAGE + 1])
    has_next = len(rows) > SESSIONS_PER_PAGE
    rows = rows[:SESSIONS_PER_PAGE]
    outcomes: dict[int, dict[str, int]] = defaultdict(dict)
    if rows:
        for row in (
            StepLog.objects.filter(session__in=[session.pk for session in rows])
            .exclude(outcome="")
            .values("session_id", "outcome")
            .annotate(count=Count("pk"))
            .order_by()
        ):
            outcomes[row["session_id"]][row["outcome"]] = row["count"]
    entries = [
        Entry(
            session=session,
            state=session_state(session),
            done=outcomes[session.pk].get(StepOutcome.DONE, 0),
            skipped=outcomes[session.pk].get(StepOutcome.SKIPPED, 0),
        )
        for session in rows
    ]
    return HistoryPage(number=number, entries=entries, has_next=has_next)


def session_state(session: PracticeSession) -> str:
    """Finished, abandoned, or unfinished (ready, running or paused): the history's three."""
    state = session.state
    return state if state in {SessionStatus.FINISHED, ABANDONED} else "unfinished"


@dataclass(frozen=True)
class StepRow:
    """One step of a session's snapshot and what happened to it."""

    number: int
    step: dict
    outcome: str  # "done", "skipped", "in progress" or "not reached"
    started_at: datetime | None
    ended_at: datetime | None

    @property
    def seconds_spent(self) -> float | None:
        if self.started_at and self.ended_at:
            return max(0.0, (self.ended_at - self.started_at).total_seconds())
        return None


def step_rows(session: PracticeSession) -> list[StepRow]:
    """Every step the session showed, from its snapshot, with its log."""
    logs = {log.position: log for log in session.logs.all()}
    rows = []
    for position, step in enumerate(session.steps):
        log = logs.get(position)
        outcome = "not reached" if log is None else log.outcome or "in progress"
        rows.append(
            StepRow(
                number=position + 1,
                step=step,
                outcome=outcome,
                started_at=log.started_at if log else None,
                ended_at=log.ended_at if log else None,
            )
        )
    return rows


@dataclass(frozen=True)
class SessionLog:
    """A session with its step log, as its history page shows it."""

    session: PracticeSession
    state: str
    steps: list[StepRow]

    @property
    def done(self) -> int:
        return sum(row.outcome == StepOutcome.DONE for row in self.steps)

    @property
    def skipped(self) -> int:
        return sum(row.outcome == StepOutcome.SKIPPED for row in self.steps)

    @property
    def not_reached(self) -> int:
        return sum(row.outcome == "not reached" for row in self.steps)


def session_log(session: PracticeSession, now: datetime) -> SessionLog:
    return SessionLog(session=session, state=session_state(session), steps=step_rows(session))


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


# --- Calendar heatmap and puffiness chart ----------------------------------


def _long_dates():
    """A formatter for "Tuesday 10 June 2025". Django's date_format says the
    same, but looks up the names (and the format) for every date: a year of
    calendar labels would cost more than the rest of the page."""
    weekdays = [str(WEEKDAYS[number]) for number in range(7)]
    months = {number: str(name) for number, name in MONTHS.items()}

    def long_date(day: date) -> str:
        return f"{weekdays[day.weekday()]} {day.day} {months[day.month]} {day.year}"

    return long_date


def _svg(value: float) -> str:
    """A coordinate for an SVG attribute: 30, 12.5. Coordinates reach the
    templates as text because Django localises every number it renders, and
    for hundreds of them that costs more than the rest of the page."""
    return f"{value:.1f}".removesuffix(".0")


# Heatmap geometry, in SVG user units: a cell per day, a column per week.
CELL = 11
PITCH = 14
CALENDAR_LEFT = 30  # room for the weekday names, repeated on the right
CALENDAR_TOP = 18  # room for the month names

# Minutes that make a day one shade darker. Fixed, so a shade means the same all year.
LEVEL_MINUTES = (5, 10, 20)
LEVEL_LABELS = ["No practice", "Under 5 min", "5–10 min", "10–20 min", "20 min or more"]


def _level(day: Day) -> int:
    if not day.sessions:
        return 0
    return 1 + sum(day.seconds >= minutes * 60 for minutes in LEVEL_MINUTES)


@dataclass(frozen=True)
class CalendarCell:
    x: str
    y: str
    level: int
    label: str

    @property
    def shade(self) -> str:
        return f"level-{self.level}"


@dataclass(frozen=True)
class Calendar:
    cells: list[CalendarCell]
    months: list[tuple[str, str]]  # (x, name) over the first column of each month
    weekdays: list[tuple[str, str]]  # (y, name) beside the rows they name
    weekdays_x: str  # the right-hand copy, for phones that show the recent end
    width: int
    height: int
    practised_days: int
    legend: list[tuple[int, str]]


def calendar(days: dict[date, Day], first_day: date, today: date) -> Calendar:
    """A year of days as a heatmap: weeks are columns (Monday at the top), today is last."""
    long_date = _long_dates()
    cells = []
    months = []
    for offset in range((today - first_day).days + 1):
        day = first_day + timedelta(days=offset)
        week, weekday = divmod(offset, 7)
        x = CALENDAR_LEFT + week * PITCH
        figures = days.get(day, Day(day))
        if day.day == 1 or offset == 0:
            months.append((_svg(x), MONTHS_3[day.month].title()))
        if figures.sessions:
            sessions = f"{figures.sessions} session{'s' if figures.sessions != 1 else ''}"
            label = f"{long_date(day)}: {sessions}, {duration(figures.seconds)}"
        else:
            label = f"{long_date(day)}: no practice"
        cells.append(
            CalendarCell(
                x=_svg(x),
                y=_svg(CALENDAR_TOP + weekday * PITCH),
                level=_level(figures),
                label=label,
            )
        )
    # A month that begins in the last days of the first column would crowd
    # the first label; keep the later one.
    if len(months) > 1 and float(months[1][0]) - float(months[0][0]) < 3 * PITCH:
        months.pop(0)
    weeks = (today - first_day).days // 7 + 1
    return Calendar(
        cells=cells,
        months=months,
        weekdays=[
            (_svg(CALENDAR_TOP + row * PITCH + CELL - 1), name)
            for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))
        ],
        weekdays_x=_svg(CALENDAR_LEFT + weeks * PITCH + 4),
        width=CALENDAR_LEFT * 2 + weeks * PITCH,
        height=CALENDAR_TOP + 7 * PITCH,
        practised_days=sum(1 for day in days.values() if day.sessions),
        legend=list(enumerate(LEVEL_LABELS)),
    )


def signed(value: float) -> str:
    rounded = round(value, 1)
    if not rounded:
        return "0"
    return ("+" if rounded > 0 else "−") + _number(abs(rounded))


def _number(value: float) -> str:
    """3.5 → "3.5", 2.0 → "2"."""
    return f"{value:.1f}".removesuffix(".0")


# Chart geometry, in SVG user units.
CHART_WIDTH = 720
CHART_HEIGHT = 220
PLOT_LEFT = 34
PLOT_RIGHT = CHART_WIDTH - 34
PLOT_TOP = 12
PLOT_BOTTOM = CHART_HEIGHT - 28


@dataclass(frozen=True)
class ChartPoint:
    x: str
    before_y: str
    after_y: str
    label: str


@dataclass(frozen=True)
class Chart:
    points: list[ChartPoint]
    before_line: str  # SVG polyline points
    after_line: str
    y_ticks: list[tuple[str, int]]  # (y, rating)
    x_ticks: list[tuple[str, str]]  # (x, month)
    rated: int
    summary: str
    by_week: bool
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = PLOT_LEFT
    right: int = PLOT_RIGHT
    rating_x: int = PLOT_LEFT - 8  # where the rating labels on the left end
    rating_right_x: int = PLOT_RIGHT + 8  # and where those on the right begin
    month_y: int = CHART_HEIGHT - 8  # the baseline of the month labels


def _rating_y(rating: float) -> str:
    """5 (very puffy) at the top, 1 (not puffy) at the bottom."""
    return _svg(PLOT_TOP + (5 - rating) / 4 * (PLOT_BOTTOM - PLOT_TOP))


# Up to this many days of ratings are plotted day by day; longer, week by week,
# so the chart never has more points than a phone screen can tell apart.
CHART_DAYS = 84


def _weighted(days: list[Day]) -> tuple[int, float, float]:
    """Sessions rated, and their average before and after, over several days."""
    rated = sum(day.rated for day in days)
    before = sum(day.before * day.rated for day in days) / rated
    after = sum(day.after * day.rated for day in days) / rated
    return rated, before, after


def chart(days: dict[date, Day], first_day: date, today: date) -> Chart:
    """Average puffiness before and after: per local day over the last 12 weeks,
    or per week over the calendar's year when there are older ratings."""
    long_date = _long_dates()
    rated_days = sorted((day for day in days.values() if day.rated), key=lambda day: day.day)
    start = today - timedelta(days=CHART_DAYS - 1)
    if rated_days and rated_days[0].day < start:
        start, span_label = first_day, "12 months"
        weeks: dict[date, list[Day]] = defaultdict(list)
        for day in rated_days:
            weeks[day.day - timedelta(days=day.day.weekday())].append(day)
        groups = [
            (monday, f"Week of {long_date(monday)}", group) for monday, group in weeks.items()
        ]
    else:
        span_label = "12 weeks"
        groups = [(day.day, long_date(day.day), [day]) for day in rated_days]
    span = max(1, (today - start).days)

    def x_of(day: date) -> str:
        return _svg(PLOT_LEFT + (day - start).days / span * (PLOT_RIGHT - PLOT_LEFT))

    points = []
    for day, name, group in groups:
        rated, before, after = _weighted(group)
        sessions = f" ({rated} sessions)" if rated > 1 else ""
        points.append(
            ChartPoint(
                x=x_of(day),
                before_y=_rating_y(before),
                after_y=_rating_y(after),
                label=f"{name}: before {_number(before)}, after {_number(after)}{sessions}",
            )
        )
    if rated_days:
        rated, before, after = _weighted(rated_days)
        summary = (
            f"{rated} rated session{'s' if rated != 1 else ''} in the last {span_label}: "
            f"on average {_number(before)} before and {_number(after)} after, "
            "on a scale from 1 (not puffy) to 5 (very puffy)."
        )
    else:
        rated, summary = 0, "No rated sessions in the last 12 months."
    month_starts = [
        start + timedelta(days=offset)
        for offset in range(span + 1)
        if (start + timedelta(days=offset)).day == 1
    ]
    return Chart(
        points=points,
        before_line=" ".join(f"{point.x},{point.before_y}" for point in points),
        after_line=" ".join(f"{point.x},{point.after_y}" for point in points),
        y_ticks=[(_rating_y(value), value) for value in range(1, 6)],
        x_ticks=[(x_of(day), MONTHS_3[day.month].title()) for day in month_starts],
        rated=rated,
        summary=summary,
        by_week=span_label == "12 months",
    )


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

    @property
    def top_routines(self) -> list[RoutineFigures]:
        """The ten most practised, for the routines table."""
        return self.routines[:10]


def insights_version(user, zone: ZoneInfo, now: datetime) -> str:
    """What the insights depend on, as a cache key.

    The insights change only when the user's sessions change, when their zone
    changes, or when their local day turns. Sessions note each change on the
    user's profile (Profile.practice_changed_at): one row by primary key,
    however long the practice. Until the first such note, the count and the
    newest change of their finished sessions stand in, from an index.
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
    )
