"""Deleting one's own routine: asked first, and its sessions stay in history."""

import pytest

from catalogue.models import Routine
from practice import player
from practice.models import PracticeSession
from tests.factories import make_own_routine

pytestmark = pytest.mark.django_db


def test_it_asks_first(client, user):
    routine = make_own_routine(user, title="Old jaw routine")
    client.force_login(user)

    response = client.get(f"/my-routines/{routine.slug}/delete/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Delete “Old jaw routine”?" in page
    assert "stay in your history" in page
    assert ">Delete routine</button>" in page
    assert Routine.objects.filter(pk=routine.pk).exists()


def test_deleting_keeps_its_sessions_with_their_snapshots(client, user):
    routine = make_own_routine(user, steps=3, title="Old jaw routine")
    finished = player.start_session(routine, user=user)
    player.begin(finished, 0)
    player.finish(finished, 0)
    unfinished = player.start_session(routine, user=user)
    steps = finished.steps
    client.force_login(user)

    response = client.post(f"/my-routines/{routine.slug}/delete/", follow=True)

    assert response.redirect_chain == [("/my-routines/", 302)]
    assert "Deleted “Old jaw routine”" in response.content.decode()
    assert not Routine.objects.filter(pk=routine.pk).exists()
    sessions = PracticeSession.objects.filter(user=user).order_by("pk")
    assert [(s.pk, s.routine_id, s.routine_title) for s in sessions] == [
        (finished.pk, None, "Old jaw routine"),
        (unfinished.pk, None, "Old jaw routine"),
    ]
    assert sessions[0].steps == steps
    # Both can still be opened: the finished summary and the unfinished player.
    for session in sessions:
        assert client.get(f"/sessions/{session.pk}/").status_code == 200


def test_a_deleted_routine_is_gone_from_the_list(client, user):
    routine = make_own_routine(user, title="Old jaw routine")
    client.force_login(user)
    client.post(f"/my-routines/{routine.slug}/delete/")
    client.get("/my-routines/")  # shows the message once
    assert "Old jaw routine" not in client.get("/my-routines/").content.decode()
    assert client.get(f"/my-routines/{routine.slug}/edit/").status_code == 404
