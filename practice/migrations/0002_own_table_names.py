from django.db import migrations


def move_content_types(apps, schema_editor):
    """Keep the admin's log and staff permissions: their content types were "routines"."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ["practicesession", "steplog"]:
        if not ContentType.objects.filter(app_label="practice", model=model).exists():
            ContentType.objects.filter(app_label="routines", model=model).update(
                app_label="practice"
            )


class Migration(migrations.Migration):
    """The tables take this app's own names (practice_…) instead of "routines_…"."""

    dependencies = [
        ("practice", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0002_own_table_names"),
    ]

    operations = [
        migrations.AlterModelTable(name="practicesession", table=None),
        migrations.AlterModelTable(name="steplog", table=None),
        migrations.RunPython(move_content_types, migrations.RunPython.noop, elidable=True),
    ]
