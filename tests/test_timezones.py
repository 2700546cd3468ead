"""Each person's days follow their own time zone: saved, or as their browser reports it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.middleware import zone_name_for
from accounts.models import Profile
from accounts.timezones import available_zones, valid_zone

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


def zone_of_page(response) -> str:
    return response.context["zone_name"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("UTC", "UTC"),
        (" Asia/Tokyo ", "Asia/Tokyo"),
        ("localtime", ""),
        ("Factory", ""),
        ("Etc/GMT+5", ""),
        ("Europe/Atlantis", ""),
        ("../../etc/passwd", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_valid_zone(name, expected):
    assert valid_zone(name) == expected


def test_available_zones_are_region_names():
    zones = available_zones()
    assert "Europe/Berlin" in zones
    assert "UTC" in zones
    assert len(zones) > 300


def test_a_visitor_gets_the_zone_their_browser_reports(rf):
    request = rf.get("/", HTTP_COOKIE="timezone=Asia/Tokyo")
    request.user = AnonymousUser()
    assert zone_name_for(request) == "Asia/Tokyo"
    assert not Profile.objects.exists()


@pytest.mark.parametrize("cookie", ["Not/AZone", "localtime", "'; DROP TABLE", "A" * 500])
def test_a_bad_cookie_is_ignored_not_an_error(client, user, cookie):
    client.cookies["timezone"] = cookie
    client.force_login(user)
    response = client.get("/history/")
    assert response.status_code == 200
    assert zone_of_page(response) == "UTC"
    assert not Profile.objects.exists()


def test_on_first_visit_a_user_keeps_the_browsers_zone(client, user):
    client.cookies["timezone"] = "America/New_York"
    client.force_login(user)
    response = client.get("/history/")
    assert zone_of_page(response) == "America/New_York"
    assert Profile.objects.get(user=user).timezone == "America/New_York"


def test_a_saved_zone_wins_over_the_browser(client, user):
    Profile.objects.create(user=user, timezone="Europe/Lisbon")
    client.cookies["timezone"] = "Asia/Tokyo"
    client.force_login(user)
    assert zone_of_page(client.get("/history/")) == "Europe/Lisbon"
    assert Profile.objects.get(user=user).timezone == "Europe/Lisbon"


def test_a_saved_zone_that_no_longer_exists_falls_back_safely(client, user):
    Profile.objects.create(user=user, timezone="Mars/Olympus_Mons")
    client.force_login(user)
    response = client.get("/history/")
    assert response.status_code == 200
    assert zone_of_page(response) == "UTC"


def test_without_any_zone_it_is_utc(client, user):
    client.force_login(user)
    assert zone_of_page(client.get("/history/")) == "UTC"
    assert not Profile.objects.exists()


def signup(client, **extra):
    data = {
        "username": "bea",
        "email": "bea@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post("/accounts/signup/", {**data, **extra})


def test_signup_keeps_the_zone_the_browser_filled_in(client):
    response = signup(client, timezone="Australia/Sydney")
    assert response.status_code == 302
    assert Profile.objects.get(user__username="bea").timezone == "Australia/Sydney"


def test_signup_ignores_a_zone_it_does_not_know(client):
    assert signup(client, timezone="Nowhere/Special").status_code == 302
    assert not Profile.objects.filter(user__username="bea").exists()


def test_the_signup_form_has_a_field_for_the_browser_to_fill(client):
    page = client.get("/accounts/signup/").content.decode()
    assert 'type="hidden" name="timezone"' in page
    assert "data-timezone" in page
    assert "js/timezone.js" in page
