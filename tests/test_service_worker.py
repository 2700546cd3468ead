"""/sw.js and /offline/: the service worker at the root, and the page it shows offline."""

import re

import pytest
from django.contrib.staticfiles import finders

from facerouting import offline
from practice import player
from tests.factories import make_routine

pytestmark = pytest.mark.django_db


def worker(client) -> str:
    response = client.get("/sw.js")
    assert response.status_code == 200
    return response.content.decode()


def shell_of(source: str) -> list[str]:
    return re.search(r"const SHELL = \[(.*?)\];", source).group(1).replace('"', "").split(", ")


def test_it_is_served_from_the_root_as_javascript_asked_again_each_time(client):
    response = client.get("/sw.js")
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "<" not in response.content.decode().split("\n", 1)[0]  # not an HTML page


def test_its_shell_names_every_script_style_and_icon_by_its_static_name(client, settings):
    shell = shell_of(worker(client))
    assert "/offline/" in shell
    for path in offline.SHELL:
        assert f"{settings.STATIC_URL}{path}" in shell
        assert finders.find(path), f"{path} is in the shell but not a static file"


def test_every_script_the_pages_load_is_in_the_shell(client, user):
    """Else the player could not load its offline half without the network."""
    shell = set(shell_of(worker(client)))
    client.force_login(user)
    session = player.start_session(make_routine(steps=2), user=user)
    pages = [client.get(url).content.decode() for url in ("/", f"/sessions/{session.pk}/")]
    loaded = {src for page in pages for src in re.findall(r'<script[^>]* src="([^"]+)"', page)}
    loaded |= set(re.findall(r'data-offline-script="([^"]+)"', pages[1]))
    assert any("offline_player" in src for src in loaded)
    assert loaded and loaded <= shell


def test_a_changed_file_is_a_new_release(client, monkeypatch):
    before = re.search(r'const RELEASE = "(\w+)"', worker(client)).group(1)
    monkeypatch.setattr(offline, "_digest", lambda path: "changed")
    monkeypatch.setattr(offline, "shell", offline._shell)
    after = re.search(r'const RELEASE = "(\w+)"', worker(client)).group(1)
    assert before != after


def test_it_answers_head_and_refuses_post(client):
    assert client.head("/sw.js").status_code == 200
    assert client.post("/sw.js").status_code == 405


def test_the_offline_page_says_what_still_works(client):
    response = client.get("/offline/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "You are offline" in page
    assert "sessions you have opened on this device still work" in page


def test_every_page_but_the_player_installs_the_worker(client, user):
    assert "js/install.js" in client.get("/").content.decode()
    client.force_login(user)
    session = player.start_session(make_routine(steps=2), user=user)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    # The player registers it itself (js/player.js): one script on its first load.
    assert "js/install.js" not in page
    assert 'data-service-worker="/sw.js"' in page


def test_it_keeps_files_first_in_production_and_asks_the_network_first_while_developing(
    client, settings
):
    assert "const DEVELOPING = false;" in worker(client)
    settings.DEBUG = True
    source = worker(client)
    assert "const DEVELOPING = true;" in source
    # {% htmx_script %}'s debug script is in the shell too, so pages work offline.
    assert f"{settings.STATIC_URL}django_htmx/django-htmx.js" in shell_of(source)
