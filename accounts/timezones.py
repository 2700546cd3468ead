"""
Whose day is it? Each person's days, streaks and calendar follow their own
time zone: the one saved in their profile, or else the one their browser
reports (static/js/timezone.js keeps it in a cookie), or else UTC.

The zones people choose from are the tz database's current names, one per
country and region (its zone.tab: "Europe/Kyiv", "Asia/Kolkata",
"America/Argentina/Cordoba"), and "UTC". Older names are still accepted,
from a browser or a profile saved before, and read as their current name
through the database's links ("Europe/Kiev" is "Europe/Kyiv", "US/Eastern"
is "America/New_York"), so nobody loses their zone. Anything else is
refused: bare names such as "localtime" or "Factory" mean nothing to
PostgreSQL, and "Etc/GMT+5" is read by Django as a name plus an offset;
both would turn a harmless cookie into a failing query.
"""

import importlib.resources
import sysconfig
import zoneinfo
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError

DEFAULT_ZONE = "UTC"

# Set by static/js/timezone.js from Intl.DateTimeFormat().resolvedOptions().timeZone.
ZONE_COOKIE = "timezone"

_NOT_REGIONS = ("Etc/", "SystemV/", "posix/", "right/")
# Names the tz database links to UTC's own zones ("Etc/UTC", "Zulu", "GMT"…).
_UTC_ZONES = frozenset({"Etc/UTC", "Etc/GMT"})

# The picker's groups, named for people: the tz database's first part.
REGIONS = {
    "Africa": "Africa",
    "America": "Americas",
    "Antarctica": "Antarctica",
    "Arctic": "Arctic",
    "Asia": "Asia",
    "Atlantic": "Atlantic Ocean",
    "Australia": "Australia",
    "Europe": "Europe",
    "Indian": "Indian Ocean",
    "Pacific": "Pacific Ocean",
}


def _tz_file(name: str) -> str:
    """A file of the tz database: from the tzdata package if it is installed
    (a dependency, so the same on every machine), else from the system's."""
    try:
        return importlib.resources.files("tzdata.zoneinfo").joinpath(name).read_text()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        pass
    for folder in (*zoneinfo.TZPATH, sysconfig.get_config_var("TZPATH") or ""):
        path = Path(folder) / name
        if folder and path.is_file():
            return path.read_text()
    return ""


@cache
def current_zones() -> frozenset[str]:
    """The zones people choose from: zone.tab's names that this machine can load, and UTC."""
    loadable = zoneinfo.available_timezones()
    listed = {
        columns[2]
        for line in _tz_file("zone.tab").splitlines()
        if line and not line.startswith("#") and len(columns := line.split("\t")) > 2
    }
    zones = listed & loadable
    if not zones:
        # No zone.tab anywhere: every region name, old ones too, rather than none.
        zones = {name for name in loadable if "/" in name and not name.startswith(_NOT_REGIONS)}
    return frozenset(zones | {DEFAULT_ZONE})


@cache
def _current_names() -> dict[str, str]:
    """Every name we accept → the current name it stands for."""
    names = {name: name for name in current_zones()}
    names.update(dict.fromkeys(_UTC_ZONES, DEFAULT_ZONE))
    # tzdata.zi's links, "L Europe/Kyiv Europe/Kiev": the second is the first.
    for line in _tz_file("tzdata.zi").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L" and parts[2] not in names:
            target = DEFAULT_ZONE if parts[1] in _UTC_ZONES else parts[1]
            if target in current_zones():
                names[parts[2]] = target
    # A region name this machine knows but that maps to no current one (an
    # odd tz database): accepted as it is, never silently dropped.
    for name in zoneinfo.available_timezones():
        if "/" in name and not name.startswith(_NOT_REGIONS):
            names.setdefault(name, name)
    return names


def available_zones() -> frozenset[str]:
    """Every zone name we accept, old names included."""
    return frozenset(_current_names())


def valid_zone(name: str | None) -> str:
    """The current name of zone `name` if it is one we accept, else the empty
    string: bad input is ignored, an old name is read as its current one."""
    name = (name or "").strip()
    return _current_names().get(name, "")


def validate_zone(value: str) -> None:
    if not valid_zone(value):
        raise ValidationError(
            "%(value)s is not a time zone we know. Choose one such as Europe/Berlin.",
            params={"value": value},
            code="invalid_time_zone",
        )


def utc_offset(name: str, now: datetime | None = None) -> str:
    """The zone's offset from UTC at `now`: "UTC+05:30", "UTC−03:00", or "UTC"."""
    moment = (now or datetime.now(UTC)).astimezone(zoneinfo.ZoneInfo(name))
    minutes = round(moment.utcoffset().total_seconds() / 60)
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02}:{minutes:02}"


def place_name(name: str) -> str:
    """The zone without its region, as people write it: "Argentina / Buenos Aires"."""
    return name.partition("/")[2].replace("_", " ").replace("/", " / ") or name


def zone_label(name: str, now: datetime | None = None) -> str:
    if name == DEFAULT_ZONE:
        return "UTC (no daylight saving)"
    return f"{place_name(name)} ({utc_offset(name, now)})"


def zone_choices(now: datetime | None = None) -> list:
    """UTC, then one group per region, each place in it alphabetically with its offset now."""
    now = now or datetime.now(UTC)
    # Offsets change on the hour or the quarter: the same list for each quarter hour.
    return _zone_choices(now.replace(minute=now.minute // 15 * 15, second=0, microsecond=0))


@lru_cache(maxsize=4)
def _zone_choices(now: datetime) -> list:
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in current_zones() - {DEFAULT_ZONE}:
        region = name.partition("/")[0]
        groups.setdefault(REGIONS.get(region, region), []).append((name, zone_label(name, now)))
    return [(DEFAULT_ZONE, zone_label(DEFAULT_ZONE))] + [
        (region, sorted(groups[region], key=lambda choice: choice[1].casefold()))
        for region in sorted(groups)
    ]
