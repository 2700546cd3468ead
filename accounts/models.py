"""Who a person is, beside Django's user: their profile and its settings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .timezones import DEFAULT_ZONE, valid_zone, validate_zone


class ProfileQuerySet(models.QuerySet):
    def note_practice_changed(self, *users) -> None:
        """Something in these users' sessions changed: their insights are out of date.

        Each of `users` is a user or their id (None, a guest, has no profile),
        or a queryset of user ids, such as the owners of the sessions about to
        change: one UPDATE notes them all. practice/models.py calls it for
        every write to a session.
        """
        matching = Q()
        for user in users:
            if isinstance(user, models.QuerySet):
                matching |= Q(user__in=user)
            elif user is not None:
                matching |= Q(user=user)
        if matching:
            self.filter(matching).update(practice_changed_at=timezone.now())

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
    # insights are keyed on it (practice/stats.py), and every write to a
    # session notes it (practice/models.py). Null until the first change
    # after the profile exists; the history then asks the sessions.
    practice_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The cautions they said they have read: technique slug → digest of that
    # technique's cautions as they read them (accounts/cautions.py), so that
    # reworded cautions are shown in full again. Only ever read whole.
    acknowledged_cautions = models.JSONField(default=dict, blank=True, editable=False)

    objects = ProfileQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.user} ({self.timezone})"


class SafetyCheck(models.Model):
    """
    What a member told the safety check (/safety/): their conditions, with
    dates and zones, and the tools they own. Deleted with the account.

    One JSON document, in the shape of catalogue.safety.Answers.to_dict():
    the same document a guest's browser session holds until they sign up,
    and it is only ever read whole, by the person's own pages, never
    queried by its contents.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_check"
    )
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Safety check of {self.user}"
