from django.apps import AppConfig


class LegacyRoutinesConfig(AppConfig):
    """The old app under its old label: only its migrations, no models of its own.

    The old migrations' historical models are all a database at that layout needs.
    """

    name = "tests.legacy_routines"
    label = "routines"
    default_auto_field = "django.db.models.BigAutoField"
