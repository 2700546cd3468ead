"""A routine's cautions: in full the first time, folded once the person said
"I have read these", in full again when a curator rewords them; and each
routine shows the cautions of its own techniques only."""

import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.cautions import GUEST_SESSION_KEY, digest, seen_value
from accounts.models import Profile
from catalogue.curated import TECHNIQUES
from catalogue.models import Technique
from tests.factories import make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db

READ_BUTTON = "I have read these"


def cautions_section(page: str) -> str:
    start = page.index('<section class="cautions"')
    return page[start : page.index("</section>", start)]


def details_tags(page: str) -> list[str]:
    """The <details> opening tags of the cautions section, in order."""
    return re.findall(r"<details[^>]*>", cautions_section(page))


def acknowledge(client, routine, techniques):
    return client.post(
        f"/routines/{routine.slug}/cautions/",
        {"seen": [seen_value(technique) for technique in techniques]},
    )


@pytest.fixture
def two_techniques():
    drainage = make_technique(name="Drainage", cautions="Not over swollen nodes.")
    roller = make_technique(name="Roller", cautions="Never over the eyelids.")
    routine = make_routine(steps=[make_step(drainage), make_step(roller), make_step(drainage)])
    return routine, [drainage, roller]


def test_a_first_visit_shows_every_caution_open_with_the_read_button(client, two_techniques):
    routine, _ = two_techniques

    page = client.get(routine.get_absolute_url()).content.decode()

    assert details_tags(page) == ["<details open>", "<details open>"]
    assert "Not over swollen nodes." in page and "Never over the eyelids." in page
    assert READ_BUTTON in cautions_section(page)
    # Start comes first, with the pointer to the cautions just above it.
    assert page.index("read the cautions below") < page.index(">Start</button>")
    assert page.index(">Start</button>") < page.index("Not over swollen nodes.")


def test_after_i_have_read_these_they_are_folded_but_still_there(client, user, two_techniques):
    routine, techniques = two_techniques
    client.force_login(user)

    response = acknowledge(client, routine, techniques)

    assert response.status_code == 302
    assert response["Location"] == routine.get_absolute_url()
    page = client.get(routine.get_absolute_url()).content.decode()
    assert details_tags(page) == ["<details>", "<details>"]
    assert "Not over swollen nodes." in page and "Never over the eyelids." in page
    assert READ_BUTTON not in page
    assert "read the cautions below" not in page
    stored = Profile.objects.get(user=user).acknowledged_cautions
    assert stored == {t.slug: digest(t.cautions) for t in techniques}


def test_reworded_cautions_are_shown_in_full_again(client, user, two_techniques):
    routine, (drainage, roller) = two_techniques
    client.force_login(user)
    acknowledge(client, routine, [drainage, roller])

    Technique.objects.filter(pk=roller.pk).update(cautions="Never over the eyelids or lips.")

    page = client.get(routine.get_absolute_url()).content.decode()
    assert details_tags(page) == ["<details>", "<details open>"]
    assert READ_BUTTON in page
    assert "read the cautions below" in page


def test_reading_one_routines_cautions_folds_them_on_another_with_the_same_technique(
    client, two_techniques
):
    routine, (drainage, roller) = two_techniques
    other = make_routine(steps=[make_step(drainage)])
    acknowledge(client, routine, [drainage, roller])

    page = client.get(other.get_absolute_url()).content.decode()

    assert details_tags(page) == ["<details>"]


def test_a_guests_acknowledgement_lives_in_their_browser_session(client, two_techniques):
    routine, techniques = two_techniques

    assert acknowledge(client, routine, techniques).status_code == 302

    assert client.session[GUEST_SESSION_KEY] == {t.slug: digest(t.cautions) for t in techniques}
    assert not Profile.objects.exists()
    page = client.get(routine.get_absolute_url()).content.decode()
    assert details_tags(page) == ["<details>", "<details>"]
    # Another browser has read nothing.
    other_browser = Client().get(routine.get_absolute_url()).content.decode()
    assert details_tags(other_browser) == ["<details open>", "<details open>"]


def test_a_guests_acknowledgement_counts_after_they_log_in_and_moves_to_the_account(
    client, user, two_techniques
):
    routine, (drainage, roller) = two_techniques
    acknowledge(client, routine, [drainage])
    client.force_login(user)  # Django keeps the session's data on login

    page = client.get(routine.get_absolute_url()).content.decode()
    assert details_tags(page) == ["<details>", "<details open>"]

    acknowledge(client, routine, [roller])
    assert set(Profile.objects.get(user=user).acknowledged_cautions) == {
        drainage.slug,
        roller.slug,
    }
    assert GUEST_SESSION_KEY not in client.session


def test_only_what_the_page_showed_is_recorded(client, user, two_techniques):
    """A digest of older wording, another routine's technique or junk records nothing."""
    routine, (drainage, roller) = two_techniques
    stranger = make_technique(cautions="Elsewhere.")
    client.force_login(user)

    response = client.post(
        f"/routines/{routine.slug}/cautions/",
        {
            "seen": [
                f"{drainage.slug}:{digest('An older wording.')}",
                seen_value(stranger),
                "no-colon",
                ":" * 500,
                seen_value(roller),
            ]
        },
    )

    assert response.status_code == 302
    assert Profile.objects.get(user=user).acknowledged_cautions == {
        roller.slug: digest(roller.cautions)
    }


@pytest.mark.parametrize(
    "data", [{}, {"seen": ""}, {"seen": "x" * 10_000}, {"seen": ["a:b", "\x00"]}]
)
def test_bad_input_is_never_a_500(client, two_techniques, data):
    routine, _ = two_techniques

    response = client.post(f"/routines/{routine.slug}/cautions/", data)

    assert response.status_code == 302
    assert GUEST_SESSION_KEY not in client.session


def test_a_profile_made_by_acknowledging_keeps_a_valid_time_zone(client, user, two_techniques):
    routine, techniques = two_techniques
    client.force_login(user)
    acknowledge(client, routine, techniques)
    profile = Profile.objects.get(user=user)
    profile.full_clean()


def test_get_on_the_acknowledge_url_is_405(client, two_techniques):
    routine, _ = two_techniques
    assert client.get(f"/routines/{routine.slug}/cautions/").status_code == 405


def test_an_unknown_or_hidden_routine_is_404(client, user, other_user):
    assert client.post("/routines/no-such-routine/cautions/").status_code == 404
    private = make_routine(owner=user)
    client.force_login(other_user)
    assert client.post(f"/routines/{private.slug}/cautions/").status_code == 404


@pytest.mark.parametrize("member", [False, True], ids=["guest", "member"])
def test_the_query_count_does_not_change_with_acknowledging(client, user, two_techniques, member):
    routine, techniques = two_techniques
    if member:
        client.force_login(user)
    else:  # a returning guest, whose browser session exists already
        session = client.session
        session["something"] = "else"
        session.save()
    with CaptureQueriesContext(connection) as before:
        assert client.get(routine.get_absolute_url()).status_code == 200
    acknowledge(client, routine, techniques)
    with CaptureQueriesContext(connection) as after:
        assert client.get(routine.get_absolute_url()).status_code == 200
    assert 0 < len(before) == len(after)


def test_a_page_with_cautions_read_is_private_to_the_guest(client, two_techniques):
    routine, techniques = two_techniques
    acknowledge(client, routine, techniques)
    assert "private" in client.get(routine.get_absolute_url())["Cache-Control"]


# --- The curated content: each routine shows its own techniques' cautions ---

NECK_WORDS = ("lymph", "nodes", "heart failure", "thyroid", "front of the throat")


def test_facial_yoga_cautions_say_nothing_of_lymphatic_neck_work():
    yoga = next(t for t in TECHNIQUES if t["slug"] == "facial-yoga")
    for word in NECK_WORDS:
        assert word not in yoga["cautions"].lower(), word


@pytest.mark.parametrize(
    "slug", ["lymphatic-drainage", "gua-sha", "classic-facial-massage", "face-roller"]
)
def test_the_techniques_that_work_the_neck_keep_its_cautions(slug):
    cautions = next(t for t in TECHNIQUES if t["slug"] == slug)["cautions"].lower()
    for word in NECK_WORDS:
        assert word in cautions, (slug, word)


def test_the_facial_yoga_routine_page_shows_no_lymph_node_or_neck_drainage_cautions(client):
    call_command("load_content")

    page = client.get("/routines/facial-yoga-forehead/").content.decode()

    section = cautions_section(page).lower()
    assert "facial yoga" in section
    for word in NECK_WORDS:
        assert word not in section, word
    assert "lymph" not in page.lower()
    assert "drainage" not in page.lower()


def test_a_drainage_routine_page_still_shows_the_neck_cautions(client):
    call_command("load_content")

    page = client.get("/routines/morning-de-puff/").content.decode()

    section = cautions_section(page)
    assert "If lymph nodes in your neck or under your jaw are swollen or painful" in section
    assert "Never press on the front of the throat." in section


def test_the_data_export_lists_the_cautions_read_and_whether_they_still_read_so(
    client, user, two_techniques
):
    routine, (drainage, roller) = two_techniques
    client.force_login(user)
    acknowledge(client, routine, [drainage, roller])
    roller.cautions = "Never over the eyelids or broken skin."
    roller.save()

    response = client.get("/history/export.json")

    assert response.status_code == 200
    document = json.loads(b"".join(response.streaming_content))
    assert document["acknowledged_cautions"] == [
        {
            "technique": drainage.slug,
            "name": "Drainage",
            "cautions_read": digest("Not over swollen nodes."),
            "still_current": True,
            "cautions": "Not over swollen nodes.",
        },
        {
            "technique": roller.slug,
            "name": "Roller",
            "cautions_read": digest("Never over the eyelids."),
            "still_current": False,
            "cautions": None,  # reworded since: what they read is only its fingerprint
        },
    ]


def test_the_export_of_someone_who_read_no_cautions_says_so(client, user):
    client.force_login(user)

    document = json.loads(b"".join(client.get("/history/export.json").streaming_content))

    assert document["acknowledged_cautions"] == []
