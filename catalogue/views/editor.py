"""The routine editor: a person's own routine, changed inline one action at a time.

Every change is a POST to its own small view. htmx requests get the changed
region back (the steps, or the title) plus a status line for screen readers;
plain form posts are redirected back to the editor, so it all works without
JavaScript. Bad input shows the region again with the message (status 200,
which htmx swaps); a change that no longer fits the routine (a repeated
click, another tab) changes nothing and shows the routine as it is now.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import retarget

from catalogue import editor
from catalogue.forms import (
    AddStepForm,
    MoveStepForm,
    RemoveStepForm,
    RoutineTitleForm,
    StepDurationForm,
    StepLibraryFilter,
    StepOrderForm,
)
from catalogue.models import ROUTINE_LIMIT_SECONDS, Routine, RoutineStep
from catalogue.templatetags.durations import duration

TEMPLATE = "catalogue/routine_editor.html"
STALE = "Nothing changed: the routine had already changed (a repeated click, or another tab)."


def _owned_routine(request: HttpRequest, slug: str) -> Routine:
    """The signed-in person's own routine; anyone else's, or a curated one, is a 404."""
    return get_object_or_404(Routine.objects.owned_by(request.user), slug=slug)


def _with_steps(routine: Routine) -> Routine:
    """Load the routine's steps (fresh, after any change) in one query."""
    prefetch_related_objects(
        [routine],
        Prefetch("routine_steps", queryset=RoutineStep.objects.select_related("step__technique")),
    )
    return routine


def _steps_context(routine: Routine, **extra) -> dict:
    routine_steps = list(routine.routine_steps.all())
    return {
        "routine": routine,
        "routine_steps": routine_steps,
        "step_count": len(routine_steps),
        "limit_seconds": ROUTINE_LIMIT_SECONDS,
        **extra,
    }


def _page_context(request: HttpRequest, routine: Routine, **extra) -> dict:
    library_filter = StepLibraryFilter(request.GET)
    return _steps_context(routine, **extra) | {
        "title_form": extra.get("title_form") or RoutineTitleForm(instance=routine),
        "library_filter": library_filter,
        "library_steps": library_filter.steps(),
    }


def _done(
    request: HttpRequest,
    routine: Routine,
    announcement: str,
    *,
    region: str = "steps",
    status_ok: bool = True,
    **extra,
) -> HttpResponse:
    """The answer to a change (or to one that did not apply)."""
    if not request.htmx:
        if announcement:
            (messages.success if status_ok else messages.info)(request, announcement)
        return redirect("catalogue:edit", routine.slug)
    context = _steps_context(_with_steps(routine), announcement=announcement, **extra)
    if region == "title":
        context["title_form"] = extra.get("title_form") or RoutineTitleForm(instance=routine)
    return render(request, f"{TEMPLATE}#{region}_update", context)


def _invalid(request: HttpRequest, routine: Routine, *, region: str = "steps", **extra):
    """Show the region again with what was wrong (the whole page without htmx)."""
    _with_steps(routine)
    if not request.htmx:
        return render(request, TEMPLATE, _page_context(request, routine, **extra))
    context = _steps_context(routine, **extra)
    if region == "title":
        context["title_form"] = extra["title_form"]
        context["announcement"] = " ".join(extra["title_form"].errors.get("title", []))
    else:
        context["announcement"] = extra.get("error") or extra.get("duration_error", "")
    return render(request, f"{TEMPLATE}#{region}_update", context)


def _form_problem(form) -> str:
    problems = " ".join(error for errors in form.errors.values() for error in errors)
    return f"That change could not be applied: {problems} Reload the page and try again."


@require_safe
@login_required
@vary_on_headers("HX-Request")
def edit_routine(request: HttpRequest, slug: str) -> HttpResponse:
    """The editor page; htmx asks it for the step library, filtered."""
    routine = _owned_routine(request, slug)
    if request.htmx:
        library_filter = StepLibraryFilter(request.GET)
        return render(
            request,
            f"{TEMPLATE}#library_results",
            {
                "routine": routine,
                "library_filter": library_filter,
                "library_steps": library_filter.steps(),
            },
        )
    return render(request, TEMPLATE, _page_context(request, _with_steps(routine)))


@require_POST
@login_required
def rename_routine(request: HttpRequest, slug: str) -> HttpResponse:
    routine = _owned_routine(request, slug)
    form = RoutineTitleForm(request.POST, instance=routine)
    if not form.is_valid():
        return _invalid(request, routine, region="title", title_form=form)
    form.save()
    return _done(request, routine, f"Renamed to “{routine.title}”.", region="title")


@require_POST
@login_required
def add_step(request: HttpRequest, slug: str) -> HttpResponse:
    routine = _owned_routine(request, slug)
    form = AddStepForm(request.POST)
    if not form.is_valid():
        return _invalid(request, routine, error=_form_problem(form))
    step = form.cleaned_data["step"]
    try:
        added = editor.add_step(routine, step, expected_count=form.cleaned_data["count"])
    except editor.EditError as error:
        return _invalid(request, routine, error=str(error))
    except Routine.DoesNotExist:
        raise Http404 from None
    if added is None:
        return _done(request, routine, STALE, status_ok=False)
    return _done(
        request, routine, f"Added “{step.title}” as step {form.cleaned_data['count'] + 1}."
    )


@require_POST
@login_required
def remove_step(request: HttpRequest, slug: str) -> HttpResponse:
    routine = _owned_routine(request, slug)
    form = RemoveStepForm(request.POST)
    if not form.is_valid():
        return _invalid(request, routine, error=_form_problem(form))
    try:
        removed = editor.remove_step(routine, form.cleaned_data["routine_step"])
    except Routine.DoesNotExist:
        raise Http404 from None
    if removed is None:
        return _done(request, routine, STALE, status_ok=False)
    # The button pressed is gone: keep the keyboard where it was, on the
    # step that took its place (or the new last one).
    remaining = list(_with_steps(routine).routine_steps.all())
    if remaining:
        following = [rs for rs in remaining if rs.position >= removed.position]
        (following[0] if following else remaining[-1]).autofocus = True
    return _done(
        request,
        routine,
        f"Removed “{removed.step.title}”.",
        autofocus_heading=not remaining,
    )


@require_POST
@login_required
def move_step(request: HttpRequest, slug: str) -> HttpResponse:
    routine = _owned_routine(request, slug)
    form = MoveStepForm(request.POST)
    if not form.is_valid():
        return _invalid(request, routine, error=_form_problem(form))
    try:
        moved = editor.move_step(
            routine,
            form.cleaned_data["routine_step"],
            form.cleaned_data["position"],
            form.offset,
        )
    except Routine.DoesNotExist:
        raise Http404 from None
    if moved is None:
        return _done(request, routine, _why_not_moved(routine, form), status_ok=False)
    order = [rs.pk for rs in _with_steps(routine).routine_steps.all()]
    number = order.index(moved.pk) + 1
    direction = form.cleaned_data["direction"]
    return _done(
        request,
        routine,
        f"Moved “{moved.step.title}” {direction} to step {number} of {len(order)}.",
    )


def _why_not_moved(routine: Routine, form: MoveStepForm) -> str:
    """Already at the end it was moved toward, or the list had changed meanwhile."""
    routine_steps = RoutineStep.objects.filter(routine=routine)
    routine_step = routine_steps.filter(
        pk=form.cleaned_data["routine_step"], position=form.cleaned_data["position"]
    ).first()
    if routine_step is None:
        return STALE
    return f"That step is already {'first' if form.offset < 0 else 'last'}."


@require_POST
@login_required
def reorder_steps(request: HttpRequest, slug: str) -> HttpResponse:
    """Drag and drop: the whole new order at once."""
    routine = _owned_routine(request, slug)
    form = StepOrderForm(request.POST)
    if not form.is_valid():
        return _invalid(request, routine, error=_form_problem(form))
    try:
        applied = editor.set_order(routine, form.cleaned_data["order"])
    except Routine.DoesNotExist:
        raise Http404 from None
    if not applied:
        return _done(request, routine, STALE, status_ok=False)
    announcement = "Saved the new order."
    order = form.cleaned_data["order"]
    moved = form.cleaned_data["moved"]
    if moved in order:
        step = next(rs.step for rs in _with_steps(routine).routine_steps.all() if rs.pk == moved)
        number = order.index(moved) + 1
        announcement = f"Moved “{step.title}” to step {number} of {len(order)}."
    return _done(request, routine, announcement)


# A length's form asks htmx to swap back only its own step (#item-<pk>), so
# the page stays where the person is typing. An answer about the whole list
# (the step is gone, a forged post) says so: it replaces the list instead.
STEPS_REGION = "#routine-steps"


@require_POST
@login_required
def set_duration(request: HttpRequest, slug: str) -> HttpResponse:
    routine = _owned_routine(request, slug)
    form = StepDurationForm(request.POST)
    if not form.is_valid():
        if "routine_step" in form.errors:
            return retarget(_invalid(request, routine, error=_form_problem(form)), STEPS_REGION)
        return _invalid_duration(request, routine, form, " ".join(form.errors["seconds"]))
    try:
        changed = editor.set_duration(
            routine, form.cleaned_data["routine_step"], form.cleaned_data["seconds"]
        )
    except editor.EditError as error:
        return _invalid_duration(request, routine, form, str(error))
    except Routine.DoesNotExist:
        raise Http404 from None
    if changed is None:
        return retarget(_done(request, routine, STALE, status_ok=False), STEPS_REGION)
    _with_steps(routine)
    announcement = (
        f"“{changed.step.title}” now lasts {duration(changed.duration_seconds)}; "
        f"the routine, {duration(routine.total_seconds)}."
    )
    if not request.htmx:
        return _done(request, routine, announcement)
    return _one_step(request, routine, changed.pk, announcement=announcement)


def _invalid_duration(
    request: HttpRequest, routine: Routine, form: StepDurationForm, message: str
) -> HttpResponse:
    """Show the length the person typed, with the message, on the step they changed."""
    _with_steps(routine)
    for routine_step in routine.routine_steps.all():
        if routine_step.pk == form.cleaned_data.get("routine_step"):
            routine_step.entered_seconds = form.data.get("seconds", "")
            routine_step.error = message
            if not request.htmx:
                return _invalid(request, routine, duration_error=message)
            return _one_step(request, routine, routine_step.pk, announcement=message)
    return retarget(_invalid(request, routine, error=STALE), STEPS_REGION)


def _one_step(request: HttpRequest, routine: Routine, pk: int, **extra) -> HttpResponse:
    """One step of the (loaded) routine, numbered as in the list, with the totals out of band."""
    context = _steps_context(routine, **extra)
    routine_steps = context["routine_steps"]
    index = next(i for i, routine_step in enumerate(routine_steps) if routine_step.pk == pk)
    return render(
        request,
        f"{TEMPLATE}#duration_update",
        context
        | {
            "routine_step": routine_steps[index],
            "number": index + 1,
            "is_first": index == 0,
            "is_last": index == len(routine_steps) - 1,
        },
    )
