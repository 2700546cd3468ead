"""The history page's insights are cached, and every change to the practice shows at once."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Profile
from practice import player
from practice.models import GUEST_TOKEN_SESSION_KEY
from practice.stats import insights_version
from tests.factories import make_routine, make_session

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(params=["with a profile", "before the profile exists"])
def history(request, client, user):
    """The history page's text, as the user sees it now: both with the
    profile that notes changes, and before it exists (the sessions are asked)."""
    if request.param == "with a profile":
        Profile.objects.create(user=user, timezone="Europe/Berlin")
        Profile.objects.note_practice_changed(user.pk)
    client.force_login(user)

    def get() -> str:
        response = client.get("/history/")
        assert response.status_code == 200
        return response.content.decode()

    return get


def insights_of(page: str) -> str:
    return page.split('<section class="insights"')[1].split('<section id="sessions"')[0]


def all_time(page: str) -> str:
    return page.split("<dt>All time</dt>")[1].split("</dd>")[0]


def test_a_second_visit_with_nothing_new_reuses_the_insights(client, user, history):
    make_session(user, timezone.now() - timedelta(hours=2), before=4, after=2)
    with CaptureQueriesContext(connection) as first:
        first_page = history()
    with CaptureQueriesContext(connection) as second:
        second_page = history()

    assert insights_of(second_page) == insights_of(first_page)
    # The three aggregates (streaks, the year by day, per routine) are not run
    # again, and the finished entry, from the cache too, reads no step logs.
    assert len(second) == len(first) - 4
    assert not any("practice_steplog" in query["sql"] for query in second.captured_queries)
    assert any("practice_steplog" in query["sql"] for query in first.captured_queries)


def test_finishing_a_session_shows_in_the_insights_at_once(user, history):
    make_session(user, timezone.now() - timedelta(days=1, hours=1))
    assert "1 session " in all_time(history())

    session = player.start_session(make_routine(steps=1), user=user)
    player.begin(session, 0)
    assert "1 session " in all_time(history())
    player.finish(session, 0)

    page = history()
    assert "2 sessions " in all_time(page)
    assert "Current streak</dt>\n          <dd>2 days" in page


def test_editing_ratings_shows_in_the_insights_at_once(client, user, history):
    session = make_session(user, timezone.now() - timedelta(hours=2), before=4, after=2)
    assert "<strong>4.0</strong> before" in history()

    response = client.post(
        f"/history/{session.pk}/edit/", {"puffiness_before": 5, "puffiness_after": 1, "notes": ""}
    )
    assert response.status_code == 302

    page = history()
    assert "<strong>5.0</strong> before" in page
    assert "<strong>1.0</strong> after" in page


def test_deleting_a_session_shows_in_the_insights_at_once(client, user, history):
    make_session(user, timezone.now() - timedelta(days=1))
    newest = make_session(user, timezone.now() - timedelta(hours=2))
    assert "2 sessions " in all_time(history())

    assert client.post(f"/history/{newest.pk}/delete/").status_code == 302

    assert "1 session " in all_time(history())


def test_a_visitors_sessions_claimed_at_login_show_at_once(user, history):
    make_session(user, timezone.now() - timedelta(days=1))
    assert "1 session " in all_time(history())
    make_session(None, timezone.now() - timedelta(hours=2), guest_token="browser-token")
    browser = SimpleNamespace(session={GUEST_TOKEN_SESSION_KEY: "browser-token"})

    player.claim_guest_sessions(None, request=browser, user=user)

    assert "2 sessions " in all_time(history())


@pytest.mark.parametrize("profile", [True, False])
def test_the_version_changes_with_the_zone_the_day_and_any_edit(user, profile):
    if profile:
        Profile.objects.create(user=user)
    session = make_session(user, timezone.now() - timedelta(hours=2))
    now = timezone.now()
    version = insights_version(user, BERLIN, now)

    assert insights_version(user, BERLIN, now) == version
    assert insights_version(user, ZoneInfo("Asia/Tokyo"), now) != version
    assert insights_version(user, BERLIN, now + timedelta(days=1)) != version
    session.notes = "Better."
    session.save()
    assert insights_version(user, BERLIN, now) != version


def test_editing_notes_shows_in_the_list_at_once(client, user, history):
    session = make_session(user, timezone.now() - timedelta(hours=2), notes="Tight jaw.")
    assert "Tight jaw." in history()

    client.post(f"/history/{session.pk}/edit/", {"notes": "Jaw felt loose afterwards."})

    page = history()
    assert "Jaw felt loose afterwards." in page
    assert "Tight jaw." not in page


def test_a_new_time_zone_shows_in_the_list_at_once(user, history):
    started = datetime(2026, 3, 14, 23, 30, tzinfo=UTC)
    make_session(user, started)
    Profile.objects.update_or_create(user=user, defaults={"timezone": "UTC"})
    assert "Sat 14 Mar 2026, 23:30" in history()

    Profile.objects.filter(user=user).update(timezone="Asia/Tokyo")

    assert "Sun 15 Mar 2026, 08:30" in history()
