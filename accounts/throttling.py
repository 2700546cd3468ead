"""
Throttling: who is trying to log in, as django-axes counts failures (an
address and a username), the page a locked-out pair sees, and how many
password-reset mails one client or one address may have.
"""

import hashlib
import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """
    The 429 page for a locked-out username and address (AXES_LOCKOUT_CALLABLE),
    with Retry-After, so that scripts and well-behaved clients wait instead of
    trying again at once. Each try during a lockout starts the cool-off again
    (axes' AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT, on by default), so
    the lock lifts a whole cool-off after this request.
    """
    cool_off = get_cool_off(request)
    # Without a cool-off the lock is for good: there is no time to retry after.
    retry_after = math.ceil(cool_off.total_seconds()) if cool_off else None
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": client_username(request, credentials),
        "cooloff_timedelta": cool_off,
        "retry_after_seconds": retry_after,
    }
    response = render(request, "429.html", context, status=429)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


# Password-reset mail: each mail goes to an inbox we do not own, so at most
# this many an hour to one address (its owner is not flooded) and from one
# client address (nobody mails a list of strangers through us).
RESET_MAILS_PER_HOUR = 3
RESET_WINDOW_SECONDS = 60 * 60


def may_send_reset_mail(request: HttpRequest, email: str) -> bool:
    """
    Count one more reset mail for this client and this address; False once
    either has had its RESET_MAILS_PER_HOUR. The client is counted first, so
    that a client already past its limit spends none of an address's.

    The counts live in Django's cache (Redis in production, so every app
    server sees the same ones), each for an hour from its first mail. The
    address is hashed in its key: no email address is kept in the cache, and
    any address makes a valid key.
    """
    ip_key = f"password-reset-mails:ip:{client_ip(request)}"
    digest = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    email_key = f"password-reset-mails:email:{digest}"
    return _count(ip_key) <= RESET_MAILS_PER_HOUR and _count(email_key) <= RESET_MAILS_PER_HOUR


def _count(key: str) -> int:
    """Add one to the hour's count under `key`, atomically, and return it."""
    cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # The hour ended between add() and incr(): a new one starts.
        cache.set(key, 1, timeout=RESET_WINDOW_SECONDS)
        return 1
