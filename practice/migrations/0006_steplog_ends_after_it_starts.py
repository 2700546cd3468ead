from django.db import migrations, models


def start_where_they_ended(apps, schema_editor):
    """
    Rows written before the constraint by Next, Skip or Finish during the
    lead-in ended before their logged start (which lay at the lead-in's end):
    the step began and ended at that press, as practice/player.py logs it now.
    """
    StepLog = apps.get_model("practice", "StepLog")
    StepLog.objects.filter(ended_at__lt=models.F("started_at")).update(
        started_at=models.F("ended_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0005_left_out_for_safety"),
    ]

    operations = [
        migrations.RunPython(start_where_they_ended, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="steplog",
            constraint=models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="steplog_ends_after_it_starts",
            ),
        ),
    ]
