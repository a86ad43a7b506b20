"""Two-factor sign-in, enforced for every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.i18n import set_language

from protocolwijzer.accounts.two_factor import is_verified, needs_two_factor, next_step_url

ViewFunc = Callable[..., HttpResponse]


def allow_unverified(view: ViewFunc) -> ViewFunc:
    """Marks a view that a signed-in user may reach before entering their code: sign-in,
    the two-factor pages, sign-out and accepting an invitation."""
    view.allows_unverified = True  # type: ignore[attr-defined]
    return view


class TwoFactorMiddleware:
    """Keeps a user who must use two-factor sign-in but has not entered a code in this
    session out of every view not marked with ``allow_unverified``.

    It works per view, not per URL prefix, so a new page is protected without anyone
    remembering to add it to a list. Static files never reach Django's views.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: ViewFunc, view_args: Any,
                     view_kwargs: Any) -> HttpResponse | None:
        if getattr(view_func, "allows_unverified", False) or view_func is set_language:
            return None
        user = request.user
        if not user.is_authenticated or is_verified(user) or not needs_two_factor(user):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Enter the code of your two-factor sign-in "
                                             "first.")}, status=403)
        return redirect(next_step_url(user, request.get_full_path()))
