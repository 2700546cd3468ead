"""Logging in with an email address instead of the username."""

import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery"


def log_in(client, username: str, password: str = RIGHT):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.9"
    )


def test_it_logs_in_by_email_in_any_case(client, user):
    response = log_in(client, "Alice@Example.COM")
    assert response.status_code == 302
    assert client.get("/history/").status_code == 200


def test_a_wrong_email_says_what_a_wrong_username_says(client, user):
    by_email = log_in(client, "nobody@example.com")
    by_username = log_in(client, "nobody")
    assert by_email.status_code == by_username.status_code == 200
    assert by_email.context["form"].non_field_errors() == (
        by_username.context["form"].non_field_errors()
    )
    assert by_email.context["form"].non_field_errors()


def test_an_email_shared_by_two_accounts_logs_nobody_in(client, user):
    make_user("alice2", email="ALICE@example.com")
    assert log_in(client, "alice@example.com").status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_wrong_email_locks_out_like_a_wrong_username(client, user):
    codes = [log_in(client, "alice@example.com", "wrong").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    assert log_in(client, "alice@example.com").status_code == 429
