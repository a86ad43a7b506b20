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
    PW_BEHIND_PROXY            behind a reverse proxy: trust its X-Forwarded-Proto, and take the
                               client's address from X-Forwarded-For (default: false). The proxy
                               must append the address it sees ($proxy_add_x_forwarded_for in
                               nginx) or set the header to it; the lockout, the rate limits and
                               the audit log then count the real client, never the proxy, and a
                               client's own X-Forwarded-For entries further left are ignored.
                               Without it, every request counts under the proxy's address: one
                               guesser would throttle everyone.
    PW_PROXY_COUNT             proxies in front of the application that each append to
                               X-Forwarded-For, such as a load balancer and nginx (default: 1)
    PW_SIGN_IN_IP_LIMIT        failed sign-ins from one client address, over all accounts,
                               before every sign-in from it waits (default: 50; 0 turns the
                               per-address limit off). One account waits after 5 failures from
                               anywhere. The wait starts at a minute and doubles per further
                               failure, up to an hour.
    PW_HSTS_SECONDS            Strict-Transport-Security max-age (default: 0, off)
    PW_HSTS_INCLUDE_SUBDOMAINS HSTS for every subdomain too (default: true)
    PW_HSTS_PRELOAD            allow submitting the domain to browsers' preload list (default: true)
    PW_UPLOAD_MAX_BYTES        largest photo the checker accepts, in bytes (default: 10 MB)
    PW_SESSION_HOURS           how long a sign-in lasts (default: 8, one school day)
    PW_SITE_URL                the address in links that mails contain (default: http://127.0.0.1:8000)
    PW_EMAIL_HOST              SMTP server; without it mail goes to the console when debugging,
                               else to the local mail server (localhost:25, no TLS)
    PW_EMAIL_PORT              (default: 587 with PW_EMAIL_HOST)
    PW_EMAIL_HOST_USER         SMTP user name
    PW_EMAIL_HOST_PASSWORD[_FILE]
    PW_EMAIL_USE_TLS           STARTTLS (default: true with PW_EMAIL_HOST)
    PW_EMAIL_TIMEOUT           seconds to wait for the mail server before giving up (default: 10)
    PW_DEFAULT_FROM_EMAIL      sender of invitations (default: Protocolwijzer <noreply@localhost>)
    PW_LOG_LEVEL               level of our own log messages on stderr (default: INFO)
    PW_REDIS_URL[_FILE]        redis://[:password@]host:6379/0 of a Redis server shared by all
                               processes (default: none). With it, background work (the
                               password-reset mail) waits in a queue in Redis until a task
                               worker (`protocolwijzer manage rqworker`, which `scripts/serve`
                               starts beside gunicorn) runs it, and the rate-limit and sign-in
                               counters live in Redis, so every worker process counts towards
                               the same limits. Without it, tasks run inside the request that
                               starts them and each process counts on its own.
    PW_MEDIA_DIR               where the checker keeps uploaded photos and videos and their
                               blurred versions: a private directory, never served as it is
                               (default: <data dir>/private-media/)
    PW_MEDIA_S3_BUCKET         keep them in this bucket of an S3-compatible object store
                               instead, for web servers and task workers on several
                               machines (needs django-storages[s3]; see docs/operations.md)
    PW_MEDIA_S3_ENDPOINT_URL   the object store's address, such as https://s3.example.nl
    PW_MEDIA_S3_REGION         (default: none)
    PW_MEDIA_S3_ACCESS_KEY_ID[_FILE], PW_MEDIA_S3_SECRET_ACCESS_KEY[_FILE]
    PW_MEDIA_S3_PREFIX         a folder inside the bucket (default: none)
    PW_MEDIA_MAX_BYTES         largest video or sound recording, in bytes (default: 200 MB;
                               photos: PW_UPLOAD_MAX_BYTES)
    PW_MEDIA_STALLED_MINUTES   a photo or video job that has not moved for this long is
                               shown as stopped, and may be started again (default: 15)
    PW_TASK_HEARTBEAT_SECONDS  how often a task worker tells Redis it is still at its job
                               (default: 10)
    PW_TASK_ABANDONED_SECONDS  a job whose worker has been silent this long is taken to be
                               lost (a worker killed, a machine gone) and run again by
                               another worker (default: 60)
    PW_TASK_MAINTENANCE_SECONDS how often an idle worker looks for such jobs (default: 30)
    PW_PUBLIC_REPORTS_PER_HOUR the public report form's limit per client address and school
                               (default: 5); PW_PUBLIC_REPORTS_PER_SCHOOL_PER_HOUR for all
                               addresses together (default: 30)

The production start (``scripts/serve``, ``protocolwijzer/serve.py`` and
``protocolwijzer/gunicorn_conf.py``; see docs/operations.md) reads these too:

    PW_BIND                    where gunicorn listens: host:port or unix:/path (default:
                               127.0.0.1:$PW_PORT, behind a reverse proxy on the same host)
    PW_PORT                    (default: 8000)
    PW_WORKERS                 worker processes (default: 2 × CPU cores + 1, at most 8)
    PW_THREADS                 threads per worker (default: 2)
    PW_TIMEOUT                 seconds before a stuck worker is restarted (default: 60)
    PW_FORWARDED_ALLOW_IPS     addresses of the proxies whose X-Forwarded-* headers gunicorn
                               trusts (default: 127.0.0.1,::1)
    PW_ACCESS_LOG              where the access log goes: - for stdout, a file, or off
                               (default: -); tokens and query strings never appear in it
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import tempfile
from datetime import timedelta
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
    "ninja",  # serves Swagger UI from its bundled static files, not from a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    # axes before audit: its sign-in signal handlers mark a locked-out request first.
    "axes",
    "protocolwijzer.accounts",
    "protocolwijzer.audit",
    "protocolwijzer.protocols",
    "protocolwijzer.schools",
    "protocolwijzer.checks",
    "protocolwijzer.consent",
    "protocolwijzer.publications",
    "protocolwijzer.notifications",
    "protocolwijzer.media",
    "protocolwijzer.incidents",
    "protocolwijzer.evaluation",
    "protocolwijzer.api",
]

MIDDLEWARE = [
    # First: a load balancer's probe needs no host check, no HTTPS and no session.
    "protocolwijzer.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the HTTPS redirect, before sessions and the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "protocolwijzer.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "protocolwijzer.accounts.middleware.TwoFactorMiddleware",
    # Writes an audit event for each 403 and 404 a page's access function raises.
    "protocolwijzer.schools.refusals.AccessRefusedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "protocolwijzer.schools.menu.main_menu",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers and threads share the embedded database. A transaction that reads
    # first and writes later (a sign-in) fails at once with "database is locked" when
    # another holds the write lock; taking the lock at BEGIN makes it wait its turn
    # (up to the timeout) instead, and write-ahead logging lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
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
# Argon2 first; the others only verify (and then upgrade) older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    # Deliberately weak: hashing a password properly takes most of a test's time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The axes backend only refuses locked-out attempts; ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "schools:my_school"
LOGOUT_REDIRECT_URL = "schools:home"

# Sign-in throttling (accounts/lockout.py has the whole story). django-axes records the
# failures per account (any client address); the handler turns them into a wait: after 5
# failures of one account 1 minute, doubling with each further failure up to an hour;
# after PW_SIGN_IN_IP_LIMIT failures from one client address (over all accounts) the
# same for every sign-in from there. Failures are remembered for a day after the last
# one. The password plus a code from the authenticator app pass the wait; so does a new
# password chosen through the forgotten-password mail (it clears the account's failures).
AXES_HANDLER = "protocolwijzer.accounts.lockout.GrowingDelayHandler"
AXES_FAILURE_LIMIT = 5  # = lockout.ACCOUNT_FREE_FAILURES
AXES_COOLOFF_TIME = timedelta(days=1)  # how long a failure is remembered, not the wait
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that this list lacks ip_address. Adding it would let axes itself lock a whole
# school network after 5 failures, and let a successful sign-in wipe the failures of every
# account from the same address; the limit per client address is the handler's instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # what AuthenticationForm posts and authenticates with
AXES_USERNAME_CALLABLE = "protocolwijzer.accounts.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "protocolwijzer.accounts.lockout.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "protocolwijzer.accounts.lockout.client_ip"
# Sign-ins are in the audit log already; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
PW_SIGN_IN_IP_LIMIT = env_int("PW_SIGN_IN_IP_LIMIT", 50)
# Behind a reverse proxy every connection comes from the proxy, so the client's address
# is taken from X-Forwarded-For (accounts/lockout.py client_ip): the entry the nearest
# proxy added, counting PW_PROXY_COUNT entries from the right. Without PW_BEHIND_PROXY the
# header is ignored (anyone can send one), and with it REMOTE_ADDR must be the proxy.
PW_BEHIND_PROXY = env_bool("PW_BEHIND_PROXY", False)
PW_PROXY_COUNT = max(1, env_int("PW_PROXY_COUNT", 1))

OTP_TOTP_ISSUER = "Protocolwijzer"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret key

# Mail (invitations). Without PW_EMAIL_HOST a development machine prints mail to the
# console; a production server hands it to the local mail server on port 25 (a failure
# then shows, instead of an invitation that silently never leaves). Tests use Django's
# in-memory outbox.
SITE_URL = env_str("PW_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_email_host = env_str("PW_EMAIL_HOST")
if _email_host or not (DEBUG or TESTING):
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email_host or "localhost",
            "port": env_int("PW_EMAIL_PORT", 587 if _email_host else 25),
            "username": env_str("PW_EMAIL_HOST_USER"),
            "password": env_secret("PW_EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("PW_EMAIL_USE_TLS", bool(_email_host)),
            # Without a timeout a mail server that accepts the connection and then says
            # nothing would hold the request (the reset mail is sent inside it) for ever.
            "timeout": env_int("PW_EMAIL_TIMEOUT", 10),
        },
    }}
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("PW_DEFAULT_FROM_EMAIL", "Protocolwijzer <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (the password-reset mail, accounts/tasks.py) and the cache that holds the
# counters of the rate limits (accounts/ratelimit.py, schools/refusals.py).
#
# Without Redis (the embedded default, `scripts/start`): the immediate backend runs a task
# inside the request that enqueues it (the task logs a mail failure; the page never shows
# it), and the counters are in process memory, so with N worker processes an address may
# ask up to N times a limit.
#
# The checker's photo and video jobs (media/tasks.py) have a backend of their own, "media":
# without Redis they run in a thread of the web process that enqueued them (the page
# shows their progress meanwhile; media/inprocess.py), in tests inside the request.
TASKS: dict[str, Any] = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "media": {"BACKEND": ("django.tasks.backends.immediate.ImmediateBackend" if TESTING
                          else "protocolwijzer.media.inprocess.ThreadBackend"),
              "QUEUES": ["media"]},
}
CACHES: dict[str, Any] = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                      "LOCATION": "protocolwijzer"}}


def redis_settings(url: str) -> dict[str, Any]:
    """The settings that put tasks and counters in the Redis server at ``url``.

    Tasks go through django-tasks-rq, a backend of Django's task framework on RQ: callers
    keep ``send_reset_link.enqueue(...)``, the job waits in Redis, and `manage rqworker`
    (django-rq's command, with that backend's job class) runs it. A job that raises stays in
    RQ's failed-job registry (for a year, RQ's default), from where an operator requeues it
    with `rq requeue` (see "Task workers" in docs/operations.md).

    The checker's photo and video jobs go to a queue of their own, "media" (longer time
    limit; a job is retried when it fails or its worker dies, media/queues.py), so a long
    video never holds up a mail. The worker class (media/worker.py) notices a killed
    worker's job within PW_TASK_ABANDONED_SECONDS and runs it again elsewhere.
    """
    return {
        "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
                  "media": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["media"]}},
        "RQ_QUEUES": {"default": {"URL": url, "DEFAULT_TIMEOUT": 300},
                      "media": {"URL": url, "DEFAULT_TIMEOUT": 1800}},
        "RQ": {"JOB_CLASS": "django_tasks_rq.Job",
               "QUEUE_CLASS": "protocolwijzer.media.queues.RetryingQueue",
               "WORKER_CLASS": "protocolwijzer.media.worker.Worker"},
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                               "LOCATION": url, "KEY_PREFIX": "protocolwijzer"}},
    }


REDIS_URL = env_secret("PW_REDIS_URL").strip()
if REDIS_URL:
    if urlsplit(REDIS_URL).scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(
            "PW_REDIS_URL must start with redis://, rediss:// or unix://, such as "
            "redis://127.0.0.1:6379/0.")
    _redis = redis_settings(REDIS_URL)
    TASKS, CACHES, RQ_QUEUES, RQ = (_redis["TASKS"], _redis["CACHES"], _redis["RQ_QUEUES"],
                                    _redis["RQ"])
    # django-rq: the rqworker command. Its migrations make no table, only the permission
    # of its admin page (whose URLs are not routed).
    INSTALLED_APPS.append("django_rq")

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
# The app serves its own static files (WhiteNoise): in production from STATIC_ROOT after
# `collectstatic` (which `scripts/serve` runs), under names with a content hash and cached
# for a year; gzip-compressed copies are made at collectstatic time. Development and tests
# need no collectstatic: files are looked up per request.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": (
        "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG or TESTING
        else "protocolwijzer.staticfiles.StaticFilesStorage")},
}
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# The checker's photos and videos (protocolwijzer/media): a private directory that no URL
# maps to (MEDIA_URL stays unset); files are streamed only by media.views.file after an
# access check. With PW_MEDIA_S3_BUCKET they go to an S3-compatible object store instead,
# so that web servers and task workers on several machines share them.
PW_MEDIA_DIR = Path(env_str("PW_MEDIA_DIR", str(
    # Tests keep no children's photos, not even synthetic ones, in the checkout.
    Path(tempfile.gettempdir()) / f"protocolwijzer-test-media-{os.getpid()}" if TESTING
    else DATA_DIR / "private-media")))
PW_MEDIA_S3_BUCKET = env_str("PW_MEDIA_S3_BUCKET").strip()
if PW_MEDIA_S3_BUCKET:
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "PW_MEDIA_S3_BUCKET is set, but django-storages is not installed: run "
            ".venv/bin/pip install 'django-storages[s3]' (see docs/operations.md).")
    STORAGES["media_private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PW_MEDIA_S3_BUCKET,
            "endpoint_url": env_str("PW_MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("PW_MEDIA_S3_REGION") or None,
            "access_key": env_secret("PW_MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_secret("PW_MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("PW_MEDIA_S3_PREFIX").strip("/"),
            # Private objects, never a public or signed URL: the view streams them.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["media_private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # base_url None: the storage has no URL; file permissions for the service only.
        "OPTIONS": {"location": str(PW_MEDIA_DIR), "base_url": None,
                    "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    }
PW_MEDIA_MAX_BYTES = env_int("PW_MEDIA_MAX_BYTES", 200 * 1024 * 1024)
PW_MEDIA_STALLED_MINUTES = env_int("PW_MEDIA_STALLED_MINUTES", 15)
# Task workers (media/worker.py): see PW_REDIS_URL.
PW_TASK_HEARTBEAT_SECONDS = max(1, env_int("PW_TASK_HEARTBEAT_SECONDS", 10))
PW_TASK_ABANDONED_SECONDS = max(PW_TASK_HEARTBEAT_SECONDS + 1,
                                env_int("PW_TASK_ABANDONED_SECONDS", 60))
PW_TASK_MAINTENANCE_SECONDS = max(1, env_int("PW_TASK_MAINTENANCE_SECONDS", 30))
# How often a failed or lost photo or video job is run again before it counts as failed.
PW_MEDIA_JOB_RETRIES = env_int("PW_MEDIA_JOB_RETRIES", 2)
# For tests of a killed worker only (media/tests/test_killed_worker.py): a directory in
# which a job announces that it is writing its output and waits for permission to go on,
# so a test can kill its worker at that moment. Unset, the job never waits.
PW_MEDIA_TEST_HOLD_DIR = env_str("PW_MEDIA_TEST_HOLD_DIR")

# Logging: everything to stderr (systemd's journal, a container's log), one line per
# record, tracebacks included, personal data and secrets left out (protocolwijzer/logs.py).
# Errors of requests (5xx) and security events (a bad Host header, a refused CSRF token)
# are logged; 4xx are not (the access log has them). Nothing is mailed: an error mail
# would carry a request's body and cookies.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "protocolwijzer.logs.RedactPersonalData"}},
    "formatters": {"plain": {
        "()": "protocolwijzer.logs.RedactingFormatter",
        "format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s",
    }},
    "handlers": {"stderr": {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "filters": ["redact"],
        "formatter": "plain",
    }},
    # One handler, at the root: every logger's records reach it (and pytest's caplog).
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # No handlers of Django's own: no error mails, no second copy in debug mode.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
        "protocolwijzer": {"level": env_str("PW_LOG_LEVEL", "INFO").upper()},
    },
}

# The public report form (incidents/reporting.py): attempts per hour, counted in the cache.
PW_PUBLIC_REPORTS_PER_HOUR = max(1, env_int("PW_PUBLIC_REPORTS_PER_HOUR", 5))
PW_PUBLIC_REPORTS_PER_SCHOOL_PER_HOUR = max(
    1, env_int("PW_PUBLIC_REPORTS_PER_SCHOOL_PER_HOUR", 30))

# The checker reads uploaded photos in memory and keeps none (checks/uploads.py).
PW_UPLOAD_MAX_BYTES = env_int("PW_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

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
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PW_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("PW_HSTS_PRELOAD", True)
# A sign-in lasts one school day, and ends when the browser closes.
SESSION_COOKIE_AGE = env_int("PW_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
if PW_BEHIND_PROXY:
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
