"""
What every signed-in request pays: its session row, and the user with their
time zone in one query (accounts/sessions.py, accounts/signed_in.py), with
every check Django makes still made.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Profile
from accounts.signed_in import user_with_zone

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # what tests/factories.py gives everyone


def zone_of_page(response) -> str:
    return response.context["zone_name"]


def logged_in(client, user) -> None:
    """Through the login form, so the session names the backend that let them in."""
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_a_member_request_reads_the_session_then_the_user_with_their_zone(client, user):
    Profile.objects.create(user=user, timezone="Asia/Tokyo")
    logged_in(client, user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/history/")

    assert zone_of_page(response) == "Asia/Tokyo"
    sent = [query["sql"] for query in queries.captured_queries]
    assert "django_session" in sent[0]
    assert "auth_user" in sent[1] and "accounts_profile" in sent[1]
    assert not any(sql.startswith('SELECT "accounts_profile"."timezone"') for sql in sent)


def test_a_zone_changed_on_another_device_applies_on_the_next_request(client, user):
    Profile.objects.create(user=user, timezone="Asia/Tokyo")
    logged_in(client, user)
    assert zone_of_page(client.get("/history/")) == "Asia/Tokyo"

    Profile.objects.filter(user=user).update(timezone="Europe/Lisbon")

    assert zone_of_page(client.get("/history/")) == "Europe/Lisbon"


def test_without_a_profile_the_browsers_zone_is_kept(client, user):
    client.cookies["timezone"] = "America/New_York"
    logged_in(client, user)

    assert zone_of_page(client.get("/history/")) == "America/New_York"
    assert Profile.objects.get(user=user).timezone == "America/New_York"


def test_an_expired_session_signs_nobody_in(client, user):
    logged_in(client, user)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get("/history/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_deactivated_member_is_signed_out(client, user):
    logged_in(client, user)
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert client.get("/history/").status_code == 302


def test_a_changed_password_signs_out_the_other_sessions(client, user):
    logged_in(client, user)
    user.set_password("another long passphrase")
    user.save()

    assert client.get("/history/").status_code == 302


def test_a_logout_ends_the_session_for_every_worker(client, user):
    logged_in(client, user)
    key = client.cookies["sessionid"].value

    client.post("/accounts/logout/")

    assert not Session.objects.filter(session_key=key).exists()


def test_the_user_is_read_as_the_orm_reads_it(user):
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    expected = User.objects.get(pk=user.pk)

    loaded = user_with_zone(str(user.pk))

    for field in User._meta.concrete_fields:
        value, wanted = getattr(loaded, field.attname), getattr(expected, field.attname)
        assert (value, type(value)) == (wanted, type(wanted)), field.name
    assert loaded.saved_zone is None  # no profile yet
    assert not loaded._state.adding
    assert user_with_zone("not a number") is None
    assert user_with_zone(user.pk + 1000) is None
