"""Account settings: the time zone, and the way to everything else that is the user's."""

import pytest

from accounts.models import Profile

pytestmark = pytest.mark.django_db


def test_it_shows_the_zone_and_links_to_password_exports_and_deletion(client, user):
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    client.force_login(user)
    response = client.get("/accounts/settings/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<option value="Europe/Berlin" selected>Berlin (UTC+0' in page
    for link in (
        "/accounts/password_change/",
        "/history/export.csv",
        "/history/export.json",
        "/accounts/delete/",
    ):
        assert f'href="{link}"' in page


def test_without_a_saved_zone_it_preselects_the_one_in_use(client, user):
    client.cookies["timezone"] = "Asia/Tokyo"
    client.force_login(user)
    page = client.get("/accounts/settings/").content.decode()
    assert '<option value="Asia/Tokyo" selected>' in page


def test_it_mentions_the_browsers_zone_when_it_differs(client, user):
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    client.cookies["timezone"] = "America/Chicago"
    client.force_login(user)
    page = client.get("/accounts/settings/").content.decode()
    assert "This browser is in America/Chicago." in page


def test_saving_a_zone_changes_it(client, user):
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    client.force_login(user)
    response = client.post("/accounts/settings/", {"timezone": "America/Chicago"}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/settings/"
    assert "Your days now follow America/Chicago." in response.content.decode()
    assert Profile.objects.get(user=user).timezone == "America/Chicago"
    assert client.get("/history/").context["zone_name"] == "America/Chicago"


def test_saving_creates_the_profile_when_there_is_none(client, user):
    client.force_login(user)
    client.post("/accounts/settings/", {"timezone": "Pacific/Auckland"})
    assert Profile.objects.get(user=user).timezone == "Pacific/Auckland"


@pytest.mark.parametrize("zone", ["Nowhere/Special", "localtime", ""])
def test_an_unknown_zone_is_refused_with_a_message(client, user, zone):
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    client.force_login(user)
    response = client.post("/accounts/settings/", {"timezone": zone})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Profile.objects.get(user=user).timezone == "Europe/Berlin"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/accounts/settings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_rejects_put(client, user):
    client.force_login(user)
    assert client.put("/accounts/settings/").status_code == 405
