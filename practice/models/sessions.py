"""What a person did: practice sessions and their step logs, kept as they happened."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from catalogue.models import Routine

from .snapshots import Snapshot, steps_of

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


# Where a visitor's browser session keeps the token of its practice sessions.
GUEST_TOKEN_SESSION_KEY = "facerouting_guest_token"

# Not a stored status: an unfinished session nobody touched for ABANDONED_AFTER.
ABANDONED = "abandoned"


class PracticeSessionQuerySet(models.QuerySet):
    """
    Sessions, and the one door every write to them goes through.

    The history page caches a person's figures under the version
    practice/stats.py works out from their Profile.practice_changed_at (or,
    before they have a profile, from their sessions' updated_at), and each
    finished entry of its list under the session's updated_at. So every write
    that can change what a person's history shows sets updated_at and notes
    the change on the owner's profile, in the same transaction: update()
    (update_practice), delete() and bulk_create() here, save() and delete()
    on PracticeSession. Nothing else announces it; there are no signals.
    update_progress() is the one write that notes nobody: it moves an open
    session along, which no figure reads.

    The owners are noted first, before the write, while this queryset still
    finds the rows (an update may change what it filters on: the revision,
    the owner). The note and the write commit together, so no one reads the
    new version with the old figures; a write that then finds nothing to
    change costs its owner one recomputation of their figures, never a stale
    one. Always the profile first, then the sessions: one lock order. Inside
    a caller's transaction (the player's controls) the door adds no savepoint,
    only the one UPDATE of the note: an error rolls back the caller's whole
    transaction anyway.

    Not covered, because nothing the history shows depends on them: deleting
    a user (their sessions and their profile go together), and deleting a
    routine (sessions keep the title they recorded; the database only
    forgets which routine it was).
    """

    def update_practice(self, **changes) -> int:
        """Write `changes` to these sessions: a change of their owners' practice."""
        with transaction.atomic(savepoint=False):
            # Claiming a guest's sessions names their new owner in the changes.
            Profile.objects.note_practice_changed(self.values("user"), changes.get("user"))
            return super().update(**changes, updated_at=timezone.now())

    update_practice.alters_data = True

    def update_progress(self, **changes) -> int:
        """
        Move unfinished sessions along: the player's controls, all but Finish.
        Their history entries change (updated_at), their owners' figures do
        not, since the figures read finished sessions only; so a step change,
        the request the server answers most, writes no note on the profile.
        """
        return super().update(**changes, updated_at=timezone.now())

    update_progress.alters_data = True

    def update(self, **changes) -> int:
        # A plain update() would skip auto_now and the note, and the history
        # would show stale figures: it is the same door under Django's name
        # (which bulk_update() and related managers call too).
        return self.update_practice(**changes)

    update.alters_data = True

    def delete(self):
        with transaction.atomic(savepoint=False):
            Profile.objects.note_practice_changed(self.values("user"))
            return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(savepoint=False):
            Profile.objects.note_practice_changed(*{session.user_id for session in objs})
            return super().bulk_create(objs, *args, **kwargs)

    bulk_create.alters_data = True

    def finished(self):
        return self.filter(status=SessionStatus.FINISHED)

    def unfinished(self):
        return self.exclude(status=SessionStatus.FINISHED)

    def for_request(self, request):
        """The sessions this request may see: the member's, or this browser's as a guest."""
        if request.user.is_authenticated:
            return self.filter(user=request.user)
        token = request.session.get(GUEST_TOKEN_SESSION_KEY)
        if not token:
            return self.none()
        return self.filter(user__isnull=True, guest_token=token)


class PracticeSession(models.Model):
    """
    One run through a routine. The steps are a snapshot taken at start, so
    later edits to the routine never change what this session shows or logs.

    Timing is stored, not inferred: while running, `deadline` is when the
    current step ends; while paused, `remaining_ms` is what was left of it.
    Every change bumps `revision`, which the conditional updates in
    practice/player.py compare against so that no change applies twice.
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
    # The routine's steps as they were at start, shared with every session of
    # the same routine version (snapshots.py): read them as `steps`.
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="sessions")
    # The routine's steps the safety check left out at start, each snapshot
    # with its "reasons" and its "routine_position": never played; each has a
    # step log "left out for safety" after the played steps' positions.
    left_out = models.JSONField(default=list, blank=True)
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
    # user's until their profile notes changes (practice/stats.py). Every
    # write sets it, updates too (PracticeSessionQuerySet).
    updated_at = models.DateTimeField(auto_now=True)

    objects = PracticeSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # History: a user's sessions, newest first.
            models.Index(fields=["user", "-created_at"], name="session_user_newest"),
            # History insights (practice/stats.py): a user's finished
            # sessions, per routine title, carrying every column the
            # statistics read, so that streaks, totals, the calendar and the
            # per-routine figures come from the index alone, never from the
            # rows themselves; the title comes before the start time so the
            # per-routine figures group without a sort.
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
            # A session is a member's or a guest's, never both or neither:
            # claiming a guest's sessions on signup swaps one for the other.
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(guest_token=""))
                | (models.Q(user__isnull=True) & ~models.Q(guest_token="")),
                name="session_member_or_guest",
            ),
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

    def save(self, **kwargs) -> None:
        """Save, and note the change on the owner's profile (see PracticeSessionQuerySet)."""
        if (fields := kwargs.get("update_fields")) is not None:
            # The history's entry for this session is cached under updated_at.
            kwargs["update_fields"] = {*fields, "updated_at"}
        with transaction.atomic(savepoint=False):
            owners = [self.user_id]
            if not self._state.adding:
                # Given to someone else (the admin can): the owner it had changes too.
                owners.append(PracticeSession.objects.filter(pk=self.pk).values("user"))
            Profile.objects.note_practice_changed(*owners)
            super().save(**kwargs)

    def get_absolute_url(self) -> str:
        return reverse("practice:player", args=[self.pk])

    def delete(self, **kwargs):
        """Delete, with its step log, and note the change on the owner's profile."""
        with transaction.atomic(savepoint=False):
            Profile.objects.note_practice_changed(
                PracticeSession.objects.filter(pk=self.pk).values("user")
            )
            return super().delete(**kwargs)

    @property
    def steps(self) -> list[dict]:
        """The steps this session plays: its snapshot's, never to be changed in place."""
        return steps_of(self.snapshot_id)

    @steps.setter
    def steps(self, steps: list[dict]) -> None:
        # PracticeSession(steps=...) or .create(steps=...): stored, or found, at once.
        self.snapshot = Snapshot.of(steps)

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
    def total_seconds(self) -> int:
        return sum(step["duration_seconds"] for step in self.steps)

    @property
    def seconds_before_current(self) -> int:
        return sum(step["duration_seconds"] for step in self.steps[: self.position])

    def is_abandoned(self, now: datetime) -> bool:
        """Left unfinished and untouched for ABANDONED_AFTER: still resumable."""
        return (
            self.status != SessionStatus.FINISHED and self.last_activity_at < now - ABANDONED_AFTER
        )

    @property
    def state(self) -> str:
        """The status as a person sees it now: ready, running, paused, finished or abandoned."""
        return ABANDONED if self.is_abandoned(timezone.now()) else self.status

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
    # Not the person's choice: the safety check left the step out at start
    # (catalogue/safety.py). Never counted as skipped.
    LEFT_OUT = "left_out", "Left out for safety"


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
            # No step ends before it starts: a step ended during the lead-in,
            # before it was due, is logged as starting when it ended
            # (practice/player.py _log_steps).
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="steplog_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"Step {self.position + 1}: {self.outcome or 'in progress'}"
