"""Start on a routine left unfinished a little while ago: Resume, or Start over."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalogue.models import RoutineStep, Zone
from catalogue.safety import Answer, Answers, Condition
from practice import player, start_again
from practice.models import PracticeSession, SessionStatus
from practice.start_again import RESUME_OFFERED_WITHIN
from tests.factories import (
    answer_safety_check,
    begin_after_lead_in,
    make_routine,
    make_step,
    make_technique,
)

pytestmark = pytest.mark.django_db


def start_url(routine) -> str:
    return f"/routines/{routine.slug}/start/"


def session_of(response) -> PracticeSession:
    """The session a Start answer redirected to."""
    return PracticeSession.objects.get(pk=response["Location"].strip("/").split("/")[-1])


@pytest.fixture
def routine():
    return make_routine(steps=3, title="Morning de-puff")


@pytest.fixture
def member(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def left_at_step_2(member, routine):
    """A session begun, then left at its second step."""
    session = session_of(member.post(start_url(routine)))
    begin_after_lead_in(session)
    player.advance(session, 0)
    return session


def test_start_again_offers_resume_or_start_over_and_starts_nothing(
    member, routine, left_at_step_2
):
    response = member.post(start_url(routine))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Resume or start over?" in page
    assert "left it at step 2 of 3" in page
    assert f'href="{left_at_step_2.get_absolute_url()}">Resume</a>' in page
    assert f'<input type="hidden" name="discard" value="{left_at_step_2.pk}">' in page
    assert ">Start over</button>" in page
    assert f"within {RESUME_OFFERED_WITHIN.seconds // 3600} hours" in page
    assert "deletes the unfinished session" in page
    assert PracticeSession.objects.count() == 1


def test_start_over_discards_the_old_session_and_starts_a_new_one(member, routine, left_at_step_2):
    response = member.post(start_url(routine), {"discard": left_at_step_2.pk})

    session = PracticeSession.objects.get()
    assert session.pk != left_at_step_2.pk
    assert response["Location"] == session.get_absolute_url()
    assert (session.status, session.position) == (SessionStatus.READY, 0)
    # The history shows the new session only: no card left behind by the old one.
    history = member.get("/history/").content.decode()
    assert history.count('class="card history-entry"') == 1


def test_a_second_press_of_start_over_goes_to_the_session_the_first_started(
    member, routine, left_at_step_2
):
    first = member.post(start_url(routine), {"discard": left_at_step_2.pk})
    second = member.post(start_url(routine), {"discard": left_at_step_2.pk})

    session = PracticeSession.objects.get()
    assert first["Location"] == second["Location"] == session.get_absolute_url()


def test_a_session_started_meanwhile_in_another_tab_is_asked_about_too(
    member, user, routine, left_at_step_2
):
    other_tab = player.start_session(routine, user=user)

    response = member.post(start_url(routine), {"discard": left_at_step_2.pk})

    assert response.status_code == 200
    page = response.content.decode()
    assert "You have 2 unfinished sessions of it" in page
    assert f'href="{other_tab.get_absolute_url()}">Resume</a>' in page
    assert PracticeSession.objects.count() == 2


def test_a_visitor_is_asked_too(client, routine):
    first = session_of(client.post(start_url(routine)))

    asked = client.post(start_url(routine)).content.decode()
    started = client.post(start_url(routine), {"discard": first.pk})

    assert f'href="{first.get_absolute_url()}">Resume</a>' in asked
    assert "left it before the first step" in asked
    session = PracticeSession.objects.get()
    assert started["Location"] == session.get_absolute_url() != first.get_absolute_url()
    assert session.guest_token


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"status": SessionStatus.FINISHED}, id="finished"),
        pytest.param(
            {"created_at": timezone.now() - RESUME_OFFERED_WITHIN - timedelta(minutes=1)},
            id="older",
        ),
    ],
)
def test_a_finished_or_older_session_is_not_asked_about(member, routine, change):
    old = session_of(member.post(start_url(routine)))
    PracticeSession.objects.filter(pk=old.pk).update(**change)

    response = member.post(start_url(routine))

    assert response.status_code == 302
    assert PracticeSession.objects.count() == 2  # an older one stays, resumable from history


def test_another_routines_session_is_not_asked_about(member, routine, left_at_step_2):
    assert member.post(start_url(make_routine(steps=1))).status_code == 302


@pytest.mark.parametrize("who", ["member", "visitor"])
def test_someone_elses_session_is_neither_offered_nor_discarded(
    client, user, other_user, routine, who
):
    theirs = player.start_session(routine, user=other_user)
    if who == "member":
        client.force_login(user)

    response = client.post(start_url(routine), {"discard": theirs.pk})

    assert response.status_code == 302
    assert PracticeSession.objects.filter(pk=theirs.pk, status=SessionStatus.READY).exists()
    assert PracticeSession.objects.count() == 2


@pytest.mark.parametrize("posted", ["not-a-number", "-1", "99999", ""])
def test_a_forged_start_over_shows_the_choice_again(member, routine, left_at_step_2, posted):
    response = member.post(start_url(routine), {"discard": posted})
    assert response.status_code == 200
    assert "Resume or start over?" in response.content.decode()
    assert list(PracticeSession.objects.all()) == [left_at_step_2]


def test_a_refused_start_over_keeps_the_unfinished_session(member, routine, left_at_step_2):
    RoutineStep.objects.filter(routine=routine).delete()

    response = member.post(start_url(routine), {"discard": left_at_step_2.pk}, follow=True)

    assert "Add at least one step" in response.content.decode()
    assert list(PracticeSession.objects.all()) == [left_at_step_2]


def test_the_safety_question_comes_first_and_is_not_asked_again(client, user):
    technique = make_technique(name="Classic facial massage")
    routine = make_routine(
        [
            make_step(technique, title="Cheek circles", zone=Zone.CHEEKS),
            make_step(technique, title="Lip circles", zone=Zone.MOUTH),
        ]
    )
    fillers = Answer(
        Condition.INJECTABLES, frozenset({Zone.MOUTH}), timezone.localdate() - timedelta(days=7)
    )
    answer_safety_check(user, Answers((fillers,)))
    client.force_login(user)
    old = player.start_session(routine, user=user)

    asked = client.post(start_url(routine))
    confirmed = client.post(start_url(routine), {"still_true": "1"})
    started = client.post(start_url(routine), {"discard": old.pk})

    assert "Still true?" in asked.content.decode()
    assert "Resume or start over?" in confirmed.content.decode()
    session = PracticeSession.objects.get()
    assert started["Location"] == session.get_absolute_url()
    assert [step["title"] for step in session.steps] == ["Cheek circles"]


def test_the_choice_works_without_javascript(member, routine, left_at_step_2):
    page = member.post(start_url(routine)).content.decode()
    assert f'<form method="post" action="{start_url(routine)}">' in page
    assert "hx-" not in page.split("<main", 1)[-1]


def test_start_over_starts_nothing_when_another_press_discarded_first(user, routine):
    old = player.start_session(routine, user=user)
    seen = [old]  # what this press read, before the other press committed
    PracticeSession.objects.filter(pk=old.pk).delete()

    started = start_again.start_over(
        PracticeSession.objects.filter(user=user),
        seen,
        lambda: player.start_session(routine, user=user),
    )

    assert started is None
    assert not PracticeSession.objects.exists()
