"""
Two per-row figures the statistics aggregate, made cheap on both databases.

PostgreSQL has everything built in. SQLite has no time zones: Django's
TruncDate(tzinfo=…) calls back into Python for every row there, and subtracting
datetimes does too; with ten thousand sessions those calls cost more than the
rest of the history page together. So on SQLite both are written in SQLite's
own date functions:

- LocalDate adds the zone's UTC offset, chosen by a CASE over the zone's
  offset changes (read once per zone from zoneinfo), and takes the date.
  Outside the years it knows the changes for, Django's TruncDate answers.
- PractisedSeconds uses julianday() arithmetic.
"""

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo

from django.db import NotSupportedError
from django.db.models import F, FloatField, Func
from django.db.models.functions import TruncDate
from django.utils import timezone

# LocalDate's SQLite CASE covers this year to the end of next year.
FIRST_YEAR = 2000
DAY_SECONDS = 24 * 60 * 60


def _as_sqlite_text(timestamp: int) -> str:
    """A UTC moment as Django stores datetimes in SQLite, so text comparison orders them."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S")


@cache
def utc_offset_periods(zone_key: str, until_year: int) -> tuple[tuple[str, str, int], ...]:
    """When `zone_key`'s offset changed from FIRST_YEAR to the end of `until_year`.

    (start, end, offset in seconds) for each period, newest first; start and
    end as SQLite text. Offsets are probed daily and each change is narrowed
    to the second; zones change at most a few times a year, never twice a day.
    """
    zone = ZoneInfo(zone_key)
    first = int(datetime(FIRST_YEAR, 1, 1, tzinfo=UTC).timestamp())
    last = int(datetime(until_year + 1, 1, 1, tzinfo=UTC).timestamp())

    def offset_at(timestamp: int) -> int:
        return int(datetime.fromtimestamp(timestamp, zone).utcoffset().total_seconds())

    starts = [(first, offset_at(first))]
    for day in range(first, last, DAY_SECONDS):
        following = min(day + DAY_SECONDS, last)
        if offset_at(following) == starts[-1][1]:
            continue
        before, after = day, following  # the change is in (before, after]
        while after - before > 1:
            middle = (before + after) // 2
            if offset_at(middle) == starts[-1][1]:
                before = middle
            else:
                after = middle
        starts.append((after, offset_at(after)))
    ends = [start for start, _ in starts[1:]] + [last]
    return tuple(
        (_as_sqlite_text(start), _as_sqlite_text(end), offset)
        for (start, offset), end in reversed(list(zip(starts, ends, strict=True)))
    )


class LocalDate(TruncDate):
    """The date of a datetime column in a time zone: TruncDate, native on SQLite too."""

    def as_sqlite(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.lhs)
        zone_key = self.get_tzname()
        if zone_key == "UTC":
            return f"date({column})", params
        periods = utc_offset_periods(zone_key, timezone.now().year + 1)
        # Unary + strips the column's NUMERIC affinity, so each comparison is
        # plain text against text instead of an attempted number conversion.
        moment = f"+{column}"
        # Past the last known period there is no offset: date(…, NULL) is NULL
        # and Django's TruncDate answers instead. So it does before the first.
        whens = [f"WHEN {moment} >= %s THEN NULL"]
        case_params = [*params, periods[0][1]]
        # Newest first: recent practice, the usual case, matches the first WHENs.
        for start, _end, offset in periods:
            whens.append(f"WHEN {moment} >= %s THEN %s")
            case_params += [*params, start, f"{offset:+d} seconds"]
        fallback, fallback_params = super().as_sql(compiler, connection)
        return (
            f"COALESCE(date({column}, CASE {' '.join(whens)} END), {fallback})",
            (*params, *case_params, *fallback_params),
        )


class PractisedSeconds(Func):
    """Seconds from start to finish without the pauses, never below zero.

    The database's version of PracticeSession.active_seconds.
    """

    output_field = FloatField()

    def __init__(self, **extra):
        super().__init__(F("started_at"), F("finished_at"), F("paused_seconds"), **extra)

    def _compile(self, compiler):
        return [compiler.compile(expression) for expression in self.get_source_expressions()]

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("PractisedSeconds is written for SQLite and PostgreSQL.")

    def as_sqlite(self, compiler, connection, **extra_context):
        (started, started_params), (finished, finished_params), (paused, paused_params) = (
            self._compile(compiler)
        )
        return (
            f"MAX(0.0, (julianday({finished}) - julianday({started})) * 86400.0 - {paused})",
            (*finished_params, *started_params, *paused_params),
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        (started, started_params), (finished, finished_params), (paused, paused_params) = (
            self._compile(compiler)
        )
        return (
            # date_part, unlike EXTRACT, computes in double precision, not numeric.
            f"GREATEST(0.0, date_part('epoch', {finished} - {started}) - {paused})",
            (*finished_params, *started_params, *paused_params),
        )
