"""The reminders page: a time of day and weekdays, the feed's links, and Reset link."""

from datetime import time

import pytest

from practice.models import Reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, user):
    client.force_login(user)
    return client


def test_it_asks_for_a_time_before_giving_a_link(member):
    page = member.get("/reminders/").content.decode()
    assert 'type="time"' in page
    assert 'value="07:30"' in page
    assert "webcal://" not in page
    assert ">Reset link</button>" not in page


def test_saving_a_time_gives_webcal_and_https_links(member, user):
    response = member.post(
        "/reminders/", {"time_of_day": "06:45", "weekdays": ["MO", "WE", "FR"]}, follow=True
    )

    reminder = Reminder.objects.get(user=user)
    assert reminder.time_of_day == time(6, 45)
    assert reminder.weekday_codes == ["MO", "WE", "FR"]
    assert len(reminder.token) >= 40
    page = response.content.decode()
    assert "Saved: your calendar reminds you at 06:45 on Monday, Wednesday and Friday." in page
    assert f'href="webcal://testserver/reminders/{reminder.token}.ics"' in page
    assert f'value="http://testserver/reminders/{reminder.token}.ics"' in page
    assert ">Reset link</button>" in page
    assert "in your time zone, <strong>UTC</strong>;" in page


def test_changing_the_time_keeps_the_link(member, user):
    member.post("/reminders/", {"time_of_day": "06:45"})
    token = Reminder.objects.get(user=user).token

    member.post("/reminders/", {"time_of_day": "21:00"})

    reminder = Reminder.objects.get(user=user)
    assert (reminder.time_of_day, reminder.weekdays, reminder.token) == (time(21), "", token)


@pytest.mark.parametrize("value", ["25:00", "7:75", "noon", "", "07:30; DROP TABLE"])
def test_a_time_that_is_no_time_of_day_is_refused_with_a_message(member, value):
    response = member.post("/reminders/", {"time_of_day": value})
    assert response.status_code == 200
    assert "Enter a time of day" in response.content.decode()
    assert not Reminder.objects.exists()


def test_an_unknown_weekday_is_refused_with_a_message(member):
    response = member.post("/reminders/", {"time_of_day": "07:30", "weekdays": ["MO", "XX"]})
    assert response.status_code == 200
    assert "XX is not a weekday" in response.content.decode()
    assert not Reminder.objects.exists()


def test_htmx_gets_the_reminder_region(member):
    response = member.post("/reminders/", {"time_of_day": "07:30"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="reminder"')
    assert "<html" not in page
    assert "webcal://" in page


def test_htmx_gets_its_errors_in_the_region(member):
    response = member.post("/reminders/", {"time_of_day": "25:00"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="reminder"')
    assert "Enter a time of day" in page


def test_reset_link_gives_a_new_token(member, user):
    member.post("/reminders/", {"time_of_day": "07:30"})
    old = Reminder.objects.get(user=user).token

    response = member.post("/reminders/reset/", follow=True)

    new = Reminder.objects.get(user=user).token
    assert new != old
    page = response.content.decode()
    assert "the old one no longer works" in page
    assert new in page
    assert old not in page


def test_reset_link_without_a_reminder_asks_for_a_time(member):
    response = member.post("/reminders/reset/", follow=True)
    assert "Choose a time first" in response.content.decode()
    assert not Reminder.objects.exists()


def test_visitors_are_sent_to_log_in(client):
    response = client.get("/reminders/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
