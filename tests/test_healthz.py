from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_it_answers_ok_in_plain_text(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok\n"


def test_it_answers_503_when_the_database_is_down(client):
    with mock.patch("facerouting.health.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz/")
    assert response.status_code == 503
