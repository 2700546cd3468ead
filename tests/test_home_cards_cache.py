"""The home page's routine cards are cached, and every change to the catalogue shows at once."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalogue.models import Step, Technique, Tool, Zone
from catalogue.safety import Answers
from tests.factories import answer_safety_check, make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db

DEVICE = Answers((), frozenset({Tool.HANDS, Tool.MICROCURRENT}))


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def cards(page: str) -> str:
    return page[page.index('<section class="goal-section"') :]


@pytest.fixture
def routine():
    technique = make_technique(name="Gentle pressing")
    return make_routine(steps=[make_step(technique, zone=Zone.NECK)], title="Quiet neck")


def test_a_second_visit_reuses_the_cards_without_reading_the_steps(client, routine):
    with CaptureQueriesContext(connection) as first:
        first_page = home(client)
    with CaptureQueriesContext(connection) as second:
        second_page = home(client)

    assert cards(second_page) == cards(first_page)
    assert "Quiet neck" in second_page and "Gentle pressing" in second_page
    # The routines with their steps and techniques are read only on the first visit.
    assert len(second) == len(first) - 2


def test_renaming_a_routine_shows_at_once(client, routine):
    home(client)
    routine.title = "Calm neck"
    routine.save()
    page = home(client)
    assert "Calm neck" in page and "Quiet neck" not in page


def test_renaming_a_technique_shows_at_once(client, routine):
    home(client)
    technique = Technique.objects.get(name="Gentle pressing")
    technique.name = "Soft pressing"
    technique.save()
    page = home(client)
    assert "Soft pressing" in page and "Gentle pressing" not in page


def test_moving_a_step_to_another_zone_shows_at_once(client, routine):
    assert "Zones worked: neck" in home(client)
    step = Step.objects.get(routines=routine)
    step.zone = Zone.FOREHEAD
    step.save()
    page = home(client)
    assert "Zones worked: forehead" in page and "Zones worked: neck" not in page


def test_a_new_routine_and_a_new_step_show_at_once(client, routine):
    home(client)
    make_routine(steps=2, title="Evening unwind")
    assert "Evening unwind" in home(client)
    routine.routine_steps.create(step=make_step(zone=Zone.JAW), position=2)
    routine.save()  # as the admin saves a routine with its steps inline
    assert "Zones worked: neck and jawline" in home(client)


def test_unpublishing_from_the_admin_shows_at_once(client, staff_user, routine):
    other = make_routine(steps=1, title="Evening unwind")
    assert "Quiet neck" in home(client)
    curator = Client()
    curator.force_login(staff_user)
    curator.post(
        "/admin/catalogue/routine/",
        {"action": "unpublish", "_selected_action": [routine.pk]},
    )
    page = home(client)
    assert "Quiet neck" not in page and "Evening unwind" in page
    curator.post(
        "/admin/catalogue/routine/",
        {"action": "publish", "_selected_action": [routine.pk]},
    )
    assert "Quiet neck" in home(client)
    assert other.title in home(client)


def test_device_routines_only_for_those_who_own_one_whoever_came_first(client, user):
    call_command("load_content", stdout=io.StringIO())
    owner = Client()
    answer_safety_check(user, DEVICE)
    owner.force_login(user)

    assert "Microcurrent lift" not in home(client)
    assert "Microcurrent lift" in home(owner)
    assert "Microcurrent lift" not in home(client)
    assert "Microcurrent lift" in home(owner)
