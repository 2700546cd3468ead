"""One run of a program, day by day: its member's only."""

import pytest
from django.utils import timezone

from practice import programs
from tests.factories import make_program, make_routine, make_session

pytestmark = pytest.mark.django_db


def test_it_shows_the_days_done_with_their_dates(client, user):
    routine = make_routine(title="Morning de-puff")
    run = programs.join(user, make_program([routine, routine], title="Two mornings"))
    programs.record_finished(make_session(user, routine=routine, routine_title=routine.title))
    client.force_login(user)

    page = client.get(run.get_absolute_url()).content.decode()

    assert "<h1>Two mornings</h1>" in page
    today = timezone.localdate()
    assert f"Done {today.day} {today:%b}" in page
    assert "<strong>1 of 2</strong> done" in page
    assert ">Leave</button>" in page


def test_an_ended_run_keeps_its_days_and_the_program_s_title(client, user):
    program = make_program(2, title="Gone soon")
    run = programs.join(user, program)
    programs.leave(run)
    program.delete()
    client.force_login(user)

    page = client.get(run.get_absolute_url()).content.decode()

    assert "<h1>Gone soon</h1>" in page
    assert "Left" in page
    assert ">Leave</button>" not in page


def test_another_members_run_is_404(client, user, other_user):
    run = programs.join(other_user, make_program(2))
    client.force_login(user)
    assert client.get(run.get_absolute_url()).status_code == 404


def test_visitors_are_sent_to_log_in(client, user):
    run = programs.join(user, make_program(1))
    response = client.get(run.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_ended_run_shows_nothing_as_due(client, user):
    routine = make_routine()
    run = programs.join(user, make_program([routine, routine]))
    programs.record_finished(make_session(user, routine=routine, routine_title=routine.title))
    programs.leave(run)
    client.force_login(user)

    page = client.get(run.get_absolute_url()).content.decode()

    assert "plan-day-done" in page
    assert "plan-day-next" not in page
    assert "Tomorrow" not in page
    assert "Today" not in page
