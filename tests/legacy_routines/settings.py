"""
A project as it was before the split, reduced to what its database holds:
Django's own apps and the old `routines` app, on the database DATABASE_URL names.
Used only to build that database (tests/legacy_routines/existing_database.py).
"""

import os
import sys
from pathlib import Path

import dj_database_url

# The old migrations import `routines.timezones`: shim/ holds a `routines`
# package that provides what they name, from where it lives now.
sys.path.insert(0, str(Path(__file__).resolve().parent / "shim"))

SECRET_KEY = "tests-only-not-a-secret"

INSTALLED_APPS = [
    "tests.legacy_routines.apps.LegacyRoutinesConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"

# As in tests/settings.py: hashing the member's password slowly would only cost time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
