"""The safety check at /safety/: members keep their answers on the account,
guests in the browser session until they sign up or log in."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import SafetyCheck
from accounts.safety import GUEST_ANSWERS_SESSION_KEY
from catalogue.models import Tool, Zone
from catalogue.safety import Answer, Answers, Condition
from tests.factories import answer_safety_check, make_user

pytestmark = pytest.mark.django_db

URL = "/safety/"


def today() -> date:
    return timezone.localdate()


def fillers_last_week() -> dict:
    return {
        "injectables_zones": ["mouth"],
        "injectables_on": (today() - timedelta(days=7)).isoformat(),
        "acne_zones": ["cheeks"],
        "tools": ["gua_sha"],
    }


def test_it_is_at_safety_and_named_safety():
    assert reverse("safety") == URL


def test_it_shows_the_form_to_a_visitor(client):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Safe for you today" in page
    assert "Botulinum toxin or fillers" in page
    assert "Swollen or painful lymph nodes in the neck or under the jaw" in page
    assert "Microcurrent device" in page


def test_a_member_saves_their_answers_on_the_account(client, user):
    client.force_login(user)

    response = client.post(URL, fillers_last_week())

    assert response.status_code == 302
    answers = Answers.from_dict(SafetyCheck.objects.get(user=user).answers)
    assert answers.get(Condition.INJECTABLES) == Answer(
        Condition.INJECTABLES, frozenset({Zone.MOUTH}), today() - timedelta(days=7)
    )
    assert answers.get(Condition.ACNE).zones == {Zone.CHEEKS}
    assert answers.tools == {Tool.HANDS, Tool.GUA_SHA}


def test_a_member_sees_and_edits_their_answers(client, user):
    client.force_login(user)
    client.post(URL, fillers_last_week())

    page = client.get(URL).content.decode()
    assert f'value="{(today() - timedelta(days=7)).isoformat()}"' in page

    client.post(URL, {"swollen_nodes": "on"})
    answers = Answers.from_dict(SafetyCheck.objects.get(user=user).answers)
    assert [a.condition for a in answers.answers] == [Condition.SWOLLEN_NODES]
    assert answers.tools == {Tool.HANDS}


def test_a_guest_keeps_their_answers_in_the_browser_session(client):
    client.post(URL, fillers_last_week())

    assert not SafetyCheck.objects.exists()
    stored = Answers.from_dict(client.session[GUEST_ANSWERS_SESSION_KEY])
    assert stored.get(Condition.ACNE).zones == {Zone.CHEEKS}


def test_it_goes_on_to_the_page_it_came_from_but_never_off_site(client):
    assert client.post(URL, {"next": "/routines/x/"})["Location"] == "/routines/x/"
    assert client.post(URL, {"next": "https://evil.example/"})["Location"] == URL


def test_a_guests_answers_move_to_the_account_on_signup(client):
    client.post(URL, fillers_last_week())

    client.post(
        reverse("signup"),
        {
            "username": "newbie",
            "email": "newbie@example.com",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )

    check = SafetyCheck.objects.get(user__username="newbie")
    assert Answers.from_dict(check.answers).get(Condition.ACNE).zones == {Zone.CHEEKS}
    assert GUEST_ANSWERS_SESSION_KEY not in client.session


def test_a_guests_answers_replace_the_older_ones_on_login(client, user):
    answer_safety_check(user, Answers((Answer(Condition.PREGNANCY),)))
    client.post(URL, {"cold_sore_zones": ["mouth"]})

    client.post(reverse("login"), {"username": "alice", "password": "correct horse battery"})

    answers = Answers.from_dict(SafetyCheck.objects.get(user=user).answers)
    assert [a.condition for a in answers.answers] == [Condition.COLD_SORE]


def test_logging_in_without_guest_answers_keeps_the_accounts(client, user):
    answer_safety_check(user, Answers((Answer(Condition.PREGNANCY),)))
    client.post(reverse("login"), {"username": "alice", "password": "correct horse battery"})
    answers = Answers.from_dict(SafetyCheck.objects.get(user=user).answers)
    assert [a.condition for a in answers.answers] == [Condition.PREGNANCY]


def test_the_answers_are_deleted_with_the_account(client, user):
    answer_safety_check(user, Answers((Answer(Condition.PREGNANCY),)))
    client.force_login(user)

    client.post(reverse("delete_account"), {"password": "correct horse battery"})

    assert not SafetyCheck.objects.exists()


def test_the_answers_are_exported_with_the_data(client, user):
    client.force_login(user)
    client.post(URL, fillers_last_week())

    exported = b"".join(client.get(reverse("practice:export_json")).streaming_content)

    import json

    document = json.loads(exported)
    assert document["safety_check"]["conditions"]["acne"] == {"zones": ["cheeks"]}
    assert document["safety_check"]["conditions"]["injectables"]["zones"] == ["mouth"]


def test_one_persons_answers_never_show_on_anothers_check(client, user):
    answer_safety_check(user, Answers((Answer(Condition.ACNE, frozenset({Zone.NOSE})),)))
    client.force_login(make_user("bob"))
    page = client.get(URL).content.decode()
    assert 'value="nose" checked' not in page and "checked" not in page


def test_the_check_is_never_kept_by_a_shared_cache(client):
    response = client.get(URL)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


# --- Bad input: a clear message, never a 500, nothing saved ---


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"injectables_zones": ["mouth"], "injectables_on": days_ago(-3)},
            "That day is in the future: give the day it happened.",
        ),
        (
            {"surgery_zones": ["jaw"], "surgery_on": days_ago(400)},
            "That is more than a year ago: it no longer changes your routines",
        ),
        (
            {"procedure_zones": ["cheeks"], "procedure_on": "2025-02-30"},
            "That is not a day on the calendar",
        ),
        (
            {"wound_zones": ["ears"], "wound_on": "next tuesday"},
            "That is not a day on the calendar",
        ),
        (
            {"wound_zones": ["ears"]},
            "On which day? The date says how long to leave it out.",
        ),
        ({"injectables_on": days_ago(2)}, "Where? Choose the areas it concerns."),
        ({"acne_zones": ["elbow"]}, "“elbow” is not an area we know: choose from the list."),
        ({"tools": ["laser"]}, "“laser” is not a tool we know."),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, user, data, message):
    client.force_login(user)

    response = client.post(URL, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SafetyCheck.objects.exists()
