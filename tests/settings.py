"""The real settings, with what a test run needs in place of secrets and hashed files."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
# The test client and the live server speak plain HTTP. The HTTPS settings
# themselves are proven by tests/test_deploy_settings.py.
os.environ.setdefault("DJANGO_HTTPS", "0")

from facerouting.settings import *  # noqa: F403
from facerouting.settings import STORAGES

STORAGES = {
    **STORAGES,
    # Plain names: the test server serves files straight from static/, where
    # hashed manifest names would 404 (and htmx would silently never load).
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Hashing passwords slowly is the point in production and a waste in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Serve static files straight from the app and project folders, as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not the shared in-memory database, so that concurrent tests see
    # SQLite's real locking (WAL, IMMEDIATE transactions, busy timeout).
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    # One file per test process, so that two runs side by side never share one.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3"  # noqa: F405
    }
