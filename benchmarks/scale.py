"""
`make bench-scale`: the history, the exports, the player and a step change with
100,000 members and a million sessions, against the same on an empty database.

    make bench-scale                                   # 1,000,000 sessions, PostgreSQL
    make bench-scale ARGS="--sessions 10000000"        # ten million
    make bench-scale ARGS=--keep                       # keep both databases afterwards
    python -m benchmarks.scale --reuse                 # measure the kept databases again

PostgreSQL only (127.0.0.1:5432, user postgres, unless --server names
another), and not part of `make test`. It makes two databases of its own and
drops them at the end (unless --keep):

- facerouting_scale_empty: migrated, the curated content, and only the three
  members measured, with their sessions;
- facerouting_scale: the same, among 100,000 members and 1,000,000 sessions
  (--sessions) with their step logs, over two years.

Both are made the same way: `migrate` and `load_content`, then one session of
every curated routine started through the player's own code, which writes the
shared snapshots (practice/models/snapshots.py); then the sessions and step
logs in bulk, with INSERT … SELECT FROM generate_series straight into the
tables `migrate` made (their secondary indexes and foreign keys dropped for the
load and made again from their own definitions, as pg_restore does; every check
constraint stays on), then VACUUM ANALYZE. Every session is one routine's
(Morning de-puff most often), nine in ten finished and logged step by step (a
few skipped, a few finished early), the rest left running, paused or never
begun; two in a hundred are a visitor's. Members practise unevenly: some a few
times, some hundreds. The members measured get the same sessions in both
databases, at the same moments:

- scale-typical: 10 sessions (the history, one session's history page);
- scale-heavy: 2,000 sessions (the history, the CSV and JSON exports);
- scale-player: 10 sessions, plus those the measurement opens (the player page
  of a session half-way through, and a step change: an htmx Next on a session
  at its first step, a fresh one for every request, so each applies).

Requests are made in-process with Django's test client, through every
middleware of the production settings (benchmarks/settings.py), with the
per-process memory cache, in one process per database: each request on one
database and at once on the other (alternating which goes first), so both see
the same moment of a shared machine; --runs of each after a warm-up, in
--rounds rounds of new processes, and the medians of all runs are compared.
The history is measured as a repeat visit (its figures served from the cache)
and with the cache emptied before every request (the first visit after a
change). Budget: each request within 1.5× of the empty database, with as many
queries.

Then each SELECT those requests make is run again on both databases with
EXPLAIN (ANALYZE, BUFFERS) (var/scale/explain.txt, explain-empty.txt): the
pages it touched there and at scale, and any sequential scan of a large table.
And the size of the session, step-log and snapshot tables per million
sessions, now and as it would be had each session kept its own copy of its
steps (measured on a sample of 100,000 sessions copied into a table with the
old steps column; see sizes()).

It prints the tables, writes var/scale/report.json and exits 1 when a budget
is missed.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks import server
from benchmarks.bench import Budget

HOME = server.ROOT / "var" / "scale"
STATIC = HOME / "static"
SERVER = "postgres://postgres@127.0.0.1:5432"
SCALE, EMPTY = "facerouting_scale", "facerouting_scale_empty"
SESSIONS, MEMBERS = 1_000_000, 100_000
SPAN = timedelta(days=730)  # two years of practice, the newest an hour ago
RATIO = 1.5  # the budget: scale ÷ empty, for every request

# The members measured, each in both databases. Of the session slots 1 … N
# (N = --sessions), every (N / 2,000)th is the heavy member's; of every tenth
# of them, slot 7 the typical member's and slot 13 the player's.
TYPICAL, HEAVY, PLAYER = "scale-typical", "scale-heavy", "scale-player"
HEAVY_SESSIONS, TYPICAL_SLOT, PLAYER_SLOT = 2_000, 7, 13
ZONE = "Europe/Berlin"
GUEST_PERCENT = 2
# How often each curated routine is practised (percent); a routine not named
# here gets 10 before they are scaled to 100.
POPULARITY = {
    "morning-de-puff": 30,
    "evening-face-roller": 14,
    "desk-break-de-puff": 12,
    "jaw-unclench": 10,
    "gua-sha-sculpt": 10,
    "facial-yoga-forehead": 9,
    "classic-facial-massage": 8,
    "microcurrent-lift": 7,
}
ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Asia/Kolkata",
]
NOTES = ["Felt lighter around the eyes.", "Jaw less tight.", "Rushed it today."]
LARGE_TABLE_ROWS = 100_000  # a sequential scan of a table this big is reported
SAMPLE = 100_000  # sessions in the sample that estimates the old per-session copies


# --- The PostgreSQL server -------------------------------------------------


def connect(server_url: str, database: str = "postgres", **options):
    """A connection to `database`, or a clear message that the server is not there."""
    import psycopg

    try:
        return psycopg.connect(f"{server_url}/{database}", connect_timeout=5, **options)
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"make bench-scale needs PostgreSQL at {server_url} (trust authentication; "
            f"--server names another): {str(error).strip()}"
        ) from error


def database_exists(server_url: str, name: str) -> bool:
    with connect(server_url, autocommit=True) as connection:
        return bool(
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        )


def drop_database(server_url: str, name: str) -> None:
    from psycopg import sql

    with connect(server_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def create_database(server_url: str, name: str) -> None:
    from psycopg import sql

    drop_database(server_url, name)
    with connect(server_url, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def nice_backend(connection, server_url: str) -> None:
    """The load's server process at nice 10, as the load's own: the machine is shared.
    Only for a server on this machine, and only a process that is PostgreSQL's."""
    if "@127.0.0.1" not in server_url and "@localhost" not in server_url:
        return
    pid = connection.info.backend_pid
    try:
        if Path(f"/proc/{pid}/comm").read_text().strip() == "postgres":
            os.setpriority(os.PRIO_PROCESS, pid, 10)
    except OSError:
        pass  # another user's process, or another machine's: it runs as it is


def child_environment(server_url: str, database: str) -> dict[str, str]:
    """benchmarks/settings.py on `database`, with the per-process memory cache."""
    env = server.environment() | {
        "DATABASE_URL": f"{server_url}/{database}",
        "DJANGO_STATIC_ROOT": str(STATIC),
    }
    env.pop("REDIS_URL", None)  # cache.clear() must never empty a shared cache
    return env


def child(kind: str, server_url: str, database: str, *options: str, nice: bool = False):
    """This module in a process of its own on `database`; what it prints, as JSON."""
    command = [sys.executable, "-m", "benchmarks.scale", "--child", kind, *options]
    if nice:
        command = ["nice", "-n", "10", *command]
    run = subprocess.run(
        command,
        cwd=server.ROOT,
        env=child_environment(server_url, database),
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if run.returncode:
        raise SystemExit(f"benchmarks.scale --child {kind} on {database} failed.")
    return json.loads(run.stdout)


def manage(server_url: str, database: str, *args: str) -> None:
    subprocess.run(
        ["nice", "-n", "10", server.PYTHON, "manage.py", *args],
        cwd=server.ROOT,
        env=child_environment(server_url, database),
        check=True,
    )


# --- Making a database -----------------------------------------------------


def setup_members() -> dict:
    """(Child.) The members measured, and one session of every curated routine
    started through the player, which stores the routines' shared snapshots."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from accounts.models import Profile
    from catalogue.models import Routine, Tool
    from catalogue.safety import Answers
    from practice import player

    User = get_user_model()
    members = {}
    for username in (TYPICAL, HEAVY, PLAYER):
        user = User(username=username, email=f"{username}@example.com")
        user.set_unusable_password()
        user.save()
        Profile.objects.create(user=user, timezone=ZONE)
        members[username] = user.pk
    routines = []
    # Someone who owns every tool (the microcurrent routine is offered only then).
    owns_everything = Answers(tools=frozenset(Tool.values))
    for routine in Routine.objects.filter(owner=None, is_published=True).order_by("pk"):
        session = player.start_session(
            routine, user=User.objects.get(pk=members[PLAYER]), answers=owns_everything
        )
        routines.append(
            {
                "id": routine.pk,
                "slug": routine.slug,
                "title": routine.title,
                "digest": session.snapshot_id,
                "seconds": [step["duration_seconds"] for step in session.steps],
            }
        )
    return {"members": members, "routines": routines}


def load_parameters(made: dict, sessions: int, members: int, everyone: bool, t0) -> dict:
    """The bulk load's SQL parameters: who practises which slot, and each routine's steps."""
    routines = made["routines"]
    stride = max(len(routine["seconds"]) for routine in routines)
    starts, ends = [], []
    for routine in routines:
        offsets = [0]
        for seconds in routine["seconds"]:
            offsets.append(offsets[-1] + seconds)
        padding = [0] * (stride - len(routine["seconds"]))
        starts += offsets[:-1] + padding
        ends += offsets[1:] + padding
    weights = [POPULARITY.get(routine["slug"], 10) for routine in routines]
    picks = []
    for k, weight in enumerate(weights, start=1):
        picks += [k] * round(100 * weight / sum(weights))
    picks = (picks + [1] * 100)[:100]
    member_ids = made["members"]
    return {
        "sessions": sessions,
        "everyone": everyone,
        "heavy_every": sessions // HEAVY_SESSIONS,
        "tenth": sessions // 10,
        "typical_slot": TYPICAL_SLOT,
        "player_slot": PLAYER_SLOT,
        "heavy": member_ids[HEAVY],
        "typical": member_ids[TYPICAL],
        "player": member_ids[PLAYER],
        "bulk": members - len(member_ids) if everyone else 0,
        "guest_percent": GUEST_PERCENT,
        "t0": t0,
        "every": (SPAN - timedelta(hours=1)) / sessions,
        "picks": picks,
        "ids": [routine["id"] for routine in routines],
        "titles": [routine["title"] for routine in routines],
        "digests": [routine["digest"] for routine in routines],
        "steps": [len(routine["seconds"]) for routine in routines],
        "stride": stride,
        "starts": starts,
        "ends": ends,
        "notes": NOTES,
        "zones": ZONES,
    }


# The other members, with an unusable password each, and their profiles.
MEMBERS_SQL = [
    """
    INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email,
                           is_staff, is_active, date_joined)
    SELECT %(base)s + n, '!' || md5(n::text), false, 'scale-' || lpad(n::text, 6, '0'), '', '',
           'scale-' || n || '@example.com', false, true, %(t0)s
    FROM generate_series(1, %(bulk)s) AS n
    """,
    "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), (SELECT max(id) FROM auth_user))",
    """
    INSERT INTO accounts_profile (timezone, user_id, acknowledged_cautions)
    SELECT (%(zones)s::text[])[1 + mod(n, cardinality(%(zones)s::text[]))], %(base)s + n, '{}'
    FROM generate_series(1, %(bulk)s) AS n
    """,
]

# Slot i of the timeline: its member, its moment, its routine k, and three draws.
# Its fate: finished (86 in 100), finished early (4), left running (5, long
# abandoned), paused (3) or never begun (2); q is the step it is at, or ended on.
SESSIONS_SQL = """
WITH slots AS (
    SELECT i,
        CASE
            WHEN mod(i, %(heavy_every)s) = 0 THEN %(heavy)s
            WHEN mod(i, %(tenth)s) = %(typical_slot)s THEN %(typical)s
            WHEN mod(i, %(tenth)s) = %(player_slot)s THEN %(player)s
            WHEN mod(abs(hashint8extended(i, 1)), 100) < %(guest_percent)s THEN NULL
            ELSE %(base)s + 1 + floor(%(bulk)s * power(
                mod(abs(hashint8extended(i, 2)), 1000000) / 1e6::float8, 1.5))::int
        END AS user_id,
        %(t0)s::timestamptz + (i - 1) * %(every)s::interval AS created_at,
        (%(picks)s::int[])[1 + mod(abs(hashint8extended(i, 3)), 100)] AS k,
        mod(abs(hashint8extended(i, 4)), 100) AS fate,
        mod(abs(hashint8extended(i, 5)), 100) AS rating,
        abs(hashint8extended(i, 6)) AS draw
    FROM generate_series(1, %(sessions)s) AS i
    WHERE %(everyone)s OR mod(i, %(heavy_every)s) = 0
        OR mod(i, %(tenth)s) IN (%(typical_slot)s, %(player_slot)s)
),
shaped AS (
    SELECT *,
        CASE WHEN fate < 90 THEN 'finished' WHEN fate < 95 THEN 'running'
             WHEN fate < 98 THEN 'paused' ELSE 'ready' END AS status,
        CASE WHEN fate < 86 THEN n - 1
             WHEN fate < 90 THEN greatest(0, n - 2 - mod(draw, 3))
             WHEN fate < 98 THEN mod(draw, n) ELSE 0 END AS q,
        CASE WHEN fate < 90 AND mod(rating, 10) = 0 THEN 15 + mod(draw, 100) ELSE 0 END AS paused,
        created_at + interval '8 seconds' AS started
    FROM (SELECT *, (%(steps)s::int[])[k] AS n FROM slots) AS counted
),
timed AS (
    SELECT *,
        started + (5 + (%(starts)s::int[])[(k - 1) * %(stride)s + q + 1]) * interval '1 second'
            AS step_began,
        started + (5 + (%(ends)s::int[])[(k - 1) * %(stride)s + q + 1]) * interval '1 second'
            AS step_due
    FROM shaped
),
rated AS (
    SELECT *,
        CASE WHEN status = 'finished' AND rating < 70 THEN 2 + mod(draw / 7, 4) END AS before,
        step_began + (step_due - step_began) / 2 AS paused_at
    FROM timed
),
moments AS (
    SELECT *,
        CASE WHEN status = 'finished' THEN step_due + paused * interval '1 second' END
            AS finished_at,
        CASE status WHEN 'finished' THEN step_due + paused * interval '1 second'
                    WHEN 'running' THEN step_began WHEN 'paused' THEN paused_at
                    ELSE created_at END AS last_activity_at
    FROM rated
)
INSERT INTO practice_practicesession (
    guest_token, routine_title, status, position, deadline, remaining_ms, paused_at,
    paused_seconds, revision, created_at, started_at, finished_at, last_activity_at,
    puffiness_before, puffiness_after, notes, updated_at, routine_id, user_id, left_out,
    snapshot_id)
SELECT
    CASE WHEN user_id IS NULL THEN md5(i::text) ELSE '' END,
    (%(titles)s::text[])[k],
    status,
    q,
    CASE WHEN status = 'running' THEN step_due END,
    CASE WHEN status = 'paused'
         THEN (extract(epoch FROM step_due - paused_at) * 1000)::int END,
    CASE WHEN status = 'paused' THEN paused_at END,
    paused,
    CASE status WHEN 'finished' THEN q + 2 WHEN 'running' THEN q + 1
                WHEN 'paused' THEN q + 2 ELSE 0 END,
    created_at,
    CASE WHEN status <> 'ready' THEN started END,
    finished_at,
    last_activity_at,
    before,
    CASE WHEN before IS NOT NULL THEN greatest(1, before - mod(draw / 11, 3)) END,
    CASE WHEN status = 'finished' AND mod(rating, 10) = 3
         THEN (%(notes)s::text[])[1 + mod(draw, cardinality(%(notes)s::text[]))]
         ELSE '' END,
    CASE WHEN before IS NOT NULL THEN last_activity_at + interval '40 seconds'
         ELSE last_activity_at END,
    (%(ids)s::bigint[])[k],
    user_id,
    '[]',
    (%(digests)s::text[])[k]
FROM moments
"""

# Every step a session reached: done (a few in a hundred skipped, ended early),
# and, while a session is open, the step it is at, begun and not ended.
STEP_LOGS_SQL = """
INSERT INTO practice_steplog (session_id, position, started_at, ended_at, outcome)
SELECT id, p, began,
    CASE WHEN open THEN NULL
         WHEN skipped THEN began + least(seconds, 4) * interval '1 second'
         ELSE began + seconds * interval '1 second' END,
    CASE WHEN open THEN '' WHEN skipped THEN 'skipped' ELSE 'done' END
FROM (
    SELECT s.id, p,
        s.started_at + (5 + (%(starts)s::int[])[slot + p]) * interval '1 second' AS began,
        (%(ends)s::int[])[slot + p] - (%(starts)s::int[])[slot + p] AS seconds,
        s.status <> 'finished' AND p = s.position AS open,
        mod(abs(hashint8extended(
            (extract(epoch FROM s.created_at) * 1000)::bigint * 64 + p, 7)), 100) < 4
            AS skipped
    FROM (
        SELECT *, (array_position(%(digests)s::text[], snapshot_id::text) - 1) * %(stride)s + 1
            AS slot
        FROM practice_practicesession
        WHERE id > %(after)s AND started_at IS NOT NULL
    ) AS s
    CROSS JOIN LATERAL generate_series(0, s.position) AS p
) AS steps
"""

LOADED = ("practice_practicesession", "practice_steplog")


def schema_of(cursor, tables=LOADED) -> list[tuple]:
    """Every index and constraint of `tables`, as PostgreSQL would write it again."""
    cursor.execute(
        """
        SELECT 'index', c.relname::text, i.indexrelid::regclass::text,
               pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relname = ANY(%(tables)s)
        UNION ALL
        SELECT 'constraint', c.relname::text, k.conname::text, pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relname = ANY(%(tables)s)
        ORDER BY 1, 2, 3
        """,
        {"tables": list(tables)},
    )
    return cursor.fetchall()


def secondary(cursor, tables=LOADED) -> tuple[list, list]:
    """What a bulk load is faster without: foreign keys and unique constraints, and
    the indexes no constraint owns (the primary keys and checks stay)."""
    cursor.execute(
        """
        SELECT c.relname::text, k.conname::text, pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relname = ANY(%(tables)s) AND k.contype IN ('f', 'u')
        ORDER BY k.contype DESC
        """,
        {"tables": list(tables)},
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relname = ANY(%(tables)s) AND NOT i.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        """,
        {"tables": list(tables)},
    )
    return constraints, cursor.fetchall()


def bulk_load(server_url: str, database: str, parameters: dict) -> dict:
    """Members, sessions and step logs into `database`; the seconds each part took."""
    from psycopg import sql

    seconds = {}
    with connect(server_url, database, autocommit=True) as connection:
        nice_backend(connection, server_url)
        cursor = connection.cursor()
        # One core, and the memory to sort for the indexes in one pass.
        for setting in (
            "SET max_parallel_maintenance_workers = 0",
            "SET max_parallel_workers_per_gather = 0",
            "SET maintenance_work_mem = '1GB'",
            "SET synchronous_commit = off",
        ):
            cursor.execute(setting)
        schema = schema_of(cursor)
        constraints, indexes = secondary(cursor)
        for table, name, _ in reversed(constraints):  # unique ones after the foreign keys
            cursor.execute(
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
            )
        for name, _ in indexes:
            cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))

        started = time.monotonic()
        cursor.execute("SELECT coalesce(max(id), 0) FROM auth_user")
        parameters = parameters | {"base": cursor.fetchone()[0]}
        if parameters["bulk"]:
            for statement in MEMBERS_SQL:
                cursor.execute(statement, parameters)
        seconds["members"] = time.monotonic() - started
        started = time.monotonic()
        cursor.execute("SELECT coalesce(max(id), 0) FROM practice_practicesession")
        parameters["after"] = cursor.fetchone()[0]
        cursor.execute(SESSIONS_SQL, parameters)
        seconds["sessions"] = time.monotonic() - started
        started = time.monotonic()
        cursor.execute(STEP_LOGS_SQL, parameters)
        seconds["step logs"] = time.monotonic() - started
        # As finishing their last session through the player would have noted.
        cursor.execute(
            "UPDATE accounts_profile SET practice_changed_at = now() "
            "WHERE practice_changed_at IS NULL"
        )

        started = time.monotonic()
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in constraints:
            cursor.execute(
                sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
                + sql.SQL(definition)
            )
        seconds["indexes and constraints"] = time.monotonic() - started
        if schema_of(cursor) != schema:
            raise SystemExit(f"{database}: the indexes and constraints did not come back as made.")

        started = time.monotonic()
        cursor.execute("VACUUM ANALYZE")
        seconds["VACUUM ANALYZE"] = time.monotonic() - started
        counts = {}
        for table in ("auth_user", *LOADED):
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return {"seconds": seconds, "rows": counts}


def make_database(server_url: str, database: str, sessions: int, members: int, t0) -> dict:
    everyone = database == SCALE
    print(f"Making {database}: migrate, load_content, the members measured…", file=sys.stderr)
    create_database(server_url, database)
    manage(server_url, database, "migrate", "--noinput", "--verbosity", "0")
    manage(server_url, database, "load_content")
    made = child("setup", server_url, database, nice=True)
    parameters = load_parameters(made, sessions, members, everyone, t0)
    what = f"{members:,} members, {sessions:,} sessions" if everyone else "the measured members"
    print(f"Loading {database} in bulk: {what}…", file=sys.stderr)
    started = time.monotonic()
    loaded = bulk_load(server_url, database, parameters)
    loaded["total_seconds"] = time.monotonic() - started
    parts = ", ".join(f"{part} {s:.1f} s" for part, s in loaded["seconds"].items())
    print(f"  loaded in {loaded['total_seconds']:.1f} s: {parts}", file=sys.stderr)
    print(f"  rows: {loaded['rows']}", file=sys.stderr)
    return loaded


# --- Measuring -------------------------------------------------------------


# What is measured, in this order; the exports, which take seconds, fewer times.
REQUESTS = [
    ("history, 10 sessions", "pages"),
    ("history, 10, cache empty", "pages"),
    ("history, 2,000 sessions", "pages"),
    ("history, 2,000, cache empty", "pages"),
    ("history detail", "pages"),
    ("export CSV, 2,000 sessions", "exports"),
    ("export JSON, 2,000 sessions", "exports"),
    ("player page", "pages"),
    ("step change (htmx Next)", "pages"),
]


def runs_of(runs: int) -> dict[str, tuple[int, int]]:
    """Warm-up and timed runs of each kind of request, per round."""
    exports = max(3, runs // 4)
    return {"pages": (max(2, runs // 4), runs), "exports": (2, exports)}


def measured_requests(step_changes: int) -> tuple[dict, list]:
    """(Child.) Each request of REQUESTS as a call, made as its member in-process,
    with what to do before it (not timed); and the sessions stepped on."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from benchmarks import seed
    from catalogue.models import Routine
    from practice import player
    from practice.models import PracticeSession, SessionStatus

    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=(TYPICAL, HEAVY, PLAYER))
    }

    def client_of(username: str) -> Client:
        client = Client(SERVER_NAME="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        client.force_login(users[username], backend="accounts.backends.UsernameOrEmailBackend")
        return client

    typical, heavy, playing = (client_of(name) for name in (TYPICAL, HEAVY, PLAYER))
    detail = (
        PracticeSession.objects.filter(user=users[TYPICAL], status=SessionStatus.FINISHED)
        .order_by("-created_at")
        .first()
    )
    # Half-way through Morning de-puff, as benchmarks/seed.py leaves its player.
    session = player.start_session(Routine.objects.get(slug="morning-de-puff"), user=users[PLAYER])
    player.begin(session, 0, now=seed.one_lead_in_ago())
    player.advance(session, 0)
    player.advance(session, 1)
    # Sessions at their first step, a fresh one for every Next (benchmarks/seed.py).
    massage = Routine.objects.get(slug="classic-facial-massage")
    fresh: list[int] = []
    while len(fresh) < step_changes:
        fresh += seed.running_sessions(users[PLAYER], massage)["sessions"]
    fresh = fresh[:step_changes]
    stepped: list[int] = []

    def step_change():
        stepped.append(fresh.pop())
        return playing.post(
            f"/sessions/{stepped[-1]}/next/", {"position": 0}, headers={"HX-Request": "true"}
        )

    calls = {
        "history, 10 sessions": (lambda: typical.get("/history/"), None),
        "history, 10, cache empty": (lambda: typical.get("/history/"), cache.clear),
        "history, 2,000 sessions": (lambda: heavy.get("/history/"), None),
        "history, 2,000, cache empty": (lambda: heavy.get("/history/"), cache.clear),
        "history detail": (lambda: typical.get(f"/history/{detail.pk}/"), None),
        "export CSV, 2,000 sessions": (lambda: heavy.get("/history/export.csv"), None),
        "export JSON, 2,000 sessions": (lambda: heavy.get("/history/export.json"), None),
        "player page": (lambda: playing.get(session.get_absolute_url()), None),
        "step change (htmx Next)": (step_change, None),
    }
    return calls, stepped


def body_of(response) -> bytes:
    if response.status_code != 200:
        raise RuntimeError(f"{response.request['PATH_INFO']}: {response.status_code}")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def serve_measurements(runs: int) -> None:
    """(Child.) Answer the orchestrator's orders, one JSON line each way:
    ["time", name] times one request, ["count", name] counts its queries (apart:
    counting turns on the debug cursor, which costs time), ["check"] reads back
    whether every step change was stored."""
    warm_up, timed = runs_of(runs)["pages"]
    calls, stepped = measured_requests(step_changes=warm_up + timed + 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from practice.models import PracticeSession

    def answer(value) -> None:
        sys.stdout.write(json.dumps(value) + "\n")
        sys.stdout.flush()

    answer({"ready": True})
    for line in sys.stdin:
        order, *name = json.loads(line)
        if order == "check":
            moved = PracticeSession.objects.filter(pk__in=stepped, position=1).count()
            answer({"posted": len(stepped), "applied": moved})
            continue
        request, before = calls[name[0]]
        if before:
            before()
        if order == "count":
            with CaptureQueriesContext(connection) as captured:
                body_of(request())
            answer({"queries": len(captured)})
        else:
            started = time.perf_counter()
            size = len(body_of(request()))
            answer({"ms": (time.perf_counter() - started) * 1000, "bytes": size})


class Measurer:
    """A child serving measurements on one database (serve_measurements)."""

    def __init__(self, server_url: str, database: str, runs: int):
        self.database = database
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.scale", "--child", "measure", "--runs", str(runs)],
            cwd=server.ROOT,
            env=child_environment(server_url, database),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ask_nothing()

    def ask_nothing(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"The measurement on {self.database} stopped.")
        return json.loads(line)

    def ask(self, *order: str) -> dict:
        self.process.stdin.write(json.dumps(order) + "\n")
        self.process.stdin.flush()
        return self.ask_nothing()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def measure_round(server_url: str, runs: int, measured: dict) -> None:
    """One round: a new process on each database, every request timed in turn on
    one and the other, so both see the same moment of a shared machine."""
    measurers = [Measurer(server_url, database, runs) for database in (EMPTY, SCALE)]
    try:
        for name, kind in REQUESTS:
            warm_up, timed = runs_of(runs)[kind]
            for number in range(warm_up + timed):
                # Each first every other time: neither always runs on the other's heels.
                for measurer in measurers if number % 2 else reversed(measurers):
                    answer = measurer.ask("time", name)
                    result = measured[measurer.database].setdefault(name, {"ms": []})
                    result["bytes"] = answer["bytes"]
                    if number >= warm_up:
                        result["ms"].append(answer["ms"])
            for measurer in measurers:
                measured[measurer.database][name]["queries"] = measurer.ask("count", name)[
                    "queries"
                ]
        for measurer in measurers:
            stored = measurer.ask("check")
            if stored["applied"] != stored["posted"]:
                raise SystemExit(
                    f"{measurer.database}: {stored['posted']} step changes posted, "
                    f"{stored['applied']} applied."
                )
    finally:
        for measurer in measurers:
            measurer.close()


# --- EXPLAIN at scale ------------------------------------------------------


def plan_nodes(node: dict):
    yield node
    for below in node.get("Plans", ()):
        yield from plan_nodes(below)


def caller() -> str:
    """The project's function that made the query being run, as file:function."""
    ours = {"accounts", "catalogue", "facerouting", "practice"}
    for frame in reversed(traceback.extract_stack()):
        path = Path(frame.filename)
        if path.is_relative_to(server.ROOT):
            relative = path.relative_to(server.ROOT)
            if relative.parts[0] in ours:
                return f"{relative}:{frame.name}"
    return "?"


def explain() -> list[dict]:
    """(Child.) EXPLAIN (ANALYZE, BUFFERS) of every distinct SELECT the history,
    its detail, the export, the player page and a step change make: what made
    it, the pages it touched, and its sequential scans."""
    from django.core.cache import cache
    from django.db import connection

    calls, _ = measured_requests(step_changes=1)
    recorded = []
    current = [""]

    def record(execute, sql, params, many, context):
        recorded.append((current[0], caller(), sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        for name in (
            "history, 2,000, cache empty",
            "history, 10, cache empty",
            "history detail",
            "export JSON, 2,000 sessions",
            "player page",
            "step change (htmx Next)",
        ):
            cache.clear()
            current[0] = name
            body_of(calls[name][0]())
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
        rows_of = dict(cursor.fetchall())
    seen, plans = set(), []
    for name, made_by, sql, params in recorded:
        shape = (name, made_by, re.sub(r"\d+", "0", sql))
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")) or shape in seen:
            continue
        seen.add(shape)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
            (document,) = cursor.fetchone()
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            text = "\n".join(row[0] for row in cursor.fetchall())
        top = document[0]
        nodes = list(plan_nodes(top["Plan"]))
        plans.append(
            {
                "request": name,
                "caller": made_by,
                "sql": sql if len(sql) < 2000 else sql[:2000] + " …",
                "execution_ms": top["Execution Time"],
                "shared_hit": top["Plan"].get("Shared Hit Blocks", 0),
                "shared_read": top["Plan"].get("Shared Read Blocks", 0),
                "seq_scans": [
                    {
                        "table": node["Relation Name"],
                        "table_rows": int(rows_of.get(node["Relation Name"], 0)),
                        "rows": node["Actual Rows"] * node["Actual Loops"],
                    }
                    for node in nodes
                    if node["Node Type"] == "Seq Scan"
                ],
                "plan": text,
            }
        )
    return plans


# --- Sizes -----------------------------------------------------------------


def sizes(server_url: str, database: str) -> dict:
    """Bytes of the session, step-log and snapshot tables (with their indexes and
    TOAST), per million sessions; and the session table as it was before shared
    snapshots, when every row carried its own copy of its steps (a jsonb column,
    practice migration 0001, moved out by 0007).

    The old size is estimated from a sample: every (N / 100,000)th session is
    copied twice into tables made LIKE practice_practicesession INCLUDING ALL
    (its columns, defaults, checks and indexes), once as it is now and once with
    its snapshot's steps in place of the digest (the digest's two indexes go
    with the column), then VACUUM ANALYZE. Each copy's size per row, times the
    sessions, gives the session table with and without the copies; the step
    logs are the same either way, and there was no snapshot table.
    """
    from psycopg import sql

    with connect(server_url, database, autocommit=True) as connection:
        cursor = connection.cursor()

        def size_of(table: str) -> dict:
            cursor.execute(
                "SELECT pg_relation_size(%(t)s::regclass), pg_indexes_size(%(t)s::regclass), "
                "pg_total_relation_size(%(t)s::regclass)",
                {"t": table},
            )
            heap, indexes, total = cursor.fetchone()
            return {
                "heap": heap,
                "indexes": indexes,
                "toast": total - heap - indexes,
                "total": total,
            }

        cursor.execute("SELECT count(*) FROM practice_practicesession")
        sessions = cursor.fetchone()[0]
        tables = {table: size_of(table) for table in (*LOADED, "practice_snapshot")}
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_relation_size(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) ORDER BY 2 DESC",
            [list(LOADED)],
        )
        indexes = dict(cursor.fetchall())
        cursor.execute("SELECT pg_database_size(current_database())")
        database_bytes = cursor.fetchone()[0]

        every = max(1, sessions // SAMPLE)
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'practice_practicesession' AND column_name <> 'snapshot_id' "
            "ORDER BY ordinal_position"
        )
        columns = [row[0] for row in cursor.fetchall()]
        listed = sql.SQL(", ").join(sql.Identifier(column) for column in columns)
        from_s = sql.SQL(", ").join(sql.Identifier("s", column) for column in columns)
        try:
            for table in ("scale_sample_shared", "scale_sample_copied"):
                cursor.execute(
                    sql.SQL(
                        "CREATE TABLE {} (LIKE practice_practicesession INCLUDING ALL)"
                    ).format(sql.Identifier(table))
                )
            cursor.execute(
                "INSERT INTO scale_sample_shared SELECT * FROM practice_practicesession "
                "WHERE mod(id, %s) = 0",
                [every],
            )
            cursor.execute(
                "ALTER TABLE scale_sample_copied DROP COLUMN snapshot_id, "
                "ADD COLUMN steps jsonb NOT NULL"
            )
            cursor.execute(
                sql.SQL(
                    "INSERT INTO scale_sample_copied ({}, steps) SELECT {}, snapshot.steps "
                    "FROM practice_practicesession s JOIN practice_snapshot snapshot "
                    "ON snapshot.digest = s.snapshot_id WHERE mod(s.id, %s) = 0"
                ).format(listed, from_s),
                [every],
            )
            cursor.execute("VACUUM ANALYZE scale_sample_shared, scale_sample_copied")
            cursor.execute("SELECT count(*) FROM scale_sample_shared")
            sampled = cursor.fetchone()[0]
            shared, copied = size_of("scale_sample_shared"), size_of("scale_sample_copied")
            cursor.execute(
                "SELECT avg(octet_length(steps::text)), avg(pg_column_size(steps)) "
                "FROM scale_sample_copied"
            )
            raw_json, stored_json = (float(value) for value in cursor.fetchone())
        finally:
            cursor.execute("DROP TABLE IF EXISTS scale_sample_shared, scale_sample_copied")

    per_million = 1_000_000 / sessions
    now = sum(table["total"] for table in tables.values())
    copies = (copied["total"] - shared["total"]) / sampled * sessions
    before = now - tables["practice_snapshot"]["total"] + copies
    return {
        "sessions": sessions,
        "tables": tables,
        "indexes": indexes,
        "database_bytes": database_bytes,
        "sample": {
            "sessions": sampled,
            "every": every,
            "shared_bytes_per_session": shared["total"] / sampled,
            "copied_bytes_per_session": copied["total"] / sampled,
            "steps_json_raw_bytes": raw_json,
            "steps_json_stored_bytes": stored_json,
        },
        "per_million": {
            "shared snapshots (now)": now * per_million,
            "a copy per session (before)": before * per_million,
        },
    }


# --- The report ------------------------------------------------------------


def megabytes(value: float) -> str:
    if value < 2**20:
        return f"{value / 2**10:,.0f} KB"
    return f"{value / 2**20:,.0f} MB"


def pages(plan: dict) -> int:
    """8 KB pages a query touched, from PostgreSQL's buffers or the disk: what
    grows with the data, where milliseconds depend on the cache and the load."""
    return plan["shared_hit"] + plan["shared_read"]


def report(measured: dict, plans: list, size: dict, loaded: dict, runs_note: str) -> list:
    """Print every table; returns the budgets."""
    empty, scale = measured[EMPTY], measured[SCALE]
    print(f"\nIn-process, median of {runs_note}:\n")
    print("| request | empty ms | scale ms | scale ÷ empty | queries (empty / scale) | bytes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    budgets = []
    for name in empty:
        small, large = statistics.median(empty[name]["ms"]), statistics.median(scale[name]["ms"])
        print(
            f"| {name} | {small:.1f} | {large:.1f} | {large / small:.2f}× | "
            f"{empty[name]['queries']} / {scale[name]['queries']} | {scale[name]['bytes']:,} |"
        )
        budgets.append(Budget(f"{name}, scale ÷ empty", large / small, RATIO, "×", False))
    more_queries = [name for name in empty if scale[name]["queries"] != empty[name]["queries"]]
    budgets.append(
        Budget("requests with other query counts at scale", len(more_queries), 0, "", False)
    )

    scale_load = loaded[SCALE]
    print(
        f"\nLoad of {SCALE}: {scale_load['total_seconds']:.0f} s "
        f"({', '.join(f'{part} {s:.0f} s' for part, s in scale_load['seconds'].items())}); "
        f"rows: {', '.join(f'{table} {n:,}' for table, n in scale_load['rows'].items())}."
    )

    sessions = size["sessions"]
    print(
        f"\nSizes at {sessions:,} sessions (table + indexes + TOAST), and per million sessions:\n"
    )
    print("| table | heap | indexes | TOAST | total | per million sessions |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for table, parts in size["tables"].items():
        print(
            f"| {table} | {megabytes(parts['heap'])} | {megabytes(parts['indexes'])} | "
            f"{megabytes(parts['toast'])} | {megabytes(parts['total'])} | "
            f"{megabytes(parts['total'] * 1_000_000 / sessions)} |"
        )
    for kind, value in size["per_million"].items():
        print(f"| all three, {kind} | | | | | {megabytes(value)} |")
    sample = size["sample"]
    print(
        f"\nOld copies estimated on {sample['sessions']:,} sessions (every {sample['every']}th): "
        f"{sample['shared_bytes_per_session']:.0f} bytes a session row with its indexes now, "
        f"{sample['copied_bytes_per_session']:.0f} with its own copy of the steps "
        f"({sample['steps_json_raw_bytes']:,.0f} bytes of JSON as text, "
        f"{sample['steps_json_stored_bytes']:,.0f} as stored: jsonb, compressed in TOAST)."
    )
    print("Indexes of the two large tables:")
    for name, value in size["indexes"].items():
        print(f"  {name:<60} {megabytes(value):>10}")

    # The same requests made the same queries in both: matched in order.
    at_scale, empty_plans = plans[SCALE], plans[EMPTY]
    print(
        f"\nEXPLAIN (ANALYZE, BUFFERS), {len(at_scale)} distinct SELECTs, first run "
        "(pages: 8 KB buffers touched, empty → scale):\n"
    )
    print("| request | made by | pages | scale ms | sequential scans |")
    print("| --- | --- | ---: | ---: | --- |")
    for plan, small in zip(at_scale, empty_plans, strict=False):
        scans = ", ".join(
            f"{scan['table']} ({scan['table_rows']:,} rows)" for scan in plan["seq_scans"]
        )
        print(
            f"| {plan['request']} | {plan['caller']} | {pages(small):,} → {pages(plan):,} | "
            f"{plan['execution_ms']:.2f} | {scans} |"
        )
    growing = [
        plan
        for plan, small in zip(at_scale, empty_plans, strict=False)
        if pages(plan) > 2 * pages(small) + 10
    ]
    if growing:
        print("\nQueries touching more pages at scale than on the empty database:")
        for plan in growing:
            nodes = [line.strip() for line in plan["plan"].splitlines() if "Scan" in line]
            print(f"  {plan['request']}, {plan['caller']}: {nodes[0] if nodes else ''}")
    large = [
        (plan, scan)
        for plan in at_scale
        for scan in plan["seq_scans"]
        if scan["table_rows"] >= LARGE_TABLE_ROWS
    ]
    budgets.append(Budget("sequential scans of large tables", len(large), 0, "", False))
    return budgets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Not part of `make test`: about 15 minutes for a million sessions on two "
        "shared cores, 5 of them the load.",
    )
    parser.add_argument("--sessions", type=int, default=SESSIONS, help="sessions at scale")
    parser.add_argument("--members", type=int, default=MEMBERS, help="members at scale")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per request per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, alternating databases")
    parser.add_argument("--server", default=SERVER, help=f"PostgreSQL server ({SERVER})")
    parser.add_argument("--keep", action="store_true", help="keep both databases afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the databases a --keep run left"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)

    if options.child:
        if options.child == "setup":
            print(json.dumps(setup_members()))
        elif options.child == "measure":
            serve_measurements(options.runs)
        elif options.child == "explain":
            print(json.dumps(explain()))
        return 0

    if options.sessions < 40_000 or options.members < 1_000:
        parser.error("--sessions must be at least 40,000 and --members at least 1,000")
    server_url = options.server.rstrip("/")
    with connect(server_url) as connection:
        version = connection.info.server_version
    print(f"PostgreSQL {version // 10000}.{version % 10000} at {server_url}", file=sys.stderr)
    HOME.mkdir(parents=True, exist_ok=True)
    load_file = HOME / "load.json"
    try:
        if options.reuse:
            missing = [name for name in (EMPTY, SCALE) if not database_exists(server_url, name)]
            if missing or not load_file.exists():
                raise SystemExit(f"--reuse needs a --keep run's databases: {missing} missing.")
            loaded = json.loads(load_file.read_text())
        else:
            # One timeline for both: the measured members' sessions at the same moments.
            t0 = datetime.now(UTC).replace(microsecond=0) - SPAN
            loaded = {
                database: make_database(
                    server_url, database, options.sessions, options.members, t0
                )
                for database in (EMPTY, SCALE)
            }
            load_file.write_text(json.dumps(loaded, indent=1))
        print("Collecting static files for the pages…", file=sys.stderr)
        manage(server_url, EMPTY, "collectstatic", "--noinput", "--verbosity", "0")

        measured: dict = {EMPTY: {}, SCALE: {}}
        for number in range(1, options.rounds + 1):
            print(f"Measuring, round {number} of {options.rounds}…", file=sys.stderr)
            measure_round(server_url, options.runs, measured)
        print("EXPLAIN on both…", file=sys.stderr)
        plans = {database: child("explain", server_url, database) for database in (EMPTY, SCALE)}
        print("Sizes…", file=sys.stderr)
        size = sizes(server_url, SCALE)
    finally:
        if not options.keep:
            for database in (EMPTY, SCALE):
                drop_database(server_url, database)

    for database, name in ((SCALE, "explain.txt"), (EMPTY, "explain-empty.txt")):
        (HOME / name).write_text(
            "\n\n".join(
                f"-- {plan['request']}: {plan['caller']}\n{plan['sql']}\n\n{plan['plan']}"
                for plan in plans[database]
            )
        )
    (HOME / "report.json").write_text(
        json.dumps({"measured": measured, "plans": plans, "sizes": size, "loaded": loaded})
    )
    (warm_up, timed), (_, exports) = runs_of(options.runs).values()
    runs_note = (
        f"{options.rounds} rounds × {timed} runs (exports {options.rounds} × {exports}), "
        f"each after {warm_up} to warm up, on both databases in turn"
    )
    budgets = report(measured, plans, size, loaded, runs_note)
    print(f"\n{'budget':<44} {'measured':>13} {'limit':<9} ")
    for budget in budgets:
        print(budget.row())
    missed = [budget.name for budget in budgets if not budget.ok]
    print("\nAll budgets met." if not missed else f"\nMissed: {', '.join(missed)}.")
    print(f"Plans in {HOME / 'explain.txt'}; every figure in {HOME / 'report.json'}.")
    if options.keep:
        print(f"Kept {EMPTY} and {SCALE}: --reuse measures them again.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
