"""Leaving: deleting the account removes every row that is the user's."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models

from accounts.models import Profile
from catalogue.models import Routine, RoutineStep
from practice import player
from practice.models import PracticeSession, StepLog
from tests.factories import make_routine, make_session, make_sessions

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def rows_referring_to(user_pk: int) -> dict[str, int]:
    """Every row, in every table, with a foreign key to this user."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey | models.OneToOneField) and (
                field.related_model is User
            ):
                count = model._default_manager.filter(**{field.name: user_pk}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


@pytest.fixture
def full_account(user, staff_user):
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    make_sessions(user, 5)
    own = make_routine(steps=2, owner=user, is_published=False)
    session = player.start_session(own, user=user)
    player.begin(session, 0)
    user.groups.create(name="Early risers")
    return user


def test_it_asks_for_the_password_and_says_what_will_go(client, full_account):
    client.force_login(full_account)
    response = client.get("/accounts/delete/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "6 sessions" in page
    assert "your 1 routine" in page
    assert 'type="password"' in page


def test_the_right_password_deletes_every_row_of_the_user(client, full_account, other_user):
    kept = make_session(other_user)
    pk = full_account.pk
    assert rows_referring_to(pk)
    client.force_login(full_account)

    response = client.post("/accounts/delete/", {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Your account and everything in it are deleted." in response.content.decode()
    assert not User.objects.filter(pk=pk).exists()
    assert rows_referring_to(pk) == {}
    assert list(PracticeSession.objects.all()) == [kept]
    assert set(StepLog.objects.values_list("session_id", flat=True)) == {kept.pk}
    assert not Routine.objects.filter(owner_id=pk).exists()
    assert RoutineStep.objects.count() == 0
    assert not response.context["user"].is_authenticated


def test_a_wrong_password_deletes_nothing(client, full_account):
    client.force_login(full_account)
    response = client.post("/accounts/delete/", {"password": "not it"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=full_account.pk).exists()
    assert PracticeSession.objects.filter(user=full_account).count() == 6


def test_an_empty_post_deletes_nothing(client, full_account):
    client.force_login(full_account)
    assert client.post("/accounts/delete/").status_code == 200
    assert User.objects.filter(pk=full_account.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_rejects_put(client, user):
    client.force_login(user)
    assert client.put("/accounts/delete/").status_code == 405
