"""Programs: a plan of several weeks, one curated routine (or a rest) per day."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from .content import Goal, Routine

# --- Programs: a plan of several weeks, one routine (or a rest) per day ---


class ProgramQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published programs for everyone; staff also see drafts, to preview them."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()

    def with_day_counts(self):
        """Annotate each program with its number of days and of practice (non-rest) days."""
        return self.annotate(
            day_count=models.Count("days"),
            session_count=models.Count("days", filter=models.Q(days__routine__isnull=False)),
        )


class Program(models.Model):
    """An ordered list of days, each a curated routine or a rest day.

    Members join it in practice/ (practice/programs.py); joining snapshots
    the days, so a curator's later edit never changes a plan under way.
    """

    title = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    goal = models.CharField(max_length=12, choices=Goal)
    description = models.TextField(help_text="What the plan asks, week by week, in plain words.")
    evidence_note = models.TextField(
        help_text="What the evidence supports, taken from its techniques' evidence notes."
    )
    is_published = models.BooleanField(
        "published", default=False, help_text="Shown to everyone, and open to join."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # The page lives in practice/, beside Join; this is only its name.
        return reverse("practice:program_detail", args=[self.slug])


class ProgramDay(models.Model):
    """One day of a program: a curated routine, or a rest day when `routine` is empty."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="days")
    position = models.PositiveSmallIntegerField(default=0)
    routine = models.ForeignKey(
        Routine,
        # A routine a program still uses cannot be deleted: the plan would
        # silently lose a day. Unpublishing it shows the day as unavailable.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="program_days",
        limit_choices_to={"owner__isnull": True},
        help_text="Leave empty for a rest day.",
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            # One day per place: the program page and the snapshot taken on
            # joining both read the days in this order.
            models.UniqueConstraint(
                fields=["program", "position"], name="unique_position_per_program"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.routine.title if self.routine_id else 'Rest day'}"

    @property
    def is_rest(self) -> bool:
        return self.routine_id is None

    def clean(self) -> None:
        if self.routine_id and self.routine.owner_id is not None:
            raise ValidationError({"routine": "Programs use curated routines only."})
