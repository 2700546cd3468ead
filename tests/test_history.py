"""The history page: insights above, the user's sessions below, newest first."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Profile
from catalogue.models import RoutineStep, Step
from practice import player
from practice.history import SESSIONS_PER_PAGE
from practice.models import PracticeSession, SessionStatus
from tests.factories import make_routine, make_session, make_sessions

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_it_lists_the_users_sessions_newest_first_with_their_figures(client, user):
    now = timezone.now()
    make_session(
        user,
        now - timedelta(days=2),
        routine_title="Jaw release",
        minutes=4,
        before=4,
        after=2,
        notes="Tight on the left side.",
        outcomes=["done", "skipped", "done"],
    )
    make_session(user, now - timedelta(hours=1), routine_title="Morning de-puff", minutes=7)
    client.force_login(user)

    response = client.get("/history/")

    assert response.status_code == 200
    page = response.content.decode()
    listing = page.split('id="sessions"')[1]
    assert listing.index("Morning de-puff") < listing.index("Jaw release")
    assert "2 done · 1 skipped" in page
    assert "Puffiness 4 → 2" in page
    assert "Tight on the left side." in page
    assert "4 min" in page
    assert "Current streak" in page
    assert "Your routines" in page
    assert "4.0 → 2.0" in page


def test_it_shows_only_the_users_own_sessions(client, user, other_user):
    make_session(user, routine_title="Mine")
    make_session(other_user, routine_title="Someone else's")
    client.force_login(user)
    page = client.get("/history/").content.decode()
    assert "Mine" in page
    assert "Someone else" not in page


def test_times_and_days_are_shown_in_the_users_time_zone(client, user):
    Profile.objects.create(user=user, timezone="Asia/Tokyo")
    # 16:30 UTC is 01:30 the next morning in Tokyo.
    started = (timezone.now() - timedelta(days=3)).replace(hour=16, minute=30)
    make_session(user, started)
    client.force_login(user)

    page = client.get("/history/").content.decode()

    tokyo = timezone.localtime(started, ZoneInfo("Asia/Tokyo"))
    assert tokyo.hour == 1
    assert date_format(tokyo, "D j M Y, H:i") in page
    assert "Days and times in Asia/Tokyo" in page


def test_unfinished_sessions_are_marked_and_can_be_resumed_or_discarded(client, user):
    now = timezone.now()
    running = make_session(user, now - timedelta(minutes=5), status=SessionStatus.RUNNING)
    left = make_session(user, now - timedelta(days=1), status=SessionStatus.PAUSED)
    client.force_login(user)

    page = client.get("/history/").content.decode()

    assert "Unfinished" in page
    assert "Abandoned" in page
    assert f'href="/sessions/{running.pk}/"' in page
    assert f'action="/sessions/{left.pk}/discard/"' in page


def test_discarding_from_the_history_comes_back_to_it(client, user):
    session = make_session(user, status=SessionStatus.RUNNING)
    client.force_login(user)
    response = client.post(f"/sessions/{session.pk}/discard/", {"next": "/history/"})
    assert response["Location"] == "/history/"
    assert not PracticeSession.objects.exists()


def test_discard_ignores_a_next_on_another_site(client, user):
    session = make_session(user, status=SessionStatus.RUNNING)
    client.force_login(user)
    response = client.post(f"/sessions/{session.pk}/discard/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_new_user_is_invited_to_practise(client, user):
    client.force_login(user)
    page = client.get("/history/").content.decode()
    assert "No sessions yet." in page
    assert "Current streak" not in page


def test_it_offers_the_users_data_to_take_away(client, user):
    make_session(user)
    client.force_login(user)
    page = client.get("/history/").content.decode()
    assert 'href="/history/export.csv" download>CSV</a>' in page
    assert 'href="/history/export.json" download>JSON</a>' in page


def test_a_new_user_has_nothing_to_download_yet(client, user):
    client.force_login(user)
    assert "export.csv" not in client.get("/history/").content.decode()


def test_it_paginates(client, user):
    make_sessions(user, SESSIONS_PER_PAGE + 3, routine_title="Paged")
    client.force_login(user)

    first = client.get("/history/").content.decode()
    second = client.get("/history/?page=2").content.decode()

    assert first.count('class="card history-entry"') == SESSIONS_PER_PAGE
    assert second.count('class="card history-entry"') == 3
    assert 'href="?page=2"' in first
    assert "Page 2" in second
    assert 'href="?page=1"' in second
    assert 'href="?page=3"' not in second


@pytest.mark.parametrize("number", ["0", "abc", "-1", "1.5", ""])
def test_an_odd_page_number_shows_the_first_page(client, user, number):
    make_session(user, routine_title="Listed")
    client.force_login(user)
    response = client.get(f"/history/?page={number}")
    assert response.status_code == 200
    assert "Listed" in response.content.decode().split('id="sessions"')[1]


def test_a_page_past_the_end_says_so(client, user):
    make_session(user)
    client.force_login(user)
    response = client.get("/history/?page=99999999999999999999")
    assert response.status_code == 200
    assert "There are no older sessions." in response.content.decode()


def test_htmx_gets_only_the_list(client, user):
    make_session(user, routine_title="Listed")
    client.force_login(user)
    response = client.get("/history/?page=1", headers=HTMX)
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="sessions"')
    assert "Listed" in page
    assert "<html" not in page
    assert "Current streak" not in page
    assert response["Vary"].count("HX-Request") == 1


def test_htmx_restoring_history_gets_the_whole_page(client, user):
    client.force_login(user)
    response = client.get("/history/", headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/history/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/history/")


def test_it_rejects_post(client, user):
    client.force_login(user)
    assert client.post("/history/").status_code == 405


def test_history_renders_from_the_snapshot_after_the_routine_is_edited_and_deleted(
    client, user, staff_user
):
    routine = make_routine(steps=2, title="Morning de-puff")
    session = player.start_session(routine, user=user)
    player.begin(session, 0, puffiness_before=4)
    player.finish(session, 0)
    first_step = routine.routine_steps.first().step
    original_title = first_step.title

    # The curator renames a step, reorders and removes steps, then deletes the routine.
    Step.objects.filter(pk=first_step.pk).update(title="Renamed by the curator")
    RoutineStep.objects.filter(routine=routine, position=2).update(position=9)
    RoutineStep.objects.filter(routine=routine, position=1).delete()
    admin = client
    admin.force_login(staff_user)
    response = admin.post(f"/admin/catalogue/routine/{routine.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302

    client.force_login(user)
    listing = client.get("/history/").content.decode()
    detail = client.get(f"/history/{session.pk}/").content.decode()

    assert "Morning de-puff" in listing
    assert original_title in detail
    assert "Renamed by the curator" not in detail
    session.refresh_from_db()
    assert session.routine is None
    assert session.steps[0]["title"] == original_title


def test_query_count_does_not_grow_with_the_number_of_sessions(client, user, other_user):
    make_sessions(user, 10)
    make_sessions(other_user, 10_000, every=timedelta(hours=5), steps=1)
    client.force_login(user)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/history/").status_code == 200
    client.force_login(other_user)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/history/")
    assert response.status_code == 200
    assert "10000 sessions" in response.content.decode()
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
