"""What the catalogue's pages show of a person's practice, without the catalogue importing it."""

from django import template

from practice import programs
from practice.models import Enrolment, PracticeSession

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
