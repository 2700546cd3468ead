"""Deleting a session from the history, after asking."""

import pytest

from practice.models import PracticeSession, StepLog
from tests.factories import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(user):
    return make_session(user, routine_title="Jaw release")


def test_get_asks_for_confirmation_and_deletes_nothing(client, user, finished):
    client.force_login(user)
    response = client.get(f"/history/{finished.pk}/delete/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Delete this session?" in page
    assert f'action="/history/{finished.pk}/delete/"' in page
    assert PracticeSession.objects.exists()


def test_post_deletes_the_session_and_its_log(client, user, finished):
    kept = make_session(user, routine_title="Kept")
    client.force_login(user)
    response = client.post(f"/history/{finished.pk}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == "/history/"
    assert "Deleted your Jaw release session" in response.content.decode()
    assert list(PracticeSession.objects.all()) == [kept]
    assert set(StepLog.objects.values_list("session_id", flat=True)) == {kept.pk}


def test_over_htmx_it_redirects_the_browser(client, user, finished):
    client.force_login(user)
    response = client.post(f"/history/{finished.pk}/delete/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/history/"
    assert not PracticeSession.objects.exists()


def test_someone_elses_session_is_404(client, other_user, finished):
    client.force_login(other_user)
    assert client.get(f"/history/{finished.pk}/delete/").status_code == 404
    assert client.post(f"/history/{finished.pk}/delete/").status_code == 404
    assert PracticeSession.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, finished):
    response = client.post(f"/history/{finished.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert PracticeSession.objects.exists()


def test_it_rejects_put(client, user, finished):
    client.force_login(user)
    assert client.put(f"/history/{finished.pk}/delete/").status_code == 405
