"""How easy a Dutch text is to read: an estimate of its CEFR level (A2, B1, B2, C1).

Many students in praktijkonderwijs read at level B1 or below, so every text the product
shows them must be B1 at most. There is no official formula for a CEFR level; this
module uses the measures Dutch plain-language guides work with (the Flesch-Douma
reading ease, sentence length, and the share of long words) and maps them to a level
with thresholds chosen for this project, written down here so anyone can check them:

=====  ====================================================================
level  when
=====  ====================================================================
A2     Flesch-Douma >= 80, at most 10 words a sentence, at most 5 % long words
B1     Flesch-Douma >= 65, at most 15 words a sentence, at most 10 % long words
B2     Flesch-Douma >= 50, at most 20 words a sentence
C1     anything harder
=====  ====================================================================

Flesch-Douma = 206.84 - 0.77 x (syllables per 100 words) - 0.93 x (words per sentence).
A *long word* has five syllables or more ("persoonsgegevens", "verantwoordelijkheid").
Syllables are counted by vowel groups, the way Dutch spelling writes them ("oe", "ij",
"aai" are one vowel; "ia" in "media" or "eo" in "video" are two), which is right for
nearly all Dutch words and close enough for a readability estimate.

A text of fewer than five words gets no level (``None``): a formula says nothing there.
This is an estimate for a writer, not a verdict on a reader: B1 texts also need common
words, active sentences and a clear order, which no formula measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

__all__ = ["LEVELS", "Readability", "readability", "syllables"]

LEVELS: Final = ("A2", "B1", "B2", "C1")

_WORD: Final = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END: Final = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n(?=\s*[-•*]\s)")
# One vowel sound each: longest first, so "aai" wins over "aa" and "ai".
_VOWEL_GROUP: Final = re.compile(
    r"aai|ooi|oei|eeuw|ieuw|eau|uw|ij|ei|ui|ou|au|oe|eu|ie|ee|aa|oo|uu|[aeiouyàáâäèéêëìíîïòóôöùúûü]"
)


@lru_cache(maxsize=16384)
def syllables(word: str) -> int:
    """The number of syllables of one Dutch word (at least one)."""
    low = word.lower().replace("’", "'")
    # Pairs that are no group of their own ("ia" in "media", "eo" in "video") count as
    # two vowels, as they are spoken. A word with no vowel ("pff") still counts as one.
    return max(1, len(_VOWEL_GROUP.findall(low)))


@dataclass(frozen=True)
class Readability:
    level: str | None
    flesch_douma: float
    words: int
    sentences: int
    words_per_sentence: float
    syllables_per_word: float
    long_words: float          # share of words with five syllables or more

    def to_dict(self) -> dict[str, object]:
        return {"level": self.level, "flesch_douma": round(self.flesch_douma, 1),
                "words": self.words, "sentences": self.sentences,
                "words_per_sentence": round(self.words_per_sentence, 1),
                "syllables_per_word": round(self.syllables_per_word, 2),
                "long_words": round(self.long_words, 3)}

    def at_most(self, level: str) -> bool:
        """Whether the text is no harder than ``level`` (texts too short to judge are)."""
        return self.level is None or LEVELS.index(self.level) <= LEVELS.index(level)


def _level(douma: float, per_sentence: float, long_share: float) -> str:
    if douma >= 80 and per_sentence <= 10 and long_share <= 0.05:
        return "A2"
    if douma >= 65 and per_sentence <= 15 and long_share <= 0.10:
        return "B1"
    if douma >= 50 and per_sentence <= 20:
        return "B2"
    return "C1"


def readability(text: str) -> Readability:
    """The readability of ``text``; see the module docstring for the measures."""
    words = _WORD.findall(text)
    if not words:
        return Readability(None, 0.0, 0, 0, 0.0, 0.0, 0.0)
    pieces = [p for p in _SENTENCE_END.split(text) if _WORD.search(p)]
    sentences = max(1, len(pieces))
    counts = [syllables(w) for w in words]
    per_sentence = len(words) / sentences
    per_word = sum(counts) / len(words)
    long_share = sum(c >= 5 for c in counts) / len(words)
    douma = 206.84 - 0.77 * per_word * 100 - 0.93 * per_sentence
    level = _level(douma, per_sentence, long_share) if len(words) >= 5 else None
    return Readability(level, douma, len(words), sentences, per_sentence, per_word,
                       long_share)
