"""
`existing_database.py read`: the old database after `manage.py migrate`, seen
through the split project's own models, schema and pages, as a JSON report.
"""

import io
import os

from tests.legacy_routines.existing_database import (
    CURATED_SLUG,
    CURATOR,
    GUEST_TOKEN,
    MEMBER,
    MOVED,
    OWN_SLUG,
    _rows,
)


def read_migrated() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.db.migrations.recorder import MigrationRecorder
    from django.test.utils import setup_test_environment

    # The test client's host, "testserver", among the allowed ones.
    setup_test_environment()
    recorded = MigrationRecorder.Migration.objects.filter(
        app__in=["routines", *set(MOVED.values())]
    )
    return {
        # First, before logging in changes the member's last_login.
        "rows": _with_their_steps(_rows(apps.get_model, app_of=MOVED.get)),
        "applied": sorted([m.app, m.name] for m in recorded),
        **_schema(),
        **_admin_records(),
        "pages": _pages(),
        "new_ids": _new_ids(),
        "dangling_refused": _dangling_refused(),
        "makemigrations": _makemigrations_check(),
    }


def _with_their_steps(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Each session's steps, read from the snapshot it now shares (practice 0007)."""
    from practice.models import Snapshot

    steps = dict(Snapshot.objects.values_list("digest", "steps"))
    for session in rows["practicesession"]:
        session["steps"] = steps[session.pop("snapshot_id")]
    return rows


def _tables() -> dict[str, type]:
    from django.apps import apps

    return {
        (model := apps.get_model(app, name))._meta.db_table: model for name, app in MOVED.items()
    }


def _schema() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        references = {
            table: {
                # {column: (referenced column, referenced table, on delete)}
                column: relation[1]
                for column, relation in connection.introspection.get_relations(
                    cursor, table
                ).items()
            }
            for table in _tables()
            if table in tables
        }
        sequences = {}
        if connection.vendor == "postgresql":
            for table in _tables():
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                sequences[table] = cursor.fetchone()[0]
    return {
        "vendor": connection.vendor,
        "tables": sorted(tables),
        "references": references,
        "sequences": sequences,
    }


def _admin_records() -> dict:
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Permission, User
    from django.contrib.contenttypes.models import ContentType

    entry = LogEntry.objects.get()
    labels = ["routines", *set(MOVED.values())]
    return {
        "content_types": sorted(
            [ct.app_label, ct.model] for ct in ContentType.objects.filter(app_label__in=labels)
        ),
        "permissions": {
            f"{app}.{name}": sorted(
                Permission.objects.filter(
                    content_type__app_label=app, content_type__model=name
                ).values_list("codename", flat=True)
            )
            for name, app in MOVED.items()
        },
        "log_entry": {
            "content_type": [entry.content_type.app_label, entry.content_type.model],
            "edited_object": str(entry.get_edited_object()),
            "admin_url": entry.get_admin_url(),
        },
        "curator_may_change_routines": User.objects.get(username=CURATOR).has_perm(
            "catalogue.change_routine"
        ),
    }


def _pages() -> dict[str, dict]:
    from django.contrib.auth.models import User
    from django.test import Client

    from practice.models import GUEST_TOKEN_SESSION_KEY, PracticeSession

    member = User.objects.get(username=MEMBER)
    finished = PracticeSession.objects.get(user=member, status="finished")
    guest = PracticeSession.objects.get(guest_token=GUEST_TOKEN)
    as_member = Client()
    as_member.force_login(member)
    as_guest = Client()
    browser_session = as_guest.session
    browser_session[GUEST_TOKEN_SESSION_KEY] = GUEST_TOKEN
    browser_session.save()
    visits = {
        "history": (as_member, "/history/"),
        "history_detail": (as_member, f"/history/{finished.pk}/"),
        "my_routines": (as_member, "/my-routines/"),
        "curated_routine": (as_member, f"/routines/{CURATED_SLUG}/"),
        "own_routine": (as_member, f"/routines/{OWN_SLUG}/"),
        "account_settings": (as_member, "/accounts/settings/"),
        "guest_player": (as_guest, f"/sessions/{guest.pk}/"),
    }
    pages = {}
    for name, (client, path) in visits.items():
        response = client.get(path)
        pages[name] = {
            "path": path,
            "status": response.status_code,
            "html": response.content.decode(),
        }
    return pages


def _new_ids() -> dict[str, dict]:
    """A row added to each renamed table after the move, then taken back.

    On PostgreSQL the ids come from each table's identity sequence, which
    must have followed the table through its rename.
    """
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.db.models import Max
    from django.utils import timezone

    from accounts.models import Profile
    from catalogue.models import Routine, RoutineStep, Step, Technique
    from practice.models import PracticeSession, StepLog

    highest = {
        table: model.objects.aggregate(id=Max("id"))["id"] for table, model in _tables().items()
    }
    member = User.objects.get(username=MEMBER)
    curator = User.objects.get(username=CURATOR)
    with transaction.atomic():
        technique = Technique.objects.create(
            name="Added after the move",
            slug="added-after-the-move",
            summary="…",
            pressure="light",
            evidence_note="…",
            cautions="…",
        )
        step = Step.objects.create(
            technique=technique,
            title="New step",
            slug="new-step",
            zone="chin",
            direction="upward",
            pressure="light",
            duration_seconds=20,
            instruction="…",
            cue="…",
        )
        routine = Routine.objects.create(title="New", slug="new", goal="relax", owner=member)
        routine_step = RoutineStep.objects.create(routine=routine, step=step, position=1)
        session = PracticeSession.objects.create(
            user=member, routine=routine, routine_title="New", steps=[]
        )
        log = StepLog.objects.create(session=session, position=0, started_at=timezone.now())
        profile = Profile.objects.create(user=curator)
        added = [technique, step, routine, routine_step, session, log, profile]
        new_ids = {
            row._meta.db_table: {"new": row.pk, "highest_before": highest[row._meta.db_table]}
            for row in added
        }
        transaction.set_rollback(True)
    return new_ids


def _dangling_refused() -> dict[str, bool]:
    """Whether each renamed table's foreign keys still refuse a row whose parent is missing."""
    from django.contrib.auth.models import User
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    from accounts.models import Profile
    from catalogue.models import RoutineStep, Step
    from practice.models import PracticeSession, StepLog

    missing = 999_999
    member = User.objects.get(username=MEMBER)
    step = Step.objects.first()
    routine_id = RoutineStep.objects.values_list("routine_id", flat=True).first()
    attempts = {
        "catalogue_step.technique_id": lambda: Step.objects.create(
            technique_id=missing,
            title="Orphan",
            slug="orphan",
            zone="chin",
            direction="upward",
            pressure="light",
            duration_seconds=20,
            instruction="…",
            cue="…",
        ),
        "catalogue_routinestep.routine_id": lambda: RoutineStep.objects.create(
            routine_id=missing, step=step, position=1
        ),
        "catalogue_routinestep.step_id": lambda: RoutineStep.objects.create(
            routine_id=routine_id, step_id=missing, position=99
        ),
        "practice_practicesession.routine_id": lambda: PracticeSession.objects.create(
            user=member, routine_id=missing, routine_title="Orphan", steps=[]
        ),
        "practice_steplog.session_id": lambda: StepLog.objects.create(
            session_id=missing, position=0, started_at=timezone.now()
        ),
        "accounts_profile.user_id": lambda: Profile.objects.create(user_id=missing),
    }
    refused = {}
    for reference, attempt in attempts.items():
        try:
            # The constraints are deferred: the database checks them on commit.
            with transaction.atomic():
                attempt()
        except IntegrityError:
            refused[reference] = True
        else:
            refused[reference] = False
    return refused


def _makemigrations_check() -> dict:
    from django.core.management import call_command

    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)
    except SystemExit as missing:  # --check exits 1 when a migration is missing
        return {"exit": missing.code, "output": output.getvalue()}
    return {"exit": 0, "output": output.getvalue()}
