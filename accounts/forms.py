"""Signing up, logging in, passwords, the time zone, the safety check and deleting an account."""

from datetime import date, timedelta

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.db import transaction

from catalogue import safety
from catalogue.models import Tool, Zone

from .models import Profile
from .timezones import DEFAULT_ZONE, valid_zone, zone_choices

# Our words for what Django's auth forms say in theirs. The password
# validators (settings.AUTH_PASSWORD_VALIDATORS) still apply; their errors
# show under the field, so one line of help is enough.
USERNAME_HELP = "Letters, numbers and @ . + - _ only."
PASSWORD_AGAIN_HELP = "The same again, to catch a typo."
PASSWORDS_DIFFER = "The two passwords are not the same: type them again."


def password_help() -> str:
    """One line for the rules in force: the length from the settings' validator."""
    lengths = [
        validator.min_length
        for validator in password_validation.get_default_password_validators()
        if isinstance(validator, password_validation.MinimumLengthValidator)
    ]
    if lengths:
        return f"At least {max(lengths)} characters, and not a common one: try a few words."
    return "Not a common one: try a few words."


class NewPasswordMixin:
    """A new password and the same again, in our words. The rules' errors go
    under the first field, where the password was typed, not Django's second."""

    password_fields = ("password1", "password2")
    password_label = "Password"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # "Password", not Django's "Password:"
        super().__init__(*args, **kwargs)
        first, second = self.password_fields
        self.fields[first].label = self.password_label
        self.fields[first].help_text = password_help()
        self.fields[second].label = f"{self.password_label} again"
        self.fields[second].help_text = PASSWORD_AGAIN_HELP

    def validate_password_for_user(self, user, password_field_name: str = "password2") -> None:
        super().validate_password_for_user(user, self.password_fields[0])


class SignupForm(NewPasswordMixin, UserCreationForm):
    email = forms.EmailField(
        label="Email",
        help_text="Only for resetting your password if you forget it. We send nothing else.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Filled in by static/js/timezone.js; without JavaScript it stays empty
    # and the zone can be chosen later in account settings.
    timezone = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-timezone": ""})
    )

    error_messages = {**UserCreationForm.error_messages, "password_mismatch": PASSWORDS_DIFFER}

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]
        labels = {"username": "Username"}
        help_texts = {"username": USERNAME_HELP}
        error_messages = {
            "username": {"unique": "That username is taken: choose another."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email already exists.")
        return email

    def clean_timezone(self) -> str:
        # Whatever the browser said, an unknown zone is not the person's mistake.
        return valid_zone(self.cleaned_data["timezone"])

    @transaction.atomic
    def save(self, commit: bool = True) -> User:
        user = super().save(commit)
        if commit and self.cleaned_data["timezone"]:
            Profile.objects.create(user=user, timezone=self.cleaned_data["timezone"])
        return user


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form in our words; accounts/backends.py takes either name."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "That username or email and password do not match an account. "
        "Check both: the password is case-sensitive.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = "Username or email"
        username.widget.attrs["autocomplete"] = "username"
        # Room for an address, which may be longer than any username.
        username.max_length = max(
            username.max_length or 0, User._meta.get_field("email").max_length
        )
        username.widget.attrs["maxlength"] = str(username.max_length)


class PasswordChangeForm(NewPasswordMixin, auth_forms.PasswordChangeForm):
    password_fields = ("new_password1", "new_password2")
    password_label = "New password"
    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_mismatch": PASSWORDS_DIFFER,
        "password_incorrect": "That is not your current password: type it again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"


class SetPasswordForm(NewPasswordMixin, auth_forms.SetPasswordForm):
    """Choosing a new password from a reset link."""

    password_fields = ("new_password1", "new_password2")
    password_label = "New password"
    error_messages = {
        **auth_forms.SetPasswordForm.error_messages,
        "password_mismatch": PASSWORDS_DIFFER,
    }


class ZoneField(forms.ChoiceField):
    """A choice of zone that reads an old name ("Asia/Calcutta") as its current one."""

    def to_python(self, value) -> str:
        value = super().to_python(value)
        return valid_zone(value) or value


class TimezoneForm(forms.ModelForm):
    timezone = ZoneField(
        label="Time zone",
        choices=zone_choices,
        help_text="Where your days begin and end: for streaks, the calendar and every time shown.",
        error_messages={
            "invalid_choice": "“%(value)s” is not a time zone we know: choose from the list."
        },
    )

    class Meta:
        model = Profile
        fields = ["timezone"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # A zone saved under its old name ("Asia/Calcutta") shows as its
        # current one; one that is no zone at all, as the UTC its days follow.
        self.initial["timezone"] = valid_zone(self.initial.get("timezone")) or DEFAULT_ZONE


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password


class SafetyForm(forms.Form):
    """
    The safety check (/safety/): dated treatments and where, what is true
    today and where, ongoing conditions, and the tools the person owns.
    Fields are made from catalogue.safety's conditions, so the form and the
    rules can never name different things.
    """

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        zone_errors = {
            "invalid_choice": "“%(value)s” is not an area we know: choose from the list."
        }
        for condition in safety.ZONED:
            label = safety.Condition(condition).label
            self.fields[f"{condition}_zones"] = forms.MultipleChoiceField(
                label=f"{label}: where?",
                choices=Zone.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages=zone_errors,
            )
            if condition in safety.TIME_BOUND:
                self.fields[f"{condition}_on"] = forms.DateField(
                    label=f"{label}: on which day?",
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date", "max": today.isoformat()}),
                    error_messages={
                        "invalid": "That is not a day on the calendar: give it as "
                        "year-month-day, such as 2025-03-01."
                    },
                )
        for condition in safety.ONGOING:
            self.fields[condition] = forms.BooleanField(
                label=safety.Condition(condition).label, required=False
            )
        self.fields["tools"] = forms.MultipleChoiceField(
            label="The tools you own, besides your hands",
            choices=[choice for choice in Tool.choices if choice[0] != Tool.HANDS],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "“%(value)s” is not a tool we know."},
        )

    def sections(self) -> list[dict]:
        """The questions in the page's order: each condition with its fields,
        open when it holds an answer or an error."""

        def item(condition: str) -> dict:
            names = [name for name in self.fields if name.startswith(f"{condition}_")]
            fields = [self[name] for name in names]
            answered = any(field.value() for field in fields) or any(
                name in self.errors for name in names
            )
            return {"label": safety.Condition(condition).label, "fields": fields, "open": answered}

        return [
            {
                "title": "Treatments and healing",
                "intro": "With the day it happened: each is left out for a while after it.",
                "items": [item(condition) for condition in safety.TIME_BOUND],
            },
            {
                "title": "Today",
                "intro": "Where your skin needs leaving alone today.",
                "items": [item(condition) for condition in safety.CURRENT_ZONED],
            },
            {
                "title": "Your health",
                "intro": "Tick whatever applies to you.",
                "fields": [self[condition] for condition in safety.ONGOING],
            },
            {
                "title": "Your tools",
                "intro": "Steps for a tool you do not own are done with your hands instead, "
                "or left out when there is no hands version.",
                "fields": [self["tools"]],
            },
        ]

    @classmethod
    def initial_for(cls, answers: safety.Answers) -> dict:
        initial = {"tools": sorted(answers.tools - {Tool.HANDS}) if answers.tools else []}
        for answer in answers.answers:
            if answer.condition in safety.ZONED:
                initial[f"{answer.condition}_zones"] = sorted(answer.zones)
                if answer.on:
                    initial[f"{answer.condition}_on"] = answer.on
            else:
                initial[answer.condition] = True
        return initial

    def clean(self) -> dict:
        data = super().clean()
        oldest = self.today - timedelta(days=safety.OLDEST_ANSWER_DAYS)
        for condition in safety.TIME_BOUND:
            zones, on = data.get(f"{condition}_zones"), data.get(f"{condition}_on")
            if f"{condition}_on" in self.errors or f"{condition}_zones" in self.errors:
                continue
            if on and on > self.today:
                self.add_error(
                    f"{condition}_on", "That day is in the future: give the day it happened."
                )
            elif on and on < oldest:
                self.add_error(
                    f"{condition}_on",
                    "That is more than a year ago: it no longer changes your routines, "
                    "so leave it empty.",
                )
            elif zones and not on:
                self.add_error(
                    f"{condition}_on", "On which day? The date says how long to leave it out."
                )
            elif on and not zones:
                self.add_error(f"{condition}_zones", "Where? Choose the areas it concerns.")
        return data

    def answers(self) -> safety.Answers:
        data = self.cleaned_data
        given = []
        for condition in safety.Condition.values:
            if condition in safety.ZONED:
                if zones := data.get(f"{condition}_zones"):
                    given.append(
                        safety.Answer(condition, frozenset(zones), data.get(f"{condition}_on"))
                    )
            elif data.get(condition):
                given.append(safety.Answer(condition))
        return safety.Answers(tuple(given), frozenset(data["tools"]) | {Tool.HANDS})
