"""The browser-hardening headers, and HTTPS when it is switched on.

Subresource Integrity, the rest of what the MDN HTTP Observatory checks, is
proven by tests/test_script_integrity.py.
"""

import re

import pytest
from django.test import Client

from practice import player
from tests.factories import make_routine

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


# Each fetch directive the pages need, from our own origin only; nothing else.
POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'nonce-…'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy, its nonce (if any) written as `'nonce-…'`."""
    header = re.sub(r"'nonce-[^']+'", "'nonce-…'", response.headers["Content-Security-Policy"])
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


def assert_isolated(response) -> None:
    """What every response carries, static files included."""
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert policy(response).keys() == POLICY.keys()


def assert_hardened(response) -> None:
    assert_isolated(response)
    assert response.headers["X-Frame-Options"] == "DENY"
    features = dict(
        feature.strip().split("=", 1)
        for feature in response.headers["Permissions-Policy"].split(",")
    )
    for denied in ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]:
        assert features[denied] == "()", denied
    # The player keeps the screen awake; nothing else may.
    assert features["screen-wake-lock"] == "(self)"


def test_pages_partials_and_errors_are_all_hardened(client, user):
    session = player.start_session(make_routine(steps=3), user=user)
    player.begin(session, 0)
    client.force_login(user)

    assert_hardened(client.get("/"))
    assert_hardened(client.get(session.get_absolute_url()))
    assert_hardened(client.post(f"/sessions/{session.pk}/next/", {"position": 0}, headers=HTMX))
    assert_hardened(client.get("/no-such-page/"))
    assert_hardened(client.get("/healthz/"))
    assert_hardened(client.get("/admin/login/"))


def test_the_policy_names_each_kind_of_fetch_and_refuses_the_rest(client, user):
    session = player.start_session(make_routine(steps=3), user=user)
    client.force_login(user)
    assert policy(client.get(session.get_absolute_url())) == POLICY
    # Without a script on the page no nonce is made; the rest is the same.
    assert policy(client.get("/healthz/")) == {**POLICY, "script-src": ["'self'"]}


@pytest.mark.parametrize(
    "path",
    [
        "/static/js/player.js",
        "/static/css/site.css",
        "/static/django_htmx/htmx-2.min.js",
        "/static/icons/icon-192.png",
        "/static/admin/js/core.js",
    ],
)
def test_static_files_from_whitenoise_carry_them_too(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_isolated(response)


def test_error_pages_carry_them(client):
    assert_hardened(client.get("/no-such-page/"))
    assert_isolated(client.get("/static/no-such-file.js"))


@pytest.mark.urls("tests.urls_with_errors")
def test_the_500_page_carries_them():
    response = Client(raise_request_exception=False).get("/test-errors/500/")
    assert response.status_code == 500
    assert_hardened(response)


def test_the_resource_policy_comes_from_its_setting(client, settings):
    settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-site"
    assert client.get("/").headers["Cross-Origin-Resource-Policy"] == "same-site"
    settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY = None
    assert "Cross-Origin-Resource-Policy" not in client.get("/").headers


def test_the_permissions_policy_header_is_built_from_the_setting(client, settings):
    settings.PERMISSIONS_POLICY = {"autoplay": ["self"], "camera": []}
    response = client.get("/")
    assert response.headers["Permissions-Policy"] == "autoplay=(self), camera=()"


def test_the_permissions_policy_header_names_every_feature_of_the_setting(client):
    response = client.get("/")
    assert response.headers["Permissions-Policy"] == (
        "accelerometer=(), autoplay=(self), camera=(), display-capture=(), "
        "encrypted-media=(), fullscreen=(self), geolocation=(), gyroscope=(), hid=(), "
        "idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), "
        "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(self), "
        "serial=(), usb=(), xr-spatial-tracking=()"
    )


@pytest.fixture
def https(settings):
    """The production HTTPS settings, which the test settings switch off."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]


def test_with_https_plain_http_is_redirected(https):
    response = Client().get("/routines/?goal=depuff")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/routines/?goal=depuff"


def test_with_https_browsers_are_told_to_remember_it(https):
    response = Client().get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_with_https_cookies_are_secure_and_hidden_from_scripts(https, user):
    client = Client()
    client.get("/accounts/login/", secure=True)
    response = client.post(
        "/accounts/login/",
        {"username": "alice", "password": "correct horse battery"},
        secure=True,
    )
    assert response.status_code == 302
    assert client.cookies["sessionid"]["secure"] is True
    assert client.cookies["sessionid"]["httponly"] is True
    assert client.cookies["sessionid"]["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["secure"] is True


def test_with_https_the_load_balancer_health_check_still_answers_over_http(https):
    response = Client().get("/healthz/")
    assert response.status_code == 200


def test_behind_a_proxy_its_https_header_counts(https, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = Client().get("/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers
