"""Home leads with the morning de-puff, and tells a member what they did last and their streak."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalogue.management.commands.load_content import load_curated_content
from practice.models import PracticeSession, SessionStatus
from tests.factories import make_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    load_curated_content()


def test_the_first_button_starts_the_morning_de_puff(client, loaded):
    page = client.get("/").content.decode()

    button = page.index("Start your morning de-puff")
    assert page.index('action="/routines/morning-de-puff/start/"') < button
    assert button < page.index('class="goal-section"')

    response = client.post("/routines/morning-de-puff/start/")
    assert response.status_code == 302
    assert PracticeSession.objects.get().routine_title == "Morning de-puff"


def test_a_visitor_sees_no_last_time(client, loaded):
    assert "Last time:" not in client.get("/").content.decode()


def test_a_member_sees_their_last_session_and_streak(client, loaded, user):
    client.force_login(user)
    assert "Last time:" not in client.get("/").content.decode()  # nothing finished yet

    make_sessions(user, 3, last=timezone.now() - timedelta(hours=1), every=timedelta(days=1))
    page = client.get("/").content.decode()

    last = PracticeSession.objects.filter(status=SessionStatus.FINISHED).latest("finished_at")
    assert f"Last time: <strong>{last.routine_title}</strong>" in page
    assert "a streak of <strong>3 days</strong>" in page
