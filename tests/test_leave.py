"""Leave: a run ends and stays in history; joining again starts a new one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from practice import programs
from practice.models import CompletedDay, Enrolment, EnrolmentStatus
from tests.factories import make_program, make_session

pytestmark = pytest.mark.django_db


def leave_url(run) -> str:
    return f"/programs/runs/{run.pk}/leave/"


def run_with_one_day_done(user, program):
    run = programs.join(user, program, now=timezone.now() - timedelta(days=1))
    routine = program.days.first().routine
    programs.record_finished(make_session(user, routine=routine, routine_title=routine.title))
    return run


def test_leave_and_rejoin_keeps_the_old_run_with_its_days(client, user):
    program = make_program(3, title="Three mornings")
    old = run_with_one_day_done(user, program)
    client.force_login(user)

    response = client.post(leave_url(old), follow=True)

    old.refresh_from_db()
    assert old.status == EnrolmentStatus.LEFT
    assert old.ended_at is not None
    page = response.content.decode()
    assert "You left Three mornings. The day you did stays in your history." in page
    assert ">Join</button>" in page

    client.post(f"/programs/{program.slug}/join/")

    new = Enrolment.objects.active().get(user=user)
    assert new.pk != old.pk
    assert not new.completed_days.exists()
    assert CompletedDay.objects.filter(enrolment=old).count() == 1
    page = client.get(program.get_absolute_url()).content.decode()
    assert "Today: day 1 of 3" in page
    assert "Your earlier runs" in page
    assert "left" in page
    assert "1 of 3 done" in page
    assert old.get_absolute_url() in page


def test_leaving_twice_says_it_had_already_ended(client, user):
    run = programs.join(user, make_program(2))
    client.force_login(user)
    client.post(leave_url(run))

    response = client.post(leave_url(run), follow=True)

    assert "This run had already ended." in response.content.decode()
    run.refresh_from_db()
    assert run.status == EnrolmentStatus.LEFT


def test_someone_elses_run_is_404_and_stays(client, user, other_user):
    run = programs.join(other_user, make_program(2))
    client.force_login(user)

    assert client.post(leave_url(run)).status_code == 404
    run.refresh_from_db()
    assert run.is_active


def test_htmx_gets_the_plan_region_with_join(client, user):
    program = make_program(2)
    run = programs.join(user, program)
    client.force_login(user)

    response = client.post(leave_url(run), headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="plan"')
    assert "You left" in page
    assert ">Join</button>" in page


def test_leaving_a_program_unpublished_since_goes_to_the_run(client, user):
    program = make_program(2)
    run = programs.join(user, program)
    program.is_published = False
    program.save()
    client.force_login(user)

    response = client.post(leave_url(run))

    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert client.get(run.get_absolute_url()).status_code == 200


def test_it_rejects_get(client, user):
    run = programs.join(user, make_program(1))
    client.force_login(user)
    assert client.get(leave_url(run)).status_code == 405
