"""
Kill: SIGKILL the server in the middle of a session, start it again, and find
every step it had acknowledged stored and the session ready to carry on.
Three times over, in one session of the 60-step fault-drill routine.
"""

import threading
import time

from tests.faults.server import Visitor

STEPS = 60  # the fault-drill routine
KILLS = 3
STEPS_BETWEEN_KILLS = 12


def drive_until_killed(server, visitor: Visitor, pk: int, position: int) -> dict:
    """Press Next as fast as the server answers; SIGKILL it after a dozen answers."""
    acknowledged: list[int] = []  # positions whose Next the server answered
    cut_off: list[BaseException] = []
    unexpected: list[str] = []

    def press_next() -> None:
        current = position
        while current < STEPS - 1:
            try:
                response = visitor.next(pk, current)
            except OSError as error:  # the server died under us
                cut_off.append(error)
                return
            if response.status != 200 or response.player != ("running", current + 1):
                unexpected.append(f"{response.status} {response.body[:200]!r}")
                return
            acknowledged.append(current)
            current += 1

    driver = threading.Thread(target=press_next)
    driver.start()
    deadline = time.monotonic() + 60
    while (
        len(acknowledged) < STEPS_BETWEEN_KILLS
        and driver.is_alive()
        and time.monotonic() < deadline
    ):
        time.sleep(0.001)
    server.kill()
    driver.join(timeout=60)

    assert not unexpected, unexpected
    assert cut_off, "the kill should have cut the driver off mid-run"
    return {"acknowledged": acknowledged, "error": type(cut_off[0]).__name__}


def test_a_killed_server_loses_no_acknowledged_step(start_server, database, report):
    server = start_server()
    visitor = Visitor(server.url)
    pk = visitor.start("fault-drill")
    position = 0
    acknowledged: list[int] = []
    in_flight_applied = 0
    errors = []
    restarts = []

    for _ in range(KILLS):
        run = drive_until_killed(server, visitor, pk, position)
        acknowledged += run["acknowledged"]
        errors.append(run["error"])
        restarts.append(round(server.start(), 2))

        logs = database.rows(
            "SELECT position, outcome FROM practice_steplog WHERE session_id = %s "
            "ORDER BY position",
            (pk,),
        )
        [(status, position)] = database.rows(
            "SELECT status, position FROM practice_practicesession WHERE id = %s", (pk,)
        )
        done = [step for step, outcome in logs if outcome == "done"]
        # Every acknowledged step is stored as done…
        assert set(acknowledged) <= set(done)
        # …at most the request in flight at the kill went through unanswered…
        last_acknowledged = acknowledged[-1]
        assert position in {last_acknowledged + 1, last_acknowledged + 2}
        in_flight_applied += position == last_acknowledged + 2
        # …and the log agrees with the session: nothing doubled, skipped or half-written.
        assert done == list(range(position))
        assert logs[-1] == (position, "")
        assert status == "running"

        # The same browser comes back to the same step and carries on from there.
        page = visitor.get(f"/sessions/{pk}/")
        assert page.status == 200
        assert page.player == ("running", position)
        assert f"Step {position + 1} of {STEPS}" in page.body

    carried_on = visitor.next(pk, position)
    assert carried_on.status == 200
    assert carried_on.player == ("running", position + 1)

    report(
        "kill: SIGKILL gunicorn mid-session and restart it, three times",
        database="PostgreSQL" if database.is_postgresql else "SQLite",
        steps_acknowledged=len(acknowledged),
        steps_stored_as_done=len(done),
        unanswered_requests_that_had_applied=in_flight_applied,
        what_the_browser_saw_at_each_kill=", ".join(errors),
        seconds_from_restart_to_healthy=restarts,
        resumed_at_step=f"{position + 1} of {STEPS}",
    )
