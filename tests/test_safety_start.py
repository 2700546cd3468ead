"""Start with safety answers: the snapshot holds the adapted steps, and the
steps left out are logged as left out for safety, never as the person's skips."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.safety import GUEST_ANSWERS_SESSION_KEY
from catalogue.models import Zone
from catalogue.safety import Answer, Answers, Condition
from practice import player
from practice.models import LEAD_IN_SECONDS, PracticeSession, StepLog, StepOutcome
from tests.factories import (
    answer_safety_check,
    make_routine,
    make_step,
    make_technique,
)

pytestmark = pytest.mark.django_db

BREAKOUT = Answers((Answer(Condition.ACNE, frozenset({Zone.CHEEKS})),))


def face_routine():
    technique = make_technique(name="Classic facial massage")
    return make_routine(
        [
            make_step(technique, title="Forehead circles", zone=Zone.FOREHEAD),
            make_step(technique, title="Cheek circles", zone=Zone.CHEEKS),
            make_step(technique, title="Lip circles", zone=Zone.MOUTH),
            make_step(technique, title="Cheek kneading", zone=Zone.CHEEKS),
        ]
    )


def test_start_session_snapshots_the_adapted_steps_and_logs_the_rest(user):
    now = timezone.now()

    session = player.start_session(face_routine(), user=user, answers=BREAKOUT, now=now)

    assert [step["title"] for step in session.steps] == ["Forehead circles", "Lip circles"]
    assert [(step["title"], step["routine_position"]) for step in session.left_out] == [
        ("Cheek circles", 2),
        ("Cheek kneading", 4),
    ]
    assert session.left_out[0]["reasons"] == [
        "Active breakout on the cheeks: massage can spread it and irritate the skin."
    ]
    assert list(StepLog.objects.values_list("position", "outcome", "started_at", "ended_at")) == [
        (2, StepOutcome.LEFT_OUT, now, now),
        (3, StepOutcome.LEFT_OUT, now, now),
    ]


def test_without_answers_the_routine_starts_as_written(user):
    session = player.start_session(face_routine(), user=user)
    assert session.step_count == 4 and session.left_out == []
    assert not StepLog.objects.exists()


def test_playing_through_never_counts_a_left_out_step_as_skipped(client, user):
    session = player.start_session(face_routine(), user=user, answers=BREAKOUT)
    now = timezone.now()
    # Each step practised for 20 s: long enough to count as done.
    player.begin(session, 0, now=now - timedelta(seconds=LEAD_IN_SECONDS + 40))
    player.advance(session, 0, now=now - timedelta(seconds=20))
    player.finish(session, 1, now=now)
    client.force_login(user)

    summary = client.get(session.get_absolute_url()).content.decode()
    history = client.get(reverse("practice:history")).content.decode()
    detail = client.get(reverse("practice:history_detail", args=[session.pk])).content.decode()

    # Never "every step": the summary says what was left out.
    assert "2 of 2 steps done; 2 left out for safety today." in summary
    assert "Every step" not in summary
    assert "2 done · 0 skipped · 2 left out for safety" in history
    assert "<dt>Left out for safety</dt><dd>2</dd>" in detail
    assert "Left out for safety: Active breakout on the cheeks" in detail
    assert "<dt>Skipped</dt><dd>0</dd>" in detail


def test_exports_say_left_out_for_safety(client, user):
    session = player.start_session(face_routine(), user=user, answers=BREAKOUT)
    now = timezone.now()
    player.begin(session, 0, now=now - timedelta(seconds=LEAD_IN_SECONDS + 20))
    player.finish(session, 0, now=now)  # the first step practised for 20 s
    client.force_login(user)

    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get(reverse("practice:export_csv")).streaming_content).decode()
            )
        )
    )
    document = json.loads(b"".join(client.get(reverse("practice:export_json")).streaming_content))

    assert [(row["step_title"], row["step_outcome"]) for row in rows] == [
        ("Forehead circles", "done"),
        ("Lip circles", "not reached"),
        ("Cheek circles", "left out for safety"),
        ("Cheek kneading", "left out for safety"),
    ]
    assert rows[2]["step_left_out_because"].startswith("Active breakout on the cheeks")
    steps = document["sessions"][0]["steps"]
    assert [step["outcome"] for step in steps][2:] == ["left out for safety"] * 2
    assert steps[2]["reasons"] == [
        "Active breakout on the cheeks: massage can spread it and irritate the skin."
    ]


def test_the_start_button_uses_a_guests_answers(client):
    routine = face_routine()
    session = client.session
    session[GUEST_ANSWERS_SESSION_KEY] = BREAKOUT.to_dict()
    session.save()

    response = client.post(reverse("practice:start", args=[routine.slug]))

    started = PracticeSession.objects.get()
    assert response["Location"] == started.get_absolute_url()
    assert [step["title"] for step in started.steps] == ["Forehead circles", "Lip circles"]


def test_a_dated_answer_in_force_asks_still_true_once(client, user):
    routine = face_routine()
    fillers = Answer(
        Condition.INJECTABLES, frozenset({Zone.MOUTH}), timezone.localdate() - timedelta(days=7)
    )
    answer_safety_check(user, Answers((fillers,)))
    client.force_login(user)
    start = reverse("practice:start", args=[routine.slug])

    asked = client.post(start)
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Still true?" in page
    assert "Fillers or botulinum toxin around the mouth on " in page
    assert not PracticeSession.objects.exists()

    confirmed = client.post(start, {"still_true": "1"})
    session = PracticeSession.objects.get()
    assert confirmed["Location"] == session.get_absolute_url()
    assert "Lip circles" not in [step["title"] for step in session.steps]

    # Asked once: later starts today go straight to the player (once the
    # first session is finished: an unfinished one is offered to resume).
    player.begin(session, 0)
    player.finish(session, 0)
    assert client.post(start).status_code == 302
    assert PracticeSession.objects.count() == 2


def test_current_answers_need_no_confirmation(client, user):
    answer_safety_check(user, BREAKOUT)
    client.force_login(user)
    assert client.post(reverse("practice:start", args=[face_routine().slug])).status_code == 302


def test_a_routine_that_would_lose_every_step_is_refused_with_a_message(client, user):
    technique = make_technique()
    routine = make_routine([make_step(technique, zone=Zone.CHEEKS)])
    answer_safety_check(user, BREAKOUT)
    client.force_login(user)

    response = client.post(reverse("practice:start", args=[routine.slug]), follow=True)

    assert response.status_code == 200
    assert "Not offered today: every step of this routine" in response.content.decode()
    assert not PracticeSession.objects.exists()
