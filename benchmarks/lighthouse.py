"""
Lighthouse on the pages people open most, against the production configuration.

    make lighthouse                      # runs `npm ci` first when node_modules/ lacks it
    .venv/bin/python -m benchmarks.lighthouse [--runs 3] [--page player] [--page home]

Starts a production server of its own (benchmarks/standalone.py: its own
database under var/standalone/lighthouse/, so it can run beside
benchmarks/bench.py), then runs the pinned Lighthouse (package.json) in
headless Chromium, mobile form factor and its default simulated throttling,
on the home page, a routine, the player (as the "player" member) and the
history (as the "ten" member, whose ten sessions fill it). Members log in by
the session cookie, sent with --extra-headers. Each run must end on the page
asked for, not on the login page.

The player counts down in the browser and posts Next itself when a step's
time is up, so every run gets a session of its own (browser.fresh_player_url:
the seeded member, routine and step, the step's time all ahead), and the run
fails if that session moved on while Lighthouse looked at it.

Each page runs --runs times; the median score per category is held against
the budgets below. Prints a table, keeps every report in var/lighthouse/, and
exits 1 when a budget is missed or a run went wrong.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from benchmarks import browser
from benchmarks.server import ROOT
from benchmarks.standalone import separate_server
from tests.browser.chromium import CHROMIUM_FLAGS

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "var" / "lighthouse"
CHROME_FLAGS = ["--headless=new", *CHROMIUM_FLAGS]
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 90}
PAGES = ["home", "routine", "player", "history"]
# Under load a trace can come back unusable (NO_NAVSTART, NO_FCP); Lighthouse
# then says to run it again.
ATTEMPTS = 3


def target(page: str, seeded: dict) -> tuple[str, str | None]:
    """The path to audit and the member it is seen as (None: a visitor)."""
    if page == "home":
        return "/", None
    if page == "routine":
        return seeded["urls"]["routine"], None
    if page == "player":
        return browser.fresh_player_url(seeded), seeded["members"]["player"]
    return "/history/", seeded["members"]["ten"]


def lighthouse(url: str, cookie: str | None, report: str) -> dict:
    Path(report).unlink(missing_ok=True)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(BUDGETS)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--quiet",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": f"sessionid={cookie}"}))
    chrome = {"CHROME_PATH": shutil.which("chromium") or "chromium"}
    subprocess.run(command, env=os.environ | chrome, timeout=300)
    if not Path(report).exists():
        return {"runtimeError": {"code": "NO_REPORT", "message": "Lighthouse wrote no report"}}
    return json.loads(Path(report).read_text())


def problems_in(lhr: dict, path: str) -> list[str]:
    if error := lhr.get("runtimeError"):
        return [f"Lighthouse: {error.get('code')} {error.get('message', '')}"]
    problems = []
    landed = urlsplit(lhr.get("finalDisplayedUrl", "")).path
    if landed != path:
        problems.append(f"ended on {landed}, not {path}")
    return problems


def player_moved(path: str, seeded: dict) -> str | None:
    session = browser.session_of(path)
    expected = browser.session_of(seeded["urls"]["player"]).position
    if session.status != "running" or session.position != expected:
        where = f"{session.status} at step {session.position + 1}"
        return f"the player session moved on while Lighthouse looked: {where}"
    return None


def shortfalls(lhr: dict) -> list[str]:
    """The weighted audits that cost points, listed under the table."""
    found = []
    for name, category in lhr["categories"].items():
        for ref in category["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{name}: {audit['id']} {audit['score']:.2f} {audit['title']}")
    return found


def run_once(page: str, base_url: str, seeded: dict, report: str) -> tuple[dict, list[str]]:
    """One Lighthouse run and what went wrong in it; one Lighthouse could not record is retried."""
    for attempt in range(1, ATTEMPTS + 1):
        path, cookie = target(page, seeded)  # the player: a new session each time
        lhr = lighthouse(urljoin(base_url, path), cookie, report)
        problems = problems_in(lhr, path)
        if not lhr.get("runtimeError") or attempt == ATTEMPTS:
            break
        print(f"{page}: {problems[0]}; trying again.", file=sys.stderr)
    if page == "player" and not problems and (moved := player_moved(path, seeded)):
        problems.append(moved)
    return lhr, problems


def audit(page: str, base_url: str, seeded: dict, runs: int) -> dict:
    scores: dict[str, list[int]] = {category: [] for category in BUDGETS}
    problems, missing, benchmark = [], set(), []
    for run in range(1, runs + 1):
        lhr, run_problems = run_once(page, base_url, seeded, str(REPORTS / f"{page}-{run}.json"))
        problems += run_problems
        if lhr.get("runtimeError"):
            continue
        for category in BUDGETS:
            score = lhr["categories"][category]["score"]
            scores[category].append(round(100 * score) if score is not None else 0)
        missing.update(shortfalls(lhr))
        benchmark.append(round(lhr["environment"]["benchmarkIndex"]))
    medians = {
        category: statistics.median(values) if values else 0 for category, values in scores.items()
    }
    return {
        "scores": scores,
        "medians": medians,
        "problems": problems,
        "shortfalls": sorted(missing),
        "benchmark_index": benchmark,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", choices=PAGES, help="only these pages")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` in {ROOT}.")

    REPORTS.mkdir(parents=True, exist_ok=True)
    with separate_server("lighthouse") as (base_url, seeded):
        browser.setup_django()
        results = {page: audit(page, base_url, seeded, args.runs) for page in args.page or PAGES}
    (REPORTS / "summary.json").write_text(json.dumps(results, indent=1))

    print(f"\nLighthouse, median of {args.runs} (each run), budget: {BUDGETS}")
    print(f"{'page':10}" + "".join(f"{category:>24}" for category in BUDGETS))
    failed = False
    for page, result in results.items():
        cells = []
        for category, limit in BUDGETS.items():
            median, each = result["medians"][category], result["scores"][category]
            ok = median >= limit
            failed |= not ok
            cells.append(f"{'' if ok else 'MISS '}{median:g} ({' '.join(map(str, each))})")
        print(f"{page:10}" + "".join(f"{cell:>24}" for cell in cells))
    for page, result in results.items():
        print(f"\n{page}: benchmark index {result['benchmark_index']}")
        for line in result["shortfalls"]:
            print(f"  {line}")
        for problem in result["problems"]:
            failed = True
            print(f"  PROBLEM {problem}")
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
