from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from .timezones import DEFAULT_ZONE, valid_zone, validate_zone

MIN_STEP_SECONDS = 5
MAX_STEP_SECONDS = 900
# A routine's steps together stay under an hour (checked as steps are added
# or lengthened in routines/editing.py).
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


class Goal(models.TextChoices):
    DEPUFF = "depuff", "De-puff"
    SCULPT = "sculpt", "Sculpt and release"
    SKIN = "skin", "Skin and circulation"
    EXPRESSION = "expression", "Expression lines"
    RELAX = "relax", "Relax and unwind"


# The technique whose steps must follow the drainage order (DESIGN.md §2).
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

    def with_last_played(self, user):
        """Annotate when `user` last started each routine (None if never).

        A subquery, not a join, so the step sums of with_total_seconds()
        are not multiplied by the number of sessions.
        """
        latest = (
            PracticeSession.objects.filter(
                routine=models.OuterRef("pk"), user=user, started_at__isnull=False
            )
            .order_by("-started_at")
            .values("started_at")[:1]
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
        return reverse("routines:routine_detail", args=[self.slug])

    @cached_property
    def total_seconds(self) -> int:
        # Replaced by the database's figure when the queryset used
        # with_total_seconds(); otherwise summed from the (prefetched) steps.
        return sum(rs.duration_seconds for rs in self.routine_steps.all())

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
        for routine_step in self.routine_steps.all():
            step = routine_step.step
            if step.zone in OPENING_ZONES:
                return False
            if step.technique.slug == LYMPHATIC_DRAINAGE_SLUG:
                return True
        return False


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


# --- Practice: what a person did, kept as it happened ------------------------

ABANDONED_AFTER = timedelta(hours=6)
LEAD_IN_SECONDS = 5


class SessionStatus(models.TextChoices):
    READY = "ready", "Ready"
    RUNNING = "running", "Running"
    PAUSED = "paused", "Paused"
    FINISHED = "finished", "Finished"


class Puffiness(models.IntegerChoices):
    NONE = 1, "1 · not puffy"
    SLIGHT = 2, "2 · a little"
    SOME = 3, "3 · somewhat"
    QUITE = 4, "4 · quite puffy"
    VERY = 5, "5 · very puffy"


class PracticeSessionQuerySet(models.QuerySet):
    def finished(self):
        return self.filter(status=SessionStatus.FINISHED)

    def unfinished(self):
        return self.exclude(status=SessionStatus.FINISHED)

    def abandoned(self, now: datetime):
        return self.unfinished().filter(last_activity_at__lt=now - ABANDONED_AFTER)


class PracticeSession(models.Model):
    """
    One run through a routine. The steps are a snapshot taken at start, so
    later edits to the routine never change what this session shows or logs.

    Timing is stored, not inferred: while running, `deadline` is when the
    current step ends; while paused, `remaining_ms` is what was left of it.
    Every change bumps `revision`, which the conditional updates in
    routines/practice.py compare against so that no change applies twice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="practice_sessions",
    )
    # Set instead of `user` for a visitor without an account; the sessions
    # move to their account when they sign up or log in in the same browser.
    guest_token = models.CharField(max_length=32, blank=True)
    routine = models.ForeignKey(
        Routine, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    routine_title = models.CharField(max_length=100)
    steps = models.JSONField(help_text="The routine's steps as they were at start.")
    status = models.CharField(max_length=10, choices=SessionStatus, default=SessionStatus.READY)
    position = models.PositiveSmallIntegerField(default=0)
    deadline = models.DateTimeField(null=True, blank=True)
    remaining_ms = models.PositiveIntegerField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.FloatField(default=0)
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    puffiness_before = models.PositiveSmallIntegerField(choices=Puffiness, null=True, blank=True)
    puffiness_after = models.PositiveSmallIntegerField(choices=Puffiness, null=True, blank=True)
    notes = models.TextField(blank=True, max_length=2000)
    # Any change at all, including notes and ratings: the history page caches
    # this session's entry under it, and its insights under the newest of a
    # user's until their profile notes changes (routines/history.py).
    # Queryset updates set it themselves (routines/practice.py).
    updated_at = models.DateTimeField(auto_now=True)

    objects = PracticeSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # History: a user's sessions, newest first.
            models.Index(fields=["user", "-created_at"], name="session_user_newest"),
            # History insights (routines/history.py): a user's finished
            # sessions, per routine title, carrying every column the
            # statistics read, so that streaks, totals, the calendar and the
            # per-routine figures come from the index alone, never from the
            # rows with their large step snapshots; the title comes before
            # the start time so the per-routine figures group without a sort.
            # Not partial: SQLite cannot match a partial index's condition
            # against a bound parameter (status = %s).
            models.Index(
                fields=[
                    "user",
                    "status",
                    "routine_title",
                    "started_at",
                    "finished_at",
                    "paused_seconds",
                    "puffiness_before",
                    "puffiness_after",
                ],
                name="session_user_practice",
            ),
            # The version of a user's practice while their profile has noted
            # no change: the count and the newest change of their finished sessions.
            models.Index(fields=["user", "status", "updated_at"], name="session_user_changed"),
            # Claiming a visitor's sessions when they sign up or log in.
            models.Index(
                fields=["guest_token"],
                name="session_guest_token",
                condition=~models.Q(guest_token=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(puffiness_before__isnull=True)
                | models.Q(puffiness_before__range=(1, 5)),
                name="session_puffiness_before_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(puffiness_after__isnull=True)
                | models.Q(puffiness_after__range=(1, 5)),
                name="session_puffiness_after_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.routine_title} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("routines:player", args=[self.pk])

    @property
    def step_count(self) -> int:
        return len(self.steps)

    @property
    def current_step(self) -> dict:
        return self.steps[self.position]

    @property
    def next_step(self) -> dict | None:
        following = self.position + 1
        return self.steps[following] if following < len(self.steps) else None

    @property
    def is_last_step(self) -> bool:
        return self.position == len(self.steps) - 1

    @property
    def total_seconds(self) -> int:
        return sum(step["duration_seconds"] for step in self.steps)

    @property
    def seconds_before_current(self) -> int:
        return sum(step["duration_seconds"] for step in self.steps[: self.position])

    def is_abandoned(self, now: datetime) -> bool:
        return (
            self.status != SessionStatus.FINISHED and self.last_activity_at < now - ABANDONED_AFTER
        )

    def remaining_ms_at(self, now: datetime) -> int:
        """Time left in the current step (including any lead-in), in milliseconds."""
        step_ms = self.current_step["duration_seconds"] * 1000
        if self.status == SessionStatus.READY:
            return (LEAD_IN_SECONDS * 1000) + step_ms
        if self.status == SessionStatus.PAUSED:
            return self.remaining_ms
        if self.status == SessionStatus.RUNNING:
            if self.is_abandoned(now):
                return step_ms  # Resuming starts the step again.
            return max(0, round((self.deadline - now).total_seconds() * 1000))
        return 0

    @property
    def active_seconds(self) -> float | None:
        """Time spent practising: start to finish, without the pauses."""
        if not (self.started_at and self.finished_at):
            return None
        elapsed = (self.finished_at - self.started_at).total_seconds()
        return max(0.0, elapsed - self.paused_seconds)


class StepOutcome(models.TextChoices):
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class StepLog(models.Model):
    """What happened to one step of a session: when it started and how it ended."""

    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="logs")
    position = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=StepOutcome, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            # One row per step: a retried or duplicated post can only
            # update it, never log the same step twice.
            models.UniqueConstraint(
                fields=["session", "position"], name="unique_log_per_session_step"
            ),
        ]

    def __str__(self) -> str:
        return f"Step {self.position + 1}: {self.outcome or 'in progress'}"


# --- People: what we keep beside Django's user ----------------------------


class ProfileQuerySet(models.QuerySet):
    def note_practice_changed(self, user_id: int | None) -> None:
        """Something in this user's sessions changed: their insights are out of date."""
        if user_id is not None:
            self.filter(user_id=user_id).update(practice_changed_at=timezone.now())

    def zone_of(self, user) -> str:
        """The user's saved time zone, or "" while they have none."""
        saved = self.filter(user=user).values_list("timezone", flat=True).first()
        return valid_zone(saved)


class Profile(models.Model):
    """A person's settings. It exists once their time zone is known."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    timezone = models.CharField(
        "time zone",
        max_length=64,
        default=DEFAULT_ZONE,
        validators=[validate_zone],
        help_text="Where your days begin and end: streaks, the calendar and all times.",
    )
    # When any of their sessions last changed: the history page's cached
    # insights are keyed on it (routines/history.py). Null until the first
    # change after the profile exists; the history then asks the sessions.
    practice_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.user} ({self.timezone})"
