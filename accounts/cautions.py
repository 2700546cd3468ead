"""
Which techniques' cautions a person has said they read ("I have read these"
on a routine's page), each with a digest of the words they read: on their
profile for members, in the browser session for guests. A technique whose
cautions were reworded since counts as unread, so its cautions are shown in
full again.

A guest's acknowledgements stay in the browser session when they log in or
sign up (Django keeps the session's data then), so they still count, and the
next acknowledgement as a member moves them to the profile.
"""

import hashlib
import re

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from catalogue.models import Technique

from .models import Profile

# Where a visitor's browser session keeps their acknowledgements.
GUEST_SESSION_KEY = "facerouting_acknowledged_cautions"

# What the routine page's form posts for each technique it shows: "slug:digest".
_SEEN = re.compile(r"^([-a-zA-Z0-9_]{1,100}):([0-9a-f]{16})$")


def digest(cautions: str) -> str:
    """A short fingerprint of a technique's cautions, as shown."""
    return hashlib.sha256(" ".join(cautions.split()).encode()).hexdigest()[:16]


def seen_value(technique) -> str:
    """The form value that says "I read these cautions of this technique"."""
    return f"{technique.slug}:{digest(technique.cautions)}"


def _clean(stored) -> dict[str, str]:
    if not isinstance(stored, dict):
        return {}
    return {key: value for key, value in stored.items() if isinstance(value, str)}


def acknowledged_for(request: HttpRequest) -> dict[str, str]:
    """Technique slug → digest of the cautions this person read (one query for a member)."""
    from_session = _clean(request.session.get(GUEST_SESSION_KEY))
    if not request.user.is_authenticated:
        return from_session
    stored = (
        Profile.objects.filter(user=request.user)
        .values_list("acknowledged_cautions", flat=True)
        .first()
    )
    return {**from_session, **_clean(stored)}


def unread(techniques, acknowledged: dict[str, str]) -> set[str]:
    """The slugs of `techniques` whose cautions, as they read now, were not acknowledged."""
    return {
        technique.slug
        for technique in techniques
        if acknowledged.get(technique.slug) != digest(technique.cautions)
    }


def acknowledge(request: HttpRequest, techniques, seen) -> int:
    """Record the cautions of `techniques` this person read, as the form says they saw them.

    `seen` are the form's "slug:digest" values; a technique counts only if it
    is one of `techniques` and its cautions still read as they did when the
    page was shown. Anything else is ignored. Returns how many were recorded.
    """
    current = {technique.slug: digest(technique.cautions) for technique in techniques}
    read = {}
    for value in seen:
        match = _SEEN.match(value) if isinstance(value, str) else None
        if match and current.get(match[1]) == match[2]:
            read[match[1]] = match[2]
    if not read:
        return 0
    if not request.user.is_authenticated:
        request.session[GUEST_SESSION_KEY] = {
            **_clean(request.session.get(GUEST_SESSION_KEY)),
            **read,
        }
        return len(read)
    # What they read as a guest in this browser moves to the account with it.
    from_session = _clean(request.session.pop(GUEST_SESSION_KEY, None))
    with transaction.atomic():
        profile, _ = Profile.objects.select_for_update().get_or_create(
            user=request.user, defaults={"timezone": timezone.get_current_timezone_name()}
        )
        profile.acknowledged_cautions = {
            **from_session,
            **_clean(profile.acknowledged_cautions),
            **read,
        }
        profile.save(update_fields=["acknowledged_cautions"])
    return len(read)


def acknowledgements_of(user) -> list[dict]:
    """The cautions a member said they read, for their data export: each
    technique with the fingerprint of the words they read and whether the
    cautions still read that way (the words themselves while they do).
    Two queries: the profile, and the techniques it names."""
    stored = _clean(
        Profile.objects.filter(user=user).values_list("acknowledged_cautions", flat=True).first()
    )
    techniques = {
        technique.slug: technique for technique in Technique.objects.filter(slug__in=stored)
    }
    records = []
    for slug, read in sorted(stored.items()):
        technique = techniques.get(slug)
        current = technique is not None and digest(technique.cautions) == read
        records.append(
            {
                "technique": slug,
                "name": technique.name if technique else None,
                "cautions_read": read,
                "still_current": current,
                "cautions": technique.cautions if current else None,
            }
        )
    return records
