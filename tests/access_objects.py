"""What the routes of tests/test_access_control.py act on: objects owned by "the
owner", each ready for the request to change it, and what the owner posts."""

from datetime import time

from django.contrib.auth.models import User

from catalogue.models import RoutineStep, Step
from practice import player, programs, reminders
from practice.models import PracticeSession
from tests.factories import begin_after_lead_in, make_program, make_routine

# --- Objects owned by "the owner", each ready for the request to change it ---


def private_routine(owner: User) -> dict:
    return {"slug": make_routine(owner=owner, is_published=False).slug}


def _session(owner: User) -> PracticeSession:
    return player.start_session(make_routine(steps=3), user=owner)


def ready_session(owner: User) -> dict:
    return {"pk": _session(owner).pk}


def running_session(owner: User) -> dict:
    session = _session(owner)
    player.begin(session, 0)
    return {"pk": session.pk}


def session_on_second_step(owner: User) -> dict:
    session = _session(owner)
    begin_after_lead_in(session)
    player.advance(session, 0)
    return {"pk": session.pk}


def paused_session(owner: User) -> dict:
    session = _session(owner)
    player.begin(session, 0)
    player.pause(session, 0)
    return {"pk": session.pk}


def finished_session(owner: User) -> dict:
    session = _session(owner)
    player.begin(session, 0)
    player.finish(session, 0)
    return {"pk": session.pk}


def program_run(owner: User) -> dict:
    return {"pk": programs.join(owner, make_program(2)).pk}


def reminder_feed(owner: User) -> dict:
    return {"token": reminders.save_reminder(owner, time(7, 30), []).token}


def published_program() -> dict:
    return {"slug": make_program(2).slug}


# --- What the owner posts to edit their routine: it names its real steps ---


def _steps_of(kwargs: dict) -> list[RoutineStep]:
    return list(RoutineStep.objects.filter(routine__slug=kwargs["slug"]).order_by("position"))


def add_a_step(kwargs: dict) -> dict:
    return {"step": Step.objects.first().pk, "count": len(_steps_of(kwargs))}


def remove_the_first_step(kwargs: dict) -> dict:
    return {"routine_step": _steps_of(kwargs)[0].pk}


def move_the_first_step_down(kwargs: dict) -> dict:
    first = _steps_of(kwargs)[0]
    return {"routine_step": first.pk, "position": first.position, "direction": "down"}


def reverse_the_order(kwargs: dict) -> dict:
    return {"order": ",".join(str(step.pk) for step in reversed(_steps_of(kwargs)))}


def lengthen_the_first_step(kwargs: dict) -> dict:
    return {"routine_step": _steps_of(kwargs)[0].pk, "seconds": 45}
