"""axe-core finds no violations of any impact on any page, in light and dark mode,
and every control a finger might need is at least 44 px."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from catalogue import editor
from catalogue.models import Routine
from practice.models import SessionStatus
from tests.browser.actions import already_logged_in, start_first_step_now
from tests.browser.checks import small_targets, spilled_text
from tests.factories import make_session, make_sessions, make_user

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()
PUBLIC_PAGES = [
    "/",
    "/routines/",
    "/routines/?goal=sculpt",
    "/routines/morning-de-puff/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/accounts/reset/MQ/bad-token/",
    "/offline/",
]


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


@pytest.fixture
def curated(transactional_db):
    call_command("load_content")


@pytest.fixture
def member_pages(curated) -> tuple:
    """A member with a practice history and a routine of their own, and their pages."""
    member = make_user("ines")
    make_sessions(member, 30, every=timedelta(hours=20))
    finished = make_session(member, routine_title="Morning de-puff", before=4, after=2)
    make_session(
        member, timezone.now() - timedelta(hours=8), status=SessionStatus.RUNNING
    )  # abandoned
    mine = editor.copy_routine(Routine.objects.get(slug="morning-de-puff"), member)
    return member, [
        "/my-routines/",
        mine.get_absolute_url(),
        f"/my-routines/{mine.slug}/edit/",
        f"/my-routines/{mine.slug}/delete/",
        "/history/",
        f"/history/{finished.pk}/",
        f"/history/{finished.pk}/edit/",
        f"/history/{finished.pk}/delete/",
        "/accounts/settings/",
        "/accounts/delete/",
        "/accounts/password_change/",
    ]


def assert_accessible(page) -> None:
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_public_pages_have_no_violations(new_page, curated, scheme):
    page = new_page()
    page.emulate_media(color_scheme=scheme)
    for url in PUBLIC_PAGES:
        page.goto(url)
        assert_accessible(page)


def test_the_not_found_page_has_no_violations(new_page, live_server, scheme):
    page = new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto("/no-such-page/")
    assert_accessible(page)
    assert small_targets(page) == []
    new_page.problems.expect_status(404, f"{live_server.url}/no-such-page/")


def test_a_members_pages_have_no_violations(new_page, live_server, member_pages, scheme):
    member, urls = member_pages
    page = new_page()
    page.emulate_media(color_scheme=scheme)
    already_logged_in(page, member, live_server.url)
    for url in urls:
        page.goto(url)
        assert_accessible(page)


def test_the_player_has_no_violations_in_any_state(page, curated, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/routines/morning-de-puff/")
    page.get_by_role("button", name="Start", exact=True).click()
    assert_accessible(page)  # ready

    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator('#player[data-state="running"]')).to_be_visible()
    assert_accessible(page)  # lead-in, after an htmx swap

    start_first_step_now(page)
    page.get_by_role("button", name="Next").click()
    expect(page.locator(".player-head .eyebrow")).to_contain_text("Step 2 of")
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    assert_accessible(page)  # paused

    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("Finish now?")).to_be_visible()
    assert_accessible(page)  # asked before finishing early
    page.get_by_role("button", name="Finish now").click()
    expect(page.get_by_role("heading", name="Finished early")).to_be_visible()
    assert_accessible(page)  # summary


def test_every_control_on_every_page_is_at_least_44_px_and_its_label_fits(
    new_page, live_server, member_pages
):
    member, urls = member_pages
    visitor = new_page()
    for url in PUBLIC_PAGES:
        visitor.goto(url)
        assert small_targets(visitor) == [], url
        assert spilled_text(visitor) == [], url
    page = new_page()
    already_logged_in(page, member, live_server.url)
    for url in urls:
        page.goto(url)
        assert small_targets(page) == [], url
        assert spilled_text(page) == [], url
