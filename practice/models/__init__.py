"""
What a person did, kept as it happened: practice sessions and their step logs
(sessions.py), with the steps they play stored once per routine version
(snapshots.py); their runs through programs, the days they did and their
reminder feed (plans.py).
"""

from .plans import (
    CompletedDay,
    Enrolment,
    EnrolmentQuerySet,
    EnrolmentStatus,
    Reminder,
    Weekday,
    new_feed_token,
    validate_weekdays,
)
from .sessions import (
    ABANDONED,
    ABANDONED_AFTER,
    GUEST_TOKEN_SESSION_KEY,
    LEAD_IN_SECONDS,
    PracticeSession,
    PracticeSessionQuerySet,
    Puffiness,
    SessionStatus,
    StepLog,
    StepOutcome,
)
from .snapshots import Snapshot

__all__ = [
    "ABANDONED",
    "ABANDONED_AFTER",
    "GUEST_TOKEN_SESSION_KEY",
    "LEAD_IN_SECONDS",
    "CompletedDay",
    "Enrolment",
    "EnrolmentQuerySet",
    "EnrolmentStatus",
    "PracticeSession",
    "PracticeSessionQuerySet",
    "Puffiness",
    "Reminder",
    "SessionStatus",
    "Snapshot",
    "StepLog",
    "StepOutcome",
    "Weekday",
    "new_feed_token",
    "validate_weekdays",
]
