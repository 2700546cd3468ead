"""
Script and stylesheet tags with Subresource Integrity: each carries the
sha384 of the very bytes its URL serves, so a browser refuses a file changed
on the way (a proxy, a poisoned cache, half a deployment) instead of running it.

    {% load integrity %}
    {% stylesheet "css/site.css" %}
    {% htmx %}
    {% script "js/player.js" %}

The bytes are those of the file behind the URL `static()` gives. In
production that is the collected copy under its hashed name, which is not
always the source (facerouting/storage.py minifies the stylesheets before
hashing); with plain names (development, the tests) it is the file the
staticfiles finders find, as WhiteNoise serves it then.
"""

import base64
import hashlib
import os
from functools import cache, lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context, Library
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = Library()

# django-htmx's own copies, as its {% htmx_script %} names them.
HTMX = "django_htmx/htmx-2.min.js"
HTMX_DEBUG = "django_htmx/django-htmx.js"


def integrity(path: str) -> str:
    """The `integrity` value for the static file `path`."""
    storage = staticfiles_storage
    if isinstance(storage, ManifestFilesMixin) and not settings.DEBUG:
        # A hashed name: read once per process, as what it names never changes.
        return _stored_digest(storage.stored_name(path))
    # A plain name (development, the tests), whose file may be edited while
    # the server runs: read again whenever it changes. WhiteNoise serves the
    # file the finders find when it uses them, else the collected one.
    if getattr(settings, "WHITENOISE_USE_FINDERS", settings.DEBUG) and (
        found := finders.find(path)
    ):
        filename = found
    else:
        filename = storage.path(path)
    stat = os.stat(filename)
    return _file_digest(filename, stat.st_mtime_ns, stat.st_size)


def _sha384(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


@cache
def _stored_digest(name: str) -> str:
    with staticfiles_storage.open(name) as served:
        return _sha384(served.read())


@lru_cache(maxsize=256)
def _file_digest(filename: str, mtime_ns: int, size: int) -> str:
    with open(filename, "rb") as served:
        return _sha384(served.read())


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    # A test that switches storages must not get another storage's hashes.
    if setting in {"STORAGES", "STATIC_ROOT", "STATIC_URL", "STATICFILES_DIRS", "DEBUG"}:
        _stored_digest.cache_clear()


def _script(context: Context, path: str, before: str, after: str) -> SafeString:
    """<script {before} src {after} integrity nonce>: django-htmx's order, and the nonce
    left out where no middleware made one (a page rendered with no request)."""
    nonce = context.get("csp_nonce")
    return format_html(
        '<script {}src="{}" {}integrity="{}"{}></script>',
        before,
        static(path),
        after,
        integrity(path),
        "" if nonce is None else format_html(' nonce="{}"', nonce),
    )


@register.simple_tag(takes_context=True)
def script(context: Context, path: str) -> SafeString:
    """`<script type="module">` for the static JavaScript file `path`."""
    return _script(context, path, SafeString('type="module" '), "")


@register.simple_tag(takes_context=True)
def htmx(context: Context) -> SafeString:
    """What django-htmx's `{% htmx_script %}` renders (htmx 2, minified, no
    extensions; in debug its debug script too), each with its integrity."""
    tags = _script(context, HTMX, "", SafeString("defer "))
    if settings.DEBUG:
        tags += _script(
            context, HTMX_DEBUG, "", format_html('data-debug="{}" defer ', str(settings.DEBUG))
        )
    return tags


@register.simple_tag
def stylesheet(path: str) -> SafeString:
    """`<link rel="stylesheet">` for the static CSS file `path`."""
    return format_html(
        '<link rel="stylesheet" href="{}" integrity="{}">', static(path), integrity(path)
    )
