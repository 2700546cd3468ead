"""
Instructions per request: what the server's own code costs, free of load noise.

    python -m benchmarks.instructions              # seeds var/instructions/ first
    python -m benchmarks.instructions --profile "step advance"   # where the time goes
    PROFILE_SORT=tottime python -m benchmarks.instructions --profile "baseline, member"

Throughput on a shared machine moves by a fifth between runs; the number of
CPU instructions a request takes hardly moves at all. This runs requests
through Django's WSGI handler in-process, as gunicorn calls it (the same
settings, middleware and database as `make bench`, without the HTTP parsing),
under valgrind's callgrind, and counts the instructions of the whole process
(Python, Django, SQLite) once after WARM_UP requests and once after WARM_UP +
REQUESTS: the difference over REQUESTS is one request's share. Hardware
counters (perf stat) would be quicker, but virtual machines rarely expose them.

The kinds: the visitor and the member baseline (the fixed-text view of
benchmarks/urls.py) and the step advance (an htmx Next, as wrk.lua posts it);
and, for --profile or per_request(kinds=...), the pages a member reads: the
empty page (the site's frame, base.html, with nothing in it: what every page
pays before its own work), home, the player and the history.
`make bench` runs this after its load on its own database, when valgrind is
installed.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from benchmarks import server

WARM_UP = 30
REQUESTS = 100
KINDS = ("baseline, visitor", "baseline, member", "step advance")
# Pages a member reads, for --profile (and per_request when asked): what a
# page's own work costs beside the member baseline's.
PAGES = {
    "empty page": ("/bench/empty-page/", "ten"),
    "home": ("/", "ten"),
    "player page": ("player", "player"),
    "history, 10 sessions": ("/history/", "ten"),
    "history, 10,000 sessions": ("/history/", "ten_thousand"),
}


def _environ(method: str, path: str, cookie: str = "", body: bytes = b"", **headers) -> dict:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    if body:
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        environ["CONTENT_LENGTH"] = str(len(body))
    environ.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
    return environ


def requests_of(kind: str, seeded: dict):
    """An endless supply of WSGI environs for `kind`, as the load generator sends them."""
    if kind == "baseline, visitor":
        while True:
            yield _environ("GET", "/bench/baseline/")
    if kind == "baseline, member":
        cookie = f"sessionid={seeded['members']['ten']}"
        while True:
            yield _environ("GET", "/bench/baseline/", cookie)
    if kind == "step advance":
        from benchmarks.loadgen import untouched_sessions

        # The last advancing member: make bench's own runs start with the first.
        member, sessions = seeded["advancers"][-1], untouched_sessions(seeded)[-1]
        token = seeded["csrf_token"]
        cookie = f"sessionid={member['cookie']}; csrftoken={token}"
        for session in sessions:
            for position in range(member["steps"] - 1):
                yield _environ(
                    "POST",
                    f"/sessions/{session}/next/",
                    cookie,
                    f"position={position}".encode(),
                    x_csrftoken=token,
                    hx_request="true",
                )
        raise RuntimeError("out of sessions: seed more (benchmarks/seed.py)")
    if kind in PAGES:
        path, member = PAGES[kind]
        path = seeded["urls"].get(path, path)
        cookie = f"sessionid={seeded['members'][member]}"
        while True:
            yield _environ("GET", path, cookie)
    raise ValueError(kind)


def run_requests(kind: str, count: int, seeded: dict) -> int:
    """Answer `count` requests of `kind`; returns the bytes of the last body."""
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    body = b""
    supply = requests_of(kind, seeded)
    for _ in range(count):
        answer = application(next(supply), start_response)
        body = b"".join(answer)
        answer.close()
        if not statuses[-1].startswith("200"):
            raise RuntimeError(f"{kind}: {statuses[-1]}")
    return len(body)


def child(kind: str, count: int, seed_file: Path, profile: bool) -> None:
    import django

    django.setup()
    seeded = json.loads(seed_file.read_text())
    if not profile:
        run_requests(kind, count, seeded)
        return
    import cProfile
    import pstats

    run_requests(kind, WARM_UP, seeded)
    profiler = cProfile.Profile()
    profiler.runcall(run_requests, kind, count, seeded)
    order = os.environ.get("PROFILE_SORT", "cumulative")  # or tottime
    pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(45)


def collected(kind: str, count: int, seed_file: Path) -> int:
    """Instructions callgrind counts for a process answering `count` requests of `kind`."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "benchmarks.instructions",
        "--child",
        kind,
        "--requests",
        str(count),
        "--seed",
        str(seed_file),
    ]
    run = subprocess.run(
        command, cwd=server.ROOT, env=server.environment(), capture_output=True, text=True
    )
    if run.returncode:
        raise RuntimeError(f"{kind} under valgrind failed:\n{run.stderr[-3000:]}")
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def per_request(seed_file: Path, kinds=KINDS) -> dict[str, float]:
    """Millions of instructions per request of each kind."""
    counts = {}
    for kind in kinds:
        warm = collected(kind, WARM_UP, seed_file)
        counts[kind] = (collected(kind, WARM_UP + REQUESTS, seed_file) - warm) / REQUESTS / 1e6
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", choices=(*KINDS, *PAGES), help=argparse.SUPPRESS)
    parser.add_argument("--requests", type=int, default=REQUESTS, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=Path, help="seed.json of a seeded database to use")
    parser.add_argument(
        "--profile", choices=(*KINDS, *PAGES), help="print a cProfile of one kind instead"
    )
    options = parser.parse_args(argv)
    if options.child:
        child(options.child, options.requests, options.seed, profile=False)
        return
    seed_file = options.seed
    if seed_file is None:
        # A database of its own, as benchmarks/standalone.py gives its servers.
        home = server.ROOT / "var" / "instructions"
        home.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{home / 'db.sqlite3'}")
        server.VAR = home
        seed_file = home / "seed.json"
        if not seed_file.exists():
            server.prepare(server.environment())
    os.environ.update(server.environment())
    if options.profile:
        child(options.profile, 500, seed_file, profile=True)
        return
    if not shutil.which("valgrind"):
        raise SystemExit("Counting instructions needs valgrind: apt-get install valgrind")
    for kind, millions in per_request(seed_file).items():
        print(f"{kind:<20} {millions:6.2f} M instructions per request")


if __name__ == "__main__":
    main()
