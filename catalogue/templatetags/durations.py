import math

from django import template

register = template.Library()


@register.filter
def duration(seconds: int | float | None) -> str:
    """Format a length of time for people: "45 s", "5 min", "4 min 30 s", "1 h 5 min"."""
    if seconds is None:
        return ""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


@register.filter
def clock(seconds: int | float | None) -> str:
    """Format seconds as a countdown reads: "4:05", rounding up like the player's script."""
    if seconds is None:
        return ""
    minutes, secs = divmod(max(0, math.ceil(seconds)), 60)
    return f"{minutes}:{secs:02d}"
