import pytest

from practice import player
from practice.models import PracticeSession
from tests.factories import make_routine

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def finished(user):
    session = player.start_session(make_routine(steps=2), user=user)
    player.begin(session, 0, puffiness_before=4)
    player.finish(session, 0)
    return session


def test_it_saves_the_ratings_and_notes(client, user, finished):
    client.force_login(user)
    response = client.post(
        f"/sessions/{finished.pk}/review/",
        {"puffiness_before": 4, "puffiness_after": 2, "notes": "Less puffy under the eyes."},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Saved." in response.content.decode()
    session = PracticeSession.objects.get()
    assert (session.puffiness_before, session.puffiness_after) == (4, 2)
    assert session.notes == "Less puffy under the eyes."


def test_a_plain_post_redirects_back_with_a_message(client, user, finished):
    client.force_login(user)
    response = client.post(f"/sessions/{finished.pk}/review/", {"puffiness_after": 3}, follow=True)
    assert response.redirect_chain[-1][0] == f"/sessions/{finished.pk}/"
    assert b"Saved." in response.content


@pytest.mark.parametrize("rating", ["0", "6", "three"])
def test_an_invalid_rating_is_reported_and_nothing_is_saved(client, user, finished, rating):
    client.force_login(user)
    response = client.post(
        f"/sessions/{finished.pk}/review/",
        {"puffiness_after": rating, "notes": "Keep me"},
        headers=HTMX,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "<form" not in page  # the form in the browser, and its notes, stay as they are
    session = PracticeSession.objects.get()
    assert (session.puffiness_after, session.notes) == (None, "")


@pytest.mark.parametrize("rating", ["0", "6", "three"])
def test_without_javascript_an_invalid_rating_shows_the_form_again_and_keeps_the_notes(
    client, user, finished, rating
):
    client.force_login(user)
    response = client.post(
        f"/sessions/{finished.pk}/review/", {"puffiness_after": rating, "notes": "Keep me"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "Keep me" in page
    assert PracticeSession.objects.get().puffiness_after is None


def test_an_answer_reply_is_only_the_status_line(client, user, finished):
    client.force_login(user)
    response = client.post(
        f"/sessions/{finished.pk}/review/", {"puffiness_after": 2}, headers=HTMX
    )
    assert response.content.decode().strip() == '<p class="saved">Saved.</p>'


def test_an_unfinished_session_cannot_be_reviewed(client, user):
    session = player.start_session(make_routine(steps=2), user=user)
    client.force_login(user)
    response = client.post(f"/sessions/{session.pk}/review/", {"puffiness_after": 2})
    assert response.status_code == 409
    assert PracticeSession.objects.get().puffiness_after is None


def test_someone_elses_session_is_404(client, other_user, finished):
    client.force_login(other_user)
    response = client.post(f"/sessions/{finished.pk}/review/", {"puffiness_after": 1})
    assert response.status_code == 404
    assert PracticeSession.objects.get().puffiness_after is None


def test_it_rejects_get(client, user, finished):
    client.force_login(user)
    assert client.get(f"/sessions/{finished.pk}/review/").status_code == 405
