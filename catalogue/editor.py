"""
A person's own routines: create, copy, and change their steps.

Every write is one function under `transaction.atomic` that first locks the
routine row, so two tabs editing the same routine take turns.

Like the player's controls, each change names what the browser showed: the
routine step and the position it saw, the step count it saw, or the whole
order. A change that no longer fits (a double-click, a retry, another tab)
changes nothing and returns None or False; the caller then simply shows the
routine as it is now. A change that would break a rule raises EditError with
a message for the person.

Positions are unique per routine, and the constraint is checked row by row,
so rows that move are first parked out of the way at position + PARKED.
"""

import secrets

from django.db import transaction
from django.db.models import Count, F, Max, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from .models import ROUTINE_LIMIT_SECONDS, Routine, RoutineStep, Step
from .templatetags.durations import duration

# Far above any real position (an hour of 5-second steps is 720), and low
# enough that a parked position still fits a PositiveSmallIntegerField.
PARKED = 10_000

TITLE_MAX_LENGTH = Routine._meta.get_field("title").max_length
COPY_SUFFIX = " (my copy)"


class EditError(ValueError):
    """A change that would break a rule. The message is for the person."""


def new_slug(title: str) -> str:
    """A slug no routine has: the title's, plus a short random token.

    Slugs are global and stay fixed when the routine is renamed, so its
    address never changes.
    """
    base = slugify(title)[:80].strip("-") or "routine"
    while True:
        slug = f"{base}-{secrets.token_hex(3)}"
        if not Routine.objects.filter(slug=slug).exists():
            return slug


def _lock(routine: Routine) -> None:
    """Take the routine's row lock until the transaction ends (and note the edit)."""
    if not Routine.objects.filter(pk=routine.pk).update(updated_at=timezone.now()):
        raise Routine.DoesNotExist(f"Routine {routine.pk} was deleted.")


def _totals(routine: Routine) -> dict:
    return RoutineStep.objects.filter(routine=routine).aggregate(
        count=Count("pk"),
        last_position=Coalesce(Max("position"), 0),
        total_seconds=Coalesce(Sum(Coalesce("duration_override", "step__duration_seconds")), 0),
    )


def _check_length(total_seconds: int, what: str) -> None:
    if total_seconds >= ROUTINE_LIMIT_SECONDS:
        raise EditError(
            f"{what} would make this routine {duration(total_seconds)} long; a routine stays "
            f"under {duration(ROUTINE_LIMIT_SECONDS)}. Shorten or remove a step first."
        )


@transaction.atomic
def create_routine(owner, title: str, goal: str) -> Routine:
    """An empty private routine for `owner`, ready for steps from the library."""
    return Routine.objects.create(
        owner=owner, title=title, slug=new_slug(title), goal=goal, is_published=False
    )


@transaction.atomic
def copy_routine(source: Routine, owner) -> Routine:
    """A private copy of `source` for `owner`: same steps, same order, same lengths."""
    base = source.title.removesuffix(COPY_SUFFIX)
    title = base[: TITLE_MAX_LENGTH - len(COPY_SUFFIX)] + COPY_SUFFIX
    routine_steps = list(
        RoutineStep.objects.filter(routine=source).select_related("step").order_by("position")
    )
    _check_length(sum(rs.duration_seconds for rs in routine_steps), "Copying it")
    copy = Routine.objects.create(
        owner=owner,
        title=title,
        slug=new_slug(source.title),
        goal=source.goal,
        description=source.description,
        is_published=False,
        copied_from=source,
    )
    # Numbered 1, 2, 3… whatever gaps the source has: the order is what counts.
    RoutineStep.objects.bulk_create(
        RoutineStep(
            routine=copy,
            step_id=rs.step_id,
            position=position,
            duration_override=rs.duration_override,
        )
        for position, rs in enumerate(routine_steps, start=1)
    )
    return copy


@transaction.atomic
def add_step(routine: Routine, step: Step, *, expected_count: int) -> RoutineStep | None:
    """Append `step`, if the routine still has the `expected_count` steps the browser saw."""
    _lock(routine)
    totals = _totals(routine)
    if totals["count"] != expected_count:
        return None
    _check_length(totals["total_seconds"] + step.duration_seconds, f"Adding “{step.title}”")
    return RoutineStep.objects.create(
        routine=routine, step=step, position=totals["last_position"] + 1
    )


@transaction.atomic
def remove_step(routine: Routine, routine_step_id: int) -> RoutineStep | None:
    """Remove one step; the ones after it move up a place."""
    _lock(routine)
    routine_step = (
        RoutineStep.objects.filter(routine=routine, pk=routine_step_id)
        .select_related("step")
        .first()
    )
    if routine_step is None:
        return None
    routine_step.delete()
    later = RoutineStep.objects.filter(routine=routine, position__gt=routine_step.position)
    later.update(position=F("position") + PARKED)
    RoutineStep.objects.filter(routine=routine, position__gt=PARKED).update(
        position=F("position") - PARKED - 1
    )
    return routine_step


@transaction.atomic
def move_step(
    routine: Routine, routine_step_id: int, position: int, offset: int
) -> RoutineStep | None:
    """Swap a step with the one before (offset -1) or after (+1) it.

    Applies only while the step is still at the `position` the browser
    showed, so the same move posted twice moves it once.
    """
    _lock(routine)
    moving = (
        RoutineStep.objects.filter(routine=routine, pk=routine_step_id, position=position)
        .select_related("step")
        .first()
    )
    if moving is None or offset not in (-1, 1):
        return None
    others = RoutineStep.objects.filter(routine=routine)
    if offset < 0:
        neighbour = others.filter(position__lt=position).order_by("-position").first()
    else:
        neighbour = others.filter(position__gt=position).order_by("position").first()
    if neighbour is None:
        return None
    RoutineStep.objects.filter(pk=moving.pk).update(position=position + PARKED)
    RoutineStep.objects.filter(pk=neighbour.pk).update(position=position)
    RoutineStep.objects.filter(pk=moving.pk).update(position=neighbour.position)
    moving.position = neighbour.position
    return moving


@transaction.atomic
def set_order(routine: Routine, ordered_ids: list[int]) -> bool:
    """Put the steps in the order given, which must name each of them once."""
    _lock(routine)
    current = list(
        RoutineStep.objects.filter(routine=routine)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    if len(ordered_ids) != len(current) or set(ordered_ids) != set(current):
        return False
    if ordered_ids == current:
        return True
    RoutineStep.objects.filter(routine=routine).update(position=F("position") + PARKED)
    RoutineStep.objects.bulk_update(
        [
            RoutineStep(pk=pk, routine=routine, position=position)
            for position, pk in enumerate(ordered_ids, start=1)
        ],
        ["position"],
    )
    return True


@transaction.atomic
def set_duration(routine: Routine, routine_step_id: int, seconds: int) -> RoutineStep | None:
    """Give one step of the routine its own length (its default length clears the override)."""
    _lock(routine)
    routine_step = (
        RoutineStep.objects.filter(routine=routine, pk=routine_step_id)
        .select_related("step")
        .first()
    )
    if routine_step is None:
        return None
    if seconds > routine_step.duration_seconds:
        total = _totals(routine)["total_seconds"] - routine_step.duration_seconds + seconds
        _check_length(total, f"{duration(seconds)} for “{routine_step.step.title}”")
    override = None if seconds == routine_step.step.duration_seconds else seconds
    routine_step.duration_override = override
    routine_step.save(update_fields=["duration_override"])
    return routine_step
