#!/usr/bin/env python
"""
How the history page scales: 10 finished sessions against 10,000.

Not a test (timings depend on the machine): run it by hand and compare.

    .venv/bin/python benchmarks/history.py                           # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/facerouting \\
        .venv/bin/python benchmarks/history.py                       # PostgreSQL
    BENCHMARK_REPEAT=50 .venv/bin/python benchmarks/history.py       # quicker

It creates a throwaway database (var/benchmark.sqlite3, or benchmark_<name> on
PostgreSQL), one user with 10 finished sessions (one a day) and one with 10,000
(one every 4 hours, about 4.5 years), all in Europe/Berlin, eight steps each,
every step logged, every other session rated. It then fetches /history/ for
each with Django's test client, interleaved, and prints the number of queries,
the median and 90th percentile of each, and their ratio: once with the cache
emptied before every request (the first visit after a change, when the
insights are worked out again) and once as a repeat visit (served from the
cache). `make bench` measures the whole server under load.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

REPEAT = int(os.environ.get("BENCHMARK_REPEAT", "200"))
WARM_UP = 20
SIZES = (10, 10_000)


def build(size: int):
    from accounts.models import Profile
    from tests.factories import make_sessions, make_user

    user = make_user(f"practised{size}")
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    # 10 sessions: one a day. 10,000: one every 4 hours, about 4.5 years of practice.
    every = timedelta(days=1) if size <= 10 else timedelta(hours=4)
    last = timezone.now() - timedelta(minutes=30)
    for start in range(0, size, 2000):
        batch = min(2000, size - start)
        # Bulk creation notes the change on the profile, as finishing each of
        # those sessions in the app would have (practice/models.py).
        make_sessions(user, batch, last=last - every * start, every=every, steps=8)
    return user


def measure(clients: dict[int, Client], *, cold: bool) -> dict[int, list[float]]:
    """Timings of /history/; `cold` empties the cache first, as after any change."""
    timings: dict[int, list[float]] = {size: [] for size in clients}
    for round_number in range(WARM_UP + REPEAT):
        for size, client in clients.items():
            if cold:
                cache.clear()
            started = time.perf_counter()
            response = client.get("/history/")
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            if round_number >= WARM_UP:
                timings[size].append(elapsed * 1000)
    return timings


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def run() -> None:
    users = {size: build(size) for size in SIZES}
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: statistics for the planner
        # and, on PostgreSQL, the visibility map that index-only scans need.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    clients = {}
    queries = {}
    for size, user in users.items():
        clients[size] = Client()
        clients[size].force_login(user)
        with CaptureQueriesContext(connection) as captured:
            page = clients[size].get("/history/")
        queries[size] = len(captured)
        kilobytes = len(page.content) / 1024
        print(f"{size:>6} sessions: {queries[size]} queries, page {kilobytes:.1f} KB")
    print(f"database: {connection.vendor}, {REPEAT} requests each after {WARM_UP} to warm up")
    for visit, cold in (("a visit after a change (cache empty)", True), ("a repeat visit", False)):
        timings = measure(clients, cold=cold)
        small, large = (timings[size] for size in SIZES)
        print(visit)
        for size in SIZES:
            print(
                f"  {size:>6} sessions: median {statistics.median(timings[size]):6.1f} ms, "
                f"p90 {p90(timings[size]):6.1f} ms"
            )
        print(
            f"  ratio 10,000 / 10: median "
            f"{statistics.median(large) / statistics.median(small):.2f}×, "
            f"p90 {p90(large) / p90(small):.2f}×"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Set by environment variables: BENCHMARK_REPEAT (200), DATABASE_URL.",
    )
    parser.parse_args(argv)
    # Never the test suite's database: a run of both at once must not collide.
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        database["TEST"]["NAME"] = str(ROOT / "var" / "benchmark.sqlite3")
    else:
        database["TEST"]["NAME"] = f"benchmark_{database['NAME']}"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
