"""The guided player: start a session, show it, and apply its controls.

Controls answer htmx requests with the player partial and plain form posts
with a redirect to the player page, so the player works without JavaScript.
A control that no longer applies (a duplicate, a retry, a second tab) is not
an error: the answer is simply the current state.
"""

import secrets
from collections import Counter
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from accounts import safety as safety_answers
from catalogue.models import Routine
from facerouting.redirects import local_path
from practice import player, start_again
from practice.forms import BeginForm, ControlForm, ReviewForm
from practice.guide import face_guide
from practice.history import DONE_RULE, TOO_SHORT, step_rows
from practice.models import (
    GUEST_TOKEN_SESSION_KEY,
    LEAD_IN_SECONDS,
    PracticeSession,
    SessionStatus,
    StepOutcome,
)


def _session_or_404(request: HttpRequest, pk: int) -> PracticeSession:
    return get_object_or_404(PracticeSession.objects.for_request(request), pk=pk)


def _guest_token(request: HttpRequest) -> str:
    token = request.session.get(GUEST_TOKEN_SESSION_KEY)
    if not token:
        token = secrets.token_hex(16)
        request.session[GUEST_TOKEN_SESSION_KEY] = token
    return token


def player_context(session: PracticeSession, now=None) -> dict:
    """Everything the player template shows, worked out here so it only formats."""
    now = now or timezone.now()
    state = session.state
    context = {"session": session, "state": state, "total_ms": session.total_seconds * 1000}
    if state == SessionStatus.FINISHED:
        # The same words as the history: "done" only for a step practised a while.
        rows = step_rows(session)[: session.step_count]
        outcomes = Counter(row.outcome for row in rows)
        done, too_short = outcomes[StepOutcome.DONE], outcomes[TOO_SHORT]
        skipped = outcomes[StepOutcome.SKIPPED]
        unreached = session.step_count - done - too_short - skipped
        left_out = session.left_out
        return context | {
            "done_ms": context["total_ms"],
            "summary_steps": [
                (row.step, "" if row.outcome == "not reached" else row.outcome) for row in rows
            ],
            "done_count": done,
            "too_short_count": too_short,
            "skipped_count": skipped,
            "unreached_count": unreached,
            "left_out": left_out,
            "done_rule": DONE_RULE,
            "summary": _summary(
                session.step_count, done, skipped, unreached, len(left_out), too_short
            ),
            "review_form": ReviewForm(instance=session),
        }
    step = session.current_step
    step_ms = step["duration_seconds"] * 1000
    remaining_ms = session.remaining_ms_at(now)
    lead_in_ms = player.lead_in_ms(session, now)
    return context | {
        "step": step,
        "next_step": session.next_step,
        "step_number": session.position + 1,
        "step_ms": step_ms,
        "remaining_ms": remaining_ms,
        "remaining_seconds": min(remaining_ms, step_ms) / 1000,
        "lead_in_seconds": LEAD_IN_SECONDS,
        "done_ms": session.seconds_before_current * 1000 + max(0, step_ms - remaining_ms),
        "later_count": session.step_count - session.position - 1,
        "guide": face_guide(step, remaining_ms),
        "begin_form": BeginForm(session=session) if state == SessionStatus.READY else None,
        "idle_since": session.last_activity_at,
        "controls": _controls(session, state, in_lead_in=lead_in_ms > 0),
    }


def _controls(session: PracticeSession, state: str, *, in_lead_in: bool) -> dict:
    """
    The buttons of a running or paused step, each a form posting the position
    shown. Drawn by one loop in the template rather than an include each,
    whose five {% url %} and {% csrf_token %} were a tenth of a step change.
    """
    # Every control's URL is the player page's plus its name (practice/urls.py).
    base = session.get_absolute_url()

    def control(action: str, label: str, **options) -> dict:
        # Every key set: a missing one would find the dict's own methods (keys).
        return {
            "action": action,
            "label": label,
            "url": f"{base}{action}/",
            "id": f"control-{action}",
            "keys": "",
            "primary": False,
            "disabled": False,
            "auto": False,
            "lead_in": False,
        } | options

    running = state == SessionStatus.RUNNING
    return {
        "main": [
            control("back", "Back", keys="ArrowLeft", disabled=session.position == 0),
            control(
                "pause" if running else "resume",
                "Pause" if running else "Resume",
                keys="Space",
                id="control-toggle",
                primary=True,
            ),
            control("next", "Next", keys="ArrowRight", auto=True, lead_in=in_lead_in),
        ],
        "skip": control("skip", "Skip"),
        "finish": control("finish", "Finish now", id="control-finish-now", primary=True),
    }


def _summary(
    step_count: int, done: int, skipped: int, unreached: int, left_out: int, too_short: int = 0
) -> dict:
    """
    The summary's heading and sentence: praise only for the whole routine,
    practised, and the steps the safety check left out today always said,
    never hidden behind "every step".
    """
    counts = f"{done} of {step_count} step{'s' if step_count != 1 else ''} done"
    if too_short:
        counts += f", {too_short} too short"
    if skipped:
        counts += f", {skipped} skipped"
    if unreached:
        counts += f", {unreached} not reached"
    if left_out:
        counts += f"; {left_out} left out for safety today"
    if unreached:
        return {"heading": "Finished early", "sentence": f"{counts}."}
    if skipped or too_short:
        return {"heading": "Routine finished", "sentence": f"{counts}."}
    if left_out:
        return {"heading": "Well done", "sentence": f"{counts}."}
    return {"heading": "Well done", "sentence": f"Every step done: {counts}."}


def _respond(request: HttpRequest, session: PracticeSession) -> HttpResponse:
    if request.htmx:
        return render(request, "practice/player.html#player", player_context(session))
    return redirect(session, permanent=False)


def _bad_request(form) -> HttpResponse:
    problems = " ".join(error for errors in form.errors.values() for error in errors)
    return HttpResponseBadRequest(f"That control could not be applied: {problems}\n")


@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    routine = get_object_or_404(Routine.objects.visible_to(request.user), slug=slug)
    # Safe for this person today: a dated answer in force is confirmed once a day.
    answers = safety_answers.answers_for(request)
    if still_true := safety_answers.to_confirm(request, answers, timezone.localdate()):
        if "still_true" not in request.POST:
            return render(
                request, "practice/still_true.html", {"routine": routine, "sentences": still_true}
            )
        safety_answers.note_confirmed(request, timezone.localdate())
    # Unfinished a little while ago: Resume, or Start over (practice/start_again.py).
    # After the safety question, which is noted for the day, so Start over
    # posts straight back here without asking it again.
    sessions = PracticeSession.objects.for_request(request)
    unfinished = start_again.recent_unfinished(sessions, routine, timezone.now())
    posted = request.POST.getlist("discard")
    discard = start_again.chosen_to_discard(posted, unfinished)
    if len(discard) < len(unfinished):
        if started := start_again.started_by_the_same_press(posted, unfinished):
            return redirect(started)
        return render(
            request,
            "practice/start_again.html",
            {
                "routine": routine,
                "unfinished": unfinished,
                "within_hours": start_again.RESUME_OFFERED_WITHIN_HOURS,
            },
        )

    def new_session() -> PracticeSession:
        return player.start_session(
            routine,
            user=request.user,
            guest_token="" if request.user.is_authenticated else _guest_token(request),
            answers=answers,
        )

    try:
        session = start_again.start_over(sessions, discard, new_session)
        if session is None:
            # A second press of Start over: the first one has started the new
            # session, so go there (or, were the old one finished meanwhile in
            # another tab, back to the routine).
            current = start_again.recent_unfinished(sessions, routine, timezone.now())
            return redirect(current[0] if current else routine)
    except player.EmptyRoutineError:
        messages.error(request, "Add at least one step before starting this routine.")
        return redirect(routine)
    except player.NotOfferedTodayError as refused:
        messages.error(request, " ".join(refused.adapted.adaptation.notices))
        return redirect(routine)
    return redirect(session)


@require_safe
def play(request: HttpRequest, pk: int) -> HttpResponse:
    """The player page: the session as it stands, ready to go on."""
    session = _session_or_404(request, pk)
    return render(request, "practice/player.html", player_context(session))


@require_POST
def begin(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    form = BeginForm(request.POST, session=session)
    if not form.is_valid():
        return _bad_request(form)
    player.begin(
        session,
        form.cleaned_data["position"],
        puffiness_before=form.cleaned_data["puffiness_before"],
    )
    return _respond(request, session)


def _apply_control(
    request: HttpRequest, pk: int, apply: Callable[[PracticeSession, dict], bool]
) -> HttpResponse:
    """Check the posted position, apply the control if it still fits, show the result."""
    session = _session_or_404(request, pk)
    form = ControlForm(request.POST, session=session)
    if not form.is_valid():
        return _bad_request(form)
    apply(session, form.cleaned_data)
    return _respond(request, session)


@require_POST
def next_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Next: this step is done. The browser posts it too when time runs out."""
    return _apply_control(
        request,
        pk,
        lambda session, data: player.advance(
            session, data["position"], auto=data["auto"], seen_in_lead_in=data["lead_in"]
        ),
    )


@require_POST
def skip_step(request: HttpRequest, pk: int) -> HttpResponse:
    return _apply_control(
        request, pk, lambda session, data: player.skip(session, data["position"])
    )


@require_POST
def back(request: HttpRequest, pk: int) -> HttpResponse:
    return _apply_control(
        request, pk, lambda session, data: player.go_back(session, data["position"])
    )


@require_POST
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    return _apply_control(
        request, pk, lambda session, data: player.pause(session, data["position"])
    )


@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    return _apply_control(
        request, pk, lambda session, data: player.resume(session, data["position"])
    )


@require_POST
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    return _apply_control(
        request, pk, lambda session, data: player.finish(session, data["position"])
    )


@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the puffiness ratings and notes of a finished session."""
    session = _session_or_404(request, pk)
    if session.status != SessionStatus.FINISHED:
        return HttpResponse("Finish the session before rating it.\n", status=409)
    form = ReviewForm(request.POST, instance=session)
    if form.is_valid():
        form.save()
    if request.htmx:
        # Only the status line: the form stays as the person left it, so an
        # answer given while this one was on its way is not swept away.
        problems = " ".join(error for errors in form.errors.values() for error in errors)
        return render(
            request,
            "practice/player.html#review_status",
            {"saved": form.is_valid(), "review_errors": problems},
        )
    if not form.is_valid():
        return render(
            request, "practice/player.html", player_context(session) | {"review_form": form}
        )
    messages.success(request, "Saved.")
    return redirect(session)


@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    """Throw away an unfinished session."""
    session = _session_or_404(request, pk)
    if session.status == SessionStatus.FINISHED:
        return HttpResponse("Finished sessions are deleted from your history.\n", status=409)
    # The history page discards too, and wants its list back afterwards.
    destination = local_path(
        request.POST.get("next", ""),
        default=session.routine.get_absolute_url() if session.routine else "/",
    )
    session.delete()
    messages.info(request, f"Discarded your unfinished {session.routine_title} session.")
    if request.htmx:
        return HttpResponseClientRedirect(destination)
    return redirect(destination)
