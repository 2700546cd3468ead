"""
Per-person handling of every request: activate its time zone, so every date
shown and counted is local, and keep what is one person's out of shared caches.
"""

from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .models import Profile
from .signed_in import saved_zone
from .timezones import DEFAULT_ZONE, ZONE_COOKIE, valid_zone


def zone_name_for(request: HttpRequest) -> str:
    """The user's saved zone; else the zone their browser reported; else UTC.

    A signed-in user without a saved zone keeps the browser's on this first
    visit, so that their days stop shifting when they use another device.
    """
    reported = valid_zone(request.COOKIES.get(ZONE_COOKIE))
    if request.user.is_authenticated:
        # Usually read with the user (accounts/signed_in.py): no query of its own.
        if saved := saved_zone(request.user):
            return saved
        if reported:
            Profile.objects.get_or_create(user=request.user, defaults={"timezone": reported})
    return reported or DEFAULT_ZONE


class TimezoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with timezone.override(ZoneInfo(zone_name_for(request))):
            return self.get_response(request)


# Pages that show one person's own data: their sessions and the player (a
# guest's too: the session is theirs alone), their history and its exports,
# their routines and the editor, their account, their safety answers.
PERSONAL_PATHS = ("/sessions/", "/history/", "/my-routines/", "/accounts/", "/safety/")


class PrivateCacheMiddleware:
    """
    Mark every response to a signed-in person `private`, and every personal
    page `private, no-store` too, so that no shared proxy or CDN keeps one
    person's page and hands it to the next, and a personal page is not left
    on disk on a shared computer. A view that set its own Cache-Control (the
    exports' never_cache) knows better and is left alone; so are anonymous
    visitors' public pages.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if request.path_info.startswith(PERSONAL_PATHS):
            patch_cache_control(response, private=True, no_store=True)
        elif request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response
