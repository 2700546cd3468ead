"""
The production configuration, started on 127.0.0.1 for a measurement.

`production_server()` collects the static files, migrates, seeds
(benchmarks/seed.py) and runs gunicorn exactly as `make serve` does — debug
off, hashed and compressed static files, 2 workers of 4 threads — with the
benchmark settings, which only add a baseline view. It yields the base URL
and what the seed made, and stops gunicorn afterwards.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
THREADS = "4"


def environment() -> dict[str, str]:
    secret_file = ROOT / "var" / "secret_key"
    if not secret_file.exists():
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        secret_file.write_text(secrets.token_urlsafe(50))
        secret_file.chmod(0o600)
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DJANGO_SECRET_KEY": secret_file.read_text().strip(),
        "DJANGO_HTTPS": "0",
        "DJANGO_DEBUG": "",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def create_postgresql_database(url: str) -> None:
    """Create the database DATABASE_URL names, if the server does not have it yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
    }
    with psycopg.connect(**server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"]))
            )


def prepare(env: dict) -> dict:
    """Static files, schema and seed data; returns what the seed made."""
    VAR.mkdir(parents=True, exist_ok=True)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    if url := os.environ.get("DATABASE_URL"):
        if url.startswith(("postgres://", "postgresql://")):
            create_postgresql_database(url)
    else:
        for leftover in VAR.parent.glob("bench.sqlite3*"):
            leftover.unlink()
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    seed_file = VAR / "seed.json"
    subprocess.run([PYTHON, "-m", "benchmarks.seed", seed_file], cwd=ROOT, env=env, check=True)
    return json.loads(seed_file.read_text())


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "healthz/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {url} within {timeout} s")


@contextmanager
def production_server(port: int | None = None) -> Iterator[tuple[str, dict]]:
    env = environment()
    print("Preparing: static files, migrations, seed data (100 members, 10,000 sessions)…")
    seeded = prepare(env)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (VAR / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "facerouting.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            WORKERS,
            "--threads",
            THREADS,
            "--worker-class",
            "gthread",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(url, process)
        yield url, seeded
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
