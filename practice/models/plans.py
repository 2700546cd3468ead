"""A member's runs through programs, the days they did, and their reminder feed."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .sessions import PracticeSession

# --- Programs: a member's run through a plan, and the days they did ---


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", "Under way"
    LEFT = "left", "Left"
    COMPLETED = "completed", "Completed"


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=EnrolmentStatus.ACTIVE)

    def of(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()


class Enrolment(models.Model):
    """
    One member's run through a program. The days are a snapshot taken on
    joining ({"routine": id or None for a rest, "title": ...}), so a curator's
    later edit never changes a plan under way; what was done is kept in
    CompletedDay rows. Leaving ends the run; joining again starts a new one,
    and the old run stays as it was.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    # Kept when the program is deleted: the run stays in history by its title.
    program = models.ForeignKey(
        "catalogue.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
    )
    program_title = models.CharField(max_length=100)
    days = models.JSONField(help_text="The program's days as they were on joining.")
    status = models.CharField(
        max_length=10, choices=EnrolmentStatus, default=EnrolmentStatus.ACTIVE
    )
    started_at = models.DateTimeField(default=timezone.now)
    # The member's local date on joining: day 1 is due from then.
    started_on = models.DateField()
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            # Home, the program pages, the reminder feed and finishing a
            # session: a member's active enrolments. Not partial: SQLite
            # cannot match a partial index against a bound status parameter.
            models.Index(fields=["user", "status"], name="enrolment_user_status"),
        ]
        constraints = [
            # Join: one run under way per member and program; ended runs
            # (left or completed) stay beside it in history.
            models.UniqueConstraint(
                fields=["user", "program"],
                condition=models.Q(status="active"),
                name="one_active_enrolment_per_program",
            ),
            models.CheckConstraint(
                condition=models.Q(status="active", ended_at__isnull=True)
                | (~models.Q(status="active") & models.Q(ended_at__isnull=False)),
                name="enrolment_ended_unless_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.program_title} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("practice:run_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == EnrolmentStatus.ACTIVE


class CompletedDay(models.Model):
    """A program day done: its routine finished on `completed_on`, the member's local date."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="completed_days"
    )
    position = models.PositiveSmallIntegerField(help_text="The day's place in the plan, from 1.")
    completed_on = models.DateField()
    completed_at = models.DateTimeField()
    # The session that did it; the day stays done if that session is deleted.
    session = models.ForeignKey(
        PracticeSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="completed_program_days",
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            # Each day of a run is done once: the plan and its "8 of 30"
            # read one row per day.
            models.UniqueConstraint(
                fields=["enrolment", "position"], name="unique_completed_day_per_position"
            ),
            # One day of the plan per local calendar day, however often the
            # member practises: recording a finish looks for today's row.
            models.UniqueConstraint(
                fields=["enrolment", "completed_on"], name="unique_completed_day_per_date"
            ),
        ]

    def __str__(self) -> str:
        return f"Day {self.position} done on {self.completed_on}"


# --- Reminders: a private calendar feed, one per member ---


class Weekday(models.TextChoices):
    """iCalendar's weekday codes (RFC 5545 BYDAY), Monday first."""

    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


def new_feed_token() -> str:
    """A long random key: the feed's URL is its only credential."""
    return secrets.token_urlsafe(32)


def validate_weekdays(value: str) -> None:
    unknown = [code for code in value.split(",") if code and code not in Weekday.values]
    if unknown:
        raise ValidationError(
            "%(codes)s: not a weekday. Use MO, TU, WE, TH, FR, SA, SU.",
            params={"codes": ", ".join(unknown)},
            code="unknown_weekday",
        )


class Reminder(models.Model):
    """When a member wants their calendar to remind them, and the key to their feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder"
    )
    time_of_day = models.TimeField(help_text="Local time, in the member's time zone.")
    weekdays = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_weekdays],
        help_text="Comma-separated iCalendar codes (MO,WE,FR); empty for every day.",
    )
    token = models.CharField(max_length=64, default=new_feed_token, editable=False)
    # The feed's first occurrence: the member's local date when they last saved.
    starts_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # The feed finds its member by this token alone, with no login.
            models.UniqueConstraint(fields=["token"], name="unique_reminder_token"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.time_of_day:%H:%M}"

    @property
    def weekday_codes(self) -> list[str]:
        """The chosen days in week order; empty means every day."""
        chosen = set(self.weekdays.split(",")) - {""}
        return [code for code in Weekday.values if code in chosen]
