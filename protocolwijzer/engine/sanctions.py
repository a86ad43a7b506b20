"""Sanctions in proportion (issue 11, point 9): what a verdict says may follow, told so that
a student on TikTok in a lesson does not read "verwijdering van school" as the outcome.

Both seeds make every measure depend on "de ernst van de uitlatingen, gedragingen en
gevolgen". So a ladder of measures is shown as *possible* measures, mildest first, after
that sentence, quoted from the article (never written here: it comes from the protocol
file). The hard words of the sanctions articles ("verwijtbaar gedrag", "plichtsverzuim",
"aangifte" ...) have a B1 explanation in ``glossary.json``, which also ranks the measures
from mild to heavy (docs/interpretations.md says why a berisping comes before a schorsing).

Pure: reads only the glossary file that ships beside this module, once, on first use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from protocolwijzer.engine.protocol import localize

GLOSSARY = Path(__file__).resolve().with_name("glossary.json")
# A sentence ends at a full stop, question or exclamation mark before the next capital.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Þ‘“\"'])")


@dataclass(frozen=True)
class Term:
    id: str
    words: dict[str, tuple[str, ...]]  # per language: the forms a text may use
    explanation: dict[str, str]        # per language
    rank: int | None = None            # a measure's weight, 1 = mildest

    def explain(self, language: str | None = None) -> str:
        return localize({"nl": self.explanation["nl"], "en": self.explanation.get("en", "")},
                        language)


@dataclass(frozen=True)
class Explained:
    """A hard word as it stands in a text, with its explanation."""

    word: str
    explanation: str
    term: str  # the glossary id


@cache
def glossary() -> tuple[Term, ...]:
    data = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    return tuple(Term(item["id"],
                      {lang: tuple(forms) for lang, forms in item["words"].items()},
                      item["explanation"], item.get("rank"))
                 for item in data["terms"])


def _pattern(forms: Iterable[str]) -> re.Pattern[str]:
    # Longest first, so that "ontslag op staande voet" wins over "ontslag"; whole words
    # only, so that "dossier" is not found inside "leerlingendossier".
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@cache
def _words_pattern(language: str) -> tuple[re.Pattern[str], dict[str, Term]]:
    by_form = {form.lower(): term for term in glossary()
               for form in term.words.get(language) or term.words.get("nl", ())}
    return _pattern(by_form), by_form


def explain_words(text: str, language: str | None = None,
                  seen: set[str] | None = None) -> list[Explained]:
    """The glossary's words in ``text``, in the order they stand there, each once; a term
    already in ``seen`` (explained earlier on the same page) is left out, and ``seen``
    gets the ones returned."""
    from protocolwijzer.i18n import get_language

    language = language or get_language()
    pattern, by_form = _words_pattern(language)
    seen = set() if seen is None else seen
    found = []
    for match in pattern.finditer(text):
        term = by_form[match.group(0).lower()]
        if term.id not in seen:
            seen.add(term.id)
            found.append(Explained(match.group(0), term.explain(language), term.id))
    return found


def measure_term(measure: str) -> Term | None:
    """The glossary's entry for a measure as a protocol file names it."""
    wanted = measure.strip().lower()
    for term in glossary():
        if term.rank is not None and wanted in (form.lower() for form in term.words["nl"]):
            return term
    return None


def mildest_first(measures: Iterable[str]) -> tuple[str, ...]:
    """``measures`` from the mildest to the heaviest, by the glossary's ranks. When the
    glossary does not know one of them (a school's own file), the file's order stands:
    the protocol format asks for the ladder mildest first."""
    measures = tuple(measures)
    ranks = [getattr(measure_term(m), "rank", None) for m in measures]
    if any(rank is None for rank in ranks):
        return measures
    order = sorted(range(len(measures)), key=lambda index: (ranks[index], index))
    return tuple(measures[index] for index in order)


def measures_sentence(article_text: str, measures: Iterable[str]) -> str | None:
    """The sentence of an article that names the measures (the one that makes them depend
    on how serious it was), verbatim; None when no sentence names any of them."""
    forms: list[str] = []
    for measure in measures:
        term = measure_term(measure)
        forms += [measure, *(term.words["nl"] if term else ())]
    if not forms:
        return None
    pattern = _pattern(dict.fromkeys(forms))
    best, most = None, 0
    for sentence in _SENTENCE_END.split(article_text.strip()):
        named = len({m.group(0).lower() for m in pattern.finditer(sentence)})
        if named > most:
            best, most = sentence, named
    # A list item in the seed may end in ";" (Willibrord sancties.3): a quote stops short.
    return best.strip().rstrip(";,").rstrip() if best else None
