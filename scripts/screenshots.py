"""
Phone-sized screenshots of Facerouting for the README: `make screenshots`.

Serves the app from a throwaway database with the curated content and a demo
member who has practised for three weeks, then photographs home, the routine
cards, a routine, the player mid-step, the summary, the history and its month,
and the signup form in headless Chromium.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import PHONE, launch  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SEED = """
from datetime import timedelta
from django.utils import timezone
from tests.factories import make_sessions, make_user
member = make_user("demo")
make_sessions(member, 18, last=timezone.now() - timedelta(hours=2), every=timedelta(hours=26),
              routine_title="Morning de-puff")
"""

# The step in hand, and so the session, has run 40 s more: a screenshot run
# presses Next at once, and a step passed by in a second would read "too
# short" (practice/history.py).
PRACTISED = """
from datetime import timedelta
from django.db.models import F
from practice.models import PracticeSession, StepLog
earlier = F("started_at") - timedelta(seconds=40)
StepLog.objects.filter(ended_at=None).update(started_at=earlier)
PracticeSession.objects.filter(finished_at=None).exclude(started_at=None).update(started_at=earlier)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{url}/healthz/", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"The app did not start at {url}.")


def photograph(base: str, env: dict) -> None:
    def practise_the_step() -> None:
        manage(env, "shell", "--no-imports", "-v0", "-c", PRACTISED)

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(
            base_url=base, viewport=PHONE, device_scale_factor=2, timezone_id="Europe/London"
        ).new_page()

        def shot(name: str) -> None:
            page.screenshot(path=OUT / f"{name}.png", caret="initial")
            print(f"wrote docs/screenshots/{name}.png")

        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("demo")
        page.get_by_label("Password").fill("correct horse battery")
        page.get_by_role("button", name="Log in").click()
        page.goto("/")
        shot("home")
        page.goto("/routines/")
        shot("routines")
        page.goto("/routines/morning-de-puff/")
        shot("routine")

        page.get_by_role("button", name="Start", exact=True).click()
        page.get_by_role("button", name="Start", exact=True).click()
        expect(page.locator('#player[data-state="running"]')).to_be_visible()
        for _ in range(2):
            practise_the_step()
            page.get_by_role("button", name="Next").click()
            page.wait_for_timeout(400)
        page.wait_for_timeout(2_500)  # let the countdown run a little
        shot("player")

        # Finishing early asks first, and the summary says what was done.
        practise_the_step()
        page.get_by_role("button", name="Finish", exact=True).click()
        page.get_by_role("button", name="Finish now").click()
        expect(page.get_by_role("heading", name="Finished early")).to_be_visible()
        page.get_by_role("group", name="Puffiness now, after the routine").get_by_label(
            "2 · a little"
        ).check()
        expect(page.get_by_text("Saved.")).to_be_visible()
        shot("summary")

        page.goto("/history/")
        shot("history")
        page.locator("#month-heading").scroll_into_view_if_needed()
        shot("history-month")

        # A visitor's first form.
        page = browser.new_context(base_url=base, viewport=PHONE, device_scale_factor=2).new_page()
        page.goto("/accounts/signup/")
        shot("signup")
        browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    if not shutil.which("chromium"):
        raise SystemExit("Screenshots need Chromium: apt-get install chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp}/screenshots.sqlite3",
        }
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_content")
        manage(env, "shell", "--no-imports", "-v0", "-c", SEED)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base)
            photograph(base, env)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
