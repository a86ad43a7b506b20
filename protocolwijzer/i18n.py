"""Translations for the parts of Protocolwijzer that run without Django.

The pure engine and the command line use the same catalogues as the Django apps
(``locale/<lang>/LC_MESSAGES/django.mo``), read with the standard library's gettext, so
a sentence is translated once for every front. Dutch is the default language; the
source strings (msgids) are English.

``python -m protocolwijzer.i18n`` compiles the ``.po`` files into ``.mo`` files (Babel,
pure Python, so no GNU gettext is needed on the machine).
"""

from __future__ import annotations

import gettext as _gettext
import os
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_language: ContextVar[str | None] = ContextVar("protocolwijzer_language", default=None)


def get_language() -> str:
    return _language.get() or os.environ.get("PW_LANGUAGE", DEFAULT_LANGUAGE)


def activate(language: str) -> None:
    """Sets the language for the current context (thread or task)."""
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


@cache
def _catalogue(language: str) -> _gettext.NullTranslations:
    return _gettext.translation("django", LOCALE_DIR, languages=[language], fallback=True)


def gettext(message: str) -> str:
    return _catalogue(get_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue(get_language()).ngettext(singular, plural, n)


_ = gettext


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compiles every ``django.po`` under ``locale_dir``; returns the written ``.mo`` files."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue)
        written.append(mo_path)
    _catalogue.cache_clear()
    return written


if __name__ == "__main__":
    for path in compile_catalogues():
        print(path)
