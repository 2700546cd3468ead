"""A person's own routines: the list, a new empty one, a copy, and deleting one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalogue import editor
from catalogue.forms import NewRoutineForm
from catalogue.models import Routine


def _list_page(request: HttpRequest, form: NewRoutineForm) -> HttpResponse:
    routines = (
        Routine.objects.owned_by(request.user).with_total_seconds().with_last_played(request.user)
    )
    return render(request, "catalogue/my_routines.html", {"routines": routines, "form": form})


@require_safe
@login_required
def my_routines(request: HttpRequest) -> HttpResponse:
    return _list_page(request, NewRoutineForm())


@require_POST
@login_required
def new_routine(request: HttpRequest) -> HttpResponse:
    """An empty routine, straight into the editor to add steps from the library."""
    form = NewRoutineForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form)
    routine = editor.create_routine(
        request.user, form.cleaned_data["title"], form.cleaned_data["goal"]
    )
    messages.success(request, "Created. Add steps from the library below.")
    return redirect("catalogue:edit", routine.slug)


@require_POST
@login_required
def copy_routine(request: HttpRequest, slug: str) -> HttpResponse:
    """Make it mine: a private copy of a routine this person can see."""
    source = get_object_or_404(Routine.objects.visible_to(request.user), slug=slug)
    try:
        routine = editor.copy_routine(source, request.user)
    except editor.EditError as error:
        messages.error(request, str(error))
        return redirect(source)
    # Another copy is allowed (the routine's page said one exists): say the
    # earlier ones are still there, unchanged.
    earlier = Routine.objects.owned_by(request.user).filter(copied_from=source).count() - 1
    note = ""
    if earlier == 1:
        note = f" Your earlier copy of “{source.title}” stays in your routines as it was."
    elif earlier > 1:
        note = (
            f" Your {earlier} earlier copies of “{source.title}” stay in your routines as "
            "they were."
        )
    messages.success(
        request,
        "This copy is yours: rename it, reorder, remove or add steps, change how long each "
        f"lasts. Changes save as you go.{note}",
    )
    return redirect("catalogue:edit", routine.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def delete_routine(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask first (GET), then delete (POST). Its sessions stay in history, from their snapshots."""
    routine = get_object_or_404(Routine.objects.owned_by(request.user), slug=slug)
    if request.method == "POST":
        routine.delete()
        messages.success(request, f"Deleted “{routine.title}”. Its sessions stay in your history.")
        return redirect("catalogue:my_routines")
    return render(request, "catalogue/routine_confirm_delete.html", {"routine": routine})
