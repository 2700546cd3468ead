"""
Reminders in the calendar a member already uses: a private iCalendar feed.

There is no email and no scheduler here. The feed holds one recurring event
at the member's chosen local time, in their time zone (TZID with its
VTIMEZONE), with an alarm, and their calendar app does the reminding. While
a program is under way the event is named after its next routine; calendar
apps are asked to fetch the feed again every hour so the name keeps up.

The random token in the feed's URL is its only key, so the feed shows
nothing beyond the reminder itself: no name, no email, no history.
Resetting the token makes the old URL a 404.
"""

from datetime import date, datetime, time, timedelta
from math import ceil
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from accounts.models import Profile
from accounts.timezones import DEFAULT_ZONE

from . import programs
from .models import Reminder, Weekday, new_feed_token

# How often calendar apps are asked to fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=1)
# How long the event lasts when no program names a routine to time it by.
DEFAULT_LENGTH = timedelta(minutes=10)
# The VTIMEZONE spells out the zone's changes over this many years from today.
ZONE_YEARS_AHEAD = 10


def save_reminder(user, time_of_day: time, weekdays: list[str]) -> Reminder:
    """Set (or change) when the member's calendar reminds them; the feed's link stays."""
    chosen = set(weekdays)
    reminder, _ = Reminder.objects.update_or_create(
        user=user,
        defaults={
            "time_of_day": time_of_day,
            "weekdays": ",".join(code for code in Weekday.values if code in chosen),
            "starts_on": timezone.localdate(),
        },
    )
    return reminder


def reset_link(user) -> Reminder | None:
    """A new token for the member's feed: the old link stops working at once."""
    reminder = Reminder.objects.filter(user=user).first()
    if reminder is not None:
        reminder.token = new_feed_token()
        reminder.save(update_fields=["token", "updated_at"])
    return reminder


def first_day(reminder: Reminder) -> date:
    """The first of the chosen weekdays from `starts_on`: RFC 5545 wants DTSTART to be
    an occurrence of its own rule."""
    codes = reminder.weekday_codes
    day = reminder.starts_on
    while codes and Weekday.values[day.weekday()] not in codes:
        day += timedelta(days=1)
    return day


def zone_of(user) -> ZoneInfo:
    """The member's own time zone (their profile's), as the feed has no request to read it from."""
    return ZoneInfo(Profile.objects.zone_of(user) or DEFAULT_ZONE)


def _what_is_next(runs) -> tuple[str, str, timedelta]:
    """The event's title, description and length, from the programs under way."""
    current = [(run, run.plan.current) for run in runs if run.plan.current is not None]
    if not current:
        return "Face routine", "Time for your face routine.", DEFAULT_LENGTH
    titles = list(dict.fromkeys(day.title for _, day in current))
    lines = [
        f"{run.program_title}: day {day.number} of {run.plan.total}, {day.title}."
        for run, day in current
    ]
    seconds = max(
        (day.routine.total_seconds for _, day in current if day.routine is not None), default=0
    )
    length = timedelta(minutes=ceil(seconds / 60)) if seconds else DEFAULT_LENGTH
    return " · ".join(titles), "\n".join(lines), length


def build_feed(reminder: Reminder, *, site_url: str, now: datetime | None = None) -> bytes:
    """The member's reminder feed as iCalendar text (RFC 5545)."""
    now = now or timezone.now()
    zone = zone_of(reminder.user)
    today = timezone.localdate(now, zone)
    title, description, length = _what_is_next(programs.active_plans(reminder.user, today))
    uid = f"facerouting-reminder-{reminder.pk}"

    event = Event.new(
        uid=uid,
        summary=title,
        description=f"{description}\n{site_url}",
        start=datetime.combine(first_day(reminder), reminder.time_of_day, tzinfo=zone),
        stamp=now,
        last_modified=reminder.updated_at,
        url=site_url,
    )
    event.duration = length
    codes = reminder.weekday_codes
    if codes and len(codes) < len(Weekday.values):
        event.add("rrule", {"freq": "weekly", "byday": codes})
    else:
        event.add("rrule", {"freq": "daily"})
    # A reminder, not an appointment: it never marks the member as busy.
    event.add("transp", "TRANSPARENT")
    event.add("class", "PRIVATE")
    alarm = Alarm.new(description=title)
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)

    calendar = Calendar.new(
        prodid="-//Facerouting//Reminders//EN",
        uid=f"{uid}-calendar",
        name="Facerouting reminders",
        refresh_interval=REFRESH_INTERVAL,
        subcomponents=[event],
    )
    # RFC 7986 asks for the value type on REFRESH-INTERVAL; some apps insist.
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    calendar.add("x-published-ttl", "PT1H")  # the same hint, as older apps read it
    calendar.add_missing_timezones(
        first_date=min(reminder.starts_on, today) - timedelta(days=1),
        last_date=date(today.year + ZONE_YEARS_AHEAD, 1, 1),
    )
    return calendar.to_ical()
