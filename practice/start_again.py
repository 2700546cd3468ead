"""
Start pressed again on a routine a person left unfinished a little while ago.

Every Start used to make a new session, so a person who came back to the
routine's page and pressed Start again left an "Unfinished" session behind
in their history each time. Now Start first looks for an unfinished session
of the same routine begun within RESUME_OFFERED_WITHIN: if there is one, the
person chooses Resume (that session, as it was) or Start over, which
discards the unfinished ones they were shown and starts a new session in one
transaction. Discarded, not kept as abandoned: the person chose to start the
routine again, and a history that kept every false start would say they
practised it more often than they did. Older unfinished sessions are left
alone: they show as abandoned in the history, resumable until discarded.
"""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.db import transaction

from catalogue.models import Routine

from .models import PracticeSession, PracticeSessionQuerySet

# A morning session interrupted and picked up again the same morning, not
# one from yesterday; the same span after which an untouched session counts
# as abandoned (practice/models/sessions.py ABANDONED_AFTER).
RESUME_OFFERED_WITHIN_HOURS = 6
RESUME_OFFERED_WITHIN = timedelta(hours=RESUME_OFFERED_WITHIN_HOURS)


def recent_unfinished(
    sessions: PracticeSessionQuerySet, routine: Routine, now: datetime
) -> list[PracticeSession]:
    """`sessions` of `routine`, unfinished, begun within RESUME_OFFERED_WITHIN, newest first."""
    recent = sessions.unfinished().filter(
        routine=routine, created_at__gte=now - RESUME_OFFERED_WITHIN
    )
    return list(recent.order_by("-created_at", "-pk"))


def chosen_to_discard(
    posted: Iterable[str], unfinished: list[PracticeSession]
) -> list[PracticeSession]:
    """Those of `unfinished` that a Start over form named (ids it had shown)."""
    named = {value for value in posted if value.isdigit()}
    return [session for session in unfinished if str(session.pk) in named]


def started_by_the_same_press(
    posted: Iterable[str], unfinished: list[PracticeSession]
) -> PracticeSession | None:
    """
    The session a Start over already started, when this is the same press
    arriving again (a double click, a retry): every session it named is gone,
    and a session newer than all of them is waiting. Ids only grow, so newer
    is a larger id.
    """
    named = [int(value) for value in posted if value.isdigit()]
    if not named or not unfinished or any(session.pk in named for session in unfinished):
        return None
    newest = unfinished[0]
    return newest if newest.pk > max(named) else None


@transaction.atomic
def start_over(
    sessions: PracticeSessionQuerySet,
    discard: list[PracticeSession],
    start: Callable[[], PracticeSession],
) -> PracticeSession | None:
    """
    Discard the unfinished sessions in `discard`, then `start` a new one,
    together: a refused start (an empty routine, a safety answer) keeps them.

    None, with nothing changed, when one of them was no longer there to
    discard: another press of the same button (a double click, a second tab)
    discarded it and started a session first, so this one starts nothing.
    """
    wanted = [session.pk for session in discard]
    _, deleted = sessions.filter(pk__in=wanted).unfinished().delete()
    if deleted.get(PracticeSession._meta.label, 0) != len(wanted):
        transaction.set_rollback(True)
        return None
    return start()
