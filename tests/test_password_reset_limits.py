"""
Password-reset mail: three an hour to one address, and three an hour from one
client. Past either limit the answer is the same "check your email" page, and
no mail goes out.
"""

import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

HOME = "203.0.113.1"
ELSEWHERE = "198.51.100.2"
DONE = "/accounts/password_reset/done/"


@pytest.fixture(autouse=True)
def fresh_counts():
    # The counts live in the cache, which outlives each test's database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(db):
    return {name: make_user(name) for name in ["alice", "bob", "carol", "dave"]}


def ask(client, email: str, address: str = HOME, **headers):
    return client.post(
        "/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address, headers=headers
    )


def test_it_keeps_its_url_and_name(client):
    assert reverse("password_reset") == "/accounts/password_reset/"
    assert "Reset your password" in client.get("/accounts/password_reset/").content.decode()


def test_three_mails_then_none_with_the_same_answer(client, people, mailoutbox):
    answers = [ask(client, "alice@example.com") for _ in range(4)]

    assert [(r.status_code, r["Location"]) for r in answers] == [(302, DONE)] * 4
    assert len(mailoutbox) == 3
    assert all(mail.to == ["alice@example.com"] for mail in mailoutbox)


def test_a_different_address_from_another_client_still_gets_one(client, people, mailoutbox):
    for _ in range(4):
        ask(client, "alice@example.com")

    assert ask(client, "bob@example.com", address=ELSEWHERE)["Location"] == DONE
    assert [mail.to for mail in mailoutbox[3:]] == [["bob@example.com"]]


def test_one_address_gets_three_however_many_clients_ask(client, people, mailoutbox):
    for n in range(5):
        assert ask(client, "Alice@Example.com", address=f"192.0.2.{n}")["Location"] == DONE
    assert len(mailoutbox) == 3


def test_one_client_gets_three_mails_sent_whatever_the_addresses(client, people, mailoutbox):
    for name in people:
        assert ask(client, f"{name}@example.com")["Location"] == DONE
    assert [mail.to for mail in mailoutbox] == [
        ["alice@example.com"],
        ["bob@example.com"],
        ["carol@example.com"],
    ]


def test_a_client_past_its_limit_spends_none_of_an_addresss(client, people, mailoutbox):
    for name in ["alice", "bob", "carol", "dave", "dave", "dave"]:
        ask(client, f"{name}@example.com")

    for _ in range(3):
        ask(client, "dave@example.com", address=ELSEWHERE)
    assert [mail.to for mail in mailoutbox[3:]] == [["dave@example.com"]] * 3


def test_behind_a_proxy_each_client_is_the_address_the_proxy_saw(
    client, people, settings, mailoutbox
):
    settings.PROXY_COUNT = 1
    for name in ["alice", "bob", "carol"]:
        ask(client, f"{name}@example.com", address="10.0.0.5", x_forwarded_for=HOME)

    ask(client, "dave@example.com", address="10.0.0.5", x_forwarded_for=ELSEWHERE)
    ask(client, "dave@example.com", address="10.0.0.5", x_forwarded_for=HOME)
    assert [mail.to for mail in mailoutbox[3:]] == [["dave@example.com"]]


def test_the_limit_lifts_after_an_hour(client, people, mailoutbox):
    for _ in range(4):
        ask(client, "alice@example.com")
    assert len(mailoutbox) == 3

    # The test cache (LocMem) expires its keys by time.time().
    with mock.patch("time.time", return_value=time.time() + 60 * 60 + 1):
        ask(client, "alice@example.com")
    assert len(mailoutbox) == 4


def test_an_address_without_an_account_gets_the_same_answer_and_no_mail(client, mailoutbox):
    assert ask(client, "nobody@example.com")["Location"] == DONE
    assert mailoutbox == []


def test_a_malformed_address_is_shown_the_form_again(client, people, mailoutbox):
    response = ask(client, "not an address")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert mailoutbox == []
