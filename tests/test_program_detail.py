"""A program's page: the plan for everyone, Join for members, progress for those on it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practice import programs
from practice.models import CompletedDay
from tests.factories import make_program, make_routine

pytestmark = pytest.mark.django_db


def page_of(client, program) -> str:
    response = client.get(program.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def days_done(run, count: int) -> None:
    """The first `count` days of `run` done, one a day, ending yesterday."""
    today = timezone.localdate()
    CompletedDay.objects.bulk_create(
        CompletedDay(
            enrolment=run,
            position=position,
            completed_on=today - timedelta(days=count - position + 1),
            completed_at=timezone.now() - timedelta(days=count - position + 1),
        )
        for position in range(1, count + 1)
    )


def test_visitors_see_the_plan_and_are_asked_to_sign_up(client):
    routine = make_routine(steps=2, title="Morning de-puff")  # 1 min
    program = make_program(
        [routine, None], title="Two days", evidence_note="The de-puff is temporary."
    )

    page = page_of(client, program)

    assert "<h1>Two days</h1>" in page
    assert "The de-puff is temporary." in page
    assert "Day 1" in page
    assert "Morning de-puff" in page
    assert "Rest day" in page
    assert f"/accounts/signup/?next=/programs/{program.slug}/" in page
    assert ">Join</button>" not in page


def test_members_get_a_join_button(client, user):
    client.force_login(user)
    page = page_of(client, make_program(2))
    assert ">Join</button>" in page
    assert ">Leave</button>" not in page


def test_a_member_on_it_sees_progress_today_s_routine_and_leave(client, user):
    first, second = make_routine(title="Morning de-puff"), make_routine(title="Gua sha sculpt")
    program = make_program([first, second, first])
    run = programs.join(user, program, now=timezone.now() - timedelta(days=3))
    days_done(run, 1)
    client.force_login(user)

    page = page_of(client, program)

    assert "Today: day 2 of 3 — Gua sha sculpt" in page
    assert '<progress value="1" max="3"' in page
    assert "<strong>1 of 3</strong> done" in page
    assert f'action="/routines/{second.slug}/start/"' in page
    assert ">Leave</button>" in page
    assert ">Join</button>" not in page
    assert "Done " in page  # day 1, with its date


def test_a_day_whose_routine_was_unpublished_since_shows_as_unavailable(client, user):
    routine = make_routine(title="Retired routine")
    program = make_program([routine, make_routine()])
    programs.join(user, program)
    routine.is_published = False
    routine.save()
    client.force_login(user)

    page = page_of(client, program)

    assert "Retired routine is not available right now" in page
    assert f"/routines/{routine.slug}/start/" not in page


def test_drafts_are_404_except_for_staff(client, user, staff_user):
    program = make_program(1, is_published=False)
    assert client.get(program.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(program.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    assert "Draft" in page_of(client, program)


def test_an_unknown_program_is_404(client):
    assert client.get("/programs/no-such-program/").status_code == 404


def test_its_query_count_does_not_grow_with_the_days_done(client, user, django_assert_num_queries):
    program = make_program([make_routine()] * 10)
    client.force_login(user)
    run = programs.join(user, program, now=timezone.now() - timedelta(days=9))
    days_done(run, 1)
    with CaptureQueriesContext(connection) as one_day:
        page_of(client, program)
    CompletedDay.objects.filter(enrolment=run).delete()
    days_done(run, 8)

    with django_assert_num_queries(len(one_day)):
        assert "<strong>8 of 10</strong> done" in page_of(client, program)


def test_it_rejects_post(client):
    assert client.post(make_program(1).get_absolute_url()).status_code == 405
