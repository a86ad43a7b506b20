"""Refused access is audited: one content-free event per refusal, rate-limited.

The access functions (``schools/access.py`` and the ``access_*`` of every app) raise
``Http404`` for an object of another school and ``PermissionDenied`` for a missing right;
the API refuses a missing or wrong token with 401. Those are exactly the moments a school
wants to see when someone probes ids or reaches beyond their role, so each writes one
``access_refused`` event: who (the account, or for the API the token), what kind of object
and which id (from the address, never the object: it may be another school's), the
outcome (401, 403 or 404) and the route. Nothing else: no names, no query string, no
token. It is recorded in one place for the pages (``AccessRefusedMiddleware``) and one
place for the API (its exception handlers call ``record_refusal``).

A 404 is recorded only for an address that names an object (a ``*_id`` in the route);
an address that matches no route at all is not a refusal.

Rate limit: at most ``REFUSALS_PER_MINUTE`` (20) events per actor (account or API token,
else IP address) per clock minute, counted in Django's cache; the last one that is
written says ``"limit_reached": true``, so a scan shows in the log without flooding it.
With the default in-process cache the count is per server process.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from protocolwijzer.accounts.ratelimit import Limit, count_request
from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.audit.models import Action
from protocolwijzer.schools.policy import Membership, membership_for

REFUSALS_PER_MINUTE = 20
_LIMIT = Limit("access-refused", REFUSALS_PER_MINUTE, timedelta(minutes=1))


def _object_of(request: HttpRequest) -> tuple[str, str]:
    """The kind and id of the object the address names, such as ("group", "12")."""
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match is not None else {}
    for name, value in kwargs.items():
        if name.endswith("_id"):
            return name.removesuffix("_id"), str(value)[:64]
    return "", ""


def _route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name or match.route) if match is not None else ""


def _allowed(key: str) -> tuple[bool, bool]:
    """Whether one more event may be written for ``key`` this minute, and whether it is
    the last one allowed."""
    count, _seconds_left = count_request(_LIMIT, key)
    return count <= REFUSALS_PER_MINUTE, count == REFUSALS_PER_MINUTE


def record_refusal(request: HttpRequest, outcome: int, *, api_token: Any = None) -> bool:
    """Writes one ``access_refused`` event for this request unless the actor's limit is
    reached or there is nothing to record; True when an event was written."""
    kind, object_id = _object_of(request)
    if outcome == 404 and not object_id:
        return False
    if api_token is not None:
        user = api_token.user
        membership: Membership | None = api_token.membership()
        key = f"token:{api_token.pk}"
    else:
        user = request.user if request.user.is_authenticated else None
        membership = membership_for(user) if user is not None else None
        key = f"user:{user.pk}" if user is not None else ""
    ip = ip_of(request)
    allowed, last = _allowed(key or f"ip:{ip}")
    if not allowed:
        return False
    detail: dict[str, Any] = {"outcome": outcome, "kind": kind, "id": object_id,
                              "route": _route_of(request), "method": request.method}
    if api_token is not None:
        detail["api_token"] = api_token.pk
    if last:
        detail["limit_reached"] = True
    school = (next(iter(membership.school_ids))
              if membership is not None and len(membership.school_ids) == 1 else None)
    do_record(Action.ACCESS_REFUSED, actor=user, school=school, detail=detail, ip=ip)
    return True


class AccessRefusedMiddleware:
    """Records the 403 and 404 that a page's access function raises (the API records its
    own refusals in its exception handlers). Django still renders the error page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            record_refusal(request, 403)
        elif isinstance(exception, Http404):
            record_refusal(request, 404)
        return None
