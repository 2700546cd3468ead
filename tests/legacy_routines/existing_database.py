"""
A database as `make run` left it last month, before routines/ was split, and
what the split project reads back from it once `manage.py migrate` has run.

    DATABASE_URL=… python -m tests.legacy_routines.existing_database build
    DATABASE_URL=… python manage.py migrate
    DATABASE_URL=… python -m tests.legacy_routines.existing_database read

`build` migrates an empty database with the old app's migrations and fills it
through the historical models of routines 0004; `read` looks at it through the
project's own models, schema and pages. Each prints a JSON report for
tests/test_migrate_from_routines.py, and each runs in a process of its own
because each needs its own app registry: the old one (settings.py beside this
file) or the project's (tests.settings).
"""

import io
import json
import os
import sys
from datetime import UTC, datetime, timedelta

# What last month's database holds, for the test to look for afterwards.
MEMBER = "maren"
CURATOR = "curator"
TIME_ZONE = "America/Argentina/Cordoba"
CURATED_TITLE = "Morning de-puff"
CURATED_SLUG = "morning-de-puff"
OWN_TITLE = "Jaw release, my way"
OWN_SLUG = "jaw-release-my-way"
NOTES = "Less puffy under the eyes; the jaw still tight."
GUEST_TOKEN = "5f0c2b9e8d7a41c3b6e2f1a09d8c7b6a"
STARTED = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)
# STARTED as the member's history shows it, in their time zone (UTC-3).
STARTED_THERE = "Monday 2 November 2026, 04:30"

# Each model of the old app, and the app it belongs to now.
MOVED = {
    "technique": "catalogue",
    "step": "catalogue",
    "routine": "catalogue",
    "routinestep": "catalogue",
    "practicesession": "practice",
    "steplog": "practice",
    "profile": "accounts",
}


def build() -> dict:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.legacy_routines.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.loader import MigrationLoader

    call_command("migrate", verbosity=0)
    historical = MigrationLoader(connection).project_state().apps
    with transaction.atomic():
        _fill(historical.get_model)
    applied = MigrationLoader(connection).applied_migrations
    return {
        "applied": sorted(name for app, name in applied if app == "routines"),
        "rows": _rows(historical.get_model, app_of=lambda model: "routines"),
    }


def _fill(get_model) -> None:
    from django.contrib.auth.hashers import make_password

    def model(name: str):
        return get_model("routines", name)

    User = get_model("auth", "User")
    ContentType = get_model("contenttypes", "ContentType")
    Permission = get_model("auth", "Permission")
    LogEntry = get_model("admin", "LogEntry")

    # The old app had models, so Django had made their content types and
    # permissions after each migrate; this stand-in has only migrations, so
    # they are made here, as Django made them.
    content_types = {}
    for name, verbose_name in [
        ("technique", "technique"),
        ("step", "step"),
        ("routine", "routine"),
        ("routinestep", "routine step"),
        ("practicesession", "practice session"),
        ("steplog", "step log"),
        ("profile", "profile"),
    ]:
        content_types[name] = ContentType.objects.create(app_label="routines", model=name)
        Permission.objects.bulk_create(
            Permission(
                content_type=content_types[name],
                codename=f"{action}_{name}",
                name=f"Can {action} {verbose_name}",
            )
            for action in ["add", "change", "delete", "view"]
        )

    joined = STARTED - timedelta(days=30)
    member = User.objects.create(
        username=MEMBER,
        email="maren@example.com",
        password=make_password("correct horse battery"),
        date_joined=joined,
    )
    curator = User.objects.create(
        username=CURATOR,
        email="curator@example.com",
        password=make_password("another horse battery"),
        is_staff=True,
        date_joined=joined,
    )
    curator.user_permissions.add(
        Permission.objects.get(content_type=content_types["routine"], codename="change_routine")
    )

    technique = model("Technique").objects.create(
        name="Gentle drainage",
        slug="gentle-drainage",
        summary="Feather-light strokes toward the lymph nodes.",
        pressure="feather",
        tool="hands",
        evidence_note="Small studies suggest a short-lived reduction in morning puffiness.",
        cautions="Not over infected skin, a swollen node or a recent injury.",
    )
    Step = model("Step")
    neck = Step.objects.create(
        technique=technique,
        title="Open the neck",
        slug="open-the-neck",
        zone="neck",
        direction="downward",
        side="both",
        pressure="feather",
        duration_seconds=30,
        instruction="Stroke from behind the ears down the sides of the neck.",
        cue="Neck, downward.",
    )
    cheeks = Step.objects.create(
        technique=technique,
        title="Sweep the cheeks",
        slug="sweep-the-cheeks",
        zone="cheeks",
        direction="outward",
        side="both",
        pressure="feather",
        duration_seconds=45,
        stroke_count=6,
        instruction="Glide from beside the nose out to the ears.",
        cue="Cheeks, outward.",
    )
    jaw = Step.objects.create(
        technique=technique,
        title="Release the jaw",
        slug="release-the-jaw",
        zone="jaw",
        direction="circles",
        side="left",
        pressure="light",
        duration_seconds=60,
        instruction="Small circles over the chewing muscle.",
        cue="Left jaw, circles.",
    )

    Routine = model("Routine")
    RoutineStep = model("RoutineStep")
    curated = Routine.objects.create(
        title=CURATED_TITLE,
        slug=CURATED_SLUG,
        goal="depuff",
        description="Two minutes before coffee.",
        is_published=True,
    )
    RoutineStep.objects.create(routine=curated, step=neck, position=1)
    RoutineStep.objects.create(routine=curated, step=cheeks, position=2, duration_override=40)
    own = Routine.objects.create(title=OWN_TITLE, slug=OWN_SLUG, goal="sculpt", owner=member)
    RoutineStep.objects.create(routine=own, step=jaw, position=1, duration_override=90)

    PracticeSession = model("PracticeSession")
    StepLog = model("StepLog")
    snapshot = [_snapshot(neck, technique, 30), _snapshot(cheeks, technique, 40)]
    finished = PracticeSession.objects.create(
        user=member,
        routine=curated,
        routine_title=CURATED_TITLE,
        steps=snapshot,
        status="finished",
        position=1,
        paused_seconds=12.5,
        revision=7,
        created_at=STARTED - timedelta(seconds=20),
        started_at=STARTED,
        finished_at=STARTED + timedelta(seconds=95),
        last_activity_at=STARTED + timedelta(seconds=95),
        puffiness_before=4,
        puffiness_after=2,
        notes=NOTES,
    )
    StepLog.objects.create(
        session=finished,
        position=0,
        started_at=STARTED + timedelta(seconds=5),
        ended_at=STARTED + timedelta(seconds=47),
        outcome="done",
    )
    StepLog.objects.create(
        session=finished,
        position=1,
        started_at=STARTED + timedelta(seconds=47),
        ended_at=STARTED + timedelta(seconds=95),
        outcome="skipped",
    )

    # A visitor without an account, paused halfway through the curated routine.
    guest_started = STARTED + timedelta(days=18, hours=13)
    guest = PracticeSession.objects.create(
        guest_token=GUEST_TOKEN,
        routine=curated,
        routine_title=CURATED_TITLE,
        steps=snapshot,
        status="paused",
        position=1,
        remaining_ms=21_500,
        paused_at=guest_started + timedelta(seconds=60),
        revision=3,
        created_at=guest_started,
        started_at=guest_started,
        last_activity_at=guest_started + timedelta(seconds=60),
    )
    StepLog.objects.create(
        session=guest,
        position=0,
        started_at=guest_started + timedelta(seconds=5),
        ended_at=guest_started + timedelta(seconds=41),
        outcome="done",
    )
    StepLog.objects.create(
        session=guest, position=1, started_at=guest_started + timedelta(seconds=41)
    )

    # A session with neither a member nor a guest token, which nobody could
    # ever open. The old app never made one, but practice 0003 removes any
    # there are before it adds its constraint, and this one proves it can.
    ownerless = PracticeSession.objects.create(
        routine=curated,
        routine_title=CURATED_TITLE,
        steps=snapshot,
        created_at=STARTED - timedelta(days=1),
        last_activity_at=STARTED - timedelta(days=1),
    )
    StepLog.objects.create(session=ownerless, position=0, started_at=STARTED - timedelta(days=1))

    model("Profile").objects.create(
        user=member, timezone=TIME_ZONE, practice_changed_at=finished.finished_at
    )

    LogEntry.objects.create(
        action_time=STARTED - timedelta(days=3),
        user=curator,
        content_type=content_types["routine"],
        object_id=str(curated.pk),
        object_repr=CURATED_TITLE,
        action_flag=2,  # a change
        change_message='[{"changed": {"fields": ["Description"]}}]',
    )


def _snapshot(step, technique, seconds: int) -> dict:
    """A step as the old player froze it into a session (routines/practice.py)."""
    labels = {
        "neck": "Neck",
        "cheeks": "Cheeks",
        "downward": "Downward",
        "outward": "Outward",
        "both": "Both sides",
        "feather": "Feather-light",
    }
    return {
        "title": step.title,
        "technique": technique.name,
        "zone": step.zone,
        "zone_label": labels[step.zone],
        "direction": step.direction,
        "direction_label": labels[step.direction],
        "side": step.side,
        "side_label": labels[step.side],
        "pressure": step.pressure,
        "pressure_label": labels[step.pressure],
        "stroke_count": step.stroke_count,
        "instruction": step.instruction,
        "cue": step.cue,
        "duration_seconds": seconds,
    }


def _rows(get_model, app_of) -> dict[str, list[dict]]:
    """Every row of the old app's tables, of the users and of the admin log, as JSON sees it."""
    User = get_model("auth", "User")
    models = {name: get_model(app_of(name), name) for name in MOVED}
    models |= {
        "user": User,
        "user_permissions": User._meta.get_field("user_permissions").remote_field.through,
        "logentry": get_model("admin", "LogEntry"),
    }
    return {
        name: json.loads(json.dumps(list(model.objects.order_by("pk").values()), default=str))
        for name, model in models.items()
    }


def read() -> dict:
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
        "rows": _rows(apps.get_model, app_of=MOVED.get),
        "applied": sorted([m.app, m.name] for m in recorded),
        **_schema(),
        **_admin_records(),
        "pages": _pages(),
        "new_ids": _new_ids(),
        "dangling_refused": _dangling_refused(),
        "makemigrations": _makemigrations_check(),
    }


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


if __name__ == "__main__":
    command = {"build": build, "read": read}[sys.argv[1]]
    json.dump(command(), sys.stdout)
