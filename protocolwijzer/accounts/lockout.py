"""Hooks for django-axes (see the AXES_* settings): how an attempt is counted and what a
locked-out person sees."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def username_of(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The e-mail address an attempt was for, as accounts store it (lower case), so that
    ``Jan@school.nl`` and ``jan@school.nl`` count towards the same lockout."""
    source = credentials if credentials else request.POST
    value = source.get(settings.AXES_USERNAME_FORM_FIELD)
    return str(value).strip().lower() if value else None


def locked_out_response(request: HttpRequest, original_response: HttpResponse | None = None,
                        credentials: dict[str, Any] | None = None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = TemplateResponse(request, "accounts/locked_out.html", {"minutes": minutes},
                                status=429)
    response["Retry-After"] = str(minutes * 60)
    return response.render()
