"""What can be practised: techniques, reusable steps and routines of ordered steps."""

from collections.abc import Iterable
from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse

MIN_STEP_SECONDS = 5
MAX_STEP_SECONDS = 900
# A routine's steps together stay under an hour (checked as steps are added
# or lengthened in catalogue/editor.py).
ROUTINE_LIMIT_SECONDS = 60 * 60
step_seconds_validators = [
    MinValueValidator(MIN_STEP_SECONDS),
    MaxValueValidator(MAX_STEP_SECONDS),
]


class Pressure(models.TextChoices):
    FEATHER = "feather", "Feather-light"
    LIGHT = "light", "Light"
    MEDIUM = "medium", "Medium"
    FIRM = "firm", "Firm"


class Tool(models.TextChoices):
    HANDS = "hands", "Hands"
    GUA_SHA = "gua_sha", "Gua sha stone"
    ROLLER = "roller", "Face roller"
    # A handheld microcurrent device: its routine is offered only to people
    # who say they own one (catalogue/safety.py).
    MICROCURRENT = "micro", "Microcurrent device"


class Zone(models.TextChoices):
    NECK = "neck", "Neck"
    COLLARBONE = "collarbone", "Collarbone"
    JAW = "jaw", "Jawline"
    CHIN = "chin", "Chin"
    MOUTH = "mouth", "Around the mouth"
    CHEEKS = "cheeks", "Cheeks"
    NOSE = "nose", "Nose"
    UNDER_EYE = "under_eye", "Under-eye"
    BROW = "brow", "Brow"
    FOREHEAD = "forehead", "Forehead"
    TEMPLES = "temples", "Temples"
    EARS = "ears", "Ears"
    WHOLE_FACE = "whole_face", "Whole face"


# Where a drainage sequence starts: the nodes the face drains into.
OPENING_ZONES = {Zone.NECK, Zone.COLLARBONE}


class Direction(models.TextChoices):
    DOWNWARD = "downward", "Downward"
    UPWARD = "upward", "Upward"
    OUTWARD = "outward", "Outward"
    OUTWARD_DOWN = "outward_down", "Outward, then down"
    CIRCLES = "circles", "Small circles"
    PRESS = "press", "Press and hold"
    TAPPING = "tapping", "Light tapping"
    STILL = "still", "No strokes"


class Side(models.TextChoices):
    BOTH = "both", "Both sides"
    LEFT = "left", "Left side"
    RIGHT = "right", "Right side"
    # One side, then the other in the same step (one tool, one hand): the
    # player says "switch sides" half-way. Five letters: the column's width.
    IN_TURN = "turns", "One side, then the other"


class Goal(models.TextChoices):
    DEPUFF = "depuff", "De-puff"
    SCULPT = "sculpt", "Sculpt and release"
    SKIN = "skin", "Skin and circulation"
    EXPRESSION = "expression", "Expression lines"
    RELAX = "relax", "Relax and unwind"


# The technique whose steps must follow the drainage order: the neck and
# collarbone open first, then the face drains outward and down toward them.
LYMPHATIC_DRAINAGE_SLUG = "lymphatic-drainage"


class Technique(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=300)
    pressure = models.CharField(max_length=10, choices=Pressure)
    tool = models.CharField(max_length=10, choices=Tool, default=Tool.HANDS)
    evidence_note = models.TextField(
        help_text="What the evidence does and does not support, in plain words."
    )
    cautions = models.TextField(help_text="When not to do this, and when to see a doctor instead.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    """One instruction, reusable by many routines."""

    technique = models.ForeignKey(Technique, on_delete=models.PROTECT, related_name="steps")
    title = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    zone = models.CharField(max_length=12, choices=Zone)
    direction = models.CharField(max_length=12, choices=Direction)
    side = models.CharField(max_length=5, choices=Side, default=Side.BOTH)
    pressure = models.CharField(max_length=10, choices=Pressure)
    duration_seconds = models.PositiveSmallIntegerField(
        validators=step_seconds_validators,
        help_text=f"Default length, {MIN_STEP_SECONDS}–{MAX_STEP_SECONDS} seconds.",
    )
    stroke_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many strokes, when the step counts them.",
    )
    instruction = models.TextField()
    cue = models.CharField(
        max_length=140, help_text="A short line, spoken aloud when the step begins."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["technique__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    duration_seconds__gte=MIN_STEP_SECONDS,
                    duration_seconds__lte=MAX_STEP_SECONDS,
                ),
                name="step_duration_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(stroke_count__isnull=True) | models.Q(stroke_count__gte=1),
                name="step_stroke_count_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_side_display().lower()})"


class RoutineQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def curated(self):
        return self.filter(owner__isnull=True)

    def owned_by(self, user):
        return self.filter(owner=user)

    def visible_to(self, user):
        """Published curated routines for everyone, plus a user's own routines;
        staff also see curated drafts, to preview them before publishing."""
        visible = models.Q(owner__isnull=True, is_published=True)
        if user.is_authenticated:
            visible |= models.Q(owner=user)
            if user.is_staff:
                visible |= models.Q(owner__isnull=True)
        return self.filter(visible)

    def with_total_seconds(self):
        """Annotate each routine with its length, summed in the database."""
        return self.annotate(
            total_seconds=Coalesce(
                models.Sum(
                    Coalesce(
                        "routine_steps__duration_override",
                        "routine_steps__step__duration_seconds",
                    )
                ),
                0,
            ),
            step_count=models.Count("routine_steps"),
        )

    def with_card_facts(self):
        """Each routine's steps with their techniques, in one more query, for its card:
        the badges read the techniques, the face thumbnail the steps' zones and sides."""
        steps = RoutineStep.objects.select_related("step__technique").order_by("position")
        return self.prefetch_related(models.Prefetch("routine_steps", queryset=steps))

    def cards_version(self) -> str:
        """What these routines' cards show depends on, in one aggregate query
        (one row back, no model built): how many routines and steps there are
        and when any routine, step or technique of theirs last changed. Every
        edit (the admin, the editor, load_content) moves one of them, so a card
        list cached under it is never stale (the home page,
        catalogue/views/routines.py)."""
        changed = self.aggregate(
            routines=models.Count("pk", distinct=True),
            steps=models.Count("routine_steps"),
            routine=models.Max("updated_at"),
            step=models.Max("routine_steps__step__updated_at"),
            technique=models.Max("routine_steps__step__technique__updated_at"),
        )
        return ":".join(
            str(value.timestamp() if hasattr(value, "timestamp") else value)
            for value in changed.values()
        )

    def with_last_played(self, user):
        """Annotate when `user` last started each routine (None if never).

        A subquery, not a join, so the step sums of with_total_seconds()
        are not multiplied by the number of sessions. It reads the sessions
        through their relation to the routine, so the catalogue needs to
        know nothing else about practice.
        """
        latest = (
            self.model.objects.filter(pk=models.OuterRef("pk"))
            .annotate(
                started=models.Max("sessions__started_at", filter=models.Q(sessions__user=user))
            )
            .values("started")
        )
        return self.annotate(last_played=models.Subquery(latest))


class Routine(models.Model):
    title = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    goal = models.CharField(max_length=12, choices=Goal)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routines",
        help_text="Empty for curated routines.",
    )
    # "Make it mine" records what it copied, so the original's page can say
    # the person already has a copy. Deleting the original keeps the copy.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    is_published = models.BooleanField(
        "published", default=False, help_text="Shown to everyone on the site."
    )
    steps = models.ManyToManyField(Step, through="RoutineStep", related_name="routines")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:routine_detail", args=[self.slug])

    @cached_property
    def total_seconds(self) -> int:
        # Replaced by the database's figure when the queryset used
        # with_total_seconds(); otherwise summed from the (prefetched) steps.
        return sum(rs.duration_seconds for rs in self.routine_steps.all())

    @cached_property
    def techniques(self) -> list["Technique"]:
        """Each technique once, in the order the (prefetched) steps first use it."""
        return self.techniques_in(self.routine_steps.all())

    @staticmethod
    def techniques_in(routine_steps: Iterable["RoutineStep"]) -> list["Technique"]:
        return list({rs.step.technique_id: rs.step.technique for rs in routine_steps}.values())

    @cached_property
    def zone_sides(self) -> dict[str, set[str]]:
        """Each zone the (prefetched) steps work, in the order they first do,
        with the sides they take there: what the card's face lights."""
        zones: dict[str, set[str]] = {}
        for routine_step in self.routine_steps.all():
            zones.setdefault(routine_step.step.zone, set()).add(routine_step.step.side)
        return zones

    @property
    def tools(self) -> list[Tool]:
        """The tools its techniques need, hands first, each once."""
        used = {technique.tool for technique in self.techniques}
        return [tool for tool in Tool if tool in used]

    @property
    def is_curated(self) -> bool:
        return self.owner_id is None

    @cached_property
    def drains_before_opening_the_neck(self) -> bool:
        """
        True when a lymphatic-drainage step works on the face before any neck
        or collarbone step: fluid is then pushed toward nodes not yet opened.
        Reads the (prefetched) steps with their techniques.
        """
        steps = (routine_step.step for routine_step in self.routine_steps.all())
        return self.first_step_draining_before_the_neck(steps) is not None

    @staticmethod
    def first_step_draining_before_the_neck(steps: Iterable[Step]) -> Step | None:
        """
        The drainage-order rule over `steps` in the order they would play:
        the first lymphatic-drainage step on the face that comes before any
        neck or collarbone step, or None when the order is sound. Separate
        from the stored steps so the admin can judge an order before saving it.
        """
        for step in steps:
            if step.zone in OPENING_ZONES:
                return None
            if step.technique.slug == LYMPHATIC_DRAINAGE_SLUG:
                return step
        return None


class RoutineStep(models.Model):
    """A step's place in a routine, optionally with a routine-specific length."""

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="routine_steps")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="routine_steps")
    position = models.PositiveSmallIntegerField(default=0)
    duration_override = models.PositiveSmallIntegerField(
        "duration (seconds)",
        null=True,
        blank=True,
        validators=step_seconds_validators,
        help_text="Leave empty to use the step's default length.",
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            # One step per place: the routine page and the session snapshot
            # both read steps in this order.
            models.UniqueConstraint(
                fields=["routine", "position"], name="unique_position_per_routine"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_override__isnull=True)
                | models.Q(
                    duration_override__gte=MIN_STEP_SECONDS,
                    duration_override__lte=MAX_STEP_SECONDS,
                ),
                name="routine_step_duration_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.step.title}"

    @property
    def duration_seconds(self) -> int:
        return self.duration_override or self.step.duration_seconds
