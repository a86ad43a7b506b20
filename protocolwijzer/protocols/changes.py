"""What changes in practice between two texts of a protocol, in plain words, cached; and
what changed in their wording, article by article, word by word.

The behavioural diff decides some 24,000 situations under both texts (a few seconds), so
its sentences are kept by the pair of texts' SHA-256 and the language: a second look at
the same pair, by the schoolleider or the MR, is instant.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from protocolwijzer.engine.diff import diff_protocols
from protocolwijzer.engine.diff_words import describe_diff
from protocolwijzer.engine.protocol import Protocol, localize

CACHE_SECONDS = 7 * 24 * 3600


def changes_in_practice(before: Protocol, after: Protocol) -> list[str]:
    """One plain sentence per group of situations ``after`` decides otherwise."""
    key = f"pw:changes:{before.sha256}:{after.sha256}:{get_language()}"
    sentences: list[str] | None = cache.get(key)
    if sentences is None:
        sentences = describe_diff(diff_protocols(before, after))
        cache.set(key, sentences, CACHE_SECONDS)
    return sentences


# --- what changed in the wording -------------------------------------------------------------

# Words, punctuation and white space apart: "medewerkers," against "medewerkers" is a
# comma added, not the word replaced.
_WORDS = re.compile(r"\s+|\w+|[^\w\s]+")


@dataclass(frozen=True)
class Piece:
    """A run of words of a changed text: ``same``, ``removed`` or ``added``."""

    kind: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str  # "tekst", "titel", "samenvatting"
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class ArticleChange:
    """An article whose wording differs between two texts: new, removed, or changed."""

    id: str
    kind: str  # added | removed | changed
    fields: tuple[FieldChange, ...]


def word_diff(before: str, after: str) -> tuple[Piece, ...]:
    """The words of ``after`` against ``before``: unchanged runs, and removed and added
    runs where they differ (punctuation and white space are pieces of their own)."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(new[j1:j2])))
    return tuple(pieces)


def wording_changes(before: Protocol, after: Protocol) -> list[ArticleChange]:
    """The articles whose title, text or summary (in Dutch, the binding language) differ,
    in the order of ``after``, then those ``after`` no longer has."""
    old = {a.id: a for a in before.iter_articles()}
    new = {a.id: a for a in after.iter_articles()}
    changes: list[ArticleChange] = []
    for article_id, article in new.items():
        previous = old.get(article_id)
        if previous is None:
            changes.append(ArticleChange(article_id, "added", (
                FieldChange(_("text"), (Piece("added", article.text),)),)))
            continue
        fields = tuple(
            FieldChange(label, word_diff(was, now))
            for label, was, now in (
                (_("title"), localize(previous.title, "nl"), localize(article.title, "nl")),
                (_("text"), previous.text, article.text),
                (_("summary"), localize(previous.summary, "nl"),
                 localize(article.summary, "nl")))
            if was != now)
        if fields:
            changes.append(ArticleChange(article_id, "changed", fields))
    changes += [ArticleChange(article_id, "removed", (
        FieldChange(_("text"), (Piece("removed", article.text),)),))
        for article_id, article in old.items() if article_id not in new]
    return changes
