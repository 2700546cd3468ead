"""The programs a member joined, in their history and in their JSON export."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice import programs
from tests.factories import make_program, make_routine, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def mornings(user):
    routine = make_routine(title="Morning de-puff")
    program = make_program([routine, None, routine], title="Mornings")
    run = programs.join(user, program)
    programs.record_finished(make_session(user, routine=routine, routine_title=routine.title))
    return run


def test_the_history_shows_each_program_with_its_progress(client, user, mornings):
    programs.leave(mornings)
    programs.join(user, mornings.program)
    client.force_login(user)

    page = client.get("/history/").content.decode()

    assert "Your programs" in page
    assert page.count(f'href="{mornings.get_absolute_url()}"') == 1
    # The new run has nothing done yet; the one left behind keeps its day.
    assert "<strong>0 of 2</strong> done" in page
    assert "<strong>1 of 2</strong> done" in page
    assert '<progress value="1" max="2"' in page


def test_a_member_without_programs_sees_no_programs_section(client, user):
    client.force_login(user)

    assert "Your programs" not in client.get("/history/").content.decode()


def test_the_history_costs_the_same_queries_with_more_runs(client, user, mornings):
    client.force_login(user)
    client.get("/history/")
    with CaptureQueriesContext(connection) as one:
        client.get("/history/")
    for _ in range(3):
        programs.leave(programs.join(user, make_program(5)))
    with CaptureQueriesContext(connection) as four:
        client.get("/history/")

    assert len(one) == len(four)


def test_the_json_export_lists_programs_and_the_days_done(client, user, mornings):
    client.force_login(user)

    response = client.get("/history/export.json")
    document = json.loads(b"".join(response.streaming_content))

    [run] = document["programs"]
    assert run["program"] == "Mornings"
    assert (run["status"], run["days_done"], run["days_total"]) == ("active", 1, 2)
    done_on = mornings.completed_days.get().completed_on.isoformat()
    assert run["done"] == [{"day": 1, "routine": "Morning de-puff", "on": done_on}]
    assert run["started_on"] == mornings.started_on.isoformat()
