"""
`make bench`: the performance budgets of docs/performance.md, measured.

    make bench                                   # SQLite (var/bench.sqlite3)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/facerouting_bench make bench
    BENCH_SECONDS=5 BENCH_DRIFT=0 make bench     # a quick look, no 10-minute drift run

It starts the production configuration under gunicorn on 127.0.0.1
(benchmarks/server.py), seeded with the curated content and 100 members
(benchmarks/seed.py), and loads each endpoint in turn with wrk from a second
process: a 2-second warm-up, then BENCH_SECONDS (10) of 8 connections, each
its own thread; BENCH_ROUNDS (3) rounds of all of them, and each endpoint's
median round is the one reported, since one process's hiccup can halve a
single 10-second figure on a small machine. Every step advance is checked
against the database: acknowledged means stored.

Every endpoint is compared with a baseline view that the same server and
middleware answer with a short fixed text, requested as a signed-in member,
like every page measured here but /healthz/: so the baseline pays for the
session, the user and their time zone as they do, and a ratio is the cost of
the page's own work. The same view requested by a visitor is shown too, and
every ratio to it: the member baseline's own is what every signed-in request
pays.

After the load it sends one step change to count its bytes, and, when
valgrind is installed (BENCH_INSTRUCTIONS=0 skips it), counts the
instructions per request of the baselines, the step advance, the empty page
(the site's frame with nothing in it, what every page pays first) and the
player page (benchmarks/instructions.py): figures that load on a shared
machine cannot move.

Meanwhile Chromium follows a 10-minute routine hands-free to measure timer
drift, and after the load a fresh phone-sized Chromium loads the player to
count what it transfers (benchmarks/browser.py).

It prints the table and exits 1 when any budget is missed.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

import django

from benchmarks import instructions
from benchmarks.loadgen import CONNECTIONS, advance, step_response_bytes, wrk
from benchmarks.server import ROOT, VAR, environment, production_server

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP_SECONDS = 2
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
ADVANCE = "/sessions/…/next/"  # wrk.lua picks the session and the position
STEP_RESPONSE_KB = 4  # a step change's htmx answer, uncompressed
# A step advance against the member baseline: PostgreSQL commits without
# taking SQLite's one write lock, so it is held to more.
ADVANCE_RATIO = {"SQLite": 0.35, "PostgreSQL": 0.60}


@dataclass
class Endpoint:
    name: str
    path: str
    member: str | None = None  # seeded["members"] key; None is a visitor


@dataclass
class Result:
    endpoint: Endpoint
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float
    stored: int | None = None  # step advances the database shows, for the advance

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds


@dataclass
class Budget:
    name: str
    measured: float
    limit: float
    unit: str
    at_least: bool = True

    @property
    def ok(self) -> bool:
        return self.measured >= self.limit if self.at_least else self.measured <= self.limit

    def row(self) -> str:
        sign = "≥" if self.at_least else "≤"
        verdict = "ok" if self.ok else "MISSED"
        return (
            f"{self.name:<44} {self.measured:>9.2f} {self.unit:<3} "
            f"{sign} {self.limit:<7g} {verdict}"
        )


def endpoints(seeded: dict) -> list[Endpoint]:
    urls = seeded["urls"]
    return [
        Endpoint("baseline, visitor", "/bench/baseline/"),
        Endpoint("baseline, member", "/bench/baseline/", "ten"),
        Endpoint("/healthz/", "/healthz/"),
        Endpoint("home", "/", "ten"),
        Endpoint("routine page", urls["routine"], "ten"),
        Endpoint("player page", urls["player"], "player"),
        Endpoint("step advance (POST, partial)", ADVANCE),
        Endpoint("history, 10 sessions", "/history/", "ten"),
        Endpoint("history, 10,000 sessions", "/history/", "ten_thousand"),
    ]


def load(base_url: str, endpoint: Endpoint, seeded: dict) -> Result:
    headers = {"Accept-Encoding": "gzip, deflate, br"}
    if endpoint.member:
        headers["Cookie"] = f"sessionid={seeded['members'][endpoint.member]}"
    if endpoint.path == ADVANCE:
        advance(base_url, WARM_UP_SECONDS, headers, seeded)
        report = advance(base_url, SECONDS, headers, seeded)
    else:
        url = base_url.rstrip("/") + endpoint.path
        wrk(url, WARM_UP_SECONDS, headers)
        report = wrk(url, SECONDS, headers)
    errors = sum(report[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    return Result(
        endpoint,
        requests=report["requests"],
        seconds=report["duration_us"] / 1e6,
        errors=errors,
        p50_ms=report["p50_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        stored=report.get("stored"),
    )


def browser(check: str, base_url: str, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.browser",
            check,
            "--url",
            base_url,
            "--seed",
            str(VAR / "seed.json"),
            *options,
        ],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen, what: str) -> dict:
    out, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"The {what} measurement failed (exit {process.returncode}).")
    return json.loads(out)


def print_table(results: list[Result]) -> None:
    visitor, baseline = results[0].throughput, results[1].throughput  # see the docstring
    print(
        f"\n{'endpoint':<32} {'req/s':>8} {'× base':>7} {'× visitor':>9} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'requests':>9} {'errors':>6}"
    )
    for result in results:
        print(
            f"{result.endpoint.name:<32} {result.throughput:>8.0f} "
            f"{result.throughput / baseline:>7.2f} {result.throughput / visitor:>9.2f} "
            f"{result.p50_ms:>8.1f} {result.p99_ms:>8.1f} {result.requests:>9} {result.errors:>6}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Set by environment variables: BENCH_SECONDS (10), BENCH_ROUNDS (3), "
        "BENCH_DRIFT (1; 0 skips the 10-minute drift run), BENCH_INSTRUCTIONS (1; 0 skips "
        "the valgrind count), DATABASE_URL (SQLite when unset).",
    )
    parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("make bench needs wrk: apt-get install wrk")
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    with production_server() as (base_url, seeded):
        os.environ.update(environment())
        django.setup()  # this process reads the database to check the advances
        drift = browser("drift", base_url) if os.environ.get("BENCH_DRIFT", "1") == "1" else None
        print(
            f"Loading {base_url} on {database}: {ROUNDS} rounds of every endpoint, "
            f"{CONNECTIONS} connections, {SECONDS} s each"
        )
        rounds = []
        for number in range(1, ROUNDS + 1):
            rounds.append([load(base_url, endpoint, seeded) for endpoint in endpoints(seeded)])
            print(
                f"  round {number}, req/s: " + ", ".join(f"{r.throughput:.0f}" for r in rounds[-1])
            )
        first_load = finish(browser("first-load", base_url), "first-load")
        step_bytes = step_response_bytes(base_url, seeded)
        if drift:
            print(f"Waiting for the {seeded['drift_seconds'] // 60}-minute timer-drift run…")
            drift = finish(drift, "timer drift")
    counted = None
    if shutil.which("valgrind") and os.environ.get("BENCH_INSTRUCTIONS", "1") == "1":
        print("Counting instructions per request under valgrind (a few minutes)…")
        # The empty page too: what every page pays for the site's frame
        # before its own work, and the player page beside it.
        counted = instructions.per_request(
            VAR / "seed.json", (*instructions.KINDS, "empty page", "player page")
        )

    # Each endpoint's median round, by throughput.
    results = [
        sorted(runs, key=lambda result: result.throughput)[len(runs) // 2]
        for runs in zip(*rounds, strict=True)
    ]
    by_name = {result.endpoint.name: result for result in results}
    baseline = by_name["baseline, member"].throughput
    visitor = by_name["baseline, visitor"].throughput
    advance = by_name["step advance (POST, partial)"]
    ten, ten_thousand = by_name["history, 10 sessions"], by_name["history, 10,000 sessions"]
    print_table(results)

    print(
        f"\nStep advances in that round: {advance.requests} acknowledged, {advance.stored} "
        "stored (at most one more per connection: posts in flight when wrk stopped)."
    )
    print(
        f"A step change's answer: {step_bytes['identity']:,} bytes, "
        f"{step_bytes['gzip']:,} gzipped."
    )
    if counted:
        print("\nInstructions per request (callgrind, in-process through the WSGI handler):")
        for kind, millions in counted.items():
            ratio = counted["baseline, member"] / millions
            print(f"  {kind:<20} {millions:6.2f} M   (member baseline / this: {ratio:.3f})")
    budgets = [
        Budget(
            "step advance throughput / baseline",
            advance.throughput / baseline,
            ADVANCE_RATIO[database],
            "×",
        ),
        Budget(
            "step change answer, uncompressed",
            step_bytes["identity"] / 1024,
            STEP_RESPONSE_KB,
            "KB",
            at_least=False,
        ),
        Budget("member baseline / visitor baseline", baseline / visitor, 0.4, "×"),
        Budget(
            "player page throughput / baseline",
            by_name["player page"].throughput / baseline,
            0.3,
            "×",
        ),
        Budget(
            "history (10,000) throughput / baseline", ten_thousand.throughput / baseline, 0.25, "×"
        ),
        Budget(
            "history 10 / history 10,000 throughput",
            ten.throughput / ten_thousand.throughput,
            1.5,
            "×",
            at_least=False,
        ),
        Budget(
            "errors under load, all rounds",
            sum(result.errors for run in rounds for result in run),
            0,
            "",
            at_least=False,
        ),
        Budget(
            "step advances acknowledged, not stored",
            sum(
                max(0, result.requests - result.stored)
                for run in rounds
                for result in run
                if result.stored is not None
            ),
            0,
            "",
            at_least=False,
        ),
        Budget(
            "player first load, compressed",
            first_load["transferred_bytes"] / 1024,
            40,
            "KB",
            at_least=False,
        ),
        Budget("third-party requests", len(first_load["third_party"]), 0, "", at_least=False),
        Budget(
            "static assets not hashed or not immutable",
            sum(not asset["ok"] for asset in first_load["static_assets"]),
            0,
            "",
            at_least=False,
        ),
    ]
    if drift:
        budgets += [
            Budget(
                "timer drift after 10 min, browser",
                abs(drift["browser_drift_ms"]),
                250,
                "ms",
                at_least=False,
            ),
            # The server books time past a deadline as paused, so finished −
            # started − paused is 0 by construction; the real lateness of the
            # end is finished − started against the routine's length.
            Budget(
                "timer drift after 10 min, server",
                abs(drift["server_finish_lateness_ms"]),
                250,
                "ms",
                at_least=False,
            ),
        ]
    print(f"\n{'budget':<44} {'measured':>13} {'limit':<9} ")
    for budget in budgets:
        print(budget.row())
    if not drift:
        print("timer drift: not measured (BENCH_DRIFT=0)")
    missed = [budget.name for budget in budgets if not budget.ok]
    print("\nAll budgets met." if not missed else f"\nMissed: {', '.join(missed)}.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
