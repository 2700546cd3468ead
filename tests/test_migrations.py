"""The models and the migrations agree: a model change comes with its migration."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_its_migration():
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as missing:  # makemigrations --check exits 1 when one is missing
        pytest.fail(f"makemigrations --check exited {missing.code}: run makemigrations")
