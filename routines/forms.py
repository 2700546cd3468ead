from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.db import transaction

from .models import (
    MAX_STEP_SECONDS,
    MIN_STEP_SECONDS,
    Goal,
    PracticeSession,
    Profile,
    Puffiness,
    Routine,
    Step,
    Technique,
    Zone,
)
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


def puffiness_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=Puffiness.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )


class ControlForm(forms.Form):
    """What every player control posts: the position the browser shows."""

    position = forms.IntegerField(min_value=0, max_value=10_000)
    auto = forms.BooleanField(required=False)

    def __init__(self, *args, session: PracticeSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session

    def clean_position(self) -> int:
        position = self.cleaned_data["position"]
        if position >= self.session.step_count:
            raise forms.ValidationError(
                f"This session has {self.session.step_count} steps; "
                f"there is no step {position + 1}."
            )
        return position


class BeginForm(ControlForm):
    puffiness_before = puffiness_field("How puffy does your face feel right now?")


class ReviewForm(forms.ModelForm):
    puffiness_before = puffiness_field("Puffiness before you started")
    puffiness_after = puffiness_field("Puffiness now, after the routine")

    class Meta:
        model = PracticeSession
        fields = ["puffiness_before", "puffiness_after", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3, "placeholder": "How did it feel?"}),
        }


# --- Editing a person's own routines (routines/editing.py) --------------------

# Ids posted back by the editor are checked against these bounds first, so a
# tampered value is a form error, never a database overflow.
MAX_ID = 2**63 - 1
MAX_POSITION = 32_767


def routine_step_field() -> forms.IntegerField:
    return forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)


TITLE_ERRORS = {
    "required": "Give your routine a name.",
    "max_length": "Keep the name to %(limit_value)d characters (it has %(show_value)d).",
}


class NewRoutineForm(forms.ModelForm):
    class Meta:
        model = Routine
        fields = ["title", "goal"]
        labels = {"title": "Name", "goal": "Goal"}
        help_texts = {"title": "You can change it later."}
        error_messages = {"title": TITLE_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].initial = Goal.DEPUFF


class RoutineTitleForm(forms.ModelForm):
    class Meta:
        model = Routine
        fields = ["title"]
        labels = {"title": "Name"}
        error_messages = {"title": TITLE_ERRORS}


class AddStepForm(forms.Form):
    step = forms.ModelChoiceField(
        queryset=Step.objects.all(),
        error_messages={"invalid_choice": "That step is not in the library any more."},
    )
    # How many steps the browser showed: a repeated click adds the step once.
    count = forms.IntegerField(min_value=0, max_value=MAX_POSITION)


class RemoveStepForm(forms.Form):
    routine_step = routine_step_field()


class MoveStepForm(forms.Form):
    OFFSETS = {"up": -1, "down": 1}

    routine_step = routine_step_field()
    # Where the browser showed the step: the same move posted twice moves it once.
    position = forms.IntegerField(min_value=0, max_value=MAX_POSITION)
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])

    @property
    def offset(self) -> int:
        return self.OFFSETS[self.cleaned_data["direction"]]


class StepDurationForm(forms.Form):
    routine_step = routine_step_field()
    seconds = forms.IntegerField(
        min_value=MIN_STEP_SECONDS,
        max_value=MAX_STEP_SECONDS,
        error_messages={
            "required": "Enter a length in seconds.",
            "invalid": "Enter a whole number of seconds.",
            "min_value": f"A step lasts at least {MIN_STEP_SECONDS} seconds.",
            "max_value": f"A step lasts at most {MAX_STEP_SECONDS} seconds (15 minutes).",
        },
    )


class StepOrderForm(forms.Form):
    """The routine steps' ids in their new order, comma-separated (drag and drop)."""

    order = forms.CharField(max_length=20_000)
    # The step that was dragged, to say where it went.
    moved = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False)

    def clean_order(self) -> list[int]:
        try:
            ids = [int(part) for part in self.cleaned_data["order"].split(",")]
        except ValueError:
            raise forms.ValidationError("That order could not be read.") from None
        if not all(1 <= pk <= MAX_ID for pk in ids):
            raise forms.ValidationError("That order could not be read.")
        return ids


class StepLibraryFilter(forms.Form):
    """Narrow the step library by technique and face zone (both optional)."""

    technique = forms.ModelChoiceField(
        queryset=Technique.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All techniques",
    )
    zone = forms.ChoiceField(choices=[("", "All zones"), *Zone.choices], required=False)

    def steps(self):
        steps = Step.objects.select_related("technique").order_by("technique__name", "title")
        if not self.is_valid():
            return steps
        if technique := self.cleaned_data["technique"]:
            steps = steps.filter(technique=technique)
        if zone := self.cleaned_data["zone"]:
            steps = steps.filter(zone=zone)
        return steps


class SessionEditForm(ReviewForm):
    """Change a past session's ratings and notes from the history."""

    puffiness_before = puffiness_field("Puffiness before")
    puffiness_after = puffiness_field("Puffiness after")


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
