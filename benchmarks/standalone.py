"""
A production server of its own, for runs that are not part of benchmarks/bench.py.

    with separate_server("lighthouse") as (base_url, seeded):
        ...

benchmarks/server.py keeps its database, seed file and log under var/ with
fixed names, and deletes var/bench.sqlite3 before it seeds. Two runs at once
(`make lighthouse` while `make bench` measures) would then share or delete
each other's database. `separate_server()` gives production_server() a
database and a directory of their own, var/standalone/<name>/ (a new
SQLite file each time, unless DATABASE_URL names a database), and puts the
server's environment in this process's too, so the Django ORM here reads the
same database.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from benchmarks import server

HOME = server.ROOT / "var" / "standalone"


@contextmanager
def separate_server(name: str) -> Iterator[tuple[str, dict]]:
    """production_server() on var/standalone/`name`/, so runs with other names can overlap."""
    home = HOME / name
    home.mkdir(parents=True, exist_ok=True)
    if "DATABASE_URL" not in os.environ:
        # A new database each time, as server.prepare() makes var/bench.sqlite3
        # (which it only does without DATABASE_URL, so it leaves this one alone).
        for leftover in home.glob("db.sqlite3*"):
            leftover.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{home / 'db.sqlite3'}"
    server.VAR = home  # seed.json and gunicorn.log
    os.environ.update(server.environment())
    with server.production_server() as (base_url, seeded):
        yield base_url, seeded
