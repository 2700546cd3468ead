import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Goal
from tests.factories import make_routine

pytestmark = pytest.mark.django_db


def test_it_lists_published_curated_routines_by_goal_with_total_time(client):
    make_routine(steps=2, title="Morning de-puff", goal=Goal.DEPUFF)  # 2 x 30 s
    make_routine(steps=1, title="Evening unwind", goal=Goal.RELAX)

    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Morning de-puff" in page
    assert "Evening unwind" in page
    assert "1 min" in page
    assert page.index("De-puff") < page.index("Morning de-puff") < page.index("Relax and unwind")


def test_it_hides_drafts_and_users_own_routines(client, user):
    make_routine(title="Secret draft", is_published=False)
    make_routine(title="Alice's own", owner=user, is_published=True)

    page = client.get("/").content.decode()

    assert "Secret draft" not in page
    assert "Alice&#x27;s own" not in page


def test_its_query_count_does_not_grow_with_steps(client):
    make_routine(steps=1)
    with CaptureQueriesContext(connection) as small:
        client.get("/")
    make_routine(steps=50)
    with CaptureQueriesContext(connection) as large:
        client.get("/")
    assert 0 < len(small) == len(large)


def test_it_rejects_post(client):
    assert client.post("/").status_code == 405
