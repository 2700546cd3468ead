"""The face drawing's shapes for templates: the player's guide and the cards' thumbnails."""

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from catalogue import face
from catalogue.models import Routine

register = template.Library()

# Marks, in a page's render, that its first thumbnail has drawn the outline.
_OUTLINE_DRAWN = object()


@register.simple_tag
def face_drawing() -> dict:
    """The face's lines and zone areas by name (catalogue/face.py)."""
    return {"lines": face.LINES, "areas": face.AREAS, "viewbox": face.VIEWBOX}


@register.simple_tag
def face_guide() -> SafeString:
    """The player's face guide, templates/practice/_face.html, drawn once per process.

    It holds no step and nothing of the person's (the page around it says
    what to light), and at some 29 KB it was a fifth of a player page's
    rendering. With DEBUG on it is drawn every time, so an edit to the
    template shows at once, as Django's own template caching does.
    """
    return _draw_face_guide() if settings.DEBUG else _face_guide_once()


def _draw_face_guide() -> SafeString:
    return mark_safe(render_to_string("practice/_face.html"))


@functools.cache
def _face_guide_once() -> SafeString:
    return _draw_face_guide()


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
