import pytest
from django.contrib.auth.models import User
from django.core import mail

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


def test_signup_creates_the_account_and_logs_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "bea",
            "email": "bea@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(username="bea").exists()
    assert client.get("/").context["user"].username == "bea"


def test_signup_follows_a_safe_next_and_ignores_an_outside_one(client):
    data = {"username": "bea", "email": "bea@example.com", "password1": PASSWORD}
    response = client.post("/accounts/signup/?next=/routines/", {**data, "password2": PASSWORD})
    assert response["Location"] == "/routines/"

    client.logout()
    data = {"username": "cat", "email": "cat@example.com", "password1": PASSWORD}
    response = client.post(
        "/accounts/signup/?next=https://evil.example/", {**data, "password2": PASSWORD}
    )
    assert response["Location"] == "/"


def test_signup_shows_errors_and_keeps_what_was_typed(client):
    make_user("bea", email="bea@example.com")
    response = client.post(
        "/accounts/signup/",
        {
            "username": "bea2",
            "email": "BEA@example.com",
            "password1": "short",
            "password2": "short",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "An account with this email already exists." in page
    assert "too short" in page
    assert 'value="bea2"' in page
    assert not User.objects.filter(username="bea2").exists()


def test_signup_page_renders(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert b"Create your account" in response.content


def test_login_and_logout(client, user):
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated

    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_shows_the_form_again(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert b"That username or email and password do not match an account." in response.content


def test_password_change(client, user):
    client.force_login(user)
    assert client.get("/accounts/password_change/").status_code == 200
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct horse battery",
            "new_password1": PASSWORD,
            "new_password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_sends_a_working_link(client, user):
    response = client.post("/accounts/password_reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]

    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert b"Choose a new password" in response.content
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
