"""
The web app manifest, which makes Facerouting installable: served at a URL
that never changes, naming icons that exist at the sizes it says, and linked
from every page with the theme colour and the icon iOS uses.
"""

import json
import struct
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from catalogue.models import Routine

pytestmark = pytest.mark.django_db

URL = "/manifest.webmanifest"


def manifest(client) -> dict:
    return json.loads(client.get(URL).content)


def png_size(content: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk, the first after the signature."""
    assert content[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert content[12:16] == b"IHDR"
    return struct.unpack(">II", content[16:24])


def fetch(client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


class HeadTags(HTMLParser):
    """The <link> and <meta> tags of a page, with their attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.metas: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))


def test_it_answers_with_the_manifest_content_type(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"


def test_shared_caches_may_keep_it_for_a_while(client, user):
    client.force_login(user)  # the same for a member: nothing in it is theirs
    cache_control = {part.strip() for part in client.get(URL)["Cache-Control"].split(",")}
    assert "public" in cache_control
    assert "private" not in cache_control
    assert any(part.startswith("max-age=") and int(part[8:]) > 0 for part in cache_control)


def test_it_says_what_installing_needs(client):
    found = manifest(client)
    assert found["name"] == "Facerouting"
    assert found["short_name"]
    assert found["description"]
    assert found["id"] == "/"
    assert found["start_url"] == "/"
    assert found["scope"] == "/"
    assert found["display"] == "standalone"
    # The light scheme's --accent and --bg in static/css/site.css.
    assert found["theme_color"] == "#9c3f27"
    assert found["background_color"] == "#fffaf5"


def test_it_has_png_icons_at_192_and_512_and_a_maskable_one(client):
    icons = manifest(client)["icons"]
    plain = {icon["sizes"] for icon in icons if icon.get("purpose", "any") == "any"}
    assert {"192x192", "512x512"} <= plain
    assert [icon for icon in icons if icon.get("purpose") == "maskable"]
    assert {icon["type"] for icon in icons} == {"image/png"}


def test_every_icon_it_names_is_a_png_of_the_size_it_says(client):
    for icon in manifest(client)["icons"]:
        response, body = fetch(client, icon["src"])
        assert response.status_code == 200, icon["src"]
        assert response["Content-Type"] == "image/png", icon["src"]
        width, height = png_size(body)
        assert f"{width}x{height}" == icon["sizes"], icon["src"]


def test_head_answers_like_get_without_a_body(client):
    got = client.get(URL)
    head = client.head(URL)
    assert head.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""


def test_it_rejects_post(client):
    assert client.post(URL).status_code == 405


@pytest.fixture
def curated_routine_url(db) -> str:
    call_command("load_content")
    return Routine.objects.published().curated().first().get_absolute_url()


@pytest.mark.parametrize("page", ["/", "routine", "/safety/", "/accounts/login/"])
def test_every_page_links_the_manifest_and_its_icons(client, curated_routine_url, page):
    url = curated_routine_url if page == "routine" else page
    response = client.get(url)
    assert response.status_code == 200, url
    tags = HeadTags(response.content.decode())

    manifests = [link for link in tags.links if link.get("rel") == "manifest"]
    assert [link["href"] for link in manifests] == [URL]

    themes = [meta for meta in tags.metas if meta.get("name") == "theme-color"]
    assert {meta.get("media") for meta in themes} == {
        "(prefers-color-scheme: light)",
        "(prefers-color-scheme: dark)",
    }
    assert all(meta["content"].startswith("#") for meta in themes)

    (apple,) = [link for link in tags.links if link.get("rel") == "apple-touch-icon"]
    icon, body = fetch(client, apple["href"])
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/png"
    assert png_size(body) == (180, 180)

    assert [link for link in tags.links if link.get("rel") == "icon"], "no favicon"
