"""
The load generator of `make bench`: wrk, in a process of its own, with
benchmarks/wrk.lua. For the step advance each connection plays its own
member's sessions, on sessions no earlier run touched, and the database is
read afterwards to count what was stored.
"""

import json
import os
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.server import VAR

CONNECTIONS = 8
WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
SETTLE_SECONDS = 1


def wrk(url: str, seconds: int, headers: dict, env: dict | None = None) -> dict:
    command = ["wrk", f"-t{CONNECTIONS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(WRK_SCRIPT), url]
    run = subprocess.run(
        command, capture_output=True, text=True, env=os.environ | (env or {}), check=False
    )
    for line in run.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line.removeprefix("BENCH "))
    raise RuntimeError(f"wrk failed:\n{run.stdout}\n{run.stderr}")


def untouched_sessions(seeded: dict) -> list[list[int]]:
    """Each advancing member's sessions after the last one a run has moved."""
    from practice.models import PracticeSession

    pks = [pk for member in seeded["advancers"] for pk in member["sessions"]]
    moved = set(
        PracticeSession.objects.filter(pk__in=pks, position__gt=0).values_list("pk", flat=True)
    )
    untouched = []
    for member in seeded["advancers"]:
        sessions = member["sessions"]
        last_moved = max((i for i, pk in enumerate(sessions) if pk in moved), default=-1)
        untouched.append(sessions[last_moved + 1 :])
    return untouched


def stored_advances(seeded: dict) -> int:
    """Steps the advancing members' sessions have moved on, read from the database."""
    from django.db.models import Sum

    from practice.models import PracticeSession

    pks = [pk for member in seeded["advancers"] for pk in member["sessions"]]
    moved = PracticeSession.objects.filter(pk__in=pks).aggregate(total=Sum("position"))
    return moved["total"] or 0


def advance(url: str, seconds: int, headers: dict, seeded: dict) -> dict:
    """Run wrk.lua's step advance on sessions no earlier run touched."""
    rows = []
    for member, sessions in zip(seeded["advancers"], untouched_sessions(seeded), strict=True):
        rows.append(
            f'{{cookie = "{member["cookie"]}", csrf_token = "{seeded["csrf_token"]}", '
            f"steps = {member['steps']}, sessions = {{{', '.join(map(str, sessions))}}}}}"
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=VAR) as plays:
        plays.write("return {\n  " + ",\n  ".join(rows) + "\n}\n")
        plays.flush()
        before = stored_advances(seeded)
        report = wrk(url, seconds, headers, {"BENCH_ADVANCERS": plays.name})
    time.sleep(SETTLE_SECONDS)  # for the posts in flight when wrk stopped
    report["stored"] = stored_advances(seeded) - before
    return report


def step_response_bytes(base_url: str, seeded: dict) -> dict:
    """One step change as the player posts it: its body raw and as gzip sends it."""
    member = seeded["advancers"][-1]
    session = untouched_sessions(seeded)[-1][0]
    sizes = {}
    for position, encoding in ((0, "identity"), (1, "gzip")):
        request = urllib.request.Request(
            f"{base_url.rstrip('/')}/sessions/{session}/next/",
            data=f"position={position}".encode(),
            headers={
                "Cookie": f"sessionid={member['cookie']}; csrftoken={seeded['csrf_token']}",
                "X-CSRFToken": seeded["csrf_token"],
                "HX-Request": "true",
                "Accept-Encoding": encoding,
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            sizes[encoding] = len(response.read())
            if response.headers.get("Set-Cookie"):
                raise SystemExit("A step change set a cookie: it should send none.")
    return sizes
