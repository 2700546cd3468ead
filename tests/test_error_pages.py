"""Friendly error pages that give nothing away, with debug off as in production."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

LEAKS = ["Traceback", "traceback-marker", "staff-only-marker", "RuntimeError", "URLconf"]


def assert_friendly(response, status: int, heading: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert heading in page
    assert 'href="/"' in page, "no way back to the routines"
    for leak in [*LEAKS, settings.SECRET_KEY]:
        assert leak not in page, f"the {status} page shows {leak!r}"


def test_debug_is_off_in_the_test_run_as_in_production():
    assert settings.DEBUG is False


def test_an_unknown_page_is_a_friendly_404(client):
    assert_friendly(client.get("/routines/no-such-routine/"), 404, "We couldn’t find that page")


def test_the_404_page_keeps_the_site_navigation(client, user):
    client.force_login(user)
    page = client.get("/no-such-page/").content.decode()
    assert "Log out" in page
    assert 'href="/routines/"' in page


@pytest.mark.urls("tests.urls_with_errors")
def test_a_crash_is_a_friendly_500_without_a_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/500/")
    assert_friendly(response, 500, "Something went wrong on our side")
    assert "/static/css/site.css" in response.content.decode()


@pytest.mark.urls("tests.urls_with_errors")
def test_a_refusal_is_a_friendly_403():
    response = Client().get("/test-errors/403/")
    assert_friendly(response, 403, "You can’t do that here")
    assert b'href="/accounts/login/"' in response.content


def test_a_form_without_its_csrf_token_is_a_friendly_403(user):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "alice", "password": "x"})
    assert_friendly(response, 403, "This page has expired")
    assert b"CSRF cookie not set" not in response.content  # the reason is for the log


def test_too_many_logins_is_a_friendly_429(client, user):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert_friendly(response, 429, "Too many login attempts")
    page = response.content.decode()
    assert "15 min" in page
    assert "alice" in page
    assert 'href="/accounts/password_reset/"' in page


def test_an_unknown_host_is_a_friendly_400(client):
    response = client.get("/", headers={"host": "evil.example"})
    assert_friendly(response, 400, "That request could not be understood")
    assert b"evil.example" not in response.content
