"""Logs without personal data or secrets: the filter and formatter of ``LOGGING`` and the
gunicorn access logger.

Three things must never reach a log line, because logs are kept longer and read by more
people (a hosting partner's staff, a log service) than the database:

- the secret parts of URLs: a guardian's consent link, an invitation and a password
  reset carry their token in the path. Which routes do is read from the URLconf (a route
  with a ``<token>``-like parameter), so a new route of that kind is covered without
  anyone remembering a list. Everything after the route's fixed prefix is replaced;
- query strings, request bodies and cookies: they are dropped, never logged;
- e-mail addresses, and the values PostgreSQL quotes in an error's ``DETAIL`` line, in
  messages and tracebacks (an exception message may repeat what someone typed).

Tracebacks themselves are kept: without them an error cannot be fixed. They show source
lines and exception messages, not local variables. Django's ``SafeExceptionReporterFilter``
only matters for the debug error page and error mails, neither of which is used in
production (no ``mail_admins``; see docs/operations.md).
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

# Parameter names in a route that make its path secret.
_SECRET_PARAMETER = re.compile(r"<(?:\w+:)?(\w*(?:token|uidb64|secret|key)\w*)>|\(\?P<\w*token")
HIDDEN = "<hidden>"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PG_DETAIL = re.compile(r"^(DETAIL:\s*).*$", re.MULTILINE)


@functools.cache
def secret_path_prefixes(urlconf: str | None = None) -> tuple[str, ...]:
    """The fixed start of every route whose path carries a secret, such as
    ``/toestemming/ouder/``; whatever follows it in a request's path is secret."""
    from django.urls import URLPattern, URLResolver, get_resolver

    prefixes: set[str] = set()

    def walk(patterns: Any, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern).lstrip("^")
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and _SECRET_PARAMETER.search(route):
                fixed = re.split(r"[<(\\\[?*+$]", route, maxsplit=1)[0]
                prefixes.add("/" + fixed)

    walk(get_resolver(urlconf).url_patterns, "")
    return tuple(sorted(prefixes, key=len, reverse=True))


def _prefixes() -> tuple[str, ...] | None:
    try:
        from django.conf import settings

        return secret_path_prefixes(settings.ROOT_URLCONF)
    except Exception:  # Django not set up (yet): the caller hides the whole path.
        return None


def redact_path(path: str) -> str:
    """A request path fit for a log: the query string dropped and the secret part of a
    token route replaced, e.g. ``/toestemming/ouder/<hidden>``."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    prefixes = _prefixes()
    if prefixes is None:
        return HIDDEN
    for prefix in prefixes:
        if path.startswith(prefix) and len(path) > len(prefix):
            return prefix + HIDDEN
    return path


def redact_text(text: str) -> str:
    """Free text (a message, a traceback) with secret paths, e-mail addresses and
    PostgreSQL's quoted values replaced."""
    text = _EMAIL.sub("<e-mail>", text)
    text = _PG_DETAIL.sub(r"\1" + HIDDEN, text)
    prefixes = _prefixes()
    if prefixes:
        text = _secret_paths_in_text(prefixes).sub(lambda m: m.group(1) + HIDDEN, text)
    return text


def redact_url(url: str) -> str:
    """A URL (a referrer, a redirect's location) without its query string and secrets."""
    return redact_text(url.split("?", 1)[0].split("#", 1)[0])


@functools.cache
def _secret_paths_in_text(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(f"({alternatives})[^\\s\"'<>]+")


class RedactPersonalData(logging.Filter):
    """Takes the request object off a record (so no handler can render its body, cookies
    or query string) and redacts the message. Attach it to every handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            record.request = None
            record.method = getattr(request, "method", "-")
            record.path = redact_path(getattr(request, "path", "") or "")
        record.msg = redact_text(record.getMessage())
        record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted record, traceback included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_text(super().format(record))


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is a dependency; this only keeps the module importable.
    _GunicornLogger = object  # type: ignore[misc,assignment]


# POSTs whose sender may be anonymous: the access log keeps no address or browser of them.
_NAMELESS_POSTS = ("/melden/",)


class AccessLogger(_GunicornLogger):  # type: ignore[misc,valid-type]
    """gunicorn's logger with an access log that never shows a token, a query string, a
    cookie or an authorization header: ``logger_class`` in ``gunicorn_conf``."""

    _DROPPED = ("{cookie}i", "{authorization}i", "{set-cookie}o", "{http_cookie}e",
                "{http_authorization}e", "{query_string}e", "q")

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any],
              request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO", ""))
        atoms["U"] = path
        atoms["r"] = f"{environ.get('REQUEST_METHOD', '-')} {path} " \
                     f"{environ.get('SERVER_PROTOCOL', '-')}"
        for key in self._DROPPED:
            atoms[key] = "-"
        if environ.get("REQUEST_METHOD") == "POST" and str(environ.get("PATH_INFO", "")
                                                           ).startswith(_NAMELESS_POSTS):
            # A report may be anonymous (issue 15): its client address and browser would
            # link it to the pupil's sign-in, whose address the audit log keeps.
            for key in list(atoms):
                name = key.replace("-", "_")
                if key in ("h", "a") or any(part in name for part in (
                        "forwarded", "real_ip", "remote_addr", "user_agent")):
                    atoms[key] = "-"
        for key in ("f", "{referer}i", "{http_referer}e", "{location}o"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact_url(atoms[key])
        for key, value in atoms.items():
            if isinstance(value, str) and key not in ("r", "U"):
                atoms[key] = redact_text(value)
        return atoms
