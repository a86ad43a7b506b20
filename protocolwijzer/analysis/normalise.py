"""The normalised view of a text, in which the analyser reads language.

Lowercase, accents removed ("géén" -> "geen"), leetspeak undone inside words ("l0s3r" ->
"loser"; "@" and "$" too, but never at the start of a word, so "@sanne" stays a mention),
spaced-out letters joined ("l o s e r"), runs of three or more equal letters cut to two
("loooser" -> "looser"; only such a stretched word may then also ignore doubled letters in
the lexicon lookup, so "negeer" never reads as a slur), the common curse abbreviations
written out ("kk", "kkr" -> "kanker", "tyf" -> "tyfus"), censored curses restored ("k*t"),
words cut with a hyphen joined ("suk-kel"), one left-out or swapped letter repaired in
hurtful and group words ("mosims"; the table of such misspellings is ``terms``) and glued
words cut ("ikhaatmoslims"). Every character of the view keeps the offset of the original
character it came from, so all spans point into the original.

The abbreviations and the words that make a glued run worth cutting are in
``data/repair.txt``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Final, NamedTuple

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from .folding import Table, translate
from .terms import _GROUP_WORDS, _known, _lookup, _salient, _typo_index


class _Norm(NamedTuple):
    text: str          # normalised text
    idx: list[int]     # idx[i] = offset in the original of normalised character i
    original: str
    stretched: tuple[int, ...]   # original offsets where a run of 3+ letters was cut

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.idx[start], self.idx[end - 1] + 1

    def capitalised(self, pos: int) -> bool:
        return self.original[self.idx[pos]].isupper()


def _fold_char(ch: str) -> str:
    """What a character becomes: lowercase, without accents (a ligature may become two
    letters, a combining accent none)."""
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLDING: Final = Table(_fold_char)


_LEET_TABLE: Final = str.maketrans("013457@$", "oieastas")
# Only words that mix letters with digits, "@" or "$": a whole run of such characters
# that holds a letter beside one of the others. Tried only where a run starts (the look
# back): a match can begin nowhere else, as one that started inside a run would have
# started at its start; without it each place in a word read the rest of the word again.
_LEET_WORD: Final = re.compile(
    r"(?<![a-z0-9@$])[a-z0-9@$]*?(?:[a-z][0-9@$]|[0-9@$][a-z])[a-z0-9@$]*")
# What every leetspeak word holds (a letter beside a digit, "@" or "$"): a quick test that
# spares most texts the search above. Written to start with the digit, "@" or "$", so that
# the search skips to the few places that have one.
_LEET_PAIR: Final = re.compile(r"[0-9@$](?:(?<=[a-z][0-9@$])|[a-z])")
# Letters spaced out, words apart by two spaces: "l o s e r", "i k  m a a k  j e".
_SPACED_LETTERS: Final = re.compile(
    r"(?<![a-z0-9])[a-z0-9](?:(?:[ .\-_*]|  )[a-z0-9]){2,}(?![a-z0-9])")
_LONG_RUN: Final = re.compile(r"([a-z])\1\1+")   # ("\1{2,}" tries twice as long)
# Curse abbreviations written out ("kk" -> "kanker"), and spellings students use that the
# rules would otherwise miss ("mar" -> "maar").
_ABBREVIATIONS: Final = {word: full for word, full in wordlists.rows("repair", "abbreviations")}
# A censored curse: "k*t", "k*nker", "f*ck" (one star, one letter).
_CENSORED: Final = re.compile(r"\b[a-z]+\*[a-z]*")
# A word cut in two to hide it: "suk-kel", "lo-ser".
_HYPHENATED: Final = re.compile(r"\b([a-z]{2,})-([a-z]{2,})\b")
_ABBREVIATION_RE: Final = re.compile_words(r"\b(?:" + "|".join(_ABBREVIATIONS) + r")\b")


def _deleet(match: re.Match[str]) -> str:
    word = match.group()
    head = word[0] if word[0] in "@$" else ""   # a leading "@" is a mention, keep it
    return head + word[len(head):].translate(_LEET_TABLE)


def _rewrite(
    text: str, idx: list[int], pattern: re.Pattern[str] | list[re.Match[str]],
    replace: Callable[[re.Match[str], list[int]], tuple[str, list[int]] | None],
) -> tuple[str, list[int]]:
    """``text`` with each match of ``pattern`` (or each of the matches already found)
    replaced (``replace`` gives the new piece and the offsets of its characters, or None
    to keep the match as it is)."""
    parts: list[str] = []
    new_idx: list[int] = []
    pos = 0
    for match in pattern if isinstance(pattern, list) else pattern.finditer(text):
        replaced = replace(match, idx)
        if replaced is None:
            continue
        parts.append(text[pos:match.start()])
        new_idx.extend(idx[pos:match.start()])
        piece, piece_idx = replaced
        parts.append(piece)
        new_idx.extend(piece_idx)
        pos = match.end()
    if not parts:
        return text, idx
    parts.append(text[pos:])
    new_idx.extend(idx[pos:])
    return "".join(parts), new_idx


def _join_spaced(match: re.Match[str], idx: list[int]) -> tuple[str, list[int]] | None:
    piece = match.group()
    if not any(ch.isalpha() for ch in piece):
        return None   # "1 2 3" is no word
    out: list[str] = []
    out_idx: list[int] = []
    pos = 0
    while pos < len(piece):
        ch = piece[pos]
        if ch.isalnum():
            out.append(ch.translate(_LEET_TABLE))
            out_idx.append(idx[match.start() + pos])
            pos += 1
        elif piece.startswith("  ", pos):
            out.append(" ")
            out_idx.append(idx[match.start() + pos])
            pos += 2
        else:
            pos += 1
    return "".join(out), out_idx


def _uncensor(match: re.Match[str]) -> str:
    word = match.group()
    for vowel in "uaeoi":
        candidate = word.replace("*", vowel)
        if (candidate in lex.PROFANITY or _lookup(candidate) is not None
                or any(candidate.startswith(p) for p in lex.CURSE_PREFIXES[:4])):
            return candidate
    return word


def _join_hyphenated(match: re.Match[str], idx: list[int]) -> tuple[str, list[int]] | None:
    joined = match.group(1) + match.group(2)
    if _lookup(joined) is None:
        return None
    cut = match.start() + len(match.group(1))
    return joined, idx[match.start():cut] + idx[cut + 1:match.end()]


def _cut_run(match: re.Match[str], idx: list[int]) -> tuple[str, list[int]]:
    return match.group()[:2], idx[match.start():match.start() + 2]


def _expand(match: re.Match[str], idx: list[int]) -> tuple[str, list[int]]:
    word = match.group()
    full = _ABBREVIATIONS[word]
    last = len(word) - 1
    return full, [idx[match.start() + min(i, last)] for i in range(len(full))]


def _normalise(text: str) -> _Norm:
    if text.isascii():
        norm = text.lower()
        idx = list(range(len(text)))
    else:
        norm = translate(text, _FOLDING)
        if len(norm) == len(text):   # the common case: one character for one
            idx = list(range(len(text)))
        else:
            idx = [i for i, ch in enumerate(text) for _ in _FOLDING[ord(ch)]]
    if _LEET_PAIR.search(norm):
        norm = _LEET_WORD.sub(_deleet, norm)
    if "*" in norm:
        norm = _CENSORED.sub(_uncensor, norm)
    norm, idx = _rewrite(norm, idx, _SPACED_LETTERS, _join_spaced)
    if "-" in norm:
        norm, idx = _rewrite(norm, idx, _HYPHENATED, _join_hyphenated)
    runs = list(_LONG_RUN.finditer(norm))
    if runs:
        stretched = tuple(idx[m.start()] for m in runs)
        norm, idx = _rewrite(norm, idx, runs, _cut_run)
    else:
        stretched = ()
    norm, idx = _rewrite(norm, idx, _ABBREVIATION_RE, _expand)
    # a known word is never repaired: only the others are looked at (most texts have none)
    unknown = set(_LONG_WORD.findall(norm)).difference(_known())
    if any(_repaired(w) is not None for w in unknown):
        norm, idx = _rewrite(norm, idx, _LONG_WORD, _repair_word)
    return _Norm(norm, idx, text, stretched)


# -- typos and glued words -----------------------------------------------------------------
# Hurtful words are misspelt on purpose to get past filters: a letter left out
# ("mosims"), two letters swapped ("mosilms"), spaces left out ("ikhaatmoslims"). A word
# we do not know is repaired to a hurtful or group word only by one such change and only
# when its first letter stays; a glued run of letters is cut into known words only when
# every piece is known and one of them matters. A changed letter or an added one is never
# repaired: "laser" must not become "loser".

# "(?<!\w)": the word border before a letter, which the search finds sooner than "\b"
_LONG_WORD: Final = re.compile(r"(?<!\w)[a-z][a-z']{3,}\b")

# Short words that make a glued run worth cutting ("maakjeaf", "ikhaatmoslims").
_GLUE_CUES: Final = frozenset(wordlists.words("repair", "glue cues"))


def _segment(word: str) -> list[str] | None:
    """``word`` cut into known words (fewest pieces), or None."""
    known = _known()
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 16), end):
            prefix = best[start]
            piece = word[start:end]
            if prefix is not None and (len(piece) >= 2 or piece in ("u",)) and piece in known:
                candidate = [*prefix, piece]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(word)]


@lru_cache(maxsize=16384)
def _repaired(word: str) -> tuple[str, ...] | None:
    """The repaired word (one piece) or the pieces of a glued word; None to keep it."""
    if word in _known() or _lookup(word) is not None:
        return None
    if len(word) >= 4:
        repaired = _typo_index().get(word)
        # four letters only for a group word ("plen"): "eter" (eater) is no "etter"
        if (repaired is not None and repaired[0] == word[0]
                and (len(word) >= 5 or repaired in _GROUP_WORDS
                     or repaired in lex.SHORT_CUES)):
            return (repaired,)
    if len(word) >= 8:
        pieces = _segment(word)
        # "flikkerde" is a verb, not "flikker de": an ending is no word of its own
        endings = pieces is not None and len(pieces) == 2 and (
            len(pieces[1]) <= 3 or len(pieces[0]) <= 2)
        if pieces and len(pieces) >= 2 and not endings and any(
                p in _salient() or p in _GLUE_CUES for p in pieces):
            return tuple(pieces)
    return None


def _repair_word(match: re.Match[str], idx: list[int]) -> tuple[str, list[int]] | None:
    pieces = _repaired(match.group())
    if pieces is None:
        return None   # kept as it is
    span = idx[match.start():match.end()]
    if len(pieces) == 1:
        # map the repaired letters onto the word's own characters
        return pieces[0], [span[min(i, len(span) - 1)] for i in range(len(pieces[0]))]
    out: list[str] = []
    out_idx: list[int] = []
    pos = 0
    for number, piece in enumerate(pieces):
        if number:
            out.append(" ")
            out_idx.append(span[pos - 1])
        out.append(piece)
        out_idx.extend(span[pos:pos + len(piece)])
        pos += len(piece)
    return "".join(out), out_idx


def _plain(text: str) -> str:
    """Normalised text without offsets, for comparing names and contacts."""
    return _normalise(text).text

