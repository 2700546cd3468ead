"""
The reminder feed, read back as a calendar app would: one daily event at the
member's local time in their zone, with its VTIMEZONE, an RRULE and an alarm,
named after the day's routine; its token is its only key.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.test import Client
from icalendar import Calendar

from accounts.models import Profile
from practice import programs, reminders
from practice.models import Reminder
from tests.factories import make_program, make_routine

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")


def make_reminder(user, *, at: time = time(7, 30), weekdays: str = "", starts_on=None, zone=None):
    if zone:
        Profile.objects.create(user=user, timezone=zone)
    return Reminder.objects.create(
        user=user, time_of_day=at, weekdays=weekdays, starts_on=starts_on or date(2026, 6, 1)
    )


def fetch(reminder) -> Calendar:
    response = Client().get(f"/reminders/{reminder.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def only_event(calendar: Calendar):
    (event,) = calendar.events
    return event


def occurrences(event, count: int) -> list[datetime]:
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.start)
    return list(rule[:count])


@pytest.mark.parametrize(
    ("zone", "starts_on", "change_on"),
    [
        # Clocks go forward in Berlin on Sunday 29 March 2026.
        ("Europe/Berlin", date(2026, 3, 26), date(2026, 3, 29)),
        # And back in New York on Sunday 1 November 2026.
        ("America/New_York", date(2026, 10, 29), date(2026, 11, 1)),
    ],
)
def test_the_event_stays_at_the_chosen_local_time_across_a_dst_change(
    user, zone, starts_on, change_on
):
    reminder = make_reminder(user, at=time(7, 30), starts_on=starts_on, zone=zone)

    calendar = fetch(reminder)
    event = only_event(calendar)

    assert event.start == datetime.combine(starts_on, time(7, 30), tzinfo=ZoneInfo(zone))
    assert f"DTSTART;TZID={zone}:{starts_on:%Y%m%d}T073000".encode() in calendar.to_ical()
    week = occurrences(event, 7)
    assert [moment.date() for moment in week] == [starts_on + timedelta(days=n) for n in range(7)]
    assert {moment.time() for moment in week} == {time(7, 30)}
    # The same wall-clock time is a different UTC time once the clocks change.
    before = [m.astimezone(UTC).time() for m in week if m.date() < change_on]
    after = [m.astimezone(UTC).time() for m in week if m.date() >= change_on]
    assert len(set(before)) == len(set(after)) == 1
    assert before[0] != after[0]

    # The feed's own VTIMEZONE says so too, without the system's zone database.
    (vtimezone,) = calendar.timezones
    assert vtimezone.tz_name == zone
    own_zone = vtimezone.to_tz(lookup_tzid=False)
    for moment in week:
        local = moment.replace(tzinfo=None)
        assert local.replace(tzinfo=own_zone).utcoffset() == moment.utcoffset()


def test_it_repeats_daily_with_an_alarm_and_is_not_busy_time(user):
    event = only_event(fetch(make_reminder(user)))

    assert event["RRULE"]["FREQ"] == ["DAILY"]
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(0)
    assert event["TRANSP"] == "TRANSPARENT"
    assert event.duration == timedelta(minutes=10)


def test_chosen_weekdays_make_a_weekly_rule(user):
    event = only_event(fetch(make_reminder(user, weekdays="MO,WE,FR")))

    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    # 1 June 2026 is a Monday.
    assert [m.strftime("%a") for m in occurrences(event, 4)] == ["Mon", "Wed", "Fri", "Mon"]


def test_every_weekday_ticked_is_every_day(user):
    event = only_event(fetch(make_reminder(user, weekdays="MO,TU,WE,TH,FR,SA,SU")))
    assert event["RRULE"]["FREQ"] == ["DAILY"]


def test_with_a_program_under_way_it_is_named_after_the_days_routine(user):
    routine = make_routine(steps=2, title="Classic facial massage")
    programs.join(user, make_program([routine] * 30, title="30 sessions of massage"))

    event = only_event(fetch(make_reminder(user)))

    assert event["SUMMARY"] == "Classic facial massage"
    assert "30 sessions of massage: day 1 of 30, Classic facial massage." in event["DESCRIPTION"]
    assert event.duration == timedelta(minutes=1)  # two 30-second steps
    (alarm,) = event.walk("VALARM")
    assert alarm["DESCRIPTION"] == "Classic facial massage"


def test_without_a_program_it_is_a_plain_reminder(user):
    event = only_event(fetch(make_reminder(user)))
    assert event["SUMMARY"] == "Face routine"


def test_it_shows_nothing_about_the_member(user):
    body = Client().get(f"/reminders/{make_reminder(user).token}.ics").content.decode()
    assert user.username not in body
    assert user.email not in body


def test_a_wrong_token_is_404(user):
    reminder = make_reminder(user)
    assert Client().get(f"/reminders/{reminder.token[:-1]}x.ics").status_code == 404
    assert Client().get("/reminders/not-a-token.ics").status_code == 404


def test_a_reset_token_is_404_and_the_new_one_works(user):
    reminder = make_reminder(user)
    old = reminder.token

    reminders.reset_link(user)

    assert Client().get(f"/reminders/{old}.ics").status_code == 404
    new = Reminder.objects.get(user=user).token
    assert Client().get(f"/reminders/{new}.ics").status_code == 200


def test_a_deactivated_members_feed_is_404(user):
    reminder = make_reminder(user)
    user.is_active = False
    user.save()
    assert Client().get(f"/reminders/{reminder.token}.ics").status_code == 404


def test_it_rejects_post(user):
    assert Client().post(f"/reminders/{make_reminder(user).token}.ics").status_code == 405


def test_the_first_event_falls_on_a_chosen_weekday(user):
    # Tuesday 2 June 2026: the first Monday-or-Wednesday is the next day.
    event = only_event(fetch(make_reminder(user, weekdays="MO,WE", starts_on=date(2026, 6, 2))))
    assert event.start.date() == date(2026, 6, 3)
    assert [m.strftime("%a %d") for m in occurrences(event, 3)] == ["Wed 03", "Mon 08", "Wed 10"]
