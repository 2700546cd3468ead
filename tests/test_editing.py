"""catalogue/editor.py on its own: copies, moves, orders, additions and lengths."""

import pytest

from catalogue import editor
from catalogue.models import ROUTINE_LIMIT_SECONDS, Routine, RoutineStep
from tests.factories import make_own_routine, make_routine, make_step

pytestmark = pytest.mark.django_db


def step_ids(routine: Routine) -> list[int]:
    return list(routine.routine_steps.order_by("position").values_list("step_id", flat=True))


def rows(routine: Routine) -> list[tuple[int, int]]:
    """(routine step id, position), in order."""
    return list(routine.routine_steps.order_by("position").values_list("pk", "position"))


# --- Copy ---------------------------------------------------------------------


def test_a_copy_has_the_same_steps_in_the_same_order_with_the_same_lengths(user):
    steps = [make_step(duration_seconds=seconds) for seconds in (30, 45, 60, 20)]
    source = make_routine(steps=steps, title="Morning de-puff", description="Gentle.")
    # The source's positions have gaps and an override, as a curator's edits leave them.
    RoutineStep.objects.filter(routine=source, step=steps[2]).update(duration_override=90)
    RoutineStep.objects.filter(routine=source, step=steps[3]).update(position=40)

    copy = editor.copy_routine(source, user)

    assert copy.owner == user
    assert not copy.is_published
    assert copy.title == "Morning de-puff (my copy)"
    assert copy.description == "Gentle."
    assert copy.goal == source.goal
    assert copy.slug.startswith("morning-de-puff-") and copy.slug != source.slug
    assert step_ids(copy) == step_ids(source)
    assert list(copy.routine_steps.values_list("position", "duration_override")) == [
        (1, None),
        (2, None),
        (3, 90),
        (4, None),
    ]
    assert Routine.objects.with_total_seconds().get(pk=copy.pk).total_seconds == 30 + 45 + 90 + 20


def test_copying_is_one_transaction_nothing_is_left_when_a_step_fails(user, monkeypatch):
    source = make_routine(steps=3)

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(RoutineStep.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        editor.copy_routine(source, user)

    assert not Routine.objects.owned_by(user).exists()


def test_copying_a_copy_does_not_pile_up_suffixes(user):
    first = editor.copy_routine(make_routine(title="Jaw unclench"), user)
    second = editor.copy_routine(first, user)
    assert second.title == "Jaw unclench (my copy)"
    assert second.slug != first.slug


def test_new_slugs_are_unique_and_safe_for_any_title():
    slugs = {editor.new_slug("Morning de-puff") for _ in range(50)}
    assert len(slugs) == 50
    assert editor.new_slug("Утро").startswith("routine-")


# --- Move -------------------------------------------------------------------------


def test_moving_a_step_down_swaps_it_with_the_next(user):
    routine = make_own_routine(user, steps=3)
    (a, _), (b, _), (c, _) = rows(routine)

    moved = editor.move_step(routine, a, 1, +1)

    assert moved.pk == a
    assert rows(routine) == [(b, 1), (a, 2), (c, 3)]


def test_the_same_move_posted_twice_moves_the_step_once(user):
    routine = make_own_routine(user, steps=4)
    (a, _), (b, _), (c, _), (d, _) = rows(routine)

    assert editor.move_step(routine, c, 3, -1) is not None
    assert editor.move_step(routine, c, 3, -1) is None  # the repeat: c is no longer at 3

    assert rows(routine) == [(a, 1), (c, 2), (b, 3), (d, 4)]


def test_a_move_past_either_end_changes_nothing(user):
    routine = make_own_routine(user, steps=2)
    before = rows(routine)
    (a, _), (b, _) = before
    assert editor.move_step(routine, a, 1, -1) is None
    assert editor.move_step(routine, b, 2, +1) is None
    assert rows(routine) == before


def test_moves_skip_over_gaps_in_the_positions(user):
    routine = make_own_routine(user, steps=3)
    (a, _), (b, _), (c, _) = rows(routine)
    RoutineStep.objects.filter(pk=c).update(position=9)

    editor.move_step(routine, c, 9, -1)

    assert rows(routine) == [(a, 1), (c, 2), (b, 9)]


def test_a_step_of_another_routine_cannot_be_moved(user, other_user):
    mine = make_own_routine(user, steps=2)
    theirs = make_own_routine(other_user, steps=2)
    before = rows(theirs)
    assert editor.move_step(mine, before[0][0], 1, +1) is None
    assert rows(theirs) == before


# --- Order (drag and drop) -----------------------------------------------------


def test_setting_the_whole_order(user):
    routine = make_own_routine(user, steps=4)
    (a, _), (b, _), (c, _), (d, _) = rows(routine)

    assert editor.set_order(routine, [d, b, a, c])
    assert editor.set_order(routine, [d, b, a, c])  # posted twice: the same order

    assert rows(routine) == [(d, 1), (b, 2), (a, 3), (c, 4)]


@pytest.mark.parametrize(
    "order",
    [
        lambda a, b, c: [a, b],  # one missing (removed in another tab)
        lambda a, b, c: [a, b, c, 999_999],  # one too many
        lambda a, b, c: [a, a, b],  # one twice
    ],
)
def test_an_order_that_does_not_name_each_step_once_changes_nothing(user, order):
    routine = make_own_routine(user, steps=3)
    before = rows(routine)
    assert not editor.set_order(routine, order(*(pk for pk, _ in before)))
    assert rows(routine) == before


# --- Add and remove ----------------------------------------------------------------


def test_adding_appends_the_step_at_the_end(user):
    routine = make_own_routine(user, steps=2)
    step = make_step()

    added = editor.add_step(routine, step, expected_count=2)

    assert added.position == 3
    assert step_ids(routine)[-1] == step.pk


def test_the_same_add_posted_twice_adds_the_step_once(user):
    routine = make_own_routine(user, steps=2)
    step = make_step()
    assert editor.add_step(routine, step, expected_count=2) is not None
    assert editor.add_step(routine, step, expected_count=2) is None
    assert routine.routine_steps.count() == 3


def test_an_empty_routine_takes_its_first_step(user):
    routine = editor.create_routine(user, "From scratch", "relax")
    editor.add_step(routine, make_step(), expected_count=0)
    assert rows(routine)[0][1] == 1


def test_removing_a_step_closes_the_gap(user):
    routine = make_own_routine(user, steps=4)
    (a, _), (b, _), (c, _), (d, _) = rows(routine)

    removed = editor.remove_step(routine, b)

    assert removed.position == 2
    assert rows(routine) == [(a, 1), (c, 2), (d, 3)]
    assert editor.remove_step(routine, b) is None  # posted twice


# --- Lengths and the one-hour limit ----------------------------------------------


def test_a_length_is_kept_as_an_override_and_the_default_clears_it(user):
    routine = make_own_routine(user, steps=[make_step(duration_seconds=30)])
    ((pk, _),) = rows(routine)

    assert editor.set_duration(routine, pk, 75).duration_override == 75
    assert editor.set_duration(routine, pk, 30).duration_override is None


def test_adding_a_step_that_would_reach_an_hour_is_refused(user):
    routine = make_own_routine(user, steps=[make_step(duration_seconds=900) for _ in range(3)])
    with pytest.raises(editor.EditError, match="under 1 h"):
        editor.add_step(routine, make_step(duration_seconds=900), expected_count=3)
    assert routine.routine_steps.count() == 3
    # Just under the hour is fine.
    editor.add_step(routine, make_step(duration_seconds=899), expected_count=3)
    assert Routine.objects.with_total_seconds().get(pk=routine.pk).total_seconds == (
        ROUTINE_LIMIT_SECONDS - 1
    )


def test_lengthening_a_step_past_the_hour_is_refused_and_shortening_always_works(user):
    routine = make_own_routine(user, steps=[make_step(duration_seconds=900) for _ in range(4)])
    (pk, _), *_ = rows(routine)
    RoutineStep.objects.filter(pk=pk).update(duration_override=890)  # 59 min 50 s in all

    with pytest.raises(editor.EditError, match="1 h"):
        editor.set_duration(routine, pk, 900)
    assert RoutineStep.objects.get(pk=pk).duration_override == 890
    assert editor.set_duration(routine, pk, 899).duration_override == 899
    assert editor.set_duration(routine, pk, 5).duration_override == 5


def test_a_routine_of_an_hour_or_more_cannot_be_copied(user):
    source = make_routine(steps=[make_step(duration_seconds=900) for _ in range(4)])
    with pytest.raises(editor.EditError):
        editor.copy_routine(source, user)
    assert not Routine.objects.owned_by(user).exists()
