"""Activate each request's time zone, so every date shown and counted is local."""

from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import Profile
from .timezones import DEFAULT_ZONE, ZONE_COOKIE, valid_zone


def zone_name_for(request: HttpRequest) -> str:
    """The user's saved zone; else the zone their browser reported; else UTC.

    A signed-in user without a saved zone keeps the browser's on this first
    visit, so that their days stop shifting when they use another device.
    """
    reported = valid_zone(request.COOKIES.get(ZONE_COOKIE))
    if request.user.is_authenticated:
        if saved := Profile.objects.zone_of(request.user):
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
