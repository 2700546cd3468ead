"""
A person's data is theirs: every session and every step of it, as CSV or JSON.

Both formats stream. Sessions are read in chunks, each chunk with its step
logs in one more query, and written out as they come: exporting ten thousand
sessions needs neither ten thousand queries nor all of them in memory.
Times are ISO 8601 in the person's time zone, with its offset.

The CSV has one row per step of each session (the session's columns repeat),
so it opens straight into a spreadsheet. A spreadsheet also runs any cell that
starts with =, +, - or @ as a formula, and notes are free text: such cells get
a leading apostrophe, which spreadsheets show as text.
"""

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from itertools import batched
from zoneinfo import ZoneInfo

from accounts import cautions
from accounts.models import SafetyCheck

from .history import StepRow, step_rows
from .models import PracticeSession
from .models.snapshots import keep_steps_of
from .programs import enrolments_with_progress

CHUNK_SIZE = 500

CSV_HEADER = [
    "session_id",
    "routine",
    "status",
    "created_at",
    "started_at",
    "finished_at",
    "active_seconds",
    "paused_seconds",
    "puffiness_before",
    "puffiness_after",
    "notes",
    "step_number",
    "step_title",
    "step_technique",
    "step_zone",
    "step_side",
    "step_planned_seconds",
    "step_started_at",
    "step_ended_at",
    "step_outcome",
    # Why the safety check left a step out at start (catalogue/safety.py).
    "step_left_out_because",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def filename(kind: str, day: date) -> str:
    return f"facerouting-sessions-{day.isoformat()}.{kind}"


def sessions_to_export(user):
    """All of the user's sessions, oldest first, each with its step log, and the
    steps of each chunk's routine versions read in one query if not in memory."""
    sessions = (
        PracticeSession.objects.filter(user=user)
        .order_by("created_at", "pk")
        .prefetch_related("logs")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for chunk in batched(sessions, CHUNK_SIZE):
        keep_steps_of(session.snapshot_id for session in chunk)
        yield from chunk


def _time(value: datetime | None, zone: ZoneInfo) -> str | None:
    return value.astimezone(zone).isoformat() if value else None


def session_record(session: PracticeSession, zone: ZoneInfo) -> dict:
    active = session.active_seconds
    return {
        "id": session.pk,
        "routine": session.routine_title,
        "status": session.status,
        "created_at": _time(session.created_at, zone),
        "started_at": _time(session.started_at, zone),
        "finished_at": _time(session.finished_at, zone),
        "active_seconds": round(active, 1) if active is not None else None,
        "paused_seconds": round(session.paused_seconds, 1),
        "puffiness_before": session.puffiness_before,
        "puffiness_after": session.puffiness_after,
        "notes": session.notes,
    }


def step_record(row: StepRow, zone: ZoneInfo) -> dict:
    """The step as the session showed it (its snapshot) and what happened to it."""
    return {
        "number": row.number,
        **row.step,
        "started_at": _time(row.started_at, zone),
        "ended_at": _time(row.ended_at, zone),
        "outcome": row.outcome,
    }


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(user, zone: ZoneInfo) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for session in sessions_to_export(user):
        session_cells = list(session_record(session, zone).values())
        for row in step_rows(session):
            step = step_record(row, zone)
            cells = [
                *session_cells,
                step["number"],
                step.get("title"),
                step.get("technique"),
                step.get("zone_label"),
                step.get("side_label"),
                step.get("duration_seconds"),
                step["started_at"],
                step["ended_at"],
                step["outcome"],
                " ".join(step.get("reasons") or ()),
            ]
            yield writer.writerow([neutralise(cell) for cell in cells])


def program_record(run, zone: ZoneInfo) -> dict:
    """A program the person joined: how far they got, and the days they did when."""
    return {
        "program": run.program_title,
        "status": run.status,
        "started_on": run.started_on.isoformat(),
        "ended_at": _time(run.ended_at, zone),
        "days_done": run.plan.done,
        "days_total": run.plan.total,
        "done": [
            {"day": day.number, "routine": day.title, "on": day.completed_on.isoformat()}
            for day in run.plan.days
            if day.completed_on
        ],
    }


def json_chunks(user, zone: ZoneInfo, *, now: datetime) -> Iterator[str]:
    """One JSON document: who, when, and a list of sessions, each with its steps."""
    head = {
        "exported_at": _time(now, zone),
        "username": user.get_username(),
        "time_zone": zone.key,
        # What they told the safety check, as they gave it (accounts.SafetyCheck).
        "safety_check": SafetyCheck.objects.filter(user=user)
        .values_list("answers", flat=True)
        .first(),
    }
    # The cautions they said they read on a routine's page (accounts/cautions.py).
    head["acknowledged_cautions"] = cautions.acknowledgements_of(user)
    head["programs"] = [program_record(run, zone) for run in enrolments_with_progress(user)]
    yield json.dumps(head)[:-1] + ', "sessions": [\n'
    separator = ""
    for session in sessions_to_export(user):
        record = session_record(session, zone)
        record["steps"] = [step_record(row, zone) for row in step_rows(session)]
        yield separator + json.dumps(record)
        separator = ",\n"
    yield "\n]}\n"
