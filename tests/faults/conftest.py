"""Fixtures for the fault tests: static files, a server database, gunicorn, figures."""

import os
import urllib.parse

import dj_database_url
import pytest

from tests.faults.server import Database, Server, manage, production_env


@pytest.fixture
def report(request):
    """Record figures for the end of the run. They travel with the test's report,
    so they reach the summary from pytest-xdist's workers too."""

    def add(title: str, **figures) -> None:
        request.node.user_properties.append(("fault figures", (title, figures)))

    return add


def pytest_terminal_summary(terminalreporter):
    reports = terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
    recorded = [
        value
        for test_report in reports
        if test_report.when == "call"
        for name, value in test_report.user_properties
        if name == "fault figures"
    ]
    if not recorded:
        return
    terminalreporter.section("fault figures")
    for title, figures in recorded:
        terminalreporter.write_line(title)
        for name, value in figures.items():
            terminalreporter.write_line(f"    {name.replace('_', ' ')}: {value}")


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> str:
    """Hashed, compressed static files, collected once, as a deploy does."""
    root = tmp_path_factory.mktemp("staticfiles")
    manage(production_env(DJANGO_STATIC_ROOT=str(root)), "collectstatic", "--noinput")
    return str(root)


@pytest.fixture
def database_url(tmp_path):
    """A fresh database for the server: PostgreSQL when the run uses it, else SQLite."""
    test_url = os.environ.get("DATABASE_URL", "")
    if not test_url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return

    import psycopg

    # Named after the run's own database and xdist worker, so parallel runs
    # and workers never share it.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    name = f"{dj_database_url.parse(test_url)['NAME']}_faults{worker and '_' + worker}"
    url = urllib.parse.urlsplit(test_url)._replace(path=f"/{name}").geturl()
    admin_url = urllib.parse.urlsplit(test_url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def deployed(database_url, static_root, tmp_path):
    """The environment of a deployed app whose database is migrated and has content:
    the curated routines and a long "fault-drill" routine of 60 steps."""
    env = production_env(DATABASE_URL=database_url, DJANGO_STATIC_ROOT=static_root)
    manage(env, "migrate", "--noinput")
    manage(env, "load_content")
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from tests.factories import make_routine; "
        "make_routine(steps=60, slug='fault-drill', title='Fault drill')",
    )
    return env


@pytest.fixture
def start_server(deployed, tmp_path):
    """Make gunicorn servers on the deployed database; all are killed at the end."""
    servers: list[Server] = []

    def make(workers: int = 2, threads: int = 4, **variables: str) -> Server:
        server = Server(
            {**deployed, **variables},
            tmp_path / f"gunicorn-{len(servers)}.log",
            workers=workers,
            threads=threads,
        )
        servers.append(server)
        server.start()
        return server

    yield make
    for server in servers:
        server.kill()


@pytest.fixture
def database(deployed) -> Database:
    return Database(deployed["DATABASE_URL"])
