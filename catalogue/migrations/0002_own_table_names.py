from django.db import migrations


def move_content_types(apps, schema_editor):
    """Keep the admin's log and staff permissions: their content types were "routines"."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ["technique", "step", "routine", "routinestep"]:
        if not ContentType.objects.filter(app_label="catalogue", model=model).exists():
            ContentType.objects.filter(app_label="routines", model=model).update(
                app_label="catalogue"
            )


class Migration(migrations.Migration):
    """The tables take this app's own names (catalogue_…) instead of "routines_…"."""

    dependencies = [
        ("catalogue", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="technique", table=None),
        migrations.AlterModelTable(name="step", table=None),
        migrations.AlterModelTable(name="routine", table=None),
        migrations.AlterModelTable(name="routinestep", table=None),
        migrations.RunPython(move_content_types, migrations.RunPython.noop, elidable=True),
    ]
