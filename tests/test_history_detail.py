"""One session from the history, with its step-by-step log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from practice.models import SessionStatus, StepOutcome
from tests.factories import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(user):
    return make_session(
        user,
        timezone.now() - timedelta(days=1),
        routine_title="Morning de-puff",
        steps=4,
        outcomes=[StepOutcome.DONE, StepOutcome.SKIPPED, StepOutcome.DONE],
        minutes=3,
        before=4,
        after=2,
        notes="Less puffy.\nEspecially under the eyes.",
    )


def test_it_shows_each_step_from_the_snapshot_with_what_happened(client, user, finished):
    client.force_login(user)
    response = client.get(f"/history/{finished.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Morning de-puff</h1>" in page
    for number in range(1, 5):
        assert f"Morning de-puff, step {number}" in page
    assert page.count("outcome-done") == 2
    assert page.count("outcome-skipped") == 1
    assert page.count("outcome-not-reached") == 1
    assert "1 min" in page  # each step planned for a minute
    assert "4 → 2" in page
    assert "Less puffy.<br>Especially under the eyes." in page
    assert f'href="/history/{finished.pk}/edit/"' in page
    assert f'href="/history/{finished.pk}/delete/"' in page


def test_an_unfinished_session_offers_resume_and_discard(client, user):
    session = make_session(user, status=SessionStatus.PAUSED)
    client.force_login(user)
    page = client.get(f"/history/{session.pk}/").content.decode()
    assert "Unfinished at step 1 of 3" in page
    assert f'href="/sessions/{session.pk}/"' in page
    assert f'action="/sessions/{session.pk}/discard/"' in page
    assert "/edit/" not in page
    assert "outcome-in-progress" in page


def test_someone_elses_session_is_404(client, other_user, finished):
    client.force_login(other_user)
    assert client.get(f"/history/{finished.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, finished):
    response = client.get(f"/history/{finished.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_rejects_post(client, user, finished):
    client.force_login(user)
    assert client.post(f"/history/{finished.pk}/").status_code == 405
