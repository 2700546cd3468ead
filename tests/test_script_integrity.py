"""Subresource Integrity: every script and stylesheet a page names carries the
sha384 of exactly what its URL serves (facerouting/templatetags/integrity.py),
under the plain names of the tests and the hashed names of production."""

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client

from practice import player
from tests.factories import make_own_routine, make_routine

pytestmark = pytest.mark.django_db

HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.(js|css)$")
SOURCE = Path(__file__).resolve().parent.parent / "static"


class Subresources(HTMLParser):
    """The attributes of each <script src> and <link rel="stylesheet">."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (tag == "script" and "src" in attrs) or (
            tag == "link" and attrs.get("rel") == "stylesheet"
        ):
            attrs["url"] = attrs.get("src") or attrs["href"]
            self.found.append(attrs)


def sha384(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def assert_each_matches_what_it_names(client: Client, page) -> list[str]:
    """Every subresource has an integrity that is the hash of what its URL serves."""
    assert page.status_code in (200, 404), page.status_code
    found = Subresources(page.content.decode()).found
    assert found, "no scripts or stylesheets on the page"
    for attrs in found:
        served = client.get(attrs["url"])
        assert served.status_code == 200, attrs["url"]
        assert attrs.get("integrity") == sha384(served.getvalue()), attrs["url"]
    return [attrs["url"] for attrs in found]


@pytest.fixture
def running(user):
    session = player.start_session(make_routine(steps=3), user=user)
    player.begin(session, 0)
    return session


def test_the_home_page_names_its_stylesheet_and_scripts_with_their_hashes(client):
    urls = assert_each_matches_what_it_names(client, client.get("/"))
    assert "/static/css/site.css" in urls
    assert "/static/django_htmx/htmx-2.min.js" in urls
    assert "/static/js/timezone.js" in urls


def test_the_player_names_its_scripts_with_their_hashes(client, user, running):
    client.force_login(user)
    urls = assert_each_matches_what_it_names(client, client.get(running.get_absolute_url()))
    assert "/static/js/player.js" in urls


@pytest.mark.parametrize(
    "path", ["/routines/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"]
)
def test_other_pages_name_theirs_with_their_hashes(client, path):
    assert_each_matches_what_it_names(client, client.get(path))


def test_the_routine_editor_and_reminders_name_theirs_with_their_hashes(client, user):
    routine = make_own_routine(user)
    client.force_login(user)
    urls = assert_each_matches_what_it_names(
        client, client.get(f"/my-routines/{routine.slug}/edit/")
    )
    assert {"/static/js/reorder.js", "/static/js/keep_place.js"} <= set(urls)
    assert "/static/js/copy.js" in assert_each_matches_what_it_names(
        client, client.get("/reminders/")
    )


def test_each_script_keeps_the_nonce_next_to_its_integrity(client):
    page = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", page.headers["Content-Security-Policy"])[1]
    scripts = [attrs for attrs in Subresources(page.content.decode()).found if "src" in attrs]
    assert scripts
    assert all(attrs["nonce"] == nonce for attrs in scripts)


@pytest.mark.parametrize("debug", [False, True])
def test_htmx_is_what_django_htmx_renders_with_the_integrity_added(settings, debug):
    settings.DEBUG = debug
    context = Context({"csp_nonce": "abc"})
    ours = Template("{% load integrity %}{% htmx %}").render(context)
    theirs = Template("{% load django_htmx %}{% htmx_script %}").render(context)

    assert re.sub(r' integrity="[^"]+"', "", ours) == theirs
    assert ours.count("integrity=") == (2 if debug else 1)


def test_without_a_nonce_the_tags_have_none():
    html = Template('{% load integrity %}{% htmx %}{% script "js/player.js" %}').render(Context())
    assert "nonce" not in html
    assert html.count("integrity=") == 2


@pytest.fixture
def production_static_files(settings, tmp_path):
    """The storage of `make serve`: collected, minified, hashed and compressed,
    served from the collected files only."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "facerouting.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)


def test_with_hashed_names_the_hash_is_of_the_hashed_file(production_static_files, user, running):
    client = Client()
    client.force_login(user)
    page = client.get(running.get_absolute_url())

    urls = assert_each_matches_what_it_names(client, page)
    assert all(HASHED_NAME.search(url) for url in urls), urls
    unhashed = {HASHED_NAME.sub(r".\1", url) for url in urls}
    assert {
        "/static/css/site.css",
        "/static/django_htmx/htmx-2.min.js",
        "/static/js/player.js",
    } <= unhashed
    # What is served is the minified stylesheet, so its source's hash would be refused.
    found = Subresources(page.content.decode()).found
    stylesheet = next(attrs for attrs in found if "href" in attrs)
    assert stylesheet["integrity"] != sha384((SOURCE / "css" / "site.css").read_bytes())
