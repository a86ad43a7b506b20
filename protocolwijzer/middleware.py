"""Language per request: Dutch first, English when the person chose it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from protocolwijzer import i18n


class LanguageMiddleware:
    """Activates the language chosen with the language switch (its cookie), else Dutch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a school's
    protocol is Dutch, and a teacher whose browser happens to be English should still see
    the school's own language unless they pick another. The pure engine's messages follow
    the same choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        i18n.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
