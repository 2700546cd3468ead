"""
What a phone's browser sees: the player's first load, and the timer over a whole routine.

    DJANGO_SETTINGS_MODULE=benchmarks.settings .venv/bin/python -m benchmarks.browser \
        first-load --url http://127.0.0.1:PORT/ --seed var/bench/seed.json
    ... drift --url http://127.0.0.1:PORT/ --seed var/bench/seed.json   # about 11 minutes
    .venv/bin/python -m benchmarks.browser first-load --serve   # with a server of its own
    ... drift --serve --routine-url /routines/facial-yoga-forehead/   # a shorter trial

Run it with the server's environment (benchmarks/bench.py does): it reads and
writes the server's database through the Django ORM. `--serve` starts a
production server first (benchmarks/standalone.py). It prints one JSON object
on stdout and exits 1 when the run itself went wrong — a console error, a
failed request, a page that is not the one asked for, no summary — else 0.
Whether the figures are within the budgets (docs/performance.md) is
`budgets(result)`, which the caller checks (a summary of it goes to stderr).

first-load: a phone in a fresh context (empty cache), logged in as the
"player" member, opens the player at a running step. Bytes are Chromium's own
count of what came over the wire for each response, headers included and
bodies as compressed (CDP Network.loadingFinished `encodedDataLength`, the
figure DevTools shows as "transferred" and Lighthouse as transfer size).
The seeded player session's step ran out long ago, and a player showing 0:00
posts Next as soon as it loads; so each measurement starts a new session of
the same member, routine and step (`fresh_player_url`), with the step's time
ahead: the page as a person sees it mid-routine, with no auto-advance in it.

drift: the "drift" member starts the seeded 10-minute routine and touches
nothing until the summary. Drift is how much longer than lead-in plus steps
it took, in the browser (from the begin post to the last auto-advance post,
on performance.now()) and on the server (finished − started − paused; and,
since the server books a step's time past its deadline as paused, also
finished − started: the last post's real lateness).
"""

import argparse
import json
import os
import re
import sys
from contextlib import ExitStack, redirect_stdout
from datetime import timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from benchmarks import server
from tests.browser.chromium import PHONE, launch

TRANSFER_BUDGET = 40 * 1024
DRIFT_BUDGET_MS = 250
YEAR_SECONDS = 365 * 24 * 60 * 60
# Django's manifest storage puts 12 hex digits of the content's MD5 in the name.
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")

# Attached with page.evaluate (the site's CSP allows no inline script): the
# moment each htmx request is about to go out, on the page's monotonic clock.
RECORD_POSTS = """() => {
  window.benchPosts = [];
  document.addEventListener("htmx:beforeRequest", (event) => {
    const path = event.detail.requestConfig?.path ?? event.detail.pathInfo?.requestPath;
    window.benchPosts.push({ at: performance.now(), path });
  });
}"""


def setup_django() -> None:
    """The ORM on the server's database (the caller's environment, else the server's)."""
    for key, value in server.environment().items():
        os.environ.setdefault(key, value)
    # Playwright's sync API runs an event loop in this thread; these ORM calls are still sync.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()


def session_of(url: str):
    from django.urls import resolve

    from practice.models import PracticeSession

    pk = resolve(urlsplit(url).path).kwargs["pk"]
    return PracticeSession.objects.select_related("user", "routine").get(pk=pk)


def fresh_player_url(seeded: dict) -> str:
    """A new session like the seeded player's: same member, routine and step, all its time left."""
    from django.utils import timezone

    from practice import player
    from practice.models import LEAD_IN_SECONDS

    seeded_session = session_of(seeded["urls"]["player"])
    session = player.start_session(seeded_session.routine, user=seeded_session.user)
    # Begun one lead-in ago: a Next during the lead-in would only start the first step.
    player.begin(session, 0, now=timezone.now() - timedelta(seconds=LEAD_IN_SECONDS))
    for position in range(seeded_session.position):
        player.advance(session, position)
    return session.get_absolute_url()


def member_page(browser, base_url: str, cookie: str):
    """A page in a new context (own cookies, empty cache) on a phone, logged in by `cookie`."""
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": base_url}])
    page = context.new_page()
    return page, watch(page)


def watch(page) -> list[str]:
    """Console errors, page errors, failed requests and error statuses, as they happen."""
    problems: list[str] = []

    def on_console(message):
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def on_request_failed(request):
        if request.failure != "net::ERR_ABORTED":  # a navigation away; not a failure
            problems.append(f"request failed: {request.url} {request.failure}")

    def on_response(response):
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    return problems


def static_check(url: str, cache_control: str) -> dict:
    max_age = re.search(r"max-age=(\d+)", cache_control)
    hashed = bool(HASHED_NAME.search(urlsplit(url).path))
    immutable = "immutable" in cache_control and bool(max_age) and int(max_age[1]) >= YEAR_SECONDS
    return {
        "url": url,
        "hashed": hashed,
        "cache_control": cache_control,
        "ok": hashed and immutable,
    }


def first_load(browser, base_url: str, seeded: dict) -> dict:
    url = urljoin(base_url, fresh_player_url(seeded))
    page, problems = member_page(browser, base_url, seeded["members"]["player"])
    network: dict[str, dict] = {}
    cdp = page.context.new_cdp_session(page)

    def sent(event):
        network[event["requestId"]] = {"url": event["request"]["url"], "type": event["type"]}

    def received(event):
        headers = {name.lower(): value for name, value in event["response"]["headers"].items()}
        network[event["requestId"]]["cache_control"] = headers.get("cache-control", "")

    def finished(event):
        network[event["requestId"]]["bytes"] = event["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # let the last CDP events arrive
    if page.url != url:
        problems.append(f"expected the player at {url}, got {page.url}")
    elif page.locator('#player[data-state="running"]').count() != 1:
        problems.append("the player is not showing a running step")
    page.context.close()

    fetched = [entry for entry in network.values() if entry["url"].startswith("http")]
    host = urlsplit(base_url).hostname
    # Each static file once: the favicon is the header's icon again, from the memory cache.
    static: dict[str, str] = {}
    for entry in fetched:
        if urlsplit(entry["url"]).path.startswith("/static/"):
            static.setdefault(entry["url"], entry.get("cache_control", ""))
    return {
        "url": url,
        "transferred_bytes": sum(entry.get("bytes", 0) for entry in fetched),
        "requests": [
            {"url": entry["url"], "bytes": entry.get("bytes", 0), "type": entry["type"]}
            for entry in fetched
        ],
        "third_party": [
            entry["url"] for entry in fetched if urlsplit(entry["url"]).hostname != host
        ],
        "static_assets": [static_check(url, cache) for url, cache in static.items()],
        "problems": problems,
    }


def drift(browser, base_url: str, seeded: dict, routine_url: str | None = None) -> dict:
    from practice.models import LEAD_IN_SECONDS

    page, problems = member_page(browser, base_url, seeded["members"]["drift"])
    page.goto(routine_url or seeded["urls"]["drift_routine"])
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    page.evaluate(RECORD_POSTS)
    session = session_of(page.url)
    durations = [step["duration_seconds"] for step in session.steps]
    expected_seconds = LEAD_IN_SECONDS + sum(durations)

    page.get_by_role("button", name="Start", exact=True).click()  # begin, no rating
    try:
        page.get_by_role("heading", name="Well done").wait_for(
            timeout=(expected_seconds + 60) * 1000
        )
    except Exception as error:  # Playwright's TimeoutError: report it with the rest
        problems.append(f"no summary within {expected_seconds + 60} s: {error}")
    posts = page.evaluate("window.benchPosts")
    page.context.close()

    session.refresh_from_db()
    result = {
        "url": urljoin(base_url, session.get_absolute_url()),
        "steps": len(durations),
        "expected_seconds": expected_seconds,
        "status": session.status,
        "posts": len(posts),
        "problems": problems,
    }
    begins = [post["at"] for post in posts if post["path"].endswith("/begin/")]
    advances = [post["at"] for post in posts if post["path"].endswith("/next/")]
    if session.status != "finished" or len(begins) != 1 or len(advances) != len(durations):
        problems.append(
            f"expected one begin and {len(durations)} auto-advances to finish, got "
            f"{len(begins)} and {len(advances)}; the session is {session.status}"
        )
        return result

    # Each step's auto-advance against its ideal moment: lateness must not add up.
    lead_in_ms = LEAD_IN_SECONDS * 1000
    ideal_ends = [lead_in_ms + 1000 * sum(durations[: n + 1]) for n in range(len(durations))]
    browser_late = [at - begins[0] - ideal for at, ideal in zip(advances, ideal_ends, strict=True)]
    logs = list(session.logs.order_by("position"))
    ideal_starts = [lead_in_ms, *ideal_ends[:-1]]
    server_late = [
        (log.started_at - session.started_at).total_seconds() * 1000 - ideal
        for log, ideal in zip(logs, ideal_starts, strict=True)
    ]
    elapsed_ms = (session.finished_at - session.started_at).total_seconds() * 1000
    active_ms = elapsed_ms - session.paused_seconds * 1000
    return result | {
        "browser_drift_ms": round(browser_late[-1], 1),
        "server_drift_ms": round(active_ms - expected_seconds * 1000, 1),
        # The server counts a step's time past its deadline as paused, so the
        # figure above is 0 for any late finish; this one is the lateness itself.
        "server_finish_lateness_ms": round(elapsed_ms - expected_seconds * 1000, 1),
        "browser_advance_lateness_ms_max": round(max(browser_late), 1),
        "server_step_start_lateness_ms_max": round(max(server_late), 1),
        "paused_seconds": session.paused_seconds,
    }


def budgets(result: dict) -> list[tuple[str, float, float, bool]]:
    """(name, measured, limit, ok) for the budgets (docs/performance.md) that `result` measured."""
    if "transferred_bytes" in result:
        rows = [
            ("first load transferred bytes", result["transferred_bytes"], TRANSFER_BUDGET),
            ("third-party requests", len(result["third_party"]), 0),
            (
                "static assets not hashed and immutable",
                sum(not asset["ok"] for asset in result["static_assets"]),
                0,
            ),
        ]
        return [(name, measured, limit, measured <= limit) for name, measured, limit in rows]
    return [
        (name, result[key], DRIFT_BUDGET_MS, abs(result[key]) <= DRIFT_BUDGET_MS)
        for name, key in [
            ("browser drift ms", "browser_drift_ms"),
            ("server drift ms", "server_drift_ms"),
            ("server finish lateness ms", "server_finish_lateness_ms"),
        ]
        if key in result
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["first-load", "drift"])
    parser.add_argument("--url", help="the server's base URL, e.g. http://127.0.0.1:8000/")
    parser.add_argument("--seed", type=Path, help="the JSON benchmarks/seed.py wrote")
    parser.add_argument("--routine-url", help="drift: another routine, for a quicker trial")
    parser.add_argument("--serve", action="store_true", help="start a production server first")
    args = parser.parse_args(argv)
    if not args.serve and not (args.url and args.seed):
        parser.error("give --url and --seed, or --serve")

    from playwright.sync_api import sync_playwright

    with ExitStack() as stack:
        if args.serve:
            from benchmarks.standalone import separate_server

            with redirect_stdout(sys.stderr):  # stdout is for the JSON only
                base_url, seeded = stack.enter_context(separate_server(f"browser-{args.mode}"))
        else:
            base_url, seeded = args.url, json.loads(args.seed.read_text())
        setup_django()
        playwright = stack.enter_context(sync_playwright())
        browser = launch(playwright)
        if args.mode == "first-load":
            result = first_load(browser, base_url, seeded)
        else:
            result = drift(browser, base_url, seeded, args.routine_url)
        browser.close()

    print(json.dumps(result, indent=1))
    for name, measured, limit, ok in budgets(result):
        print(f"{'ok  ' if ok else 'MISS'} {name}: {measured} (limit {limit})", file=sys.stderr)
    for problem in result["problems"]:
        print(f"PROBLEM {problem}", file=sys.stderr)
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
