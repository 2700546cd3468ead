"""Who is trying to log in, as django-axes counts failures: an address and a username."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """
    REMOTE_ADDR when the app server faces browsers directly. Behind
    DJANGO_PROXY_COUNT proxies, the address the outermost proxy saw: each
    proxy appends what it saw to X-Forwarded-For, so that is the entry
    PROXY_COUNT from the right. Entries further left came from the client
    and could be forged, so they are never used.
    """
    if settings.PROXY_COUNT:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= settings.PROXY_COUNT:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


# The column django-axes keeps usernames in.
USERNAME_MAX_LENGTH = 255


def client_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """
    The username tried, cut to what axes can store. Django's login form does
    not stop a longer one before authenticating, and a failed attempt with it
    would otherwise fail to be recorded (a 500 on PostgreSQL). No account has
    a username that long, so cutting it cannot merge two real people.
    """
    source = credentials if credentials is not None else request.POST
    return (source.get("username") or "")[:USERNAME_MAX_LENGTH]
