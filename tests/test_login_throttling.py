"""Login throttling with django-axes: a username from one address, 5 tries, 15 minutes.

With axes, `client.login()` raises for want of a request: tests that need a
signed-in user use `force_login`, and these tests post the real login form.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.utils import timezone

from accounts.throttling import client_ip
from tests.factories import make_user

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery"
HOME = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


def log_in(client, username: str, password: str, address: str = HOME, path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times: int, username: str = "alice", address: str = HOME):
    return [log_in(client, username, "wrong", address).status_code for _ in range(times)]


def test_four_wrong_passwords_only_show_the_form_again(client, user):
    assert fail(client, 4) == [200] * 4
    assert log_in(client, "alice", RIGHT).status_code == 302


def test_the_fifth_wrong_password_locks_out(client, user):
    assert fail(client, 5) == [200, 200, 200, 200, 429]


def test_a_locked_out_pair_is_refused_even_with_the_right_password(client, user):
    fail(client, 5)
    response = log_in(client, "alice", RIGHT)
    assert response.status_code == 429
    assert b"Too many login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_the_same_username_from_another_address_can_still_log_in(client, user):
    fail(client, 5)
    assert log_in(client, "alice", RIGHT, address=ELSEWHERE).status_code == 302


def test_the_lockout_says_to_retry_after_the_whole_cool_off(client, user):
    fail(client, 4)
    response = log_in(client, "alice", "wrong")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)


def test_a_try_during_the_lockout_is_told_the_whole_cool_off_again(client, user):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))

    response = log_in(client, "alice", RIGHT)

    # Trying again starts the fifteen minutes again, and the page says so.
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    assert "Try again in 15 min." in response.content.decode()


def test_the_lockout_page_is_not_kept_by_any_cache(client, user):
    fail(client, 4)
    response = log_in(client, "alice", "wrong")
    assert "no-store" in response["Cache-Control"]


def test_another_username_from_the_same_address_can_still_log_in(client, user):
    make_user("bob")
    fail(client, 5)
    assert log_in(client, "bob", RIGHT).status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, user):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert log_in(client, "alice", RIGHT).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "alice", RIGHT).status_code == 302


def test_a_successful_login_clears_the_failures(client, user):
    fail(client, 4)
    assert log_in(client, "alice", RIGHT).status_code == 302
    client.post("/accounts/logout/")
    assert fail(client, 4) == [200] * 4


def test_the_admin_login_is_throttled_too(client, staff_user):
    statuses = [
        log_in(client, "curator", "wrong", path="/admin/login/").status_code for _ in range(5)
    ]
    assert statuses[-1] == 429
    assert log_in(client, "curator", RIGHT, path="/admin/login/").status_code == 429


def test_an_unknown_username_is_throttled_like_a_real_one(client):
    assert fail(client, 5, username="nobody")[-1] == 429


def request_from(remote_addr: str, forwarded_for: str | None = None):
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_without_a_proxy_the_address_is_the_connection_and_forwarding_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_address_is_what_that_proxy_saw(settings):
    settings.PROXY_COUNT = 1
    # The client claimed 1.2.3.4; the load balancer appended the real address.
    request = request_from("10.0.0.5", "1.2.3.4, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


def test_behind_two_proxies_the_address_is_what_the_outer_one_saw(settings):
    settings.PROXY_COUNT = 2
    request = request_from("10.0.0.6", "1.2.3.4, 203.0.113.9, 10.0.0.5")
    assert client_ip(request) == "203.0.113.9"


def test_a_short_forwarding_header_falls_back_to_the_connection(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(request_from("10.0.0.6", "203.0.113.9")) == "10.0.0.6"


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_a_username_longer_than_any_account_is_refused_without_an_error(client, url):
    response = client.post(url, {"username": "x" * 300, "password": "not it"})

    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 255
