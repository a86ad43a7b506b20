"""The normalised text read as a document: its words (``_Tok``), clauses, sentences and
quoted passages (``_Doc``), which every detector of language reads."""

from __future__ import annotations

import bisect
from typing import Final, NamedTuple

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes
from .normalise import _Norm


class _Tok(NamedTuple):
    start: int
    end: int
    word: str
    clause: int
    sentence: int
    cap: bool
    sentence_initial: bool
    stretched: bool


_TOKEN_OR_BREAK: Final = re.compile(r"([a-z]+(?:'[a-z]{1,2})?)|([.!?\n]+)|([,;:()\u2013\u2014])")
_SENTENCE: Final = re.compile(r"[^.!?\n]+")


class _Doc(NamedTuple):
    norm: _Norm
    toks: list[_Tok]
    sent_bounds: list[tuple[int, int]]
    sent_starts: list[int]
    quotes: list[tuple[int, int]]
    tok_starts: list[int]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def toks_between(self, start: int, end: int) -> list[_Tok]:
        """The tokens that start in text[start:end]."""
        return self.toks[bisect.bisect_left(self.tok_starts, start):
                         bisect.bisect_left(self.tok_starts, end)]

    def sentence_text(self, number: int) -> str:
        if 0 <= number < len(self.sent_bounds):
            start, end = self.sent_bounds[number]
            return self.norm.text[start:end]
        return ""

    def quoted(self, start: int, end: int) -> bool:
        return any(q_start <= start and end <= q_end for q_start, q_end in self.quotes)


# An opening quote mark at the start or after a space, "(" or ":", said after the mark
# (the look back covers it) so that the search skips to the quote marks.
_QUOTE: Final = re.compile(
    r"[\"“”„«‘'’`](?:(?<=^.)|(?<=[\s(:].))([^\"“”„«»‘’'`\n]{1,120}?)[\"“”»‘’'`](?![a-z])"
)


def _has_between(sorted_values: tuple[int, ...], low: int, high: int) -> bool:
    i = bisect.bisect_left(sorted_values, low)
    return i < len(sorted_values) and sorted_values[i] <= high


def _document(norm: _Norm) -> _Doc:
    toks: list[_Tok] = []
    clause = sentence = 0
    initial = True
    original, idx, stretched = norm.original, norm.idx, norm.stretched
    add = toks.append
    new = tuple.__new__   # a _Tok without the Python call of its __new__ (a post has hundreds)
    for match in _TOKEN_OR_BREAK.finditer(norm.text):
        group = match.lastindex
        if group == 1:
            start, end = match.span()
            long_run = bool(stretched) and _has_between(stretched, idx[start], idx[end - 1])
            add(new(_Tok, (start, end, match.group(1), clause, sentence,
                           original[idx[start]].isupper(), initial, long_run)))
            initial = False
        elif group == 2:
            sentence += 1
            clause += 1
            initial = True
        else:
            clause += 1
    bounds = [(m.start(), m.end()) for m in _SENTENCE.finditer(norm.text)]
    quotes = [(m.start(1), m.end(1)) for m in _QUOTE.finditer(norm.text)]
    return _Doc(norm, toks, bounds, [b[0] for b in bounds], quotes, [t.start for t in toks])


def _name_ok(doc: _Doc, start: int, end: int) -> bool:
    """A capitalised word that is not a common word; only used where a verb like
    "heeft" or "woont" already says the word stands for a person."""
    return doc.norm.text[start:end] not in lex.NOT_NAMES and doc.norm.capitalised(start)

