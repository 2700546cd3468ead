"""
With REDIS_URL, sessions are read from Redis and written through to the
database: gunicorn against a real redis-server of this test's own, which is
then thrown away and replaced by an empty one. Nobody's session is lost.
"""

import os
import shutil
import subprocess
import time

import pytest
import redis

from tests.faults.server import Visitor, free_port


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of our own on a free port, keeping nothing on disk."""
    executable = shutil.which("redis-server")
    if executable is None:
        message = "redis-server is not installed (apt-get install redis-server)."
        if os.environ.get("FACEROUTING_REQUIRE_REDIS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    port = free_port()
    processes = []

    def start() -> redis.Redis:
        process = subprocess.Popen(
            [
                *[executable, "--bind", "127.0.0.1", "--port", str(port)],
                *["--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
            ],
            stdout=subprocess.DEVNULL,
        )
        processes.append(process)
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                return client
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop() -> None:
        processes[-1].kill()
        processes[-1].wait(timeout=10)

    start.stop = stop
    start.url = f"redis://127.0.0.1:{port}/0"
    yield start
    for process in processes:
        process.kill()
        process.wait(timeout=10)


def test_sessions_live_in_redis_and_survive_losing_it(start_server, redis_server, report):
    cache = redis_server()
    server = start_server(REDIS_URL=redis_server.url)
    visitor = Visitor(server.url)

    pk = visitor.start("morning-de-puff")  # a visitor's session: its token is in their session
    keys = cache.keys("facerouting:*")
    assert any(b"django.contrib.sessions.cached_db" in key for key in keys), keys

    redis_server.stop()
    cache = redis_server()  # a new, empty Redis
    assert cache.keys("*") == []

    page = visitor.get(f"/sessions/{pk}/")
    assert page.status == 200
    assert page.player == ("running", 0)
    assert visitor.next(pk, 0).player == ("running", 1)
    # Read from the database once, the session is back in the cache.
    assert cache.keys("facerouting:*")

    report(
        "redis: cached_db sessions through gunicorn, Redis replaced by an empty one",
        session_keys_in_redis_before=len(keys),
        session_kept_after_losing_redis=True,
    )
