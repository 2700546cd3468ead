from django.db import migrations


def move_content_types(apps, schema_editor):
    """Keep the admin's log and staff permissions: their content types were "routines"."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ["profile"]:
        if not ContentType.objects.filter(app_label="accounts", model=model).exists():
            ContentType.objects.filter(app_label="routines", model=model).update(
                app_label="accounts"
            )


class Migration(migrations.Migration):
    """The tables take this app's own names (accounts_…) instead of "routines_…"."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="profile", table=None),
        migrations.RunPython(move_content_types, migrations.RunPython.noop, elidable=True),
    ]
