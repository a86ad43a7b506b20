"""``GET /health/`` for a load balancer or a monitoring probe.

It answers 200 ``{"status": "ok"}`` when the database answers a trivial query and 503
``{"status": "unavailable"}`` when it does not. It reads no session, sets no cookie, needs
no sign-in (not even a second factor) and says nothing about the data.

``HealthCheckMiddleware``, first in ``MIDDLEWARE``, answers it before Django checks the
Host header: a load balancer probes an instance by its own address, which is not one of
``PW_ALLOWED_HOSTS``, and over plain HTTP (no redirect to HTTPS). The answer holds no URL,
so the Host header cannot poison it. The route in ``urls.py`` names the same view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from protocolwijzer.accounts.middleware import allow_unverified

logger = logging.getLogger(__name__)


@allow_unverified
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        # The class only: a driver's message may name the host or the user.
        logger.error("Health check: the database does not answer (%s).",
                     type(exc).__name__)
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/health/":
            return health(request)
        return self.get_response(request)
