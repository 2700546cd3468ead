import pytest

from practice.models import PracticeSession, SessionStatus
from tests.factories import make_routine

pytestmark = pytest.mark.django_db


def test_it_starts_a_session_for_the_signed_in_user(client, user):
    routine = make_routine(steps=3)
    client.force_login(user)

    response = client.post(f"/routines/{routine.slug}/start/")

    session = PracticeSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sessions/{session.pk}/"
    assert session.user == user
    assert session.status == SessionStatus.READY
    assert session.routine_title == routine.title
    assert len(session.steps) == 3


def test_a_visitor_can_start_a_session_kept_with_their_browser(client):
    routine = make_routine(steps=1)

    response = client.post(f"/routines/{routine.slug}/start/")

    session = PracticeSession.objects.get()
    assert session.user is None
    assert session.guest_token
    assert client.get(response["Location"]).status_code == 200


def test_the_routine_page_has_a_start_button(client):
    routine = make_routine(steps=1)
    page = client.get(routine.get_absolute_url()).content.decode()
    assert f'action="/routines/{routine.slug}/start/"' in page
    assert ">Start</button>" in page


def test_the_routine_and_home_pages_offer_resume_for_an_unfinished_session(client, user):
    routine = make_routine(steps=2)
    client.force_login(user)
    session_url = client.post(f"/routines/{routine.slug}/start/")["Location"]

    for url in (routine.get_absolute_url(), "/"):
        page = client.get(url).content.decode()
        assert f'href="{session_url}">Resume</a>' in page, url


def test_an_empty_routine_is_refused_with_a_message(client, user):
    routine = make_routine(steps=0, owner=user)
    client.force_login(user)

    response = client.post(f"/routines/{routine.slug}/start/", follow=True)

    assert response.status_code == 200
    assert b"Add at least one step" in response.content
    assert not PracticeSession.objects.exists()


def test_a_draft_or_someone_elses_routine_is_404(client, user, other_user):
    client.force_login(other_user)
    assert (
        client.post(f"/routines/{make_routine(is_published=False).slug}/start/").status_code == 404
    )
    assert client.post(f"/routines/{make_routine(owner=user).slug}/start/").status_code == 404
    assert not PracticeSession.objects.exists()


def test_it_rejects_get(client):
    routine = make_routine(steps=1)
    assert client.get(f"/routines/{routine.slug}/start/").status_code == 405
