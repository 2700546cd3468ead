"""A visitor's sessions move to their account when they sign up or log in."""

import pytest

from practice.models import PracticeSession
from tests.factories import make_routine

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


def test_signing_up_keeps_the_session_started_as_a_visitor(client):
    routine = make_routine(steps=2)
    url = client.post(f"/routines/{routine.slug}/start/")["Location"]

    client.post(
        "/accounts/signup/",
        {
            "username": "bea",
            "email": "bea@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    session = PracticeSession.objects.get()
    assert session.user.username == "bea"
    assert session.guest_token == ""
    assert client.get(url).status_code == 200


def test_logging_in_keeps_the_session_started_as_a_visitor(client, user):
    routine = make_routine(steps=2)
    client.post(f"/routines/{routine.slug}/start/")

    client.post("/accounts/login/", {"username": "alice", "password": "correct horse battery"})

    assert PracticeSession.objects.get().user == user


def test_another_browsers_visitor_sessions_stay_where_they_are(client, user):
    routine = make_routine(steps=2)
    client.post(f"/routines/{routine.slug}/start/")
    client.cookies.clear()

    client.post("/accounts/login/", {"username": "alice", "password": "correct horse battery"})

    assert PracticeSession.objects.get().user is None
