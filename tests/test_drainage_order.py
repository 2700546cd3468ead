"""The drainage-order warning: lymphatic strokes on the face wait for the neck to open."""

import pytest
from django.core.management import call_command

from catalogue.models import Routine, Zone
from tests.factories import make_lymphatic_technique, make_own_routine, make_routine, make_step

pytestmark = pytest.mark.django_db

WARNING = "Drainage order: open the neck first"


@pytest.fixture
def lymphatic():
    technique = make_lymphatic_technique()
    return {
        zone: make_step(technique, title=f"Drain the {zone}", zone=zone)
        for zone in (Zone.NECK, Zone.COLLARBONE, Zone.CHEEKS, Zone.UNDER_EYE)
    }


def warns(steps) -> bool:
    return Routine.objects.get(pk=make_routine(steps=steps).pk).drains_before_opening_the_neck


def test_drainage_that_opens_at_the_neck_or_collarbone_is_in_order(lymphatic):
    assert not warns([lymphatic[Zone.NECK], lymphatic[Zone.CHEEKS]])
    assert not warns([lymphatic[Zone.COLLARBONE], lymphatic[Zone.UNDER_EYE]])


def test_drainage_of_the_face_before_the_neck_is_out_of_order(lymphatic):
    assert warns([lymphatic[Zone.CHEEKS], lymphatic[Zone.NECK]])
    assert warns([lymphatic[Zone.UNDER_EYE]])


def test_other_techniques_before_the_neck_do_not_count(lymphatic):
    cleanse = make_step(title="Clean the skin", zone=Zone.WHOLE_FACE)
    assert not warns([cleanse, lymphatic[Zone.NECK], lymphatic[Zone.CHEEKS]])
    assert not warns([make_step(zone=Zone.CHEEKS), make_step(zone=Zone.FOREHEAD)])
    assert not warns([])


def test_no_curated_routine_needs_the_warning():
    call_command("load_content")
    routines = Routine.objects.curated().prefetch_related("routine_steps__step__technique")
    assert routines.count() >= 7
    assert [r.slug for r in routines if r.drains_before_opening_the_neck] == []


def test_the_editor_warns_but_still_offers_start(client, user, lymphatic):
    routine = make_own_routine(user, steps=[lymphatic[Zone.CHEEKS], lymphatic[Zone.NECK]])
    client.force_login(user)

    page = client.get(f"/my-routines/{routine.slug}/edit/").content.decode()

    assert WARNING in page
    assert "nodes of the neck" in page
    assert ">Start</button>" in page


def test_the_warning_goes_once_the_neck_is_moved_to_the_top(client, user, lymphatic):
    routine = make_own_routine(user, steps=[lymphatic[Zone.CHEEKS], lymphatic[Zone.NECK]])
    neck = routine.routine_steps.get(position=2)
    client.force_login(user)

    response = client.post(
        f"/my-routines/{routine.slug}/move/",
        {"routine_step": neck.pk, "position": 2, "direction": "up"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert WARNING not in response.content.decode()


def test_the_routine_page_warns_too(client, user, lymphatic):
    routine = make_own_routine(user, steps=[lymphatic[Zone.UNDER_EYE]])
    client.force_login(user)
    assert WARNING in client.get(routine.get_absolute_url()).content.decode()
