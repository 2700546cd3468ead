"""The production configuration, read from the environment as a real deploy would.

Each test runs Django in a fresh process with only the variables it names, so
nothing from the test settings leaks in.
"""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DJANGO_SECRET_KEY": "x7pQ2vLm9RtY4wZc8NbK3hJd6FgS1aE5uIoP0lXqWeRtYvBnMkJhGf",
    "DJANGO_ALLOWED_HOSTS": "facerouting.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://facerouting.example",
    "DATABASE_URL": "postgres://facerouting@db.internal:5432/facerouting",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_HOST": "smtp.example",
    "EMAIL_HOST_USER": "facerouting",
    "EMAIL_HOST_PASSWORD": "not-a-real-password",
    "DJANGO_PROXY_COUNT": "1",
}


def django(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **variables}
    env["DJANGO_SETTINGS_MODULE"] = "facerouting.settings"
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def settings_with(**variables: str) -> dict:
    """The settings a process started with `variables` ends up with."""
    return _settings(frozenset(variables.items()))


@functools.cache
def _settings(variables: frozenset) -> dict:
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name, None) for name in dir(s) if name.isupper()},"
        " default=str))"
    )
    result = django(["-c", script], **dict(variables))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_passes_with_the_production_variables():
    result = django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "warning"),
    [
        ({"DJANGO_HTTPS": "0"}, "security.W008"),
        ({"DJANGO_HSTS_PRELOAD": "0"}, "security.W021"),
        ({"DJANGO_SECRET_KEY": "short"}, "security.W009"),
        ({"EMAIL_HOST": ""}, "mail.E001"),
    ],
)
def test_check_deploy_fails_when_a_production_variable_is_weakened(change, warning):
    result = django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **(PRODUCTION | change)
    )
    assert result.returncode != 0
    assert warning in result.stderr


def test_it_refuses_to_start_without_a_secret_key():
    variables = {name: value for name, value in PRODUCTION.items() if name != "DJANGO_SECRET_KEY"}
    result = django(["manage.py", "check"], **variables)
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_is_https_only_with_hsts_and_secure_cookies():
    settings = settings_with(**PRODUCTION)
    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31_536_000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert settings["ALLOWED_HOSTS"] == ["facerouting.example"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://facerouting.example"]


def test_without_a_proxy_forwarded_headers_are_not_trusted():
    settings = settings_with(**(PRODUCTION | {"DJANGO_PROXY_COUNT": "0"}))
    assert settings["SECURE_PROXY_SSL_HEADER"] is None


def test_redis_url_gives_a_shared_cache_and_cached_database_sessions():
    settings = settings_with(**PRODUCTION)
    assert settings["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.redis.RedisCache"
    )
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert settings["CACHES"]["default"]["OPTIONS"]["socket_timeout"] == 2
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_sessions_live_in_the_database():
    variables = {name: value for name, value in PRODUCTION.items() if name != "REDIS_URL"}
    settings = settings_with(**variables)
    assert settings["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    # Django's database sessions, read with one prepared query (accounts/sessions.py).
    assert settings["SESSION_ENGINE"] == "accounts.sessions"
    from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

    from accounts.sessions import SessionStore

    assert issubclass(SessionStore, DatabaseStore)


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    database = settings_with(**PRODUCTION)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.internal"
    assert database["CONN_MAX_AGE"] == 600
    assert database["CONN_HEALTH_CHECKS"] is True


def test_a_sqlite_url_keeps_the_locking_that_concurrent_posts_need(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    database = settings_with(**(PRODUCTION | {"DATABASE_URL": url}))["DATABASES"]["default"]
    assert database["NAME"] == str(tmp_path / "db.sqlite3")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["init_command"] == "PRAGMA journal_mode=WAL"


def test_smtp_mail_comes_from_the_environment():
    mailer = settings_with(**PRODUCTION)["MAILERS"]["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"]["host"] == "smtp.example"
    assert mailer["OPTIONS"]["username"] == "facerouting"
    assert mailer["OPTIONS"]["use_tls"] is True


def test_debug_is_off_unless_asked_for():
    assert settings_with(**PRODUCTION)["DEBUG"] is False
    assert settings_with(**(PRODUCTION | {"DJANGO_DEBUG": "true"}))["DEBUG"] is False
    development = settings_with(DJANGO_DEBUG="1")
    assert development["DEBUG"] is True
    assert development["SECURE_SSL_REDIRECT"] is False
