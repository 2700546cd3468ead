"""
HEAD, which link checkers, uptime monitors and some proxies send, answers
like GET without the body (every page view is `require_safe` or allows HEAD).
The test client drops a HEAD body the way WSGI servers do, so what it returns
is what a client receives.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from practice import player
from tests.factories import make_own_routine, make_routine, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(db):
    return make_routine(steps=2, slug="morning-de-puff")


def assert_head_like_get(client, url: str) -> None:
    got = client.get(url)
    head = client.head(url)
    assert (got.status_code, head.status_code) == (200, 200), url
    assert head["Content-Type"] == got["Content-Type"]
    assert got.content
    assert head.content == b""


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/routines/",
        "/routines/morning-de-puff/",
        "/healthz/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password_reset/",
    ],
)
def test_public_pages_answer_head_for_anyone(client, routine, url):
    assert_head_like_get(client, url)


@pytest.mark.parametrize(
    "url",
    [
        "/history/",
        "/history/{finished}/",
        "/history/{finished}/edit/",
        "/sessions/{unfinished}/",
        "/accounts/settings/",
        "/accounts/delete/",
        "/my-routines/",
        "/my-routines/{own}/edit/",
    ],
)
def test_a_members_own_pages_answer_head(client, user, routine, url):
    finished = make_session(user, timezone.now() - timedelta(days=1))
    unfinished = player.start_session(routine, user=user)
    own = make_own_routine(user)
    client.force_login(user)

    assert_head_like_get(
        client, url.format(finished=finished.pk, unfinished=unfinished.pk, own=own.slug)
    )


def test_head_on_a_members_page_still_needs_a_login(client):
    response = client.head("/history/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
