from django import template

from catalogue.models import Routine

register = template.Library()


@register.simple_tag(takes_context=True)
def copies_of(context, routine: Routine) -> list[Routine]:
    """The signed-in person's own copies of `routine`, newest first: one query, none for visitors.

    So the routine's page can say a copy exists before "Make it mine" makes another.
    """
    user = context["request"].user
    if not user.is_authenticated:
        return []
    copies = Routine.objects.owned_by(user).filter(copied_from=routine)
    return list(copies.order_by("-created_at", "-pk").only("title", "slug"))
