"""
Every write to a person's practice shows on their history page at once.

The page caches its figures under a version of the practice (practice/stats.py)
and each finished entry of its list under the session's updated_at
(templates/practice/history.html); every write to a session moves both on
(PracticeSessionQuerySet, practice/models.py). The walk below goes down every
path that writes a session, through the real views, and after each one reads
the history page as it is served, from a cache the visit before filled, and
as it is worked out afresh from an empty cache. The two must be the same, and
show the change: a path that forgot to announce it would serve the figures
from before.
"""

import difflib
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import Profile
from practice.models import PracticeSession, SessionStatus, StepLog
from tests.factories import make_routine, make_session, make_sessions

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # tests/factories.py gives every user this one
ABANDONED_AGO = timedelta(hours=7)
CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken") value="[^"]+"')


@pytest.fixture(autouse=True)
def empty_cache():
    # Fragments another test left under the same user id must not stand in.
    cache.clear()


@pytest.fixture(params=["with a profile", "before the profile exists"])
def member(request, user):
    """Alice: with the profile whose note versions her figures, and before she
    has one, when her sessions' count and updated_at version them."""
    if request.param == "with a profile":
        Profile.objects.create(user=user, timezone="Europe/Berlin")
    return user


def page_content(response) -> str:
    """The history page's own content, without what differs by request."""
    assert response.status_code == 200
    page = response.content.decode()
    content = page.split('<div class="history-page">')[1].split("</main>")[0]
    return CSRF_TOKEN.sub(r"\1", content)


def history(client) -> str:
    """The history page as it is served now, which must match it worked out afresh."""
    client.get("/history/")  # shows, and so clears, any message the last step left
    served = page_content(client.get("/history/"))
    cache.clear()
    fresh = page_content(client.get("/history/"))
    if served != fresh:
        stale = difflib.unified_diff(
            fresh.splitlines(), served.splitlines(), "afresh", "served", lineterm="", n=0
        )
        shown = "\n".join(line[:160] for line in stale)  # the calendar is one long line
        pytest.fail(f"The history page served what it showed before the last change:\n{shown}")
    return served


def all_time(page: str) -> int:
    return int(re.search(r"<dt>All time</dt>\s*<dd>(\d+) session", page)[1])


def averages(page: str) -> tuple[str, str, int]:
    """Puffiness before and after on average, and over how many rated sessions."""
    found = re.search(
        r"<strong>([\d.]+)</strong> before a session and <strong>([\d.]+)</strong> after"
        r" \((\d+) rated session",
        page,
    )
    return found[1], found[2], int(found[3])


def entry(page: str, session_pk: int) -> str:
    """The list's entry for one session, or "" when the list has none."""
    for item in page.split('<li class="card history-entry">')[1:]:
        if f'href="/history/{session_pk}/"' in item:
            return item.split("</li>")[0]
    return ""


def start(client, routine) -> tuple[int, str]:
    response = client.post(f"/routines/{routine.slug}/start/")
    assert response.status_code == 302
    url = response["Location"]
    return int(url.strip("/").split("/")[-1]), url


def control(client, url: str, name: str, position: int, **fields) -> None:
    response = client.post(f"{url}{name}/", {"position": position, **fields})
    assert response.status_code == 302, response.content


def practise_a_while(pk: int) -> None:
    """The person works on the step in hand for 20 s: long enough to count as done."""
    StepLog.objects.filter(session=pk, ended_at=None).update(
        started_at=timezone.now() - timedelta(seconds=20)
    )


def leave_for_hours(pk: int) -> None:
    """The person put the phone down hours ago: the session now shows as abandoned."""
    PracticeSession.objects.filter(pk=pk).update(last_activity_at=timezone.now() - ABANDONED_AGO)


def play_as_a_visitor(client, routine, *, before: int, after: int) -> None:
    """A visitor in this browser, signed out, runs `routine` to its end and rates it."""
    _, url = start(client, routine)
    control(client, url, "begin", 0, puffiness_before=before)
    control(client, url, "next", 0)  # during the lead-in: the first step starts now
    for position in range(routine.steps.count()):
        control(client, url, "next", position)
    response = client.post(f"{url}review/", {"puffiness_before": before, "puffiness_after": after})
    assert response.status_code == 302


def test_every_write_to_the_practice_shows_on_the_history_page_at_once(client, member):
    make_session(member, timezone.now() - timedelta(days=1), before=4, after=2)
    routine = make_routine(steps=3)
    client.force_login(member)
    page = history(client)
    assert all_time(page) == 1
    assert averages(page) == ("4.0", "2.0", 1)

    # Starting a session lists it, unfinished; the figures count finished ones.
    pk, url = start(client, routine)
    page = history(client)
    assert "Unfinished" in entry(page, pk)
    assert "0 done · 0 skipped" in entry(page, pk)
    assert all_time(page) == 1

    control(client, url, "begin", 0, puffiness_before=5)
    assert "Puffiness 5 → –" in entry(history(client), pk)
    control(client, url, "next", 0)  # during the lead-in: the first step starts now
    assert "0 done · 0 skipped" in entry(history(client), pk)

    practise_a_while(pk)
    control(client, url, "next", 0)
    assert "1 done · 0 skipped" in entry(history(client), pk)

    control(client, url, "skip", 1)
    assert "1 done · 1 skipped" in entry(history(client), pk)

    control(client, url, "back", 2)  # the skipped step is to be done again
    assert "1 done · 0 skipped" in entry(history(client), pk)

    leave_for_hours(pk)
    assert "Abandoned" in entry(history(client), pk)
    control(client, url, "pause", 1)
    assert "Unfinished" in entry(history(client), pk)

    leave_for_hours(pk)
    assert "Abandoned" in entry(history(client), pk)
    control(client, url, "resume", 1)
    assert "Unfinished" in entry(history(client), pk)

    practise_a_while(pk)
    control(client, url, "finish", 1)
    page = history(client)
    assert PracticeSession.objects.get(pk=pk).status == SessionStatus.FINISHED
    assert all_time(page) == 2
    assert "Unfinished" not in entry(page, pk)
    assert "2 done · 0 skipped" in entry(page, pk)
    assert averages(page) == ("4.0", "2.0", 1)  # rated before only: not compared yet

    # The review at the end of the player.
    response = client.post(
        f"{url}review/", {"puffiness_before": 5, "puffiness_after": 1, "notes": "Jaw felt loose."}
    )
    assert response.status_code == 302
    page = history(client)
    assert averages(page) == ("4.5", "1.5", 2)
    assert "Puffiness 5 → 1" in entry(page, pk)
    assert "Jaw felt loose." in entry(page, pk)

    # Editing it later, from the history.
    response = client.post(
        f"/history/{pk}/edit/",
        {"puffiness_before": 3, "puffiness_after": 3, "notes": "Felt the same."},
    )
    assert response.status_code == 302
    page = history(client)
    assert averages(page) == ("3.5", "2.5", 2)
    assert "Puffiness 3 → 3" in entry(page, pk)
    assert "Felt the same." in entry(page, pk)
    assert "Jaw felt loose." not in page

    # Discarding an unfinished session takes it off the list.
    discarded, discarded_url = start(client, routine)
    control(client, discarded_url, "begin", 0)
    assert entry(history(client), discarded)
    response = client.post(f"/sessions/{discarded}/discard/", {"next": "/history/"})
    assert response.status_code == 302
    page = history(client)
    assert not entry(page, discarded)
    assert all_time(page) == 2

    # A session played signed out moves to the account at login.
    client.logout()
    play_as_a_visitor(client, routine, before=2, after=1)
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    page = history(client)
    assert all_time(page) == 3
    assert averages(page) == ("3.0", "2.0", 3)

    # Deleting a session from the history.
    assert client.post(f"/history/{pk}/delete/").status_code == 302
    page = history(client)
    assert not entry(page, pk)
    assert all_time(page) == 2
    assert averages(page) == ("3.0", "1.5", 2)

    # A session played signed out moves to the account made at signup.
    client.logout()
    play_as_a_visitor(client, routine, before=4, after=3)
    response = client.post(
        "/accounts/signup/",
        {
            "username": "bea",
            "email": "bea@example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    page = history(client)
    assert all_time(page) == 1
    assert averages(page) == ("4.0", "3.0", 1)
    # Alice's figures are where her deletion left them.
    client.force_login(member)
    assert all_time(history(client)) == 2


# --- The door itself: writes no view makes today ---------------------------


def noted(user):
    """When the user's profile last heard that their practice changed."""
    return Profile.objects.get(user=user).practice_changed_at


@pytest.fixture
def profiles(user, other_user):
    Profile.objects.create(user=user)
    Profile.objects.create(user=other_user)


def test_a_plain_update_sets_updated_at_and_notes_the_owner(user, other_user, profiles):
    session = make_session(user, timezone.now() - timedelta(hours=2))
    Profile.objects.update(practice_changed_at=None)

    PracticeSession.objects.filter(pk=session.pk).update(notes="Added later.")

    assert PracticeSession.objects.get(pk=session.pk).updated_at > session.updated_at
    assert noted(user) is not None
    assert noted(other_user) is None


def test_giving_a_session_to_someone_else_changes_both_practices(user, other_user, profiles):
    session = make_session(user)
    Profile.objects.update(practice_changed_at=None)

    session.user = other_user
    session.save()

    assert noted(user) is not None
    assert noted(other_user) is not None


def test_saving_some_fields_still_moves_updated_at(user, profiles):
    session = make_session(user, timezone.now() - timedelta(hours=2))
    saved_at = session.updated_at

    session.notes = "Only the notes."
    session.save(update_fields=["notes"])

    assert PracticeSession.objects.get(pk=session.pk).updated_at > saved_at


def test_writing_sessions_in_bulk_notes_their_owners(user, other_user, profiles):
    make_sessions(user, 3)
    assert noted(user) is not None
    assert noted(other_user) is None

    Profile.objects.update(practice_changed_at=None)
    PracticeSession.objects.filter(user=user).delete()
    assert noted(user) is not None
    assert noted(other_user) is None


def test_a_visitors_session_notes_no_ones_profile(user, profiles):
    session = make_session(None, guest_token="browser-token", status=SessionStatus.RUNNING)
    PracticeSession.objects.filter(pk=session.pk).update(position=1)
    session.delete()
    assert noted(user) is None
