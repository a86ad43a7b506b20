"""How sure the analyser is that a text is abusive (``TextAnalysis.abuse_score``, 0..1):
above one half exactly when it found abuse, the hits taken as independent evidence each
as right as its family measured on the development set; below one half, what was seen but
taken out by context (a negation, a quote to condemn, a curse at no one) still shows as a
low score (``_traces``). Also whether the text curses at no one (``profanity``).
"""

from __future__ import annotations

import bisect
from typing import Final

from . import _lexicon as lex
from .abuse import _Hit
from .document import _Doc
from .terms import _lookup

# How much one piece of evidence says "abusive", by where it comes from. These are the
# precisions measured on the development set (``bench/text_quality.py`` prints them per
# family), rounded down; they are an honest "how often is this kind of hit right".
_CONFIDENCE: Final = {
    ("lexicon", lex.STRONG): 0.95, ("lexicon", lex.WEAK): 0.8,
    ("lexicon", lex.IDENTITY): 0.85, ("lexicon", "adjective"): 0.85,
    ("threat", ""): 0.9, ("exclusion", ""): 0.85, ("phrase", ""): 0.9, ("doxxing", ""): 0.9,
    ("group", ""): 0.85,
}
# A hit that context takes the sting out of (a quote to condemn it, a report to the
# mentor, sports talk) keeps this share of its confidence: seen, but not abuse.
_NEUTRALISED_SHARE: Final = 0.3
_TRACE: Final = {lex.STRONG: 0.3, lex.IDENTITY: 0.15, lex.WEAK: 0.1, "profanity": 0.25}
_NOT_ABUSIVE_CAP: Final = 0.45


def _confidence(hit: _Hit) -> float:
    return _CONFIDENCE.get((hit.family, hit.strength if hit.family == "lexicon" else ""), 0.8)


_CURSE_START: Final = tuple(lex.CURSE_PREFIXES[:4])


def _traces(doc: _Doc, hits: list[_Hit]) -> tuple[float, bool]:
    """The strongest trace of a hurtful word that is no hit (negated, about oneself, not
    aimed at anyone), and whether the text curses at no one."""
    strongest = 0.0
    profanity = False
    covered = sorted((h.start, h.end) for h in hits)
    starts = [c[0] for c in covered]
    for tok in doc.toks:
        i = bisect.bisect_right(starts, tok.start) - 1
        if i >= 0 and any(c_start <= tok.start < c_end for c_start, c_end in covered[:i + 1]):
            continue
        if tok.word in lex.PROFANITY or (tok.word.startswith(_CURSE_START)
                                         and len(tok.word) > 5):
            profanity = True
            strongest = max(strongest, _TRACE["profanity"])
        term = _lookup(tok.word, tok.stretched)
        if term is not None:
            strongest = max(strongest, _TRACE.get(term.strength, 0.1))
    return strongest, profanity


def _score(hits: list[_Hit], neutralised: list[_Hit], trace: float) -> float:
    """1 - the chance that every hit is wrong, treating hits as independent; without a
    hit, the strongest discounted evidence, kept below one half."""
    if hits:
        miss = 1.0
        for hit in hits:
            miss *= 1.0 - _confidence(hit)
        return round(min(0.99, 1.0 - miss), 2)
    weak = [_confidence(h) * _NEUTRALISED_SHARE for h in neutralised]
    return round(min(_NOT_ABUSIVE_CAP, max([trace, *weak])), 2)
