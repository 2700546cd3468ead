"""The face drawing's shapes for templates: the player's guide and the cards' thumbnails."""

from django import template

from catalogue import face
from catalogue.models import Routine

register = template.Library()

# Marks, in a page's render, that its first thumbnail has drawn the outline.
_OUTLINE_DRAWN = object()


@register.simple_tag
def face_drawing() -> dict:
    """The face's lines and zone areas by name (catalogue/face.py)."""
    return {"lines": face.LINES, "areas": face.AREAS, "viewbox": face.VIEWBOX}


@register.simple_tag(takes_context=True)
def face_thumbnail(context, routine: Routine) -> dict | None:
    """A routine card's face, from its (prefetched) steps; None without steps.

    The outline is the same on every card, so only the page's first
    thumbnail carries it (as `outline`) and the others <use> that one: a
    list of routines sends it once. The note that it has gone out is kept
    where Django's {% include %} keeps its own per-render cache, the root of
    the render context, which lasts for exactly one page's rendering.
    """
    drawn = face.thumbnail(routine.zone_sides)
    if drawn is None:
        return None
    page = context.render_context.dicts[0]
    first = _OUTLINE_DRAWN not in page
    page[_OUTLINE_DRAWN] = True
    return {
        "areas": drawn.areas,
        "label": drawn.label,
        "outline": face.THUMBNAIL_LINES if first else [],
        "viewbox": face.VIEWBOX,
    }
