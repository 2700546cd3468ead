import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalogue.models import Routine, RoutineStep, Step
from tests.factories import make_routine, make_step, make_technique

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seconds", [0, 4, 901])
def test_step_duration_outside_5_to_900_seconds_is_invalid(seconds):
    step = Step(
        technique=make_technique(),
        title="Too long",
        slug="too-long",
        zone="neck",
        direction="downward",
        side="both",
        pressure="light",
        duration_seconds=seconds,
        instruction="x",
        cue="x",
    )
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "duration_seconds" in error.value.message_dict


@pytest.mark.parametrize("seconds", [5, 900])
def test_step_duration_bounds_are_inclusive(seconds):
    step = make_step(duration_seconds=seconds)
    step.full_clean()


def test_the_database_refuses_an_out_of_range_duration_too():
    step = make_step()
    with pytest.raises(IntegrityError), transaction.atomic():
        Step.objects.filter(pk=step.pk).update(duration_seconds=0)


def test_stroke_count_must_be_at_least_one():
    step = make_step()
    step.stroke_count = 0
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "stroke_count" in error.value.message_dict


def test_step_slugs_are_unique():
    make_step(slug="neck-sweep")
    duplicate = Step(**{**_step_fields(), "slug": "neck-sweep"})
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict


def _step_fields():
    return {
        "technique": make_technique(),
        "title": "Neck sweep",
        "zone": "neck",
        "direction": "downward",
        "side": "both",
        "pressure": "feather",
        "duration_seconds": 30,
        "instruction": "Glide down.",
        "cue": "Down.",
    }


def test_two_steps_cannot_share_a_position_in_a_routine():
    routine = make_routine(steps=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutineStep.objects.create(routine=routine, step=make_step(), position=1)


def test_duration_override_is_validated_like_a_step_duration():
    routine_step = make_routine(steps=1).routine_steps.get()
    routine_step.duration_override = 1000
    with pytest.raises(ValidationError):
        routine_step.full_clean()


def test_total_duration_is_computed_from_steps_and_overrides():
    technique = make_technique()
    routine = make_routine(
        steps=[
            make_step(technique, duration_seconds=30),
            make_step(technique, duration_seconds=45),
        ]
    )
    RoutineStep.objects.filter(routine=routine, position=2).update(duration_override=60)

    assert Routine.objects.get(pk=routine.pk).total_seconds == 90
    assert Routine.objects.with_total_seconds().get(pk=routine.pk).total_seconds == 90


def test_an_empty_routine_lasts_zero_seconds():
    routine = make_routine(steps=0)
    assert Routine.objects.with_total_seconds().get(pk=routine.pk).total_seconds == 0


def test_visible_to_shows_published_curated_routines_to_anyone(user, staff_user):
    from django.contrib.auth.models import AnonymousUser

    published = make_routine(steps=1)
    draft = make_routine(steps=1, is_published=False)
    owned = make_routine(steps=1, owner=user, is_published=False)

    assert set(Routine.objects.visible_to(AnonymousUser())) == {published}
    assert set(Routine.objects.visible_to(user)) == {published, owned}
    assert set(Routine.objects.visible_to(staff_user)) == {published, draft}
