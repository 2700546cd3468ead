"""The public catalogue: the home page, the routine list and a routine's page."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST, require_safe

from accounts import cautions
from accounts.safety import answers_for
from catalogue.models import Goal, Routine, RoutineStep, Tool
from catalogue.safety import adapt_routine

LEAD_ROUTINE_SLUG = "morning-de-puff"


def _sections_by_goal(routines) -> list[tuple[str, list[Routine]]]:
    """Group routines under their goal, in the order the goals are declared."""
    return [
        (label, group)
        for value, label in Goal.choices
        if (group := [routine for routine in routines if routine.goal == value])
    ]


def _owns_a_device(request: HttpRequest) -> bool:
    return answers_for(request).owns(Tool.MICROCURRENT)


def _offered(routines, owns_a_device: bool):
    """Device routines only for people who said in the safety check that they own one."""
    if owns_a_device:
        return routines
    return routines.exclude(routine_steps__step__technique__tool=Tool.MICROCURRENT)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """
    The lead routine's Start, the member's own news (tags of
    practice/templatetags/practice.py), then every curated routine's card.

    The cards are the same for everyone who gives the same safety answer
    about owning a device, so the template caches them, under
    `cards_version`: one query that moves with any edit. Only a page that
    misses reads the routines and their steps (`sections`, lazily).
    """
    curated = Routine.objects.published().curated()
    owns_a_device = _owns_a_device(request)
    routines = _offered(curated.with_total_seconds(), owns_a_device)
    return render(
        request,
        "catalogue/home.html",
        {
            "cards_version": curated.cards_version(),
            "device_routines": owns_a_device,
            "sections": SimpleLazyObject(lambda: _sections_by_goal(routines.with_card_facts())),
            # The routine most people come for, first thing in the morning.
            "lead_routine": routines.filter(slug=LEAD_ROUTINE_SLUG).first(),
        },
    )


@require_safe
def routine_list(request: HttpRequest) -> HttpResponse:
    routines = _offered(
        Routine.objects.published().curated().with_total_seconds().with_card_facts(),
        _owns_a_device(request),
    )
    goal = request.GET.get("goal", "")
    if goal in Goal.values:
        routines = routines.filter(goal=goal)
    else:
        goal = ""
    return render(
        request,
        "catalogue/routine_list.html",
        {"routines": routines, "goals": Goal.choices, "current_goal": goal},
    )


@require_safe
def routine_detail(request: HttpRequest, slug: str) -> HttpResponse:
    steps = RoutineStep.objects.select_related("step__technique")
    routine = get_object_or_404(
        Routine.objects.visible_to(request.user).prefetch_related(
            Prefetch("routine_steps", queryset=steps)
        ),
        slug=slug,
    )
    routine_steps = routine.routine_steps.all()
    techniques = Routine.techniques_in(routine_steps)
    # Shown in full until the person said they read them, as they read now.
    unread = cautions.unread(techniques, cautions.acknowledged_for(request))
    # Adapted to this person's safety answers, today (catalogue/safety.py).
    answers = answers_for(request)
    adapted = adapt_routine(routine_steps, answers, timezone.localdate())
    response = render(
        request,
        "catalogue/routine_detail.html",
        {
            "routine": routine,
            "routine_steps": routine_steps,
            "techniques": techniques,
            "unread_cautions": unread,
            "cautions_seen": [cautions.seen_value(technique) for technique in techniques],
            "is_owner": routine.owner_id is not None and routine.owner_id == request.user.pk,
            "adapted": adapted,
            "safety_answered": bool(answers),
        },
    )
    if answers or len(unread) < len(techniques):
        # One person's adaptation or cautions read: never for a shared cache (a guest's too).
        patch_cache_control(response, private=True)
    return response


@require_POST
def acknowledge_cautions(request: HttpRequest, slug: str) -> HttpResponse:
    """
    I have read these: the routine's cautions, as the page showed them, are
    shown collapsed from now on (accounts/cautions.py).
    """
    routine = get_object_or_404(Routine.objects.visible_to(request.user), slug=slug)
    routine_steps = RoutineStep.objects.filter(routine=routine).select_related("step__technique")
    techniques = Routine.techniques_in(routine_steps)
    cautions.acknowledge(request, techniques, request.POST.getlist("seen"))
    return redirect(routine.get_absolute_url())
