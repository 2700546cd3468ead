"""What the catalogue's pages show of a person's practice, without the catalogue importing it."""

from django import template
from django.utils import timezone

from practice import programs, stats
from practice.models import Enrolment, PracticeSession, SessionStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def unfinished_session(context, routine=None) -> PracticeSession | None:
    """This person's (or this browser's) latest unfinished session, of `routine` if given."""
    sessions = PracticeSession.objects.for_request(context["request"]).unfinished()
    if routine is not None:
        sessions = sessions.filter(routine=routine)
    return sessions.first()


@register.simple_tag(takes_context=True)
def programs_today(context) -> list[Enrolment]:
    """The member's programs under way, each with `.plan` for today (none for visitors)."""
    return programs.active_plans(context["request"].user)


@register.simple_tag(takes_context=True)
def practice_lately(context) -> dict | None:
    """A member's last finished session and current streak, for the home page (two queries)."""
    user = context["request"].user
    if not user.is_authenticated:
        return None
    last = (
        PracticeSession.objects.filter(user=user, status=SessionStatus.FINISHED)
        .order_by("-finished_at")
        .only("routine_title", "finished_at", "routine_id")
        .first()
    )
    if last is None:
        return None
    now = timezone.now()
    return {"last": last, "streaks": stats.streaks(user, timezone.get_current_timezone(), now)}


@register.filter
def rating_parts(label) -> tuple[str, str]:
    """ "1 · not puffy" → ("1", "not puffy"): the number a rating option shows,
    and the words it says (practice.models.Puffiness)."""
    number, _, words = str(label).partition(" · ")
    return number, words
