"""Settings for Protocolwijzer: one file, read from the environment.

Everything an operator may change is a ``PW_*`` environment variable, read through the
typed helpers below, so a wrong value fails at start-up with the variable's name instead
of somewhere deep in a request. A secret may also come from a file named by ``<NAME>_FILE``
(Docker and systemd secrets). An optional ``local_settings.py`` next to this file is
imported last and may override anything; keep it out of version control.

The variables:

    PW_DEBUG                   development mode (default: false)
    PW_SECRET_KEY[_FILE]       required when not debugging
    PW_ALLOWED_HOSTS           comma-separated (default: localhost,127.0.0.1,[::1])
    PW_CSRF_TRUSTED_ORIGINS    comma-separated, such as https://protocolwijzer.example.nl
    PW_DATA_DIR                where the SQLite database lives (default: <repo>/var/)
    PW_DATABASE_URL[_FILE]     postgres://user:password@host:5432/name instead of SQLite
    PW_DATABASE_CONN_MAX_AGE   seconds to keep database connections open (default: 0)
    PW_STATIC_ROOT             where collectstatic writes (default: <data dir>/static/)
    PW_SECURE_COOKIES          cookies only over HTTPS (default: true unless debugging)
    PW_SSL_REDIRECT            redirect HTTP to HTTPS in Django (default: false)
    PW_BEHIND_PROXY            trust X-Forwarded-Proto from the reverse proxy (default: false)
    PW_HSTS_SECONDS            Strict-Transport-Security max-age (default: 0, off)
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value; use true or false.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: tuple[str, ...] = ()) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str) -> str:
    """``NAME``, or the contents of the file that ``NAME_FILE`` points to."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE={path} cannot be read: {exc.strerror}.") from None
    return os.environ.get(name, "")


def database_from_url(url: str) -> dict[str, Any]:
    """A ``DATABASES`` entry from ``postgres://user:password@host:port/name?option=value``.

    Also accepts ``sqlite:///relative.db`` and ``sqlite:////absolute/path.db``. Parts of the
    URL are percent-decoded, so a password may contain any character.
    """
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        name = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not name:
            raise ImproperlyConfigured("A sqlite database URL needs a file name.")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise ImproperlyConfigured(
            f"The database URL scheme '{parts.scheme}' is not supported; "
            "use postgres:// or sqlite://.")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("A postgres database URL needs a database name.")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("The port in the database URL is not a number.") from None
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
    }


DEBUG = env_bool("PW_DEBUG", False)

# pytest-django imports this module before any conftest runs, so a test run is recognised
# here. It only relaxes what tests do not need: a real secret and slow password hashing.
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]

SECRET_KEY = env_secret("PW_SECRET_KEY")
if not SECRET_KEY and (DEBUG or TESTING):
    SECRET_KEY = "django-insecure-protocolwijzer-development-only"
# Without a key outside debug mode SECRET_KEY stays empty on purpose: management commands
# such as `check`, `migrate` and `load_demo` still run, but the web server refuses to start
# (wsgi.py, asgi.py) and `check --deploy` reports it.

ALLOWED_HOSTS = env_list("PW_ALLOWED_HOSTS", ("localhost", "127.0.0.1", "[::1]"))
CSRF_TRUSTED_ORIGINS = env_list("PW_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "protocolwijzer.accounts",
    "protocolwijzer.protocols",
    "protocolwijzer.schools",
    "protocolwijzer.checks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "protocolwijzer.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "protocolwijzer.urls"
WSGI_APPLICATION = "protocolwijzer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATA_DIR = Path(env_str("PW_DATA_DIR", str(REPO_DIR / "var")))
_database_url = env_secret("PW_DATABASE_URL")
DATABASES = {
    "default": (database_from_url(_database_url) if _database_url
                else {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "db.sqlite3"}),
}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("PW_DATABASE_CONN_MAX_AGE", 0)
if not _database_url:
    # SQLite creates the file but not its directory, and var/ is not in version control.
    # If this fails (a read-only install), SQLite names the path on first use.
    with contextlib.suppress(OSError):
        DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Deliberately weak: hashing a password properly takes most of a test's time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Dutch first: the product is for Dutch schools; msgids are English (see i18n.py).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("PW_STATIC_ROOT", str(DATA_DIR / "static")))

# Security. Django's defaults are already good for most of these; they are spelled out so
# a reader sees the whole policy in one place.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("PW_SECURE_COOKIES", not DEBUG)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("PW_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("PW_HSTS_SECONDS", 0)
if env_bool("PW_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The pages use no inline script or style and nothing from another origin (no CDN), so
# the strictest policy costs nothing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

try:
    from protocolwijzer.local_settings import *  # noqa: F403
except ModuleNotFoundError as exc:
    if exc.name != "protocolwijzer.local_settings":
        raise  # a module that local_settings itself imports is missing
