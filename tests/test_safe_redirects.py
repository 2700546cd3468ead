"""
`next` after discarding a session and after signing up: only a path on this
site is followed; anything else (a bare word, another site, a header
injection) goes to the usual page, and is never a 500.
"""

from itertools import count
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.encoding import iri_to_uri
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice import player
from practice.models import PracticeSession
from tests.factories import make_routine

pytestmark = pytest.mark.django_db

ODD_NEXT = [
    "",
    " ",
    "history",
    "2",
    "on",
    "'OR 1=1--",
    "catalogue:home",
    "practice:history",
    "admin:index",
    ".",
    "./",
    "../",
    "?page=2",
    "#top",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "https://evil.example/",
    "http://testserver/history/",
    "http:/evil.example",
    "HTTPS://EVIL.EXAMPLE",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:a@evil.example",
    "/history/\r\nSet-Cookie: sessionid=stolen",
    "/history/\nX-Injected: 1",
    "/\x00",
    "\x00",
    "/history/%0d%0aSet-Cookie:x=1",
    "/routines/café/",
    "/\u202e\u200b",
    "/" + "x" * 5000,
    "/history/?page=2#sessions",
]

# The ODD_NEXT list, any text at all, and text built from the characters
# that make URLs ambiguous.
next_values = st.one_of(
    st.sampled_from(ODD_NEXT),
    st.text(max_size=100),
    st.text(alphabet="/\\:.?#%@ \t\r\nabc0", max_size=20),
    st.text(max_size=50).map(lambda rest: "/" + rest),
)

HUNDRED = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_local(location: str) -> None:
    assert location.startswith("/")
    assert not location.startswith(("//", "/\\"))
    assert url_has_allowed_host_and_scheme(location, allowed_hosts=None)


def assert_followed_or_default(location: str, next_value: str, default: str) -> None:
    """Either where `next` asked (written as a URI), or the usual page."""
    assert location in {iri_to_uri(next_value), default}


# --- Discarding a session ---


@pytest.fixture
def routine(db):
    return make_routine(steps=2)


def unfinished(routine, user) -> PracticeSession:
    session = player.start_session(routine, user=user)
    player.begin(session, 0)
    return session


def discard(client, session, next_value: str, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/sessions/{session.pk}/discard/", {"next": next_value}, headers=headers)


@pytest.mark.parametrize("next_value", ["history", "2", "on", "'OR 1=1--"])
def test_discard_with_a_bare_word_next_goes_back_to_the_routine(client, user, routine, next_value):
    client.force_login(user)
    session = unfinished(routine, user)

    response = discard(client, session, next_value)

    assert response.status_code == 302
    assert response["Location"] == routine.get_absolute_url()
    assert not PracticeSession.objects.filter(pk=session.pk).exists()


def test_discard_from_the_history_page_goes_back_to_it(client, user, routine):
    client.force_login(user)
    response = discard(client, unfinished(routine, user), "/history/")
    assert response["Location"] == "/history/"


@pytest.mark.parametrize("next_value", ["//evil.example", "https://evil.example/", "/\\evil"])
def test_discard_never_sends_the_browser_to_another_site(client, user, routine, next_value):
    client.force_login(user)
    response = discard(client, unfinished(routine, user), next_value, htmx=True)
    assert response["HX-Redirect"] == routine.get_absolute_url()


def test_discard_answers_a_hundred_odd_nexts_with_a_local_redirect(client, user, routine):
    client.force_login(user)
    ran = []

    @HUNDRED
    @given(next_value=next_values, htmx=st.booleans())
    def check(next_value, htmx):
        session = unfinished(routine, user)
        response = discard(client, session, next_value, htmx)

        assert response.status_code == (200 if htmx else 302), response.content[:300]
        location = response["HX-Redirect" if htmx else "Location"]
        assert_local(location)
        assert_followed_or_default(location, next_value, routine.get_absolute_url())
        assert not PracticeSession.objects.filter(pk=session.pk).exists()
        ran.append(next_value)

    check()
    assert len(ran) >= 100


# --- Signing up ---

_serial = count(1)


def sign_up(client, next_value: str, in_query: bool):
    name = f"newcomer{next(_serial)}"
    fields = {
        "username": name,
        "email": f"{name}@example.com",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
    }
    if in_query:
        return client.post(f"/accounts/signup/?{urlencode({'next': next_value})}", fields), name
    return client.post("/accounts/signup/", fields | {"next": next_value}), name


def test_signup_with_a_bare_word_next_logs_in_and_goes_home(client):
    response, name = sign_up(client, "foo", in_query=True)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(User.objects.get(username=name).pk)


def test_signup_goes_on_to_a_page_of_this_site(client):
    response, _ = sign_up(client, "/routines/?goal=depuff", in_query=False)
    assert response["Location"] == "/routines/?goal=depuff"


def test_signup_never_sends_the_newcomer_to_another_site(client):
    response, _ = sign_up(client, "//evil.example/", in_query=True)
    assert response["Location"] == "/"


def test_the_signup_page_keeps_only_a_local_next_in_its_form(client):
    kept = client.get("/accounts/signup/?next=/history/").content.decode()
    dropped = client.get("/accounts/signup/?next=history").content.decode()
    assert '<input type="hidden" name="next" value="/history/">' in kept
    assert 'name="next"' not in dropped


def test_signup_answers_a_hundred_odd_nexts_by_logging_in_and_redirecting_locally(db):
    ran = []

    @HUNDRED
    @given(next_value=next_values, in_query=st.booleans())
    def check(next_value, in_query):
        client = Client()
        response, name = sign_up(client, next_value, in_query)

        assert response.status_code == 302, response.content[:300]
        assert_local(response["Location"])
        assert_followed_or_default(response["Location"], next_value, "/")
        assert client.session["_auth_user_id"] == str(User.objects.get(username=name).pk)
        ran.append(next_value)

    check()
    assert len(ran) >= 100
