"""
The production settings, plus one thing a benchmark needs: a baseline view.

Everything else — middleware, templates, static files, sessions, database
options — is facerouting.settings as production runs it. The database is a
benchmark's own (var/bench.sqlite3) unless DATABASE_URL names one, so seeding
10,000 sessions never touches the development database.
"""

import os

from facerouting.settings import *  # noqa: F403
from facerouting.settings import BASE_DIR, DATABASES

ROOT_URLCONF = "benchmarks.urls"

if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = BASE_DIR / "var" / "bench.sqlite3"
