"""Passwords: at least 10 characters, and none from the list of common ones."""

import pytest
from django.contrib.auth.models import User

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def sign_up(client, password: str):
    return client.post(
        "/accounts/signup/",
        {
            "username": "bea",
            "email": "bea@example.com",
            "password1": password,
            "password2": password,
        },
    )


def test_nine_characters_are_too_short(client):
    response = sign_up(client, "mauve7Fox")
    assert response.status_code == 200
    assert b"at least 10 characters" in response.content
    assert not User.objects.filter(username="bea").exists()


def test_ten_characters_are_enough(client):
    assert sign_up(client, "mauve7Foxy").status_code == 302
    assert User.objects.filter(username="bea").exists()


@pytest.mark.parametrize("password", ["qwertyuiop", "password123", "iloveyou12"])
def test_a_common_password_is_refused_however_long(client, password):
    response = sign_up(client, password)
    assert response.status_code == 200
    assert b"too common" in response.content
    assert not User.objects.filter(username="bea").exists()


def test_changing_a_password_follows_the_same_rules(client):
    user = make_user("carl")
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct horse battery",
            "new_password1": "qwertyuiop",
            "new_password2": "qwertyuiop",
        },
    )
    assert response.status_code == 200
    assert b"too common" in response.content
    user.refresh_from_db()
    assert user.check_password("correct horse battery")
