from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """What can be practised: techniques, steps and routines, curated or a person's own."""

    name = "catalogue"
    verbose_name = "Catalogue"
