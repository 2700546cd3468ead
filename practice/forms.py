"""The player's controls and a session's review."""

from django import forms

from .models import PracticeSession, Puffiness


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
