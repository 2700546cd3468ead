import pytest

from catalogue.models import Goal
from tests.factories import make_routine

pytestmark = pytest.mark.django_db


def test_it_lists_every_published_curated_routine(client):
    make_routine(title="Morning de-puff")
    make_routine(title="Gua sha sculpt", goal=Goal.SCULPT)
    response = client.get("/routines/")
    assert response.status_code == 200
    assert b"Morning de-puff" in response.content
    assert b"Gua sha sculpt" in response.content


def test_it_filters_by_goal(client):
    make_routine(title="Morning de-puff")
    make_routine(title="Gua sha sculpt", goal=Goal.SCULPT)
    response = client.get("/routines/?goal=sculpt")
    assert b"Gua sha sculpt" in response.content
    assert b"Morning de-puff" not in response.content


def test_an_unknown_goal_shows_everything(client):
    make_routine(title="Morning de-puff")
    response = client.get("/routines/?goal=<script>")
    assert response.status_code == 200
    assert b"Morning de-puff" in response.content
    assert b"<script>" not in response.content.split(b"</head>")[1]
