from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts.timezones import ZONE_COOKIE, valid_zone
from catalogue.models import Routine
from practice.models import PracticeSession

from .forms import DeleteAccountForm, SignupForm, TimezoneForm
from .models import Profile


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("catalogue:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_safe_next(request) or "catalogue:home")
    return render(request, "registration/signup.html", {"form": form, "next": _safe_next(request)})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    """The time zone, and the way to everything else that is the user's own."""
    profile = Profile.objects.filter(user=request.user).first() or Profile(
        user=request.user, timezone=timezone.get_current_timezone_name()
    )
    form = TimezoneForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved. Your days now follow {profile.timezone}.")
        return redirect("account_settings")
    reported = valid_zone(request.COOKIES.get(ZONE_COOKIE))
    return render(
        request,
        "registration/account_settings.html",
        {"form": form, "browser_zone": reported if reported != profile.timezone else ""},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account and every row that is the user's, once they confirm their password."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()
        messages.success(request, "Your account and everything in it are deleted. Goodbye.")
        return redirect("catalogue:home")
    return render(
        request,
        "registration/delete_account.html",
        {
            "form": form,
            "session_count": PracticeSession.objects.filter(user=request.user).count(),
            "routine_count": Routine.objects.owned_by(request.user).count(),
        },
    )
