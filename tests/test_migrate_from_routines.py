"""
A database from before the split keeps everything in it.

Someone who ran `make run` last month has a database at the old `routines`
app's last migration, 0004: a member with a finished session and its step log,
their own routine, their time zone, a guest's unfinished session and the
curator's admin log. `manage.py migrate` takes it to catalogue, practice and
accounts, and every row must still be there, under the new tables' names, and
on the member's pages.

The old layout is built by the old app's own migrations (tests/legacy_routines/),
on SQLite and, when it is reachable, PostgreSQL. Building, migrating and
reading each run in a process of their own, so that this one's app registry
stays the project's.
"""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from tests.legacy_routines.existing_database import (
    CURATED_SLUG,
    CURATED_TITLE,
    GUEST_TOKEN,
    MEMBER,
    MOVED,
    NOTES,
    OWN_SLUG,
    OWN_TITLE,
    STARTED,
    STARTED_THERE,
    TIME_ZONE,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# A PostgreSQL on this machine that trusts local connections; without one,
# only the SQLite case runs.
POSTGRES = "postgres://postgres@127.0.0.1:5432"

OLD_MIGRATIONS = [
    "0001_initial",
    "0002_practice_sessions",
    "0003_profiles_and_insights",
    "0004_practice_versions",
]
TABLES = [f"{app}_{model}" for model, app in MOVED.items()]


@dataclass(frozen=True)
class Upgrade:
    before: dict  # what the old layout held, read back through its historical models
    migrate_output: str
    after: dict  # what the project reads from the same database after migrate


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
    else:
        yield from scratch_postgresql_database()


def scratch_postgresql_database():
    """A database of this process's own, dropped afterwards."""
    try:
        server = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES}: {error}")
    name = f"facerouting_migrate_{os.getpid()}"
    with server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(database_url: str, settings: str, *args: str) -> str:
    """Python in a fresh process on `database_url`, with nothing of this run's environment."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": settings,
    }
    result = subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"python {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr}"
    )
    return result.stdout


def migrate_last_months_database(database_url: str) -> Upgrade:
    """Build the old layout with its rows, migrate it, and read it back."""
    script = "tests.legacy_routines.existing_database"
    before = run(database_url, "tests.legacy_routines.settings", "-m", script, "build")
    migrate = run(database_url, "tests.settings", "manage.py", "migrate", "--noinput")
    after = run(database_url, "tests.settings", "-m", script, "read")
    return Upgrade(before=json.loads(before), migrate_output=migrate, after=json.loads(after))


def test_an_existing_database_keeps_everything_in_it(database_url):
    # One test per database, each check in turn: building and migrating the
    # database is most of the time, and pytest-xdist would otherwise repeat
    # it on every worker that runs one of the checks.
    upgrade = migrate_last_months_database(database_url)
    migrate_takes_the_old_tables_over_instead_of_creating_them(upgrade)
    every_row_is_kept_except_the_session_nobody_owned(upgrade)
    the_members_practice_is_as_they_left_it(upgrade)
    the_routines_keep_their_steps_in_order(upgrade)
    the_guest_keeps_their_unfinished_session(upgrade)
    the_tables_take_their_apps_names(upgrade)
    the_foreign_keys_follow_the_renamed_tables(upgrade)
    new_rows_in_the_renamed_tables_get_new_ids(upgrade)
    the_admin_log_and_permissions_follow_the_models(upgrade)
    the_pages_show_what_the_member_did(upgrade)
    the_models_and_migrations_agree(upgrade)


def one(rows: list[dict], **match) -> dict:
    found = [row for row in rows if all(row[key] == value for key, value in match.items())]
    assert len(found) == 1, f"{len(found)} rows match {match}"
    return found[0]


def logs_of(rows: dict, session: dict) -> list[tuple[int, str]]:
    return sorted(
        (log["position"], log["outcome"])
        for log in rows["steplog"]
        if log["session_id"] == session["id"]
    )


def migrate_takes_the_old_tables_over_instead_of_creating_them(upgrade: Upgrade) -> None:
    assert upgrade.before["applied"] == OLD_MIGRATIONS
    applied = upgrade.after["applied"]
    for app in ["catalogue", "practice", "accounts"]:
        # Recorded because it replaces routines 0001–0004, which were applied…
        assert [app, "0001_initial"] in applied
        # …and never run: its tables were there already.
        assert f"Applying {app}.0001_initial" not in upgrade.migrate_output
    for migration in [
        "catalogue.0002_own_table_names",
        "practice.0002_own_table_names",
        "practice.0003_session_member_or_guest",
        "accounts.0002_own_table_names",
    ]:
        assert f"Applying {migration}... OK" in upgrade.migrate_output


def every_row_is_kept_except_the_session_nobody_owned(upgrade: Upgrade) -> None:
    before = upgrade.before["rows"]
    ownerless = {
        session["id"]
        for session in before["practicesession"]
        if session["user_id"] is None and not session["guest_token"]
    }
    assert len(ownerless) == 1
    after = upgrade.after["rows"]

    def stamped_when_migrated(table: str) -> list[dict]:
        # catalogue 0008 adds updated_at, set to when it ran, to old rows.
        stamps = {row["id"]: row["updated_at"] for row in after[table]}
        assert all(stamps.values())
        return [{**row, "updated_at": stamps[row["id"]]} for row in before[table]]

    kept = {
        **before,
        # Columns added since, as their migrations fill them in for old rows.
        # The member's copy was renamed, so catalogue 0007 cannot tell its
        # source from its title and leaves it unlinked.
        "routine": [{**r, "copied_from_id": None} for r in before["routine"]],
        "technique": stamped_when_migrated("technique"),
        "step": stamped_when_migrated("step"),
        "practicesession": [
            {**s, "left_out": []} for s in before["practicesession"] if s["id"] not in ownerless
        ],
        "steplog": [log for log in before["steplog"] if log["session_id"] not in ownerless],
        "profile": [{**p, "acknowledged_cautions": {}} for p in before["profile"]],
    }
    assert after == kept


def the_members_practice_is_as_they_left_it(upgrade: Upgrade) -> None:
    rows = upgrade.after["rows"]
    member = one(rows["user"], username=MEMBER)
    session = one(rows["practicesession"], user_id=member["id"])
    assert session["status"] == "finished"
    assert datetime.fromisoformat(session["started_at"]) == STARTED
    assert session["finished_at"] is not None
    assert (session["puffiness_before"], session["puffiness_after"]) == (4, 2)
    assert session["notes"] == NOTES
    assert [step["title"] for step in session["steps"]] == ["Open the neck", "Sweep the cheeks"]
    assert [step["duration_seconds"] for step in session["steps"]] == [30, 40]
    assert logs_of(rows, session) == [(0, "done"), (1, "skipped")]
    assert one(rows["routine"], id=session["routine_id"])["title"] == CURATED_TITLE
    assert one(rows["profile"], user_id=member["id"])["timezone"] == TIME_ZONE


def the_routines_keep_their_steps_in_order(upgrade: Upgrade) -> None:
    rows = upgrade.after["rows"]
    member = one(rows["user"], username=MEMBER)
    curated = one(rows["routine"], slug=CURATED_SLUG, owner_id=None, is_published=True)
    own = one(rows["routine"], slug=OWN_SLUG, owner_id=member["id"], title=OWN_TITLE)
    titles = {step["id"]: step["title"] for step in rows["step"]}

    def steps_of(routine: dict) -> list[tuple]:
        return sorted(
            (rs["position"], titles[rs["step_id"]], rs["duration_override"])
            for rs in rows["routinestep"]
            if rs["routine_id"] == routine["id"]
        )

    assert steps_of(curated) == [(1, "Open the neck", None), (2, "Sweep the cheeks", 40)]
    assert steps_of(own) == [(1, "Release the jaw", 90)]


def the_guest_keeps_their_unfinished_session(upgrade: Upgrade) -> None:
    rows = upgrade.after["rows"]
    session = one(rows["practicesession"], guest_token=GUEST_TOKEN)
    assert session["user_id"] is None
    assert (session["status"], session["position"]) == ("paused", 1)
    assert logs_of(rows, session) == [(0, "done"), (1, "")]
    player = upgrade.after["pages"]["guest_player"]
    assert player["path"] == f"/sessions/{session['id']}/"
    assert player["status"] == 200
    assert CURATED_TITLE in player["html"]


def the_tables_take_their_apps_names(upgrade: Upgrade) -> None:
    tables = upgrade.after["tables"]
    assert set(TABLES) <= set(tables)
    assert [table for table in tables if table.startswith("routines_")] == []


def the_foreign_keys_follow_the_renamed_tables(upgrade: Upgrade) -> None:
    assert upgrade.after["references"] == {
        "catalogue_technique": {},
        "catalogue_step": {"technique_id": "catalogue_technique"},
        "catalogue_routine": {"copied_from_id": "catalogue_routine", "owner_id": "auth_user"},
        "catalogue_routinestep": {"routine_id": "catalogue_routine", "step_id": "catalogue_step"},
        "practice_practicesession": {
            "routine_id": "catalogue_routine",
            "user_id": "auth_user",
            "snapshot_id": "practice_snapshot",  # the steps it shares (practice 0007)
        },
        "practice_steplog": {"session_id": "practice_practicesession"},
        "accounts_profile": {"user_id": "auth_user"},
    }
    # And the database still enforces them.
    refused = upgrade.after["dangling_refused"]
    assert [reference for reference, was_refused in refused.items() if not was_refused] == []
    assert len(refused) == 6


def new_rows_in_the_renamed_tables_get_new_ids(upgrade: Upgrade) -> None:
    """On PostgreSQL, each table's identity sequence went with it through the rename."""
    new_ids = upgrade.after["new_ids"]
    assert sorted(new_ids) == sorted(TABLES)
    for table, ids in new_ids.items():
        assert ids["new"] > ids["highest_before"], table
    if upgrade.after["vendor"] == "postgresql":
        assert sorted(upgrade.after["sequences"]) == sorted(TABLES)
        assert all(upgrade.after["sequences"].values()), upgrade.after["sequences"]


def the_admin_log_and_permissions_follow_the_models(upgrade: Upgrade) -> None:
    content_types = upgrade.after["content_types"]
    assert [ct for ct in content_types if ct[0] == "routines"] == []
    for model, app in MOVED.items():
        assert [app, model] in content_types
    curated = one(upgrade.after["rows"]["routine"], slug=CURATED_SLUG)
    assert upgrade.after["log_entry"] == {
        "content_type": ["catalogue", "routine"],
        "edited_object": CURATED_TITLE,
        "admin_url": f"/admin/catalogue/routine/{curated['id']}/change/",
    }
    # The old permissions moved with their content types: none made anew beside them.
    assert upgrade.after["permissions"] == {
        f"{app}.{model}": [f"{action}_{model}" for action in ["add", "change", "delete", "view"]]
        for model, app in MOVED.items()
    }
    assert upgrade.after["curator_may_change_routines"]


def the_pages_show_what_the_member_did(upgrade: Upgrade) -> None:
    pages = upgrade.after["pages"]
    assert {name: page["status"] for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert CURATED_TITLE in pages["history"]["html"]
    session = one(upgrade.after["rows"]["practicesession"], status="finished")
    assert pages["history_detail"]["path"] == f"/history/{session['id']}/"
    detail = pages["history_detail"]["html"]
    assert CURATED_TITLE in detail
    assert NOTES in detail
    assert "4 → 2" in detail
    assert "Sweep the cheeks" in detail
    # In the member's own time zone, read from their profile.
    assert STARTED_THERE in detail
    assert OWN_TITLE in pages["my_routines"]["html"]
    assert CURATED_TITLE in pages["curated_routine"]["html"]
    assert OWN_TITLE in pages["own_routine"]["html"]
    assert f'<option value="{TIME_ZONE}" selected>' in pages["account_settings"]["html"]


def the_models_and_migrations_agree(upgrade: Upgrade) -> None:
    makemigrations = upgrade.after["makemigrations"]
    assert makemigrations["exit"] == 0, makemigrations["output"]
