import pytest

from practice import player
from practice.models import PracticeSession, StepLog
from tests.factories import make_routine

pytestmark = pytest.mark.django_db


@pytest.fixture
def unfinished(user):
    session = player.start_session(make_routine(steps=2), user=user)
    player.begin(session, 0)
    return session


def test_it_deletes_an_unfinished_session_and_its_log(client, user, unfinished):
    client.force_login(user)
    response = client.post(f"/sessions/{unfinished.pk}/discard/")
    assert response.status_code == 302
    assert response["Location"] == unfinished.routine.get_absolute_url()
    assert not PracticeSession.objects.exists()
    assert not StepLog.objects.exists()


def test_over_htmx_it_redirects_the_browser(client, user, unfinished):
    client.force_login(user)
    response = client.post(f"/sessions/{unfinished.pk}/discard/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == unfinished.routine.get_absolute_url()


def test_a_finished_session_is_not_discarded_here(client, user, unfinished):
    player.finish(unfinished, 0)
    client.force_login(user)
    assert client.post(f"/sessions/{unfinished.pk}/discard/").status_code == 409
    assert PracticeSession.objects.exists()


def test_someone_elses_session_is_404(client, other_user, unfinished):
    client.force_login(other_user)
    assert client.post(f"/sessions/{unfinished.pk}/discard/").status_code == 404
    assert PracticeSession.objects.exists()


def test_it_rejects_get(client, user, unfinished):
    client.force_login(user)
    assert client.get(f"/sessions/{unfinished.pk}/discard/").status_code == 405
