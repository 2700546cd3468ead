"""Who a person is, beside Django's user: their profile and its settings."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .timezones import DEFAULT_ZONE, valid_zone, validate_zone


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
    # insights are keyed on it (practice/stats.py). Null until the first
    # change after the profile exists; the history then asks the sessions.
    practice_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.user} ({self.timezone})"
