"""The account forms in our words: labels, one line of help, each error by its field,
and a time-zone picker of current names grouped by region."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test.html import parse_html

from accounts.forms import TimezoneForm
from accounts.models import Profile
from accounts.timezones import current_zones, utc_offset, valid_zone, zone_choices
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# What Django says when nobody has given it other words.
BOILERPLATE = [
    "Required. 150 characters or fewer",
    "Letters, digits and @/./+/-/_ only",
    "Your password can’t be too similar",
    "Your password must contain at least",
    "Your password can’t be a commonly used password",
    "Your password can’t be entirely numeric",
    "Enter the same password as before, for verification",
    "Password confirmation",
    "Please enter a correct",
    "Note that both fields may be case-sensitive",
    "The two password fields didn’t match",
]


def main(response) -> str:
    """The page's <main>: the form, without the navigation and footer around it."""
    assert response.status_code == 200
    return response.content.decode().split('<main id="main">')[1].split("</main>")[0]


def field_wrapper(page: str, input_id: str):
    """The element that holds the input `input_id`: its label, help and errors."""

    def find(element, parent):
        for child in getattr(element, "children", []):
            if (
                getattr(child, "name", None) == "input"
                and dict(child.attributes).get("id") == input_id
            ):
                return element, child
            if found := find(child, element):
                return found
        return None

    found = find(parse_html(page), None)
    assert found, f"no input #{input_id}"
    return found


def assert_no_boilerplate(page: str) -> None:
    for phrase in BOILERPLATE:
        assert phrase not in page, phrase


def test_signup_login_and_password_pages_speak_in_our_words(client):
    for path in ["/accounts/signup/", "/accounts/login/", "/accounts/password_reset/"]:
        assert_no_boilerplate(main(client.get(path)))
    client.force_login(make_user("carl"))
    assert_no_boilerplate(main(client.get("/accounts/password_change/")))


def test_the_signup_form_has_our_labels_and_one_line_of_password_help(client):
    page = main(client.get("/accounts/signup/"))
    assert '<label for="id_username">Username</label>' in page
    assert '<label for="id_email">Email</label>' in page
    assert '<label for="id_password1">Password</label>' in page
    assert '<label for="id_password2">Password again</label>' in page
    assert "At least 10 characters, and not a common one" in page
    # One line, not Django's bulleted list of rules.
    wrapper, _ = field_wrapper(page, "id_password1")
    assert "<ul" not in str(wrapper)
    assert '<button type="submit" class="button primary">Sign up</button>' in page


def test_the_login_label_says_username_or_email(client):
    page = main(client.get("/accounts/login/"))
    assert '<label for="id_username">Username or email</label>' in page
    # Keeps its name, for the password manager and accounts/backends.py.
    assert 'name="username"' in page
    # Long enough for an address.
    assert 'maxlength="254"' in page


def test_a_wrong_login_says_so_in_our_words(client):
    make_user("bea")
    response = client.post("/accounts/login/", {"username": "bea", "password": "not it at all"})
    assert "That username or email and password do not match an account." in main(response)


def test_a_too_short_password_is_refused_next_to_the_password_field(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "bea",
            "email": "bea@example.com",
            "password1": "short",
            "password2": "short",
        },
    )
    page = main(response)
    wrapper, password = field_wrapper(page, "id_password1")
    attributes = dict(password.attributes)
    assert attributes["aria-invalid"] == "true"
    assert "id_password1_error" in attributes["aria-describedby"].split()
    assert 'id="id_password1_error"' in str(wrapper)
    assert "too short" in str(wrapper)
    # And nowhere else: not under the second field, as Django would put it.
    other, again = field_wrapper(page, "id_password2")
    assert "too short" not in str(other)
    assert "aria-invalid" not in dict(again.attributes)
    assert not User.objects.filter(username="bea").exists()


def test_two_different_passwords_are_refused_next_to_the_second(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "bea",
            "email": "bea@example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrasf",
        },
    )
    wrapper, again = field_wrapper(main(response), "id_password2")
    assert "The two passwords are not the same" in str(wrapper)
    assert dict(again.attributes)["aria-invalid"] == "true"


def test_a_common_new_password_is_refused_next_to_the_new_password(client):
    client.force_login(make_user("carl"))
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct horse battery",
            "new_password1": "qwertyuiop",
            "new_password2": "qwertyuiop",
        },
    )
    page = main(response)
    assert '<label for="id_old_password">Current password</label>' in page
    wrapper, field = field_wrapper(page, "id_new_password1")
    assert "too common" in str(wrapper)
    assert dict(field.attributes)["aria-invalid"] == "true"


def test_the_zones_are_current_names_grouped_by_region():
    choices = zone_choices()
    assert choices[0][0] == "UTC"
    groups = dict(choices[1:])
    assert list(groups) == [
        "Africa",
        "Americas",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic Ocean",
        "Australia",
        "Europe",
        "Indian Ocean",
        "Pacific Ocean",
    ]
    names = {name for options in groups.values() for name, _ in options}
    assert {"Europe/Kyiv", "Asia/Kolkata", "Europe/Oslo", "America/Argentina/Cordoba"} <= names
    for old in ["Europe/Kiev", "Asia/Calcutta", "US/Eastern", "America/Buenos_Aires", "Etc/UTC"]:
        assert old not in names
    assert not any(name.startswith(("US/", "Etc/")) for name in names)
    assert names | {"UTC"} == current_zones()
    assert all(name.startswith("Europe/") for name, _ in groups["Europe"])
    assert len(names) > 350


def test_each_place_is_named_readably_with_its_offset():
    winter = datetime(2026, 1, 15, 12, tzinfo=UTC)
    labels = dict(option for _, options in zone_choices(winter)[1:] for option in options)
    assert labels["Asia/Kolkata"] == "Kolkata (UTC+05:30)"
    assert labels["America/Argentina/Buenos_Aires"] == "Argentina / Buenos Aires (UTC−03:00)"
    assert labels["Europe/London"] == "London (UTC)"
    assert utc_offset("Europe/Berlin", datetime(2026, 7, 1, tzinfo=UTC)) == "UTC+02:00"


def test_the_settings_page_shows_the_picker_in_groups(client, user):
    Profile.objects.create(user=user, timezone="Europe/Kyiv")
    client.force_login(user)
    page = main(client.get("/accounts/settings/"))
    assert '<optgroup label="Europe">' in page
    assert '<optgroup label="Asia">' in page
    assert re.search(r'<option value="Europe/Kyiv" selected>Kyiv \(UTC\+0[23]:00\)</option>', page)
    assert 'value="Europe/Kiev"' not in page
    assert 'value="US/Eastern"' not in page


@pytest.mark.parametrize(
    ("old", "current"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("US/Eastern", "America/New_York"),
    ],
)
def test_a_zone_saved_under_its_old_name_shows_as_its_current_one(client, user, old, current):
    Profile.objects.create(user=user, timezone=old)
    client.force_login(user)
    response = client.get("/accounts/settings/")
    page = main(response)
    assert f'<option value="{current}" selected>' in page
    assert page.count(" selected>") == 1
    # And the days follow it.
    assert client.get("/history/").context["zone_name"] == current


def test_a_saved_old_name_is_not_offered_again_as_the_browsers(client, user):
    Profile.objects.create(user=user, timezone="Asia/Calcutta")
    client.cookies["timezone"] = "Asia/Kolkata"
    client.force_login(user)
    assert "This browser is in" not in main(client.get("/accounts/settings/"))


def test_a_saved_zone_that_is_no_zone_shows_utc_which_its_days_follow(client, user):
    Profile.objects.create(user=user, timezone="Mars/Olympus_Mons")
    client.force_login(user)
    page = main(client.get("/accounts/settings/"))
    assert '<option value="UTC" selected>' in page


def test_posting_an_old_name_saves_the_current_one(client, user):
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    client.force_login(user)
    response = client.post("/accounts/settings/", {"timezone": "Asia/Calcutta"}, follow=True)
    assert "Your days now follow Asia/Kolkata." in response.content.decode()
    assert Profile.objects.get(user=user).timezone == "Asia/Kolkata"


def test_the_browsers_zone_is_offered_with_one_press(client, user):
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    client.cookies["timezone"] = "Europe/Kiev"  # an older browser's name
    client.force_login(user)
    page = main(client.get("/accounts/settings/"))
    assert "This browser is in Europe/Kyiv." in page
    assert '<input type="hidden" name="timezone" value="Europe/Kyiv">' in page
    assert "Use Europe/Kyiv</button>" in page
    client.post("/accounts/settings/", {"timezone": "Europe/Kyiv"})
    assert Profile.objects.get(user=user).timezone == "Europe/Kyiv"


def test_a_browser_sending_an_old_name_gets_the_current_one_saved(client, user):
    client.cookies["timezone"] = "Asia/Saigon"
    client.force_login(user)
    assert client.get("/history/").context["zone_name"] == "Asia/Ho_Chi_Minh"
    assert Profile.objects.get(user=user).timezone == "Asia/Ho_Chi_Minh"


def test_signup_saves_the_current_name_of_an_old_one(client):
    client.post(
        "/accounts/signup/",
        {
            "username": "bea",
            "email": "bea@example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "timezone": "America/Buenos_Aires",
        },
    )
    assert Profile.objects.get(user__username="bea").timezone == "America/Argentina/Buenos_Aires"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("US/Eastern", "America/New_York"),
        ("Etc/UTC", "UTC"),
        ("Europe/Oslo", "Europe/Oslo"),
        ("Etc/GMT+5", ""),
        ("localtime", ""),
    ],
)
def test_valid_zone_reads_old_names_as_current_ones(name, expected):
    assert valid_zone(name) == expected


def test_an_unknown_zone_is_refused_next_to_the_picker(user):
    form = TimezoneForm({"timezone": "Nowhere/Special"}, instance=Profile(user=user))
    assert not form.is_valid()
    assert "is not a time zone we know" in form.errors["timezone"][0]


def test_a_reset_link_asks_for_the_new_password_in_our_words(client, user):
    client.post("/accounts/password_reset/", {"email": user.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    page = main(response)
    assert_no_boilerplate(page)
    assert '<label for="id_new_password1">New password</label>' in page
    assert '<label for="id_new_password2">New password again</label>' in page
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"}
    )
    wrapper, field = field_wrapper(main(response), "id_new_password1")
    assert "too short" in str(wrapper)
    assert dict(field.attributes)["aria-invalid"] == "true"


@pytest.mark.parametrize("url", ["/accounts/signup/", "/accounts/login/"])
def test_labels_have_no_trailing_colon(client, url):
    page = client.get(url).content.decode()
    assert "Username" in page
    assert not re.search(r"<label[^>]*>[^<]*:</label>", page), url
