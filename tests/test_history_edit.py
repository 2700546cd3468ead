"""Changing the ratings and notes of a past session."""

import re

import pytest

from practice.models import PracticeSession, SessionStatus
from tests.factories import make_session

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def finished(user):
    return make_session(user, before=4, after=3, notes="Fine.")


def test_it_shows_the_form_with_the_current_values(client, user, finished):
    client.force_login(user)
    response = client.get(f"/history/{finished.pk}/edit/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" in page
    assert re.search(r'name="puffiness_before" value="4"[^>]* checked', page)
    assert re.search(r'name="puffiness_after" value="3"[^>]* checked', page)
    assert "Fine." in page


def test_saving_changes_the_session_and_returns_to_it(client, user, finished):
    client.force_login(user)
    response = client.post(
        f"/history/{finished.pk}/edit/",
        {"puffiness_before": 5, "puffiness_after": 1, "notes": "Much better, in fact."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/history/{finished.pk}/"
    assert "Saved your changes." in response.content.decode()
    session = PracticeSession.objects.get()
    assert (session.puffiness_before, session.puffiness_after) == (5, 1)
    assert session.notes == "Much better, in fact."


def test_over_htmx_it_answers_with_the_form_partial(client, user, finished):
    client.force_login(user)
    response = client.post(
        f"/history/{finished.pk}/edit/", {"puffiness_after": 2, "notes": "x"}, headers=HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<form id="edit-form"')
    assert "Saved." in page
    assert PracticeSession.objects.get().puffiness_after == 2


def test_htmx_get_gets_the_partial(client, user, finished):
    client.force_login(user)
    response = client.get(f"/history/{finished.pk}/edit/", headers=HTMX)
    assert response.content.decode().lstrip().startswith('<form id="edit-form"')
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_invalid_input_shows_the_form_again_and_keeps_the_notes(client, user, finished, headers):
    client.force_login(user)
    response = client.post(
        f"/history/{finished.pk}/edit/",
        {"puffiness_after": "9", "notes": "Keep what I typed"},
        headers=headers,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "Keep what I typed" in page
    assert PracticeSession.objects.get().puffiness_after == 3


def test_notes_longer_than_allowed_are_refused(client, user, finished):
    client.force_login(user)
    response = client.post(f"/history/{finished.pk}/edit/", {"notes": "x" * 2001})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    assert PracticeSession.objects.get().notes == "Fine."


def test_an_unfinished_session_has_nothing_to_edit(client, user):
    session = make_session(user, status=SessionStatus.RUNNING)
    client.force_login(user)
    assert client.get(f"/history/{session.pk}/edit/").status_code == 409
    response = client.post(f"/history/{session.pk}/edit/", {"notes": "x"})
    assert response.status_code == 409
    assert PracticeSession.objects.get().notes == ""


def test_someone_elses_session_is_404(client, other_user, finished):
    client.force_login(other_user)
    assert client.get(f"/history/{finished.pk}/edit/").status_code == 404
    response = client.post(f"/history/{finished.pk}/edit/", {"notes": "Mine now"})
    assert response.status_code == 404
    assert PracticeSession.objects.get().notes == "Fine."


def test_anonymous_visitors_are_sent_to_log_in(client, finished):
    response = client.post(f"/history/{finished.pk}/edit/", {"notes": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert PracticeSession.objects.get().notes == "Fine."


def test_it_rejects_put(client, user, finished):
    client.force_login(user)
    assert client.put(f"/history/{finished.pk}/edit/").status_code == 405
