"""The reminders page, and the private calendar feed it hands out.

The page answers htmx with its reminder region (the form, the links and the
Reset link button); plain form posts are redirected back to it. The feed
needs no login: its URL's token is the key, and a wrong or reset one is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import get_text_list
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from practice import reminders
from practice.forms import ReminderForm
from practice.models import Reminder, Weekday

TEMPLATE = "practice/reminders.html"


def _when(reminder: Reminder) -> str:
    """'at 07:30 every day', 'at 18:00 on Monday, Wednesday and Friday'."""
    codes = reminder.weekday_codes
    if not codes or len(codes) == len(Weekday.values):
        days = "every day"
    else:
        days = "on " + str(get_text_list([Weekday(code).label for code in codes], "and"))
    return f"at {reminder.time_of_day:%H:%M} {days}"


def _context(request: HttpRequest, form: ReminderForm, reminder: Reminder | None, **extra):
    context = {
        "form": form,
        "reminder": reminder,
        "zone_name": reminders.zone_of(request.user).key,
        **extra,
    }
    if reminder is not None:
        https_url = request.build_absolute_uri(
            reverse("practice:reminder_feed", args=[reminder.token])
        )
        context |= {
            "when": _when(reminder),
            "feed_url": https_url,
            "webcal_url": "webcal://" + https_url.split("://", 1)[1],
        }
    return context


def _form_for(reminder: Reminder | None) -> ReminderForm:
    if reminder is None:
        return ReminderForm(initial={"time_of_day": "07:30"})
    return ReminderForm(
        initial={"time_of_day": reminder.time_of_day, "weekdays": reminder.weekday_codes}
    )


def _answer(request: HttpRequest, reminder: Reminder | None, level: int, announcement: str):
    if request.htmx:
        context = _context(request, _form_for(reminder), reminder, announcement=announcement)
        return render(request, f"{TEMPLATE}#reminder", context)
    messages.add_message(request, level, announcement)
    return redirect("practice:reminders")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def reminder_page(request: HttpRequest) -> HttpResponse:
    reminder = Reminder.objects.filter(user=request.user).first()
    if request.method != "POST":
        return render(request, TEMPLATE, _context(request, _form_for(reminder), reminder))
    form = ReminderForm(request.POST)
    if not form.is_valid():
        template = f"{TEMPLATE}#reminder" if request.htmx else TEMPLATE
        return render(request, template, _context(request, form, reminder))
    reminder = reminders.save_reminder(
        request.user, form.cleaned_data["time_of_day"], form.cleaned_data["weekdays"]
    )
    return _answer(
        request, reminder, messages.SUCCESS, f"Saved: your calendar reminds you {_when(reminder)}."
    )


@require_POST
@login_required
def reset_link(request: HttpRequest) -> HttpResponse:
    reminder = reminders.reset_link(request.user)
    if reminder is None:
        return _answer(request, None, messages.ERROR, "Choose a time first: then you get a link.")
    return _answer(
        request,
        reminder,
        messages.SUCCESS,
        "Your link is new: the old one no longer works. Subscribe again with the new one.",
    )


@require_safe
@never_cache
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's reminder as an iCalendar feed, for their calendar app to subscribe to."""
    reminder = get_object_or_404(
        Reminder.objects.select_related("user").filter(user__is_active=True), token=token
    )
    body = reminders.build_feed(
        reminder, site_url=request.build_absolute_uri(reverse("catalogue:home"))
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="facerouting-reminders.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
