"""
Whose day is it? Each person's days, streaks and calendar follow their own
time zone: the one saved in their profile, or else the one their browser
reports (static/js/timezone.js keeps it in a cookie), or else UTC.

Only region names ("Europe/Berlin", "America/Argentina/Cordoba") and "UTC"
are accepted. Bare aliases such as "localtime" or "Factory" mean nothing to
PostgreSQL, and "Etc/GMT+5" is read by Django as a name plus an offset; both
would turn a harmless cookie into a failing query.
"""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError

DEFAULT_ZONE = "UTC"

# Set by static/js/timezone.js from Intl.DateTimeFormat().resolvedOptions().timeZone.
ZONE_COOKIE = "timezone"

_NOT_REGIONS = ("Etc/", "SystemV/", "posix/", "right/")


@cache
def available_zones() -> frozenset[str]:
    """The zone names people can have, read once from the system's tz database."""
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(_NOT_REGIONS)
    ) | {DEFAULT_ZONE}


def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_zones())]


def valid_zone(name: str | None) -> str:
    """`name` if it is a zone we accept, else the empty string: bad input is ignored."""
    name = (name or "").strip()
    return name if name in available_zones() else ""


def validate_zone(value: str) -> None:
    if not valid_zone(value):
        raise ValidationError(
            "%(value)s is not a time zone we know. Choose one such as Europe/Berlin.",
            params={"value": value},
            code="invalid_time_zone",
        )
