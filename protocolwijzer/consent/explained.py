"""What the guardian's page explains (issue 14), in B1 Dutch and in English: each purpose
with an example, who decides from 16, and what a withdrawal does to what was published.

The default purposes' explanations ship in ``data/purposes.json``. A school's own wording
(a renamed purpose, its own description or consent text) is the school's data, in Dutch:
the page shows it as it is, marked as Dutch, and never guesses a translation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

from protocolwijzer.consent.actions import DEFAULT_TEXT
from protocolwijzer.consent.defaults import DEFAULT_PURPOSES
from protocolwijzer.consent.models import ConsentText, Purpose

PURPOSES_FILE = Path(__file__).resolve().parent / "data" / "purposes.json"


@cache
def shipped_explanations() -> dict[str, dict[str, dict[str, str]]]:
    """Per purpose code: ``meaning`` and ``example``, each per language."""
    data = json.loads(PURPOSES_FILE.read_text(encoding="utf-8"))
    purposes: dict[str, dict[str, dict[str, str]]] = data["purposes"]
    return purposes


def _language() -> str:
    return "en" if (translation.get_language() or "").startswith("en") else "nl"


def _in_dutch(text: object) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


@dataclass(frozen=True)
class ExplainedPurpose:
    name: str
    meaning: str  # "" when the school's own purpose has no shipped explanation
    example: str
    description: str  # the school's own description, in Dutch ("" when none)
    name_is_dutch_only: bool  # the school's own name, shown on a page in another language

    @property
    def description_is_dutch_only(self) -> bool:
        return bool(self.description) and _language() != "nl"


def explain_purpose(purpose: Purpose) -> ExplainedPurpose:
    language = _language()
    default_names = {code: name for code, name, _silence in DEFAULT_PURPOSES}
    default = default_names.get(purpose.code)
    if default is not None and purpose.name == _in_dutch(default):
        name, dutch_only = str(default), False
    else:
        name, dutch_only = purpose.name, language != "nl"
    shipped = shipped_explanations().get(purpose.code, {})
    meaning = shipped.get("meaning", {}).get(language, "")
    example = shipped.get("example", {}).get(language, "")
    description = purpose.description.strip()
    if description and description == shipped.get("meaning", {}).get("nl"):
        description = ""  # the school copied the explanation: shown once
    return ExplainedPurpose(name, meaning, example, description, dutch_only)


@dataclass(frozen=True)
class ShownText:
    body: str
    is_dutch_only: bool


def consent_text_shown(text: ConsentText) -> ShownText:
    """The consent text as the guardian reads it: the shipped default text in the page's
    language; a school's own text as written (in Dutch)."""
    if text.body.strip() == _in_dutch(DEFAULT_TEXT).strip():
        return ShownText(str(DEFAULT_TEXT), False)
    return ShownText(text.body, _language() != "nl")
