"""The signed-in user's history: insights, the list, one session and its edits."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from practice.charts import earliest_month, month_calendar, month_of
from practice.forms import SessionEditForm
from practice.history import history_page, page_number, session_log
from practice.models import PracticeSession, SessionStatus
from practice.programs import enrolments_with_progress
from practice.stats import first_calendar_day, insights, insights_version


def _own_session(request: HttpRequest, pk: int) -> PracticeSession:
    return get_object_or_404(PracticeSession.objects.filter(user=request.user), pk=pk)


def _wants_partial(request: HttpRequest) -> bool:
    # htmx restoring a page from history needs the whole page, not a region.
    return bool(request.htmx) and not request.htmx.history_restore_request


def chosen_month(value: str | None, today: date) -> tuple[date, str]:
    """The month the calendar shows, from ?month=2026-11: today's month unless
    the value names one the calendar has (the last 12 months, never a future
    one). With a short note when the value was refused."""
    current = month_of(today)
    if not value:
        return current, ""
    try:
        year, number = value.split("-")
        if len(year) != 4 or len(number) != 2:
            raise ValueError(value)
        first = date(int(year), int(number), 1)
    except ValueError:
        return current, "That is not a month the calendar knows: here is this month."
    earliest = earliest_month(first_calendar_day(today))
    if first > current:
        return current, "The calendar does not show future months: here is this month."
    if first < earliest:
        return current, (
            f"The calendar goes back to {date_format(earliest, 'F Y')}: here is this month."
        )
    return first, ""


@require_safe
@login_required
@vary_on_headers("HX-Request")
def history(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page = history_page(request.user, page_number(request.GET.get("page")), now=now)
    context = {"page": page, "zone_name": timezone.get_current_timezone_name()}
    if _wants_partial(request):
        return render(request, "practice/history.html#sessions", context)
    # Programs joined, with their progress: the current run and the old ones.
    context["runs"] = enrolments_with_progress(request.user)
    if page.entries or page.has_previous:
        # Worked out only when the template's cache has nothing for this version.
        zone = timezone.get_current_timezone()
        today = timezone.localdate(now, zone)
        first, context["month_note"] = chosen_month(request.GET.get("month"), today)
        context["insights_version"] = insights_version(request.user, zone, now)
        context["month_key"] = first.strftime("%Y-%m")
        figures = context["insights"] = SimpleLazyObject(lambda: insights(request.user, zone, now))
        context["month"] = SimpleLazyObject(
            lambda: month_calendar(figures.days, first, figures.first_day, today)
        )
    return render(request, "practice/history.html", context)


@require_safe
@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
    return render(
        request, "practice/history_detail.html", {"log": session_log(session, timezone.now())}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the ratings and notes of a finished session."""
    session = _own_session(request, pk)
    if session.status != SessionStatus.FINISHED:
        return HttpResponse(
            "Only a finished session has ratings to change: resume or discard this one.\n",
            status=409,
        )
    form = SessionEditForm(request.POST if request.method == "POST" else None, instance=session)
    context = {"session": session, "form": form}
    if request.method == "POST" and form.is_valid():
        form.save()
        if not request.htmx:
            messages.success(request, "Saved your changes.")
            return redirect("practice:history_detail", pk=session.pk)
        context |= {"form": SessionEditForm(instance=session), "saved": True}
    if _wants_partial(request):
        return render(request, "practice/history_edit.html#edit-form", context)
    return render(request, "practice/history_edit.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET), then delete the session and its step log for good (POST)."""
    session = _own_session(request, pk)
    if request.method == "GET":
        return render(request, "practice/history_delete.html", {"session": session})
    when = session.started_at or session.created_at
    session.delete()
    messages.success(
        request,
        f"Deleted your {session.routine_title} session of "
        f"{date_format(timezone.localtime(when), 'l j F Y, H:i')}.",
    )
    if request.htmx:
        return HttpResponseClientRedirect(reverse("practice:history"))
    return redirect("practice:history")
