"""The abuse lexicon looked up: how a written word is found among the insulting words
(``_lookup``), as written, in the plural, stretched ("loooser"), in a curse compound
("kankerleraar", "kutmarokanen"), and the table of words misspelt on purpose
(``_typo_index``) that ``normalise`` repairs with. The words themselves are in ``data/``
(``_lexicon``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes
from . import startcache
from .names import name_list_files, name_lists

# Every word for a group of people. Longest first, so that the patterns built from them
# (``groups``) prefer the longer word; then alphabetical, so that the patterns are the
# same text in every process (regexcache.py keeps them by text).
_GROUP_WORDS: Final = tuple(sorted(
    set(lex.GROUPS_PLURAL) | set(lex.GROUPS_SINGULAR) | set(lex.GROUPS_PEJORATIVE)
    | lex.GROUPS_EXTRA, key=lambda word: (-len(word), word)))
_GROUP_SET: Final = frozenset(_GROUP_WORDS)


_DOUBLE_LETTER: Final = re.compile(r"([a-z])\1")


def _squeeze(word: str) -> str:
    return _DOUBLE_LETTER.sub(r"\1", word)


_SQUEEZED: Final = {
    _squeeze(word): (word, entry) for word, entry in lex.TERMS.items() if len(_squeeze(word)) >= 4
}


def _term(word: str, stretched: bool) -> tuple[str, str] | None:
    entry = lex.TERMS.get(word)
    if entry is not None or not stretched:
        return entry
    # Only a word the writer really stretched ("loooser", "idiooooot") may ignore doubled
    # letters; otherwise "negeer" (ignore) would read as a slur and "stoom" as "stom".
    # Shortened spellings never match, so "eter" (eater) does not become "etter".
    squeezed = _SQUEEZED.get(_squeeze(word))
    if squeezed is not None and len(word) >= len(squeezed[0]):
        return squeezed[1]
    return None


def _plural_bases(word: str) -> list[str]:
    bases: list[str] = []
    if word.endswith("'s"):
        bases.append(word[:-2])
    if word.endswith("s") and len(word) > 4:
        bases.append(word[:-1])
    if word.endswith("en") and len(word) > 4:
        stem = word[:-2]
        bases.append(stem)
        if len(stem) > 2 and stem[-1] == stem[-2]:
            bases.append(stem[:-1])                         # sletten -> slet
        elif len(stem) > 2 and stem[-2] in "aeou" and stem[-3] not in "aeiou":
            bases.append(stem[:-1] + stem[-2] + stem[-1])   # idioten -> idioot, apen -> aap
    return bases


class _Term(NamedTuple):
    category: str
    strength: str
    plural: bool


@lru_cache(maxsize=8192)
def _lookup(word: str, stretched: bool = False) -> _Term | None:
    entry = _term(word, stretched)
    if entry is not None:
        return _Term(entry[0], entry[1], False)
    for base in _plural_bases(word):
        entry = _term(base, stretched)
        if entry is not None:
            return _Term(entry[0], entry[1], True)
    if word.endswith(("lijer", "lijers")) and len(word) > len("lijer") + 2:   # kankerlijer
        return _Term(lex.INSULT, lex.STRONG, False)
    for prefix in lex.CURSE_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            rest = word[len(prefix):]
            if (rest in lex.GROUPS_SINGULAR or rest in lex.GROUPS_PLURAL
                    or _typo_index().get(rest) in _GROUP_WORDS):   # "kutmarokanen"
                return _Term(lex.DISCRIMINATION, lex.STRONG, False)
            entry = _term(rest, stretched)
            if entry is not None:
                return _Term(entry[0], lex.STRONG, False)
            if rest in lex.COMPOUND_HEADS and not (prefix == "pest" and rest == "kop"):
                return _Term(lex.INSULT, lex.STRONG, False)
    return None


@lru_cache(maxsize=8192)
def _noun_class(word: str) -> str | None:
    """Abuse kind of a person word after an insulting adjective, or None."""
    if word in lex.GROUPS_SINGULAR or word in lex.GROUPS_PLURAL:
        return lex.DISCRIMINATION
    term = _lookup(word)
    if term is not None:
        return term.category
    if word in lex.PERSON_NOUNS:
        return lex.INSULT
    return None


# -- misspelt on purpose -------------------------------------------------------------------
# Hurtful words are misspelt on purpose to get past filters: a letter left out
# ("mosims"), two letters swapped ("mosilms"), spaces left out ("ikhaatmoslims"). A word
# we do not know is repaired to a hurtful or group word only by one such change and only
# when its first letter stays; a glued run of letters is cut into known words only when
# every piece is known and one of them matters. A changed letter or an added one is never
# repaired: "laser" must not become "loser".


@lru_cache(maxsize=1)
def _salient() -> frozenset[str]:
    words = (set(lex.TERMS) | set(lex.GROUPS_PLURAL) | set(lex.GROUPS_SINGULAR)
             | set(lex.GROUPS_PEJORATIVE) | lex.DEHUMANISING | lex.NEGATIVE_ATTRIBUTES
             | lex.GROUP_THREATS | lex.HATE_EMOTIONS | lex.PROFANITY
             | lex.GROUPS_EXTRA | {"elkaar", "kapot"})
    return frozenset(w for w in words if len(w) >= 5)


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(_salient() | lex.FUNCTION_WORDS | lex.PERSON_NOUNS | lex.NOT_NAMES
                     | lex.PEJORATIVE_ADJ
                     | lex.HATE_EMOTIONS | lex.DEHUMANISING | lex.NEGATIVE_ATTRIBUTES
                     | lex.GROUP_THREATS
                     | lex.FIRST_PERSON | lex.SECOND_PERSON | lex.THIRD_PERSON
                     | set(lex.TERMS) | lex.NEGATIONS | lex.COPULAS | lex.FILLERS)


@lru_cache(maxsize=1)
def _typo_index() -> dict[str, str]:
    """Every salient word with one letter left out, or two neighbours swapped -> the word;
    a long group word also with one letter replaced ("mozlims"). A variant two words share
    is dropped; a left-out or swapped letter wins over a replaced one. A command that
    starts anew each time keeps the index in its cache directory (``startcache.py``)."""
    return startcache.table("typo-index", _typo_index_version, _build_typo_index,
                            _dump_typo_index, _load_typo_index)


def _typo_index_version() -> str:
    # This package's code and word lists, and deduce's lists (their common words count).
    return startcache.files_version([Path(__file__).resolve().parent, *name_list_files()])


def _dump_typo_index(index: dict[str, str]) -> dict[str, str]:
    # Per word its variants, one a line: far quicker to read back than 30,000 pairs.
    variants: dict[str, list[str]] = {}
    for variant, word in index.items():
        variants.setdefault(word, []).append(variant)
    return {word: "\n".join(sorted(found)) for word, found in variants.items()}


def _load_typo_index(data: Any) -> dict[str, str]:
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise TypeError("not a typo index")
    return {variant: word for word, variants in data.items() for variant in variants.split("\n")}


def _build_typo_index() -> dict[str, str]:
    def tier(variants_of: Callable[[str], set[str]]) -> dict[str, str]:
        index: dict[str, str] = {}
        clash: set[str] = set()
        for word in _salient():
            for variant in variants_of(word) - {word}:
                if index.setdefault(variant, word) != word:
                    clash.add(variant)
        for variant in clash:
            del index[variant]
        return index

    def swapped(word: str) -> set[str]:
        return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)}

    def dropped_or_swapped(word: str) -> set[str]:
        return {word[:i] + word[i + 1:] for i in range(1, len(word))} | swapped(word)

    def replaced(word: str) -> set[str]:
        if word not in _GROUP_SET or len(word) < 7:   # not "negen" (nine) for a slur
            return set()
        return {word[:i] + letter + word[i + 1:] for i in range(1, len(word))
                for letter in "abcdefghijklmnopqrstuvwxyz"}

    index = tier(replaced) | tier(dropped_or_swapped)
    for word in lex.SHORT_CUES:   # four letters: a swap only ("hata"), never a left-out one
        for variant in swapped(word) - {word}:
            index.setdefault(variant, word)
    # a real word is no typo: "besten" is not "beesten", "bedreigen" not "bedriegen"
    for word in name_lists().common | lex.REAL_WORDS:
        index.pop(word, None)
    return index
