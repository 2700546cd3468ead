"""In the history, "done" means practised for a while: a step counts as done
after DONE_MINIMUM_SECONDS (all of a shorter step), the page says so, and a
step moved on from sooner is "too short". Short times read in seconds."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practice.history import DONE_MINIMUM_SECONDS, counts_as_done
from practice.models import StepLog, StepOutcome
from tests.factories import build_session, make_sessions, snapshot_step

pytestmark = pytest.mark.django_db

DONE, SKIPPED = StepOutcome.DONE, StepOutcome.SKIPPED
ZERO_MINUTES = re.compile(r"(?<![\d–])0 min")
RULE = "A step counts as done after 10 seconds of practice (a shorter step, all of it)."


def practised(user, steps: list[tuple[int, str, float]], **fields):
    """A finished session whose steps (planned seconds, outcome, seconds spent) ran so."""
    started = timezone.now() - timedelta(hours=3)
    total = sum(spent for _, _, spent in steps)
    session = build_session(user, started, minutes=total / 60, **fields)
    session.steps = [
        snapshot_step(f"Step {n}", seconds=planned) for n, (planned, _, _) in enumerate(steps, 1)
    ]
    session.position = len(steps) - 1
    session.save()
    at = started
    for position, (_, outcome, spent) in enumerate(steps):
        ends = at + timedelta(seconds=spent)
        StepLog.objects.create(
            session=session, position=position, started_at=at, ended_at=ends, outcome=outcome
        )
        at = ends
    return session


def test_the_minimum_is_ten_seconds_or_all_of_a_shorter_step():
    assert DONE_MINIMUM_SECONDS == 10
    assert counts_as_done(10, planned_seconds=60)
    assert not counts_as_done(3, planned_seconds=60)
    assert counts_as_done(5, planned_seconds=5)
    assert not counts_as_done(4, planned_seconds=5)
    # In whole seconds, as the page shows them: "10 s" counts, "9 s" does not.
    assert counts_as_done(9.6, planned_seconds=60)
    assert not counts_as_done(9.4, planned_seconds=60)
    # A step auto-advanced a millisecond short of its planned five seconds.
    assert counts_as_done(4.999, planned_seconds=5)


def test_the_list_counts_only_steps_practised_for_a_while_and_says_the_rule(client, user):
    practised(
        user,
        [(60, DONE, 60), (60, DONE, 2), (60, DONE, 3), (30, SKIPPED, 1), (5, DONE, 5)],
        routine_title="Rushed de-puff",
    )
    client.force_login(user)

    page = client.get("/history/").content.decode()

    assert "2 done · 2 too short · 1 skipped" in page
    assert RULE in page
    assert "5 done" not in page


def test_a_session_practised_throughout_shows_no_too_short(client, user):
    practised(user, [(30, DONE, 30), (30, DONE, 12)])
    client.force_login(user)
    page = client.get("/history/").content.decode()
    assert "2 done · 0 skipped" in page
    assert "too short" not in page


def test_the_session_page_marks_each_step_too_short_with_its_seconds(client, user):
    session = practised(user, [(60, DONE, 60), (60, DONE, 3), (60, SKIPPED, 1)])
    client.force_login(user)

    page = client.get(f"/history/{session.pk}/").content.decode()

    assert "<dt>Done</dt><dd>1</dd>" in page
    assert "<dt>Too short</dt><dd>1</dd>" in page
    assert "<dt>Skipped</dt><dd>1</dd>" in page
    assert page.count("outcome-done") == 1
    assert 'class="outcome outcome-too-short">Too short · 3 s' in page
    assert RULE in page


def test_seconds_under_a_minute_read_as_seconds_everywhere_in_the_history(client, user):
    session = practised(user, [(30, DONE, 20), (30, DONE, 25)], routine_title="Quick one")
    client.force_login(user)

    listing = client.get("/history/").content.decode()
    detail = client.get(f"/history/{session.pk}/").content.decode()

    # "0 min" on its own, not the legend's "5–10 min".
    assert not ZERO_MINUTES.search(listing) and not ZERO_MINUTES.search(detail)
    assert "45 s" in listing  # the session, the week, the month, all time, the routine
    assert "<dt>Time</dt><dd>45 s</dd>" in detail
    assert "Done · 20 s" in detail and "Done · 25 s" in detail


def test_the_list_makes_as_many_queries_for_many_sessions_as_for_one(client, user, other_user):
    practised(user, [(60, DONE, 60), (60, DONE, 2)])
    client.force_login(user)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/history/").status_code == 200

    make_sessions(other_user, 40)
    for _ in range(5):
        practised(other_user, [(60, DONE, 60), (60, DONE, 2), (20, DONE, 1)])
    client.force_login(other_user)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/history/").content.decode()

    assert "1 done · 2 too short" in page
    assert len(many) == len(one), [query["sql"] for query in many.captured_queries]
