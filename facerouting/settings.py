"""
Facerouting settings: one file, driven by environment variables.

Development needs nothing: SQLite next to the code, DEBUG from DJANGO_DEBUG=1
(set by `make run`). Production sets the variables listed in docs/deploy.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_flag(name: str, default: bool) -> bool:
    """`1` is on, `0` is off, unset is the default."""
    value = os.environ.get(name, "")
    return default if value == "" else value == "1"


DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY, or DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "catalogue",
    "practice",
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "adminsortable2",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, like the two around it, so static files get it too.
    "facerouting.resource_policy.CrossOriginResourcePolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.TimezoneMiddleware",
    "accounts.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "facerouting.urls"
WSGI_APPLICATION = "facerouting.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.csp",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "facerouting.navigation.nav_section",
            ],
            # Script and stylesheet tags with Subresource Integrity.
            "libraries": {"integrity": "facerouting.templatetags.integrity"},
        },
    },
]

# Database: SQLite next to the code unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections stay open (conn_max_age above) for SQLite too: opening the
    # file and setting it up on every request halved the throughput of a
    # signed-in member's cheapest request (make bench, docs/performance.md).
    DATABASES["default"]["OPTIONS"] = {
        # Take the write lock when a transaction starts, and wait for it:
        # concurrent player posts queue up instead of failing with
        # "database is locked" halfway through a transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # WAL lets readers carry on while one request writes.
        "init_command": "PRAGMA journal_mode=WAL",
    }
    # The same backend, with writers queueing for the lock instead of polling
    # for it in SQLite's busy handler (facerouting/db/sqlite3/base.py).
    DATABASES["default"]["ENGINE"] = "facerouting.db.sqlite3"

# Cache and sessions: with Redis, a cache shared by every app server and
# sessions read from it (written through to the database, so a Redis restart
# logs nobody out); without it, a per-process memory cache and database sessions
# (never cached per process: a logout in one worker would not reach the others).
if REDIS_URL := os.environ.get("REDIS_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "facerouting",
            # Fail fast rather than hang a worker when Redis is unreachable.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Room for the history pages' fragments (practice/stats.py) of a
            # few hundred members; Django's default of 300 would cull them.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
    # Django's database sessions, read without the ORM's query building.
    SESSION_ENGINE = "accounts.sessions"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before any
    # password is checked.
    "axes.backends.AxesStandaloneBackend",
    # A username or an email address (accounts/backends.py).
    "accounts.backends.UsernameOrEmailBackend",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for
# one username from one address, that pair waits out the cool-off. Locking
# the pair, not the address alone, keeps one office's shared address usable;
# not the username alone, so a stranger cannot lock someone else out. Each
# try during a lockout starts the cool-off again (axes' default), so the 429
# page's Retry-After is the whole cool-off.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The 429 page, with Retry-After saying when the lock lifts.
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_USERNAME_CALLABLE = "accounts.throttling.client_username"
# Record the lockouts but not every successful login.
AXES_DISABLE_ACCESS_LOG = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "catalogue:home"
LOGOUT_REDIRECT_URL = "catalogue:home"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed, content-hashed names served with far-future caching, and
        # the stylesheets without their comments (facerouting/storage.py).
        "BACKEND": "facerouting.storage.StaticFilesStorage"
    },
}

# Mail: the console in development; production names its SMTP server.
if email_host := os.environ.get("EMAIL_HOST", ""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": email_host,
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": os.environ.get("EMAIL_USE_TLS", "1") == "1",
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Facerouting <noreply@localhost>")

# Strict Content Security Policy: nothing by default, and each kind of fetch
# the pages make named on its own, from our own origin only (docs/security.md).
# Scripts also need the per-request nonce; no inline styles or handlers
# anywhere, so stylesheets need none. No fonts, media or frames are loaded,
# and no image is a data: URI, so default-src 'none' refuses them all.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    # htmx's requests, fetch() and the service worker's own fetches.
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    # The service worker at /sw.js.
    "worker-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No other site may embed what this one serves (pages, scripts, icons):
# facerouting/resource_policy.py sends it, static files included.
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Powerful browser features nobody here needs are switched off for this site
# and anything it might embed. The player keeps the screen awake, and its
# chime is audio started by a click, so those two stay allowed for our origin.
# django-permissions-policy sends it, features sorted by name, and refuses to
# start on a feature name it does not know.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": ["self"],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": ["self"],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# HTTPS. On by default whenever debug is off: HTTP is redirected, cookies are
# only sent over HTTPS and browsers are told to remember that (HSTS).
# DJANGO_HTTPS=0 turns it off for a plain-HTTP server on this machine
# (`make serve`, the test suite); never in production.
HTTPS = env_flag("DJANGO_HTTPS", default=not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", default=True)
    # Load balancers send their health checks over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

# Reverse proxies and load balancers in front of the app servers. Each one
# appends the address it saw to X-Forwarded-For, and the outermost says
# whether the browser used HTTPS in X-Forwarded-Proto. Trust those headers
# only when they exist: with no proxy, a client could forge them.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
