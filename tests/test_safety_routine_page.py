"""A routine's page, adapted to the person's safety answers today."""

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Profile
from accounts.safety import GUEST_ANSWERS_SESSION_KEY
from catalogue.models import Pressure, Tool, Zone
from catalogue.safety import OPENING_LOST, Answer, Answers, Condition
from tests.factories import (
    answer_safety_check,
    make_lymphatic_technique,
    make_routine,
    make_step,
    make_user,
)

pytestmark = pytest.mark.django_db

BREAKOUT = Answers((Answer(Condition.ACNE, frozenset({Zone.CHEEKS})),))


def de_puff():
    lymphatic = make_lymphatic_technique()
    return make_routine(
        [
            make_step(lymphatic, title="Open the neck", zone=Zone.NECK, pressure=Pressure.FEATHER),
            make_step(lymphatic, title="Collarbones", zone=Zone.COLLARBONE),
            make_step(lymphatic, title="Cheeks outward", zone=Zone.CHEEKS),
            make_step(lymphatic, title="Forehead outward", zone=Zone.FOREHEAD),
        ],
        title="Morning de-puff",
    )


def page_of(client, routine) -> str:
    return client.get(routine.get_absolute_url()).content.decode()


def test_it_says_which_steps_are_left_out_and_why(client, user):
    routine = de_puff()
    answer_safety_check(user, BREAKOUT)
    client.force_login(user)

    page = page_of(client, routine)

    assert "Adapted for you: 1 step left out" in page
    assert "<strong>Cheeks outward</strong>" in page
    assert "Active breakout on the cheeks: massage can spread it and irritate the skin." in page


def test_without_answers_it_invites_the_check(client):
    page = page_of(client, de_puff())
    assert "Adapted for you" not in page
    assert "Take the safety check" in page and 'href="/safety/?next=' in page


def test_swollen_nodes_say_see_a_doctor_and_start_is_refused(client, user):
    routine = de_puff()
    answer_safety_check(user, Answers((Answer(Condition.SWOLLEN_NODES),)))
    client.force_login(user)

    page = page_of(client, routine)
    assert "Adapted for you: 4 steps left out" in page
    assert "Please see a doctor rather than massaging them." in page
    assert "Not offered today" in page


def test_losing_the_neck_opening_says_why_the_rest_is_not_offered(client, user):
    routine = de_puff()
    answer_safety_check(user, Answers((Answer(Condition.HEART_OR_THYROID),)))
    client.force_login(user)

    page = page_of(client, routine)

    assert "Adapted for you: 4 steps left out" in page
    assert OPENING_LOST in page


def test_without_a_stone_the_gua_sha_steps_are_done_by_hand(client, user):
    from tests.factories import make_technique

    make_step(
        make_lymphatic_technique(), title="Neck by hand", slug="neck-sides-sweep", zone=Zone.NECK
    )
    gua_sha = make_technique(name="Gua sha", slug="gua-sha", tool=Tool.GUA_SHA)
    routine = make_routine(
        [make_step(gua_sha, title="Stone on the neck", slug="gua-sha-neck-open-left")]
    )
    answer_safety_check(user, Answers((), frozenset({Tool.HANDS})))
    client.force_login(user)

    page = page_of(client, routine)

    assert "Adapted for you: 1 step done with your hands" in page
    assert "Stone on the neck</strong> → Neck by hand" in page


def test_one_persons_answers_never_show_on_anothers_page(client, user):
    routine = de_puff()
    answer_safety_check(user, BREAKOUT)
    client.force_login(make_user("bob"))

    page = page_of(client, routine)

    assert "Adapted for you" not in page and "Active breakout on the cheeks" not in page


def test_a_guests_adapted_page_is_private_and_a_plain_one_is_not(client):
    routine = de_puff()
    assert "Cache-Control" not in client.get(routine.get_absolute_url())

    session = client.session
    session[GUEST_ANSWERS_SESSION_KEY] = BREAKOUT.to_dict()
    session.save()
    response = client.get(routine.get_absolute_url())

    assert "Adapted for you: 1 step left out" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_a_members_adapted_page_is_private(client, user):
    routine = de_puff()
    answer_safety_check(user, BREAKOUT)
    client.force_login(user)
    assert "private" in client.get(routine.get_absolute_url())["Cache-Control"]


def test_a_dated_answer_ends_on_the_persons_local_day(client, user):
    """Fillers on 1 March leave the cheeks out through 14 March, local time:
    at 13:00 UTC on the 14th it is already the 15th in Auckland."""
    Profile.objects.create(user=user, timezone="Pacific/Auckland")
    routine = de_puff()
    fillers = Answer(Condition.INJECTABLES, frozenset({Zone.CHEEKS}), date(2025, 3, 1))
    answer_safety_check(user, Answers((fillers,)))
    client.force_login(user)
    utc_14th_afternoon = datetime(2025, 3, 14, 13, 0, tzinfo=UTC)

    with mock.patch("django.utils.timezone.now", return_value=utc_14th_afternoon):
        assert "Adapted for you" not in page_of(client, routine)  # the 15th in Auckland

    with mock.patch(
        "django.utils.timezone.now", return_value=utc_14th_afternoon - timedelta(hours=12)
    ):
        assert "Adapted for you: 1 step left out" in page_of(client, routine)  # the 14th


@pytest.mark.parametrize("answers", [BREAKOUT, Answers((), frozenset({Tool.HANDS}))])
def test_queries_do_not_grow_with_the_steps(client, user, answers):
    answer_safety_check(user, answers)
    client.force_login(user)

    def queries(steps: int) -> int:
        routine = make_routine(steps)
        with CaptureQueriesContext(connection) as captured:
            client.get(routine.get_absolute_url())
        return len(captured)

    assert queries(1) == queries(12)
