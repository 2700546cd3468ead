"""
Load: thirty seconds of visitors browsing and following routines against
gunicorn on 127.0.0.1, mixing page views and step posts. Not one error, and
every step the server acknowledged is stored.

Bounded in time and in count, and aimed only at the server this test started.
"""

import random
import statistics
import threading
import time
from collections import Counter

from tests.faults.server import Visitor

SECONDS = 30
VISITORS = 8
MAX_REQUESTS = 100_000
ROUTINE = "morning-de-puff"
PAGES = ["/", "/routines/", f"/routines/{ROUTINE}/", "/routines/?goal=relax", "/healthz/"]


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.kinds: Counter = Counter()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.acknowledged: dict[int, set[int]] = {}  # session → positions answered as done

    def record(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.kinds[kind] += 1
            self.latencies.append(seconds)

    @property
    def requests(self) -> int:
        return sum(self.kinds.values())


def visit(base_url: str, seed: int, stop_at: float, tally: Tally) -> None:
    """One visitor: look around, start the routine, follow it step by step, again."""
    visitor = Visitor(base_url)
    chance = random.Random(seed)
    pk, position = None, 0

    def timed(kind: str, send, *args, **kwargs):
        began = time.monotonic()
        response = send(*args, **kwargs)
        tally.record(kind, time.monotonic() - began)
        return response

    while time.monotonic() < stop_at and tally.requests < MAX_REQUESTS:
        try:
            if pk is None:
                timed("page view", visitor.get, f"/routines/{ROUTINE}/")
                started = timed("start", visitor.post, f"/routines/{ROUTINE}/start/")
                assert started.status == 302, f"start: {started.status}"
                pk = int(started.location.strip("/").split("/")[-1])
                begun = timed(
                    "step post", visitor.post, f"/sessions/{pk}/begin/", {"position": 0}, htmx=True
                )
                assert begun.status == 200, f"begin: {begun.status}"
                # Next during the lead-in starts the first step; then each moves on.
                started = timed("step post", visitor.next, pk, 0)
                assert started.status == 200, f"next in the lead-in: {started.status}"
                position = 0
                with tally.lock:
                    tally.acknowledged[pk] = set()
            elif chance.random() < 0.4:
                path = chance.choice([*PAGES, f"/sessions/{pk}/"])
                page = timed("page view", visitor.get, path)
                assert page.status == 200, f"GET {path}: {page.status}"
            else:
                answer = timed("step post", visitor.next, pk, position)
                assert answer.status == 200, f"next: {answer.status}"
                with tally.lock:
                    tally.acknowledged[pk].add(position)
                state, shown = answer.player
                if state == "finished":
                    pk = None
                else:
                    assert shown == position + 1, f"next from {position} showed {shown}"
                    position = shown
        except (AssertionError, OSError) as error:
            with tally.lock:
                tally.errors.append(f"{type(error).__name__}: {error}")
            pk = None


def test_thirty_seconds_of_mixed_traffic_without_an_error(start_server, database, report):
    server = start_server(workers=2, threads=4)
    tally = Tally()
    began = time.monotonic()
    visitors = [
        threading.Thread(target=visit, args=(server.url, seed, began + SECONDS, tally))
        for seed in range(VISITORS)
    ]
    for thread in visitors:
        thread.start()
    for thread in visitors:
        thread.join(timeout=SECONDS + 60)
    elapsed = time.monotonic() - began
    server.stop()

    stored = {
        pk: {
            position
            for (position,) in database.rows(
                "SELECT position FROM practice_steplog WHERE session_id = %s AND outcome = 'done'",
                (pk,),
            )
        }
        for pk in tally.acknowledged
    }
    acknowledged = sum(len(positions) for positions in tally.acknowledged.values())
    stored_count = sum(len(positions) for positions in stored.values())
    latencies = sorted(tally.latencies)

    report(
        f"load: {VISITORS} visitors for {SECONDS} s against gunicorn (2 workers × 4 threads)",
        database="PostgreSQL" if database.is_postgresql else "SQLite",
        requests=tally.requests,
        errors=len(tally.errors),
        by_kind=dict(tally.kinds),
        sessions_started=len(tally.acknowledged),
        steps_acknowledged=acknowledged,
        steps_stored=stored_count,
        requests_per_second=round(tally.requests / elapsed, 1),
        latency_ms_median=round(statistics.median(latencies) * 1000, 1),
        latency_ms_95th=round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
        latency_ms_max=round(latencies[-1] * 1000, 1),
    )
    assert not tally.errors, tally.errors[:10]
    assert tally.requests > 0
    assert stored == tally.acknowledged
    assert SECONDS <= elapsed < SECONDS + 60
