import pytest
from django.core.management import call_command

from catalogue.models import Routine, RoutineStep, Step, Technique, Zone

pytestmark = pytest.mark.django_db


def counts():
    return (
        Technique.objects.count(),
        Step.objects.count(),
        Routine.objects.count(),
        RoutineStep.objects.count(),
    )


def test_it_loads_the_curated_catalogue():
    call_command("load_content")

    techniques, steps, routines, _ = counts()
    assert techniques >= 5
    assert steps >= 40
    assert routines >= 5
    assert set(Routine.objects.published().curated().values_list("slug", flat=True)) >= {
        "morning-de-puff",
        "gua-sha-sculpt",
        "classic-facial-massage",
        "facial-yoga-forehead",
    }


def test_loading_twice_duplicates_nothing():
    call_command("load_content")
    first = counts()
    call_command("load_content")
    assert counts() == first


def test_loading_again_keeps_a_curators_edits():
    call_command("load_content")
    routine = Routine.objects.get(slug="morning-de-puff")
    routine.title = "Wake-up de-puff"
    routine.save()
    first, second = routine.routine_steps.all()[:2]
    # The curator swaps the first two steps.
    RoutineStep.objects.filter(pk=first.pk).update(position=999)
    RoutineStep.objects.filter(pk=second.pk).update(position=first.position)
    RoutineStep.objects.filter(pk=first.pk).update(position=second.position)
    Step.objects.filter(pk=first.step_id).update(cue="My own words.")

    call_command("load_content")

    routine.refresh_from_db()
    assert routine.title == "Wake-up de-puff"
    assert list(routine.routine_steps.values_list("step_id", flat=True)[:2]) == [
        second.step_id,
        first.step_id,
    ]
    assert Step.objects.get(pk=first.step_id).cue == "My own words."


def test_every_lymphatic_routine_opens_with_neck_and_collarbone():
    call_command("load_content")
    lymphatic = Routine.objects.filter(steps__technique__slug="lymphatic-drainage").distinct()
    assert lymphatic.exists()
    for routine in lymphatic:
        first = routine.routine_steps.select_related("step").first().step
        assert first.zone in {Zone.NECK, Zone.COLLARBONE}, routine.title


def test_morning_de_puff_lasts_four_to_seven_minutes():
    call_command("load_content")
    routine = Routine.objects.with_total_seconds().get(slug="morning-de-puff")
    assert 4 * 60 <= routine.total_seconds <= 7 * 60
