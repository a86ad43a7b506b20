"""How easy a Dutch text is to read: an estimate of its CEFR level (A2, B1, B2, C1).

Many students in praktijkonderwijs read at level B1 or below, so every text the product
shows them must be B1 at most. There is no official formula for a CEFR level; this
module uses the measures Dutch plain-language guides work with (sentence length, long
words, and for longer texts the Flesch-Douma reading ease) and maps them to a level with
thresholds chosen for this project, written down here so anyone can check them.

A *long word* has five syllables or more ("persoonsgegevens", "verantwoordelijkheid").
Flesch-Douma = 206.84 - 0.77 x (syllables per 100 words) - 0.93 x (words per sentence);
on a text of a few words it swings wildly (one "sociale media" makes a six-word sentence
"hard"), so it only counts from 25 words on, as readability tools advise.

Texts of fewer than 25 words:

=====  ==================================================================
level  when
=====  ==================================================================
A2     at most 10 words a sentence and no long word
B1     at most 15 words a sentence and at most one long word a sentence
B2     at most 20 words a sentence
C1     anything harder
=====  ==================================================================

Texts of 25 words or more: the hardest of three measures, each A2 / B1 / B2 / C1 at

* words a sentence: <= 10 / <= 15 / <= 20 / more;
* share of long words: <= 5 % / <= 10 % / <= 15 % / more;
* Flesch-Douma: >= 80 / >= 65 / >= 50 / less.

Syllables are counted by vowel groups, the way Dutch spelling writes them ("oe", "ij",
"aai" are one vowel; "ia" in "media" or "eo" in "video" are two), which is right for
nearly all Dutch words and close enough for a readability estimate.

A text of fewer than five words gets no level (``None``): a formula says nothing there.
This is an estimate for a writer, not a verdict on a reader: B1 texts also need common
words, active sentences and a clear order, which no formula measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from . import regexcache as re  # re, with compiled patterns kept between processes

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


def _grade(value: float, bounds: tuple[float, float, float], higher_is_easier: bool = False
           ) -> int:
    for index, bound in enumerate(bounds):
        if (value >= bound) if higher_is_easier else (value <= bound):
            return index
    return 3


def _level(words: int, sentences: int, long_count: int, douma: float) -> str:
    per_sentence = words / sentences
    if words < 25:
        if per_sentence <= 10 and long_count == 0:
            return "A2"
        if per_sentence <= 15 and long_count <= sentences:
            return "B1"
        return "B2" if per_sentence <= 20 else "C1"
    grade = max(_grade(per_sentence, (10, 15, 20)),
                _grade(long_count / words, (0.05, 0.10, 0.15)),
                _grade(douma, (80, 65, 50), higher_is_easier=True))
    return LEVELS[grade]


def readability(text: str) -> Readability:
    """The readability of ``text``; see the module docstring for the measures."""
    words = _WORD.findall(text)
    if not words:
        return Readability(None, 0.0, 0, 0, 0.0, 0.0, 0.0)
    pieces = [p for p in _SENTENCE_END.split(text) if _WORD.search(p)]
    sentences = max(1, len(pieces))
    counts = list(map(syllables, words))
    per_sentence = len(words) / sentences
    per_word = sum(counts) / len(words)
    long_count = sum(map((5).__le__, counts))   # words of five syllables or more
    douma = 206.84 - 0.77 * per_word * 100 - 0.93 * per_sentence
    level = _level(len(words), sentences, long_count, douma) if len(words) >= 5 else None
    return Readability(level, douma, len(words), sentences, per_sentence, per_word,
                       long_count / len(words))
