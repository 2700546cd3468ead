"""Installable, and the player keeps guiding when the Wi-Fi drops (DESIGN §10), in Chromium."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from facerouting import offline
from practice.models import PracticeSession, StepLog
from tests.browser.actions import start_first_step_now
from tests.browser.chromium import PHONE
from tests.factories import make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db(transaction=True)

OFFLINE_BANNER = "Offline — your steps will be saved when you are back."
TITLES = ["Open the neck", "Sweep the jaw", "Lift the cheeks", "Rest the eyes"]


@pytest.fixture
def viewport():
    """At the mirror: a phone (the network does not care about the width)."""
    return PHONE


@pytest.fixture
def routine(transactional_db):
    technique = make_technique()
    durations = [5, 30, 60, 60]  # the first runs out while offline
    steps = [
        make_step(technique, title=title, duration_seconds=seconds)
        for title, seconds in zip(TITLES, durations, strict=True)
    ]
    return make_routine(steps, title="Short de-puff")


def controlled(page) -> None:
    """The service worker has activated and controls this page."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def eventually(check, timeout: float = 10.0):
    """`check()` once it is truthy; the worker's caches change in their own time."""
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, f"still {result!r} after {timeout} s"
        time.sleep(0.1)
    return result


def cache_names(page) -> list[str]:
    return page.evaluate("() => caches.keys()")


def kept(page, url: str) -> bool:
    return page.evaluate("async (url) => Boolean(await caches.match(url))", url)


def start(page, routine) -> PracticeSession:
    page.goto(f"/routines/{routine.slug}/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Start", exact=True).click()
    start_first_step_now(page)
    expect(page.locator("#player h1")).to_have_text(TITLES[0])
    return PracticeSession.objects.get()


def test_the_manifest_is_valid_and_its_icons_load(page):
    page.goto("/")
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    manifest = page.evaluate("async (href) => (await fetch(href)).json()", href)
    for member in ("name", "short_name", "start_url", "scope", "display", "icons"):
        assert manifest[member], member
    assert manifest["display"] == "standalone"
    sizes = page.evaluate(
        """async (icons) => Promise.all(icons.map(async (icon) => {
            const image = new Image();
            image.src = icon.src;
            await image.decode();
            return `${image.naturalWidth}x${image.naturalHeight}`;
        }))""",
        manifest["icons"],
    )
    assert sizes == [icon["sizes"] for icon in manifest["icons"]]
    assert {icon.get("purpose", "any") for icon in manifest["icons"]} == {"any", "maskable"}


def test_the_worker_activates_controls_the_page_and_precaches_the_shell(page):
    page.goto("/")
    controlled(page)
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == page.url  # the site's root
    assert [name for name in cache_names(page) if name.startswith("facerouting-shell-")]
    for path in offline.SHELL:
        assert kept(page, f"/static/{path}"), path


def test_a_session_goes_on_offline_and_every_change_reaches_the_server_once(new_page, routine):
    page = new_page()
    page.goto("/")
    controlled(page)
    session = start(page, routine)
    heading = page.locator("#player h1")
    banner = page.locator("[data-connection]")
    eventually(lambda: kept(page, f"/sessions/{session.pk}/offline/"))

    page.context.set_offline(True)
    expect(banner).to_have_text(OFFLINE_BANNER)
    # The first step runs out and the next one begins on its own.
    expect(heading).to_have_text(TITLES[1], timeout=8_000)
    page.get_by_role("button", name="Next").click()
    expect(heading).to_have_text(TITLES[2])
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    page.get_by_role("button", name="Resume").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    # Nothing reached the server yet.
    assert PracticeSession.objects.get().position == 0

    # A reload during the outage shows what happened here, not the kept page.
    page.reload()
    expect(heading).to_have_text(TITLES[2])
    expect(banner).to_have_text(OFFLINE_BANNER)
    expect(page.get_by_role("timer")).not_to_have_text("1:00")  # the time left, not the length
    # So does a second tab.
    other = new_page(page.context)
    other.goto(page.url)
    expect(other.locator("#player h1")).to_have_text(TITLES[2])
    other.close()

    page.context.set_offline(False)
    expect(banner).to_have_text("Back online — your steps are saved.", timeout=5_000)
    expect(banner).to_have_text("", timeout=6_000)  # and it clears itself

    saved = PracticeSession.objects.get()
    # Begin, Next in the lead-in, the auto-advance, Next, Pause, Resume: each once.
    assert (saved.status, saved.position, saved.revision) == ("running", 2, 6)
    logs = list(StepLog.objects.order_by("position"))
    assert [(log.position, log.outcome) for log in logs] == [(0, "done"), (1, "done"), (2, "")]
    now = timezone.now()
    for log in logs:
        assert saved.started_at <= log.started_at <= now
        assert log.ended_at is None or log.started_at <= log.ended_at <= now
    # The first step ran its five seconds: the auto-advance kept the browser's time.
    first = logs[0].ended_at - logs[0].started_at
    assert timedelta(seconds=4.5) <= first <= timedelta(seconds=6)
    assert saved.paused_seconds < 5
    # The page goes on online, from the server's answer.
    page.get_by_role("button", name="Next").click()
    expect(heading).to_have_text(TITLES[3])
    assert PracticeSession.objects.get().position == 3


def test_changes_left_when_the_page_was_closed_are_sent_by_the_next_page(new_page, routine):
    page = new_page()
    page.goto("/")
    controlled(page)
    session = start(page, routine)
    eventually(lambda: kept(page, f"/sessions/{session.pk}/offline/"))
    page.context.set_offline(True)
    expect(page.locator("[data-connection]")).to_have_text(OFFLINE_BANNER)
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#player h1")).to_have_text(TITLES[1])
    context = page.context
    page.close()  # before the network came back

    context.set_offline(False)
    new_page(context).goto(f"/routines/{routine.slug}/")

    eventually(lambda: PracticeSession.objects.get().position == 1, timeout=5)
    assert [(log.position, log.outcome) for log in StepLog.objects.order_by("position")] == [
        (0, "done"),
        (1, ""),
    ]


def test_a_page_never_opened_shows_the_offline_page(page):
    page.goto("/")
    controlled(page)
    # The first page, opened before the worker was there, is kept once it is.
    eventually(lambda: kept(page, page.url))
    page.context.set_offline(True)
    page.goto("/evidence/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    # A page opened before comes from what the worker kept.
    page.goto("/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    expect(page.get_by_role("heading", name="You are offline")).to_have_count(0)


def test_start_offline_says_it_needs_the_connection(page, routine):
    page.goto(f"/routines/{routine.slug}/")
    controlled(page)
    page.context.set_offline(True)
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        "You are offline: that needs the connection"
    )
    assert page.url.endswith(f"/routines/{routine.slug}/")
    assert not PracticeSession.objects.exists()


def test_a_new_release_replaces_the_old_caches(page, monkeypatch):
    page.goto("/")
    controlled(page)
    [old] = [name for name in cache_names(page) if name.startswith("facerouting-shell-")]

    # A deployment: the same names, new files.
    monkeypatch.setattr(offline, "_digest", lambda path: "a new release")
    monkeypatch.setattr(offline, "shell", offline._shell)
    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")

    [new] = eventually(
        lambda: (
            None
            if old in (names := cache_names(page))
            else [name for name in names if name.startswith("facerouting-shell-")]
        )
    )
    assert new != old
    page.reload()
    controlled(page)
    for path in offline.SHELL:
        assert page.evaluate(
            "async ([url, name]) => Boolean(await (await caches.open(name)).match(url))",
            [f"/static/{path}", new],
        ), path
