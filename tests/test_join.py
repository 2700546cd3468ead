"""Join: a member starts a run of a published program, once at a time."""

import pytest

from practice.models import Enrolment
from tests.factories import make_program, make_routine

pytestmark = pytest.mark.django_db


def join_url(program) -> str:
    return f"/programs/{program.slug}/join/"


def test_a_member_joins_and_day_1_is_due_today(client, user):
    first, second = make_routine(title="Morning de-puff"), make_routine(title="Gua sha sculpt")
    program = make_program([first, None, second], title="A short week")
    client.force_login(user)

    response = client.post(join_url(program), follow=True)

    run = Enrolment.objects.get(user=user)
    assert run.is_active
    assert run.program_title == "A short week"
    assert run.days == [
        {"routine": first.pk, "title": "Morning de-puff"},
        {"routine": None, "title": "Rest day"},
        {"routine": second.pk, "title": "Gua sha sculpt"},
    ]
    assert response.redirect_chain[-1][0] == program.get_absolute_url()
    page = response.content.decode()
    assert "Joined." in page
    assert "Today: day 1 of 2 — Morning de-puff" in page


def test_joining_twice_keeps_one_run_and_says_so(client, user):
    program = make_program(3)
    client.force_login(user)
    client.post(join_url(program))

    response = client.post(join_url(program), follow=True)

    assert response.status_code == 200
    assert "You are already on this program" in response.content.decode()
    assert Enrolment.objects.filter(user=user).count() == 1


def test_an_unpublished_program_cannot_be_joined_even_by_staff(client, staff_user):
    program = make_program(2, is_published=False)
    client.force_login(staff_user)

    assert client.post(join_url(program)).status_code == 404
    assert not Enrolment.objects.exists()


def test_an_unknown_program_is_404(client, user):
    client.force_login(user)
    assert client.post("/programs/no-such-program/join/").status_code == 404


def test_a_program_without_days_is_refused_with_a_message(client, user):
    program = make_program([])
    client.force_login(user)

    response = client.post(join_url(program), follow=True)

    assert "This program has no days yet." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_htmx_gets_the_plan_region_with_leave(client, user):
    program = make_program(2)
    client.force_login(user)

    response = client.post(join_url(program), headers={"HX-Request": "true"})

    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="plan"')
    assert "<html" not in page
    assert "Joined." in page
    assert ">Leave</button>" in page


def test_visitors_are_sent_to_log_in(client):
    program = make_program(1)
    response = client.post(join_url(program))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Enrolment.objects.exists()


def test_it_rejects_get(client, user):
    client.force_login(user)
    assert client.get(join_url(make_program(1))).status_code == 405
