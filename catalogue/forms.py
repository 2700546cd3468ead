"""The forms of the routine editor (catalogue/editor.py does the writes)."""

from django import forms

from .models import MAX_STEP_SECONDS, MIN_STEP_SECONDS, Goal, Routine, Step, Technique, Zone

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
