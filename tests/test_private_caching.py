"""
What a shared cache (a proxy, a CDN) may keep: a public catalogue page for an
anonymous visitor, as before; nothing that is one person's. Every response to
a signed-in person is `private`, and the pages that show someone's own data
(the player, guests' included; history; exports; the account; their own
routines) are `no-store` as well.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from practice import player
from practice.models import PracticeSession
from tests.factories import make_own_routine, make_routine, make_session

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def routine(db):
    return make_routine(steps=2, slug="morning-de-puff")


@pytest.mark.parametrize("url", ["/", "/routines/", "/routines/morning-de-puff/"])
def test_the_public_catalogue_is_left_as_it_was_for_anonymous_visitors(client, routine, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Cache-Control" not in response


@pytest.mark.parametrize("url", ["/", "/routines/", "/routines/morning-de-puff/"])
def test_the_catalogue_is_private_but_storable_for_a_member(client, user, routine, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert directives(response) == {"private"}


@pytest.mark.parametrize(
    "url",
    [
        "/history/",
        "/history/{finished}/",
        "/history/{finished}/edit/",
        "/sessions/{unfinished}/",
        "/accounts/settings/",
        "/accounts/delete/",
        "/accounts/password_change/",
        "/my-routines/",
        "/my-routines/{own}/edit/",
    ],
)
def test_a_members_own_pages_are_private_and_not_stored(client, user, routine, url):
    finished = make_session(user, timezone.now() - timedelta(days=1))
    unfinished = player.start_session(routine, user=user)
    own = make_own_routine(user)
    client.force_login(user)

    response = client.get(url.format(finished=finished.pk, unfinished=unfinished.pk, own=own.slug))

    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_the_guest_player_is_private_and_not_stored(client, routine):
    response = client.post("/routines/morning-de-puff/start/", follow=True)

    assert response.redirect_chain[-1][0] == f"/sessions/{PracticeSession.objects.get().pk}/"
    assert directives(response) == {"private", "no-store"}


def test_a_guests_player_controls_over_htmx_are_private_and_not_stored(client, routine):
    client.post("/routines/morning-de-puff/start/")
    session = PracticeSession.objects.get()

    response = client.post(
        f"/sessions/{session.pk}/begin/", {"position": 0}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert directives(response) == {"private", "no-store"}


@pytest.mark.parametrize("url", ["/history/export.csv", "/history/export.json"])
def test_the_exports_keep_their_never_cache(client, user, url):
    make_session(user)
    client.force_login(user)
    response = client.get(url)
    assert directives(response) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }


def test_a_members_own_routine_page_is_private(client, user):
    # Under /routines/ beside the curated ones, so only private: no shared
    # cache keeps it, though the browser may.
    own = make_own_routine(user)
    client.force_login(user)
    assert directives(client.get(own.get_absolute_url())) == {"private"}


def test_a_members_redirect_is_private_too(client, user, routine):
    client.force_login(user)
    response = client.post("/routines/morning-de-puff/start/")
    assert response.status_code == 302
    assert "private" in directives(response)
