"""
A production-like Facerouting for fault tests, and browsers to drive it.

The server is gunicorn on 127.0.0.1 with the real settings (debug off,
hashed static files, a secret key, persistent database connections), only
plain HTTP instead of HTTPS, against a database of its own: a SQLite file in
a temporary folder, or a PostgreSQL database created for the run, never the
one pytest-django is testing with.
"""

import http.cookiejar
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(**variables: str) -> dict[str, str]:
    """The environment of a production process, and nothing of the test run's."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "facerouting.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Loopback has no TLS; every other production setting stays on.
        "DJANGO_HTTPS": "0",
        **variables,
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result.stdout


class Database:
    """The server's own database, readable from the test without Django."""

    def __init__(self, url: str) -> None:
        self.url = url

    @property
    def is_postgresql(self) -> bool:
        return self.url.startswith(("postgres://", "postgresql://"))

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.is_postgresql:
            import psycopg

            with psycopg.connect(self.url) as connection:
                return connection.execute(sql, params).fetchall()
        path = urllib.parse.urlsplit(self.url).path
        with sqlite3.connect(path) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()


class Server:
    """gunicorn serving facerouting.wsgi; start, SIGKILL, start again on the same port."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2, threads: int = 4):
        self.env = env
        self.log = log
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> float:
        """Start and wait until /healthz/ answers; return how long that took."""
        began = time.monotonic()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "facerouting.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            "--worker-class=gthread",
            "--timeout=30",
            "--graceful-timeout=5",
            "--no-control-socket",
        ]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so the master and its workers die together.
                start_new_session=True,
            )
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz/", timeout=2) as response:
                    if response.status == 200:
                        return time.monotonic() - began
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError(f"gunicorn did not answer in {timeout} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no goodbye, requests cut off."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Shut down gracefully, as a deploy would; kill if it hangs."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class Response:
    status: int
    body: str
    location: str = ""

    @property
    def player(self) -> tuple[str, int]:
        """The player's state and position, as the page shows them."""
        state = re.search(r'id="player"[^>]*?data-state="(\w+)"', self.body, re.S)
        position = re.search(r'id="player"[^>]*?data-position="(\d+)"', self.body, re.S)
        assert state and position, f"no player in the answer: {self.body[:300]!r}"
        return state.group(1), int(position.group(1))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: its own cookies, the CSRF token, redirects not followed."""

    def __init__(self, base_url: str, timeout: float = 30) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def get(self, path: str) -> Response:
        return self._send(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: dict | None = None, htmx: bool = False) -> Response:
        token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
        headers = {"X-CSRFToken": token}
        if htmx:
            headers["HX-Request"] = "true"
        body = urllib.parse.urlencode(data or {}).encode()
        request = urllib.request.Request(self.base_url + path, body, headers, method="POST")
        return self._send(request)

    def _send(self, request: urllib.request.Request) -> Response:
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Response(response.status, response.read().decode())
        except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx, 5xx
            return Response(
                answer.code, answer.read().decode(errors="replace"), answer.headers["Location"]
            )

    def start(self, slug: str) -> int:
        """Open the routine, press Start, then the player's Start: a running session."""
        assert self.get(f"/routines/{slug}/").status == 200
        started = self.post(f"/routines/{slug}/start/")
        assert started.status == 302, started
        pk = int(re.fullmatch(r"/sessions/(\d+)/", started.location).group(1))
        begun = self.post(f"/sessions/{pk}/begin/", {"position": 0}, htmx=True)
        assert begun.status == 200 and begun.player == ("running", 0), begun.status
        # Next during the lead-in starts the first step at once: from here
        # each Next moves on one step.
        started = self.next(pk, 0)
        assert started.status == 200 and started.player == ("running", 0), started.status
        return pk

    def next(self, pk: int, position: int) -> Response:
        return self.post(f"/sessions/{pk}/next/", {"position": position}, htmx=True)
