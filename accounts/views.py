from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.throttling import may_send_reset_mail
from accounts.timezones import ZONE_COOKIE, valid_zone
from catalogue import safety
from catalogue.models import Routine
from facerouting.redirects import local_path
from practice.models import PracticeSession

from .forms import (
    DeleteAccountForm,
    LoginForm,
    PasswordChangeForm,
    SafetyForm,
    SetPasswordForm,
    SignupForm,
    TimezoneForm,
)
from .models import Profile
from .safety import answers_for, save_answers


def _safe_next(request: HttpRequest) -> str:
    """The page to go on to after signing up, if it is one of this site's; else ""."""
    return local_path(request.POST.get("next") or request.GET.get("next", ""), default="")


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("catalogue:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.backends.UsernameOrEmailBackend")
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
        {
            "form": form,
            "browser_zone": reported if reported != valid_zone(profile.timezone) else "",
        },
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


class LoginView(auth_views.LoginView):
    """Django's login, with our form: a username or an email (accounts/backends.py)."""

    form_class = LoginForm


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm


class LimitedPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, sending mail only within the hourly limits."""

    def form_valid(self, form) -> HttpResponse:
        if may_send_reset_mail(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        # Past a limit, the same "check your email" page as always: anything
        # else would tell a stranger that the address was asked for lately.
        return HttpResponseRedirect(self.get_success_url())


@require_http_methods(["GET", "HEAD", "POST"])
def safety_check(request: HttpRequest) -> HttpResponse:
    """The safety check, for members and guests alike, and the table of its rules."""
    today = timezone.localdate()
    form = SafetyForm(
        request.POST if request.method == "POST" else None,
        today=today,
        initial=SafetyForm.initial_for(answers_for(request)),
    )
    if request.method == "POST" and form.is_valid():
        save_answers(request, form.answers())
        messages.success(
            request,
            "Saved. Every routine now leaves out what you told us to avoid, and says why.",
        )
        return redirect(_safe_next(request) or "safety")
    return render(
        request,
        "accounts/safety.html",
        {
            "form": form,
            "next": _safe_next(request),
            "rules": safety.RULES,
            "tool_rules": safety.TOOL_RULES,
            "time_bound": safety.TIME_BOUND,
            "current": safety.CURRENT_ZONED,
            "ongoing": safety.ONGOING,
        },
    )
