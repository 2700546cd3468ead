"""Signing up, the time zone and deleting an account."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.db import transaction

from .models import Profile
from .timezones import valid_zone, zone_choices


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        help_text="Only used to reset your password if you forget it.",
    )
    # Filled in by static/js/timezone.js; without JavaScript it stays empty
    # and the zone can be chosen later in account settings.
    timezone = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-timezone": ""})
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]

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


class TimezoneForm(forms.ModelForm):
    timezone = forms.ChoiceField(
        label="Time zone",
        choices=zone_choices,
        help_text="Where your days begin and end: for streaks, the calendar and every time shown.",
    )

    class Meta:
        model = Profile
        fields = ["timezone"]


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
