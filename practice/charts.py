"""
The history page's pictures, drawn from the figures in practice/stats.py:
a year of days as a calendar heatmap, and puffiness before and after as a chart.

Pure functions of those figures: no queries, no clock (today is passed in),
so what a picture shows follows from what it is given. Coordinates are SVG
user units, handed to the templates as text (see _svg).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS

from catalogue.templatetags.durations import duration

if TYPE_CHECKING:
    from .stats import Day


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


def signed(value: float) -> str:
    """A change in puffiness: "−1.5" (less puffy after), "+0.5", "0"."""
    rounded = round(value, 1)
    if not rounded:
        return "0"
    return ("+" if rounded > 0 else "−") + _number(abs(rounded))


def _number(value: float) -> str:
    """3.5 → "3.5", 2.0 → "2"."""
    return f"{value:.1f}".removesuffix(".0")


# --- Calendar heatmap ------------------------------------------------------

# Heatmap geometry, in SVG user units: a cell per day, a column per week.
CELL = 11
PITCH = 14
CALENDAR_LEFT = 30  # room for the weekday names, repeated on the right
CALENDAR_TOP = 18  # room for the month names

# Minutes that make a day one shade darker. Fixed, so a shade means the same all year.
LEVEL_MINUTES = (5, 10, 20)
LEVEL_LABELS = ["No practice", "Under 5 min", "5–10 min", "10–20 min", "20 min or more"]


def _level(day: Day | None) -> int:
    if day is None or not day.sessions:
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
        figures = days.get(day)  # None: a day without practice
        if day.day == 1 or offset == 0:
            months.append((_svg(x), MONTHS_3[day.month].title()))
        if figures and figures.sessions:
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


# --- Puffiness before and after ---------------------------------------------

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
    # The scale in words, inside the plot at the right (the end a phone shows first).
    scale_word_x: int = PLOT_RIGHT - 4
    very_puffy_y: int = PLOT_TOP + 14
    not_puffy_y: int = PLOT_BOTTOM - 5


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


# --- One month, readable on a phone ----------------------------------------

WEEKDAY_HEADINGS = [(str(WEEKDAYS[number])[:3], str(WEEKDAYS[number])) for number in range(7)]


@dataclass(frozen=True)
class MonthDay:
    day: date
    sessions: int
    label: str  # "2 December: 1 session, 5 min", for screen readers
    is_today: bool

    @property
    def number(self) -> int:
        return self.day.day


@dataclass(frozen=True)
class MonthCalendar:
    first: date
    title: str  # "December 2026"
    weeks: list[list[MonthDay | None]]  # Monday first; None pads outside the month
    weekdays: list[tuple[str, str]]  # (short, long): Mon…Sun, as the year's calendar
    practised_days: int
    sessions: int
    previous: date | None  # the first of the month before, if the calendar has it
    next: date | None  # the first of the month after, never beyond today's

    @property
    def key(self) -> str:
        return self.first.strftime("%Y-%m")


def month_of(day: date, months: int = 0) -> date:
    """The first of `day`'s month, moved by `months`."""
    number = day.year * 12 + day.month - 1 + months
    return date(number // 12, number % 12 + 1, 1)


def earliest_month(first_day: date) -> date:
    """The first month the year's days cover in full."""
    return first_day if first_day.day == 1 else month_of(first_day, 1)


def month_calendar(
    days: dict[date, Day], first: date, first_day: date, today: date
) -> MonthCalendar:
    """The month that begins on `first`, week by week from Monday, from the
    same local days as the year's calendar (no query of its own)."""
    months = {number: str(name) for number, name in MONTHS.items()}
    following = month_of(first, 1)
    weeks: list[list[MonthDay | None]] = []
    week: list[MonthDay | None] = [None] * first.weekday()
    practised = sessions = 0
    day = first
    while day < following:
        figures = days.get(day)
        count = figures.sessions if figures else 0
        name = f"{day.day} {months[day.month]}"
        if count:
            practised += 1
            sessions += count
            label = (
                f"{name}: {count} session{'s' if count != 1 else ''}, {duration(figures.seconds)}"
            )
        else:
            label = f"{name}: no practice"
        week.append(MonthDay(day=day, sessions=count, label=label, is_today=day == today))
        if len(week) == 7:
            weeks.append(week)
            week = []
        day += timedelta(days=1)
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    previous = month_of(first, -1)
    return MonthCalendar(
        first=first,
        title=f"{months[first.month]} {first.year}",
        weeks=weeks,
        weekdays=WEEKDAY_HEADINGS,
        practised_days=practised,
        sessions=sessions,
        previous=previous if previous >= earliest_month(first_day) else None,
        next=following if following <= today else None,
    )
