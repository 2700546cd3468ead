"""The player's controls, a session's review, and the reminder's time."""

from django import forms

from catalogue.models import Goal

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


def asks_about_puffiness(session: PracticeSession) -> bool:
    """
    Whether the player asks how puffy the face feels: puffiness is what a
    de-puffing routine works on, so only its sessions ask (facial yoga or a
    jaw routine has nothing to show on that scale). A session that already
    holds a rating keeps showing it, so an answer is never hidden. A session
    whose routine was deleted has lost its goal with it: it asks, since the
    question is optional and a "before" without its "after" is lost to the
    history's chart.
    """
    if session.puffiness_before is not None or session.puffiness_after is not None:
        return True
    if session.routine_id is None:
        return True
    return session.routine.goal == Goal.DEPUFF


class ControlForm(forms.Form):
    """What every player control posts: the position the browser shows."""

    position = forms.IntegerField(min_value=0, max_value=10_000)
    auto = forms.BooleanField(required=False)
    # Next in the get-ready lead-in: the revision shown (practice/player.py advance).
    lead_in = forms.IntegerField(required=False, min_value=0)

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

    def __init__(self, *args, session: PracticeSession, **kwargs):
        super().__init__(*args, session=session, **kwargs)
        self.asks_puffiness = asks_about_puffiness(session)
        if not self.asks_puffiness:
            del self.fields["puffiness_before"]

    def clean(self) -> dict:
        # Not asked, not answered: a posted rating is ignored.
        cleaned_data = super().clean()
        cleaned_data.setdefault("puffiness_before", None)
        return cleaned_data


class ReviewForm(forms.ModelForm):
    puffiness_before = puffiness_field("Puffiness before you started")
    puffiness_after = puffiness_field("Puffiness now, after the routine")
    # The summary asks as Start did (asks_about_puffiness); a correction
    # from the history always may.
    puffiness_only_where_asked = True

    class Meta:
        model = PracticeSession
        fields = ["puffiness_before", "puffiness_after", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3, "placeholder": "How did it feel?"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asks_puffiness = not self.puffiness_only_where_asked or asks_about_puffiness(
            self.instance
        )
        if not self.asks_puffiness:
            # Left out of the form, so a posted rating is not saved either.
            del self.fields["puffiness_before"]
            del self.fields["puffiness_after"]


class SessionEditForm(ReviewForm):
    """Change a past session's ratings and notes from the history."""

    puffiness_before = puffiness_field("Puffiness before")
    puffiness_after = puffiness_field("Puffiness after")
    puffiness_only_where_asked = False


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
