"""POST /sessions/<pk>/replay/: the changes made offline, applied in order, at most once."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practice import player
from practice.models import LEAD_IN_SECONDS, PracticeSession, SessionStatus, StepLog
from tests.factories import make_routine, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(user):
    """Step 1 of 4 (a minute long) began 25 s ago, after the lead-in."""
    session = player.start_session(make_routine(steps=4), user=user)
    player.begin(session, 0, now=timezone.now() - timedelta(seconds=LEAD_IN_SECONDS + 25))
    return PracticeSession.objects.get(pk=session.pk)


def step_began(session):
    return session.started_at + timedelta(seconds=LEAD_IN_SECONDS)


def ms(moment) -> int:
    return round(moment.timestamp() * 1000)


def post(client, session, changes, *, sent=None):
    body = {"sent": ms(sent or timezone.now()), "changes": changes}
    return client.post(
        f"/sessions/{session.pk}/replay/", json.dumps(body), content_type="application/json"
    )


def change(action, position, revision, at, auto=False) -> dict:
    return {
        "action": action,
        "position": position,
        "revision": revision,
        "at": ms(at),
        "auto": auto,
    }


def fresh(session) -> PracticeSession:
    return PracticeSession.objects.get(pk=session.pk)


def logs(session) -> list[tuple]:
    return list(
        StepLog.objects.filter(session=session)
        .order_by("position")
        .values_list("position", "outcome", "started_at", "ended_at")
    )


def an_outage(running):
    """Next at +3 s into the step, Pause at +4 s, Resume at +6 s, Next at +8 s, made offline."""
    base = step_began(running)
    r = running.revision
    return base, [
        change("next", 0, r, base + timedelta(seconds=3)),
        change("pause", 1, r + 1, base + timedelta(seconds=4)),
        change("resume", 1, r + 2, base + timedelta(seconds=6)),
        change("next", 1, r + 3, base + timedelta(seconds=8)),
    ]


def test_it_applies_the_changes_in_order_at_their_times(client, user, running):
    client.force_login(user)
    base, changes = an_outage(running)

    response = post(client, running, changes)

    assert response.status_code == 200
    assert response["Replay-Applied"] == "4 of 4"
    body = response.content.decode().strip()
    assert body.startswith('<section id="player"') and 'data-position="2"' in body
    assert running.steps[2]["title"] in body
    session = fresh(running)
    assert (session.status, session.position, session.revision) == (
        SessionStatus.RUNNING,
        2,
        running.revision + 4,
    )
    [
        (_, first, _, first_end),
        (_, second, second_start, second_end),
        (_, third, third_start, open_end),
    ] = logs(running)
    assert (first, second, third) == ("done", "done", "")
    assert abs((first_end - (base + timedelta(seconds=3))).total_seconds()) < 1
    assert second_start == first_end
    assert (second_end - second_start).total_seconds() == pytest.approx(5, abs=0.01)
    assert third_start == second_end and open_end is None
    # Two seconds were paused: not practice.
    assert session.paused_seconds == pytest.approx(2, abs=0.01)


def test_the_same_queue_sent_twice_applies_once(client, user, running):
    client.force_login(user)
    _, changes = an_outage(running)
    post(client, running, changes)
    after_first = (fresh(running).revision, logs(running))

    again = post(client, running, changes)

    assert again.status_code == 200
    assert again["Replay-Applied"] == "0 of 4"
    assert (fresh(running).revision, logs(running)) == after_first
    assert 'data-position="2"' in again.content.decode()


def test_a_queue_cut_short_is_finished_by_sending_it_again(client, user, running):
    """The answer to the first half was lost: the whole queue comes again."""
    client.force_login(user)
    _, changes = an_outage(running)
    post(client, running, changes[:2])

    response = post(client, running, changes)

    assert response["Replay-Applied"] == "2 of 4"
    assert (fresh(running).position, fresh(running).revision) == (2, running.revision + 4)


def test_a_change_another_device_made_first_is_not_made_again(client, user, running):
    """Next pressed on the other phone too: one step done, and what followed offline fits."""
    client.force_login(user)
    _, changes = an_outage(running)  # made offline at this revision
    revision = running.revision
    player.advance(running, 0)  # meanwhile, online

    response = post(client, running, changes)

    assert response["Replay-Applied"] == "3 of 4"  # all but the Next
    session = fresh(running)
    assert (session.position, session.revision) == (2, revision + 4)
    assert [(position, outcome) for position, outcome, *_ in logs(running)] == [
        (0, "done"),
        (1, "done"),
        (2, ""),
    ]


def test_changes_overtaken_by_another_device_are_ignored(client, user, running):
    client.force_login(user)
    _, changes = an_outage(running)
    revision = running.revision
    player.pause(running, 0)  # meanwhile, online: the queue's state never existed here

    response = post(client, running, changes)

    assert response["Replay-Applied"] == "0 of 4"
    session = fresh(running)
    assert (session.status, session.position, session.revision) == (
        SessionStatus.PAUSED,
        0,
        revision + 1,
    )
    assert [(position, outcome) for position, outcome, *_ in logs(running)] == [(0, "")]


def test_a_change_at_an_old_position_is_ignored_and_the_state_comes_back(client, user, running):
    client.force_login(user)
    response = post(client, running, [change("next", 3, running.revision, timezone.now())])
    assert response.status_code == 200
    assert response["Replay-Applied"] == "0 of 1"
    assert 'data-position="0"' in response.content.decode()
    assert fresh(running).revision == running.revision


def test_a_time_in_the_future_is_clamped_to_now(client, user, running):
    client.force_login(user)
    future = timezone.now() + timedelta(days=300)

    post(client, running, [change("next", 0, running.revision, future)])

    [(_, outcome, _, ended), _] = logs(running)
    assert outcome == "done"
    assert ended <= timezone.now()
    assert fresh(running).last_activity_at <= timezone.now()


def test_times_out_of_order_never_go_before_the_last_stored_change(client, user, running):
    client.force_login(user)
    base = step_began(running)
    changes = [
        change("next", 0, running.revision, base + timedelta(seconds=5)),
        # Claims to be earlier than the change before it, and than the start.
        change("next", 1, running.revision + 1, base - timedelta(hours=2)),
    ]

    post(client, running, changes)

    rows = logs(running)
    assert [outcome for _, outcome, *_ in rows] == ["done", "done", ""]
    assert rows[1][2] <= rows[1][3]  # step 2 ends no earlier than it started
    assert rows[1][3] == rows[0][3]  # clamped to the change before it
    assert all(started >= running.started_at for _, _, started, _ in rows)


def test_a_browser_clock_an_hour_slow_is_put_right(client, user, running):
    client.force_login(user)
    slow = timedelta(hours=1)
    now = timezone.now()
    post(
        client,
        running,
        [change("pause", 0, running.revision, now - slow - timedelta(seconds=2))],
        sent=now - slow,
    )
    session = fresh(running)
    assert session.status == SessionStatus.PAUSED
    assert abs((session.paused_at - (now - timedelta(seconds=2))).total_seconds()) < 1


def test_an_auto_advance_starts_the_next_step_when_the_last_one_ran_out(client, user):
    """Offline the countdown moved on at zero; the server's log agrees to the millisecond."""
    client.force_login(user)
    session = player.start_session(make_routine(steps=2), user=user)
    player.begin(session, 0, now=timezone.now() - timedelta(seconds=LEAD_IN_SECONDS + 62))
    session = fresh(session)
    deadline = session.deadline  # two seconds ago

    post(
        client,
        session,
        [change("next", 0, session.revision, deadline + timedelta(milliseconds=300), auto=True)],
    )

    [(_, outcome, _, ended), (_, _, started, _)] = logs(session)
    assert outcome == "done"
    assert ended == started == deadline
    assert fresh(session).deadline == deadline + timedelta(
        seconds=session.steps[1]["duration_seconds"]
    )


def test_the_last_change_can_finish_the_session(client, user, running):
    client.force_login(user)
    base = step_began(running)
    r = running.revision
    changes = [
        change("next", position, r + position, base + timedelta(seconds=position + 1))
        for position in range(4)
    ]
    response = post(client, running, changes)
    assert response["Replay-Applied"] == "4 of 4"
    assert fresh(running).status == SessionStatus.FINISHED
    # The summary at once; a second apart, the steps count as too short to be done.
    assert "0 of 4 steps done, 4 too short." in response.content.decode()
    assert [outcome for _, outcome, *_ in logs(running)] == ["done"] * 4


def test_a_guest_replays_their_own_session(client):
    client.get("/")  # a browser session for the guest token
    routine = make_routine(steps=2)
    response = client.post(f"/routines/{routine.slug}/start/")
    session = PracticeSession.objects.get()
    client.post(f"/sessions/{session.pk}/begin/", {"position": 0})
    session = fresh(session)
    response = post(client, session, [change("skip", 0, session.revision, timezone.now())])
    assert response["Replay-Applied"] == "1 of 1"
    assert fresh(session).position == 1


def test_someone_elses_session_is_not_found(client, running):
    client.force_login(make_user())
    response = post(client, running, [change("next", 0, running.revision, timezone.now())])
    assert response.status_code == 404
    assert fresh(running).revision == running.revision


def test_a_visitor_cannot_replay_a_members_session(client, running):
    response = post(client, running, [change("next", 0, running.revision, timezone.now())])
    assert response.status_code == 404


def test_it_rejects_get(client, user, running):
    client.force_login(user)
    assert client.get(f"/sessions/{running.pk}/replay/").status_code == 405


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "must be sent as JSON"),
        ("[]", '"changes"'),
        ('{"sent": 1764750000000, "changes": {}}', '"changes"'),
        ('{"changes": []}', "sent must be a time"),
        ('{"sent": "yesterday", "changes": []}', "sent must be a time"),
        ('{"sent": 5, "changes": []}', "not a time this player could have recorded"),
        ('{"sent": NaN, "changes": []}', "sent must be a time"),
        ('{"sent": 1764750000000, "changes": [7]}', "Change 1 must be an object"),
        (
            '{"sent": 1764750000000, "changes": [{"action": "rewind", "position": 0,'
            ' "revision": 1, "at": 1764750000000}]}',
            "the action must be one of",
        ),
        (
            '{"sent": 1764750000000, "changes": [{"action": "next", "position": true,'
            ' "revision": 1, "at": 1764750000000}]}',
            "position must be a whole number",
        ),
        (
            '{"sent": 1764750000000, "changes": [{"action": "next", "position": 0,'
            ' "revision": -1, "at": 1764750000000}]}',
            "revision must be a whole number",
        ),
    ],
)
def test_a_queue_the_player_never_sends_is_refused_with_a_reason(
    client, user, running, body, message
):
    client.force_login(user)
    response = client.post(
        f"/sessions/{running.pk}/replay/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert fresh(running).revision == running.revision


def test_a_queue_longer_than_any_outage_is_refused(client, user, running):
    client.force_login(user)
    changes = [change("pause", 0, running.revision, timezone.now())] * 501
    response = post(client, running, changes)
    assert response.status_code == 400
    assert fresh(running).revision == running.revision


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
changes_like = st.fixed_dictionaries(
    {
        "action": st.sampled_from(["next", "skip", "back", "pause", "resume", "finish", "x"]),
        "position": st.integers(-2, 6) | json_values,
        "revision": st.integers(-1, 12),
        "at": st.integers(1_700_000_000_000, 1_800_000_000_000) | json_values,
        "auto": st.booleans(),
    }
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sent=st.integers(1_700_000_000_000, 1_800_000_000_000) | json_values,
    changes=st.lists(changes_like | json_values, max_size=6),
)
def test_no_queue_is_a_server_error_or_breaks_the_log(client, user, running, sent, changes):
    client.force_login(user)
    body = json.dumps({"sent": sent, "changes": changes}, allow_nan=True)
    response = client.post(
        f"/sessions/{running.pk}/replay/", body, content_type="application/json"
    )
    assert response.status_code in (200, 400)
    session = fresh(running)
    for _, _, started, ended in logs(running):
        assert ended is None or started <= ended
        assert session.started_at <= started <= timezone.now()
