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
    """What the split project sees in the migrated database (migrated_database.py)."""
    from tests.legacy_routines.migrated_database import read_migrated

    return read_migrated()


if __name__ == "__main__":
    command = {"build": build, "read": read}[sys.argv[1]]
    json.dump(command(), sys.stdout)
