"""
Sessions share their steps: each points at a content-addressed snapshot
instead of carrying its own copy. Every session keeps exactly the steps it
had (tests/test_migrate_to_shared_snapshots.py); reversed, each gets its copy
back.
"""

import hashlib
import json

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def digest_of(steps) -> str:
    # As practice/models/snapshots.py names a snapshot, frozen here.
    text = json.dumps(steps, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def share_snapshots(apps, schema_editor):
    Session = apps.get_model("practice", "PracticeSession")
    Snapshot = apps.get_model("practice", "Snapshot")
    stored: set[str] = set()
    last = 0
    while batch := list(
        Session.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "steps")[:BATCH]
    ):
        last = batch[-1][0]
        sessions_of: dict[str, list[int]] = {}
        new = {}
        for pk, steps in batch:
            digest = digest_of(steps)
            sessions_of.setdefault(digest, []).append(pk)
            if digest not in stored:
                new[digest] = Snapshot(digest=digest, steps=steps)
        Snapshot.objects.bulk_create(new.values(), ignore_conflicts=True)
        stored.update(new)
        for digest, pks in sessions_of.items():
            Session.objects.filter(pk__in=pks).update(snapshot_id=digest)


def copy_snapshots_back(apps, schema_editor):
    Session = apps.get_model("practice", "PracticeSession")
    Snapshot = apps.get_model("practice", "Snapshot")
    for snapshot in Snapshot.objects.iterator(chunk_size=100):
        Session.objects.filter(snapshot_id=snapshot.digest).update(steps=snapshot.steps)


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0006_steplog_ends_after_it_starts"),
    ]

    operations = [
        migrations.CreateModel(
            name="Snapshot",
            fields=[
                ("digest", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("steps", models.JSONField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
        migrations.AddField(
            model_name="practicesession",
            name="snapshot",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sessions",
                to="practice.snapshot",
            ),
        ),
        # Nullable while the snapshots are shared, so that it can come back.
        migrations.AlterField(
            model_name="practicesession",
            name="steps",
            field=models.JSONField(null=True),
        ),
        migrations.RunPython(share_snapshots, copy_snapshots_back),
        migrations.RemoveField(model_name="practicesession", name="steps"),
        migrations.AlterField(
            model_name="practicesession",
            name="snapshot",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sessions",
                to="practice.snapshot",
            ),
        ),
    ]
