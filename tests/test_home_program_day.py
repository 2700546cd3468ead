"""Home shows a member today's day of each program they are on, with Start."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practice import programs
from practice.models import CompletedDay
from tests.factories import make_program, make_routine, make_session

pytestmark = pytest.mark.django_db


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_todays_day_with_a_start_button(client, user):
    routine = make_routine(title="Classic facial massage")
    program = make_program([routine] * 30, title="30 sessions of classic facial massage")
    programs.join(user, program)
    client.force_login(user)

    page = home(client)

    assert "Today: day 1 of 30 — Classic facial massage" in page
    assert f'<form method="post" action="/routines/{routine.slug}/start/">' in page
    assert ">Start</button>" in page
    assert program.get_absolute_url() in page


def test_once_done_it_says_so_and_names_tomorrow_s_routine(client, user):
    first, second = make_routine(title="Morning de-puff"), make_routine(title="Gua sha sculpt")
    programs.join(user, make_program([first, second]))
    programs.record_finished(make_session(user, routine=first, routine_title=first.title))
    client.force_login(user)

    page = home(client)

    assert "Day 1 of 2 done today" in page
    assert "Next: day 2 — Gua sha sculpt, tomorrow." in page
    assert f"/routines/{second.slug}/start/" not in page


def test_an_unavailable_routine_is_named_without_a_start_button(client, user):
    routine = make_routine(title="Retired routine")
    programs.join(user, make_program([routine]))
    routine.is_published = False
    routine.save()
    client.force_login(user)

    page = home(client)

    assert "Retired routine is not available right now" in page
    assert f"/routines/{routine.slug}/start/" not in page


def test_visitors_and_members_on_no_program_see_no_plan(client, user):
    make_program(2)
    assert "Today: day" not in home(client)
    client.force_login(user)
    assert "Today: day" not in home(client)


def test_its_query_count_does_not_grow_with_the_days_done(client, user, django_assert_num_queries):
    routine = make_routine()
    run = programs.join(
        user, make_program([routine] * 10), now=timezone.now() - timedelta(days=10)
    )
    client.force_login(user)

    def done_until_yesterday(count: int) -> None:
        CompletedDay.objects.filter(enrolment=run).delete()
        CompletedDay.objects.bulk_create(
            CompletedDay(
                enrolment=run,
                position=n,
                completed_on=timezone.localdate() - timedelta(days=count - n + 1),
                completed_at=timezone.now() - timedelta(days=count - n + 1),
            )
            for n in range(1, count + 1)
        )

    home(client)  # the routine cards, cached from now on (both counts are without them)
    done_until_yesterday(1)
    with CaptureQueriesContext(connection) as one_day:
        assert "Today: day 2 of 10" in home(client)
    done_until_yesterday(8)

    with django_assert_num_queries(len(one_day)):
        assert "Today: day 9 of 10" in home(client)
