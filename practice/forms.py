"""The player's controls, a session's review, and the reminder's time."""

from django import forms

from .models import PracticeSession, Puffiness, Weekday


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


class SessionEditForm(ReviewForm):
    """Change a past session's ratings and notes from the history."""

    puffiness_before = puffiness_field("Puffiness before")
    puffiness_after = puffiness_field("Puffiness after")


class ReminderForm(forms.Form):
    """When the calendar should remind the member: a time of day and, optionally, weekdays."""

    time_of_day = forms.TimeField(
        label="Time of day",
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "invalid": "Enter a time of day from 00:00 to 23:59, such as 07:30.",
            "required": "Enter a time of day, such as 07:30.",
        },
    )
    weekdays = forms.MultipleChoiceField(
        label="On these days",
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave them all unticked for every day.",
        error_messages={
            "invalid_choice": "%(value)s is not a weekday: tick the days you want, or none.",
        },
    )
