"""
The player without the network: what it needs to keep guiding, and the queue
of changes it made meanwhile (practice/replay.py, static/js/offline_player.js).
"""

import copy
from datetime import timedelta

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from practice import replay as replays
from practice.models import PracticeSession, SessionStatus
from practice.views.player import _session_or_404, player_context


def _as_swapped(request: HttpRequest) -> HttpRequest:
    """
    The request as the player template sees an htmx step change: the step
    without the face drawing, which stays on the page, and without CSRF
    inputs, which the page's hx-headers token covers.
    """
    swapped = copy.copy(request)
    swapped.htmx = True
    return swapped


def _at(session: PracticeSession, position: int, status: str, now) -> PracticeSession:
    """`session` as it stands when step `position` has just begun (never saved)."""
    step_ms = session.steps[position]["duration_seconds"] * 1000
    moved = copy.copy(session)
    moved.position = position
    moved.status = status
    moved.last_activity_at = now
    moved.deadline = (
        now + timedelta(milliseconds=step_ms) if status == SessionStatus.RUNNING else None
    )
    moved.remaining_ms = step_ms if status == SessionStatus.PAUSED else None
    return moved


@require_safe
@cache_control(private=True, no_cache=True)
def offline_steps(request: HttpRequest, pk: int) -> JsonResponse:
    """
    Every step of the session as the player would swap it in, running and
    paused, each just begun; the player fills in the time left. The service
    worker keeps this once the player page is open, so the routine can go on
    to its end without the network. It never changes: a session's steps are
    fixed at start.
    """
    session = _session_or_404(request, pk)
    now = timezone.now()
    swapped = _as_swapped(request)

    def step(position: int, status: str) -> str:
        context = player_context(_at(session, position, status, now), now) | {"request": swapped}
        return render_to_string("practice/player.html#player", context, request=request)

    return JsonResponse(
        {
            "session": session.pk,
            "steps": [
                {
                    "ms": played["duration_seconds"] * 1000,
                    "running": step(position, "running"),
                    "paused": step(position, "paused"),
                }
                for position, played in enumerate(session.steps)
            ],
            "finished": render_to_string(
                "practice/_offline_finished.html", {"session": session}, request=request
            ),
        }
    )


@require_POST
def replay(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the changes made offline, in order and at most once; answer the step as it stands."""
    session = _session_or_404(request, pk)
    now = timezone.now()
    try:
        changes = replays.parse_changes(request.body, now)
    except replays.BadReplay as problem:
        return HttpResponseBadRequest(
            f"Those changes could not be saved: {problem}\n", content_type="text/plain"
        )
    applied = replays.replay(session, changes, now)
    response = render(
        request,
        "practice/player.html#player",
        player_context(session) | {"request": _as_swapped(request)},
    )
    response["Replay-Applied"] = f"{applied} of {len(changes)}"
    return response
