"""Downloading all my sessions and step logs, as CSV and as JSON."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Profile
from practice import exports
from practice.models import SessionStatus, StepLog, StepOutcome, snapshots
from tests.factories import make_session, make_sessions

pytestmark = pytest.mark.django_db

STARTED = datetime(2025, 6, 9, 22, 30, tzinfo=UTC)  # 00:30 on the 10th in Berlin


@pytest.fixture
def sessions(user, other_user):
    Profile.objects.create(user=user, timezone="Europe/Berlin")
    mine = [
        make_session(
            user,
            STARTED,
            routine_title="Morning de-puff",
            before=4,
            after=2,
            notes='Tight jaw, "better" after;\nless puffy, really',
            outcomes=[StepOutcome.DONE, StepOutcome.SKIPPED, StepOutcome.DONE],
        ),
        make_session(user, STARTED, routine_title='=HYPERLINK("http://evil")', steps=2),
        make_session(user, STARTED, status=SessionStatus.PAUSED, notes="-2 puffiness"),
    ]
    make_session(other_user, STARTED, routine_title="Someone else's", notes="Private")
    return mine


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_a_header_and_one_row_per_step_of_each_of_my_sessions(client, user, sessions):
    client.force_login(user)
    response = client.get("/history/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="facerouting-sessions-'
    )
    assert "no-store" in response["Cache-Control"]
    rows = read_csv(response)
    assert list(rows[0]) == exports.CSV_HEADER
    assert [int(row["session_id"]) for row in rows] == [sessions[0].pk] * 3 + [
        sessions[1].pk
    ] * 2 + [sessions[2].pk] * 3
    logged = {(row["session_id"], row["step_number"]) for row in rows if row["step_started_at"]}
    assert logged == {
        (str(log.session_id), str(log.position + 1))
        for log in StepLog.objects.filter(session__user=user)
    }
    assert "Someone else" not in str(rows) and "Private" not in str(rows)


def test_csv_keeps_commas_quotes_and_newlines_in_notes(client, user, sessions):
    client.force_login(user)
    first = read_csv(client.get("/history/export.csv"))[0]
    assert first["notes"] == 'Tight jaw, "better" after;\nless puffy, really'
    assert first["puffiness_before"] == "4"
    assert first["step_outcome"] == "done"
    assert first["started_at"] == "2025-06-10T00:30:00+02:00"


def test_csv_neutralises_cells_a_spreadsheet_would_run(client, user, sessions):
    client.force_login(user)
    rows = read_csv(client.get("/history/export.csv"))
    assert rows[3]["routine"] == '\'=HYPERLINK("http://evil")'
    assert rows[5]["notes"] == "'-2 puffiness"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        (3, 3),
        (None, None),
    ],
)
def test_neutralise(cell, written):
    assert exports.neutralise(cell) == written


def test_json_holds_my_sessions_with_their_steps(client, user, sessions):
    client.force_login(user)
    response = client.get("/history/export.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(b"".join(response.streaming_content))
    assert data["username"] == "alice"
    assert data["time_zone"] == "Europe/Berlin"
    assert [session["id"] for session in data["sessions"]] == [s.pk for s in sessions]
    first = data["sessions"][0]
    assert first["notes"] == 'Tight jaw, "better" after;\nless puffy, really'
    assert first["started_at"] == "2025-06-10T00:30:00+02:00"
    assert (first["puffiness_before"], first["puffiness_after"]) == (4, 2)
    assert [step["outcome"] for step in first["steps"]] == ["done", "skipped", "done"]
    assert first["steps"][0]["title"] == "Morning de-puff, step 1"
    assert first["steps"][0]["duration_seconds"] == 60
    assert data["sessions"][2]["steps"][0]["outcome"] == "in progress"
    assert data["sessions"][2]["steps"][1]["outcome"] == "not reached"
    assert "Someone else" not in json.dumps(data)


def test_an_empty_history_exports_cleanly(client, user):
    client.force_login(user)
    assert read_csv(client.get("/history/export.csv")) == []
    data = json.loads(b"".join(client.get("/history/export.json").streaming_content))
    assert data["sessions"] == []


def test_exports_stream_in_chunks_with_a_constant_number_of_queries(
    client, user, django_assert_max_num_queries
):
    make_sessions(user, exports.CHUNK_SIZE * 2 + 1)
    client.force_login(user)
    # Session, user and time zone; then sessions and their logs per chunk of 500.
    with django_assert_max_num_queries(3 + 2 * 3):
        rows = read_csv(client.get("/history/export.csv"))
    assert len(rows) == (exports.CHUNK_SIZE * 2 + 1) * 3


@pytest.mark.parametrize("url", ["/history/export.csv", "/history/export.json"])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", ["/history/export.csv", "/history/export.json"])
def test_it_rejects_post(client, user, url):
    client.force_login(user)
    assert client.post(url).status_code == 405


def test_a_cold_process_reads_each_chunks_routine_versions_in_one_query(client, user):
    for title in ("Morning de-puff", "Gua sha sculpt", "Jaw unclench"):
        make_sessions(user, 4, routine_title=title)  # three routine versions
    client.force_login(user)

    def queries_of_an_export() -> int:
        with CaptureQueriesContext(connection) as queries:
            rows = read_csv(client.get("/history/export.csv"))
        assert len(rows) == 12 * 3
        return len(queries)

    warm = queries_of_an_export()
    snapshots._kept.clear()  # a worker that has read none of them yet
    assert queries_of_an_export() == warm + 1
    assert queries_of_an_export() == warm
