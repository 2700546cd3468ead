"""Strict Content Security Policy on every kind of response the site gives.

Full pages, htmx partials, the admin and the error pages all carry the same
policy, and every <script> on them carries the nonce that policy names.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from practice import player
from tests.factories import make_routine

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_strict(response, *, own_markup: bool = True) -> None:
    """The policy is strict, and the page keeps to it."""
    directives = policy(response)
    header = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"][0] == "'self'"
    assert directives["style-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    nonces = {
        value[len("'nonce-") : -1]
        for value in directives["script-src"]
        if value.startswith("'nonce-")
    }

    tags = Tags(response.content.decode()).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    for attrs in scripts:
        assert nonces, "a page with scripts needs the nonce in its policy"
        assert attrs.get("nonce") in nonces, f"<script {attrs}> lacks the header's nonce"
    if own_markup:
        for tag, attrs in tags:
            assert "style" not in attrs, f"inline style on <{tag}>"
            handlers = [name for name in attrs if name.startswith(("on", "hx-on"))]
            assert not handlers, f"inline handler {handlers} on <{tag}>"
        assert not [tag for tag, _ in tags if tag == "style"], "inline <style> element"


@pytest.fixture
def running(user):
    session = player.start_session(make_routine(steps=3), user=user)
    player.begin(session, 0)
    return session


@pytest.mark.parametrize(
    "path",
    ["/", "/routines/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"],
)
def test_public_pages_are_strict(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_strict(response)


def test_the_player_page_is_strict_and_its_scripts_carry_the_nonce(client, user, running):
    client.force_login(user)
    response = client.get(running.get_absolute_url())

    assert_strict(response)
    scripts = [attrs for tag, attrs in Tags(response.content.decode()).tags if tag == "script"]
    sources = [attrs["src"] for attrs in scripts]
    assert any("htmx" in source for source in sources)
    assert any(source.endswith("js/player.js") for source in sources)


def test_a_routine_page_is_strict(client):
    routine = make_routine()
    assert_strict(client.get(routine.get_absolute_url()))


def test_each_response_has_a_fresh_nonce(client, user, running):
    client.force_login(user)
    first = policy(client.get(running.get_absolute_url()))["script-src"]
    second = policy(client.get(running.get_absolute_url()))["script-src"]
    assert first != second


@pytest.mark.parametrize("control", ["next", "skip", "pause", "finish"])
def test_htmx_partials_are_strict(client, user, running, control):
    client.force_login(user)
    response = client.post(f"/sessions/{running.pk}/{control}/", {"position": 0}, headers=HTMX)

    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<section id="player"')
    assert_strict(response)


def test_a_plain_text_answer_is_strict_too(client, user, running):
    client.force_login(user)
    response = client.post(f"/sessions/{running.pk}/next/", {"position": 99}, headers=HTMX)
    assert response.status_code == 400
    assert_strict(response)


def test_the_admin_login_is_strict(client):
    assert_strict(client.get("/admin/login/"), own_markup=False)


def test_admin_pages_are_strict_and_their_scripts_carry_the_nonce(client, staff_user):
    routine = make_routine(steps=2)
    client.force_login(staff_user)
    for path in [
        "/admin/",
        "/admin/catalogue/routine/",
        f"/admin/catalogue/routine/{routine.pk}/change/",
        "/admin/catalogue/step/add/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response, own_markup=False)
        assert b"<script" in response.content


def test_the_404_page_is_strict(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_strict(response)


def test_the_csrf_failure_page_is_strict(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert_strict(response)


@pytest.mark.urls("tests.urls_with_errors")
def test_the_403_and_500_pages_are_strict():
    client = Client(raise_request_exception=False)
    forbidden = client.get("/test-errors/403/")
    assert forbidden.status_code == 403
    assert_strict(forbidden)
    broken = client.get("/test-errors/500/")
    assert broken.status_code == 500
    assert_strict(broken)


def test_the_lockout_page_is_strict(client, user):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 429
    assert_strict(response)


def test_a_bad_host_page_is_strict(client):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert_strict(response)


def test_the_policy_names_no_other_origin(client):
    header = client.get("/").headers["Content-Security-Policy"]
    assert not re.search(r"https?://|\*", header)
