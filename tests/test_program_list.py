"""The list of programs, with a member's progress on those they are on."""

import pytest

from practice import programs
from tests.factories import make_program, make_routine

pytestmark = pytest.mark.django_db


def test_it_lists_published_programs_with_their_days_and_sessions(client):
    routine = make_routine()
    make_program([routine] * 5 + [None, None], title="Desk-break week")
    make_program(1, title="Secret draft", is_published=False)

    page = client.get("/programs/").content.decode()

    assert "Desk-break week" in page
    assert "7 days" in page
    assert "5 sessions" in page
    assert "Secret draft" not in page


def test_staff_also_see_drafts(client, staff_user):
    make_program(1, title="Secret draft", is_published=False)
    client.force_login(staff_user)
    page = client.get("/programs/").content.decode()
    assert "Secret draft" in page
    assert "Draft" in page


def test_a_member_sees_how_far_they_are(client, user):
    program = make_program(4, title="Four mornings")
    programs.join(user, program)
    client.force_login(user)

    page = client.get("/programs/").content.decode()

    assert '<progress value="0" max="4"' in page
    assert "You are on it: 0 of 4 done" in page


def test_the_navigation_links_to_it(client):
    assert 'href="/programs/">Programs</a>' in client.get("/").content.decode()


def test_it_rejects_post(client):
    assert client.post("/programs/").status_code == 405
