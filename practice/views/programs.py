"""Programs: the list, a program's page with Join and Leave, and one run of it.

Join and Leave answer htmx with the program page's plan region, which holds
the buttons and says what happened; plain form posts are redirected back to
the page with a message, so both work without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from catalogue.models import Program
from practice import programs
from practice.models import Enrolment

TEMPLATE = "practice/program_detail.html"


def _own_run(request: HttpRequest, pk: int) -> Enrolment:
    """The signed-in member's own run; anyone else's is a 404."""
    return get_object_or_404(Enrolment.objects.of(request.user), pk=pk)


def _program_context(request: HttpRequest, program: Program, **extra) -> dict:
    runs = programs.with_plans(
        Enrolment.objects.of(request.user).filter(program=program).order_by("-started_at")
    )
    run = next((run for run in runs if run.is_active), None)
    return {
        "program": program,
        "run": run,
        "earlier_runs": [other for other in runs if other is not run],
        "plan": run.plan if run else programs.preview(program),
        **extra,
    }


def _answer(request: HttpRequest, program: Program, level: int, announcement: str):
    if request.htmx:
        context = _program_context(request, program, announcement=announcement)
        return render(request, f"{TEMPLATE}#plan", context)
    messages.add_message(request, level, announcement)
    return redirect(program)


@require_safe
def program_list(request: HttpRequest) -> HttpResponse:
    runs = {run.program_id: run for run in programs.active_plans(request.user)}
    cards = [
        (program, runs.get(program.pk))
        for program in Program.objects.visible_to(request.user).with_day_counts()
    ]
    return render(request, "practice/program_list.html", {"cards": cards})


@require_safe
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(Program.objects.visible_to(request.user), slug=slug)
    return render(request, TEMPLATE, _program_context(request, program))


@require_POST
@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    # Drafts are a 404 even for the staff who can preview them.
    program = get_object_or_404(Program.objects.published(), slug=slug)
    try:
        programs.join(request.user, program)
    except programs.AlreadyEnrolled:
        return _answer(
            request,
            program,
            messages.INFO,
            "You are already on this program: it carries on where you are. "
            "To start again from day 1, leave it first.",
        )
    except programs.EmptyProgram:
        return _answer(request, program, messages.ERROR, "This program has no days yet.")
    return _answer(
        request, program, messages.SUCCESS, "Joined. Day 1 is today; a missed day waits for you."
    )


@require_safe
@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the member's runs, under way or ended, day by day."""
    runs = programs.with_plans(Enrolment.objects.of(request.user).filter(pk=pk))
    if not runs:
        raise Http404("No run of yours has this number.")
    return render(request, "practice/run_detail.html", {"run": runs[0]})


@require_POST
@login_required
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    run = _own_run(request, pk)
    if programs.leave(run):
        done = run.completed_days.count()
        kept = {0: "", 1: " The day you did stays in your history."}.get(
            done, f" The {done} days you did stay in your history."
        )
        level = messages.SUCCESS
        announcement = f"You left {run.program_title}.{kept} Join starts a new run from day 1."
    else:
        level, announcement = messages.INFO, "This run had already ended."
    program = Program.objects.visible_to(request.user).filter(pk=run.program_id).first()
    if program is not None:
        return _answer(request, program, level, announcement)
    messages.add_message(request, level, announcement)
    if request.htmx:
        return HttpResponseClientRedirect(run.get_absolute_url())
    return redirect(run)
