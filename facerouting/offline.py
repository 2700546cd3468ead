"""
Installable and offline: the service worker at the site's root and the page
it shows for anything it has not kept (DESIGN §10).

The worker is a template so that it names the app shell by the static files'
hashed names and carries a release: a digest of those files and of the
worker itself. Any change to either is a new worker, whose caches replace
the old ones in one step (templates/offline/sw.js).
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# What every page and the player need to run: precached when the worker
# installs, so the player's offline half (js/offline_player.js) is there
# when the network is not.
SHELL = [
    "css/site.css",
    "django_htmx/htmx-2.min.js",
    "js/install.js",
    "js/timezone.js",
    "js/player.js",
    "js/offline_player.js",
    "js/copy.js",
    "js/keep_place.js",
    "js/reorder.js",
    "img/icon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/maskable-512.png",
    "icons/apple-touch-icon.png",
]
WORKER_TEMPLATE = "offline/sw.js"


def _digest(path: str) -> str:
    with open(finders.find(path), "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def _shell() -> tuple[list[str], str]:
    """The shell's URLs, the offline page's included, and their release."""
    # While developing, {% htmx_script %} adds django-htmx's debug script.
    files = [*SHELL, "django_htmx/django-htmx.js"] if settings.DEBUG else SHELL
    urls = [static(path) for path in files] + [reverse("offline")]
    release = hashlib.sha256()
    with open(get_template(WORKER_TEMPLATE).origin.name, "rb") as worker:
        release.update(worker.read())
    for path, url in zip(files, urls, strict=False):
        release.update(f"{url} {_digest(path)}\n".encode())
    return urls, release.hexdigest()[:16]


# Once per process in production, where the files only change with a deploy;
# read afresh while developing, so an edited file is a new release at once.
_released_shell = cache(_shell)


def shell() -> tuple[list[str], str]:
    return _shell() if settings.DEBUG else _released_shell()


@require_safe
# Always asked again, so a deploy reaches every browser on its next page.
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    urls, release = shell()
    context = {
        "release": release,
        "shell": mark_safe(json.dumps(urls)),
        "offline_page": reverse("offline"),
        "developing": settings.DEBUG,
    }
    return render(request, WORKER_TEMPLATE, context, content_type="text/javascript; charset=utf-8")


@require_safe
@cache_control(no_cache=True)
def offline_page(request: HttpRequest) -> HttpResponse:
    """What the worker shows for a page it has not kept while the network is down."""
    return render(request, "offline/offline.html")
