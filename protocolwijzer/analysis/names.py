"""Names of people in Dutch text: deduce's name lists plus the school's own roster.

The word lists are those of `deduce <https://github.com/vmenger/deduce>`_, the Dutch
de-identification library (14,800 first names, 10,500 surnames, the surname particles),
read from the installed package's data folder. Deduce itself is not started: building
its lookup structures takes seconds (minutes on a first install), too slow for a check
that runs as someone types; its plain lists load in a few milliseconds. The benchmark
compares this module with deduce's own person detection (``bench/text_quality.py``).

A word is a name candidate when it is a capitalised first name from the lists, or a word
of the school's roster (any case: students write "daan" too). Around a candidate the span
grows over particles and a following surname ("Daan van der Berg"). Because Dutch does
not capitalise ordinary words, a capitalised first name inside a sentence is trusted; at
the start of a sentence, where every word is capitalised, it needs more: a surname after
it, a comma after it ("Sanne, kom je?"), a verb that takes a person ("Daan heeft ..."), or
the roster. The caller may give spans that are no names (the school's own names).

Our own lists (words that are never a name, the words around a name that show it is one,
the public figures a lesson may name) are in ``data/names.txt``.

Never identification: a name is a piece of text, not a person; nothing here looks a
name up anywhere but in the lists and in the roster the caller hands over.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Final, overload

from . import regexcache as re  # re, with compiled patterns kept between processes
from . import startcache, wordlists

__all__ = ["Roster", "find_names"]


@dataclass(frozen=True)
class NameLists:
    first: frozenset[str]      # capitalised, as written: "Daan", "Fatima"
    surname: frozenset[str]    # capitalised: "Jansen", "Yilmaz"
    particles: tuple[tuple[str, ...], ...]  # lowercase words, longest first: ("van", "der")
    common: frozenset[str]     # lowercase Dutch words that are never names on their own

    @cached_property
    def particle_words(self) -> frozenset[str]:
        """Every word of a surname particle: "van", "der", "de", "'t", ..."""
        return frozenset(w for particle in self.particles for w in particle)

    @cached_property
    def particles_by_first_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """``particles`` by their first word, each word's in the list's order (longest
        first): ``_particle_at`` then tries the two or three that can match instead of all
        of them."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for words in self.particles:
            index.setdefault(words[0], []).append(words)
        return {word: tuple(particles) for word, particles in index.items()}


# Capitalised words that are never a name where this module looks, on top of deduce's
# common words: function words, greetings, school words, months and days.
NEVER_NAMES: Final = frozenset(wordlists.words("names", "never names"))
# Words after a sentence-initial first name that show it stands for a person.
_PERSON_VERB: Final = frozenset(wordlists.words("names", "person verbs"))

_WORD: Final = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*")

# Lowercase first names that are also ordinary words: never a name in lowercase.
_WORD_NAMES: Final = frozenset(wordlists.words("names", "word names"))
_GREETING: Final = frozenset(wordlists.words("names", "greetings"))

# Before or after a lowercase first name, words that show it is a person's name:
# "kijk naar jayden", "gooi lisa uit de groep", "nummer van kevin", "xx sanne".
_NAME_BEFORE: Final = frozenset(wordlists.words("names", "name before"))
_NAME_AFTER: Final = _PERSON_VERB | frozenset(wordlists.words("names", "name after"))

# People every lesson may name: a public figure is no personal data.
_PUBLIC_FIGURES: Final = tuple(n.lower() for n in wordlists.lines("names", "public figures"))
_SENTENCE_MARKS: Final = frozenset('.!?\n:;…"“”(')
# "het Laurentius ziekenhuis", "de Willem de Zwijger school": a place, not a person.
_INSTITUTION: Final = re.compile(r"\s+(?:ziekenhuis|school|college|lyceum|kerk|huis|museum|"
                                 r"stichting|kliniek|centrum)\b", re.IGNORECASE)


def _deduce_lookup_dir() -> Path | None:
    # find_spec does not run the package: deduce's own start-up is not needed here.
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"
    return folder if folder.is_dir() else None


def _read(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _listed(folder: Path, name: str) -> set[str]:
    return set(_read(folder / name / "items.txt")) - set(_read(folder / name / "exceptions.txt"))


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """deduce's lists, read once (about 25,000 names: a few milliseconds). A command that
    starts anew each time keeps them in its cache directory (``startcache.py``), with the
    version of the files they are read from."""
    folder = _deduce_lookup_dir()
    return startcache.table(
        "name-lists", lambda: startcache.files_version([Path(__file__), wordlists.path("names"),
                                                       *name_list_files()]),
        lambda: _read_name_lists(folder), _dump_lists, _load_lists)


def name_list_files() -> list[Path]:
    """The folders of deduce's lists that ``name_lists`` reads (none without deduce)."""
    folder = _deduce_lookup_dir()
    return [folder / "names", folder / "whitelist"] if folder is not None else []


def _read_name_lists(folder: Path | None) -> NameLists:
    if folder is None:   # deduce missing: only the roster and the patterns find names
        fallback = ("van der", "van den", "van de", "van", "de", "den", "der", "ter", "ten",
                    "te")
        return NameLists(frozenset(), frozenset(), tuple(tuple(p.split()) for p in fallback),
                         NEVER_NAMES)
    common = {w.lower() for w in _read(folder / "whitelist" / "lst_common_word" / "items.txt")}
    common |= {w.lower() for w in _read(folder / "whitelist" / "lst_stop_word" / "items.txt")}
    common |= NEVER_NAMES
    first = {n for n in _listed(folder / "names", "lst_first_name")
             if len(n) > 1 and n.lower() not in common}
    surname = {n for n in _listed(folder / "names", "lst_surname")
               if len(n) > 1 and n.lower() not in common}
    particles = sorted({p.lower() for p in _read(folder / "names" / "lst_interfix" / "items.txt")
                        if p[:1].isalpha() and "." not in p and "/" not in p and len(p) > 1},
                       key=lambda p: (-len(p), p))
    return NameLists(frozenset(first), frozenset(surname),
                     tuple(tuple(p.split()) for p in particles), frozenset(common))


def _dump_lists(lists: NameLists) -> list[Any]:
    # One text per list, a word a line: far quicker to read back than a list of strings.
    return ["\n".join(sorted(lists.first)), "\n".join(sorted(lists.surname)),
            [list(particle) for particle in lists.particles], "\n".join(sorted(lists.common))]


def _load_lists(data: Any) -> NameLists:
    first, surname, particles, common = data
    if not all(isinstance(text, str) for text in (first, surname, common)) or not all(
            isinstance(particle, list) and all(isinstance(w, str) for w in particle)
            for particle in particles):
        raise TypeError("not the name lists")
    return NameLists(frozenset(_lines(first)), frozenset(_lines(surname)),
                     tuple(tuple(particle) for particle in particles),
                     frozenset(_lines(common)))


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


@dataclass(frozen=True)
class Roster:
    """The names of the people the writer's school knows (and the user may see).

    Built from full names ("Daan de Boer", "Fatima el Amrani"): their first names and
    surnames become name words: capitalised always, in lowercase unless the word is also
    an ordinary Dutch word ("roos", "visser").
    """

    words: frozenset[str] = frozenset()     # lowercase first names and surname words

    @classmethod
    def of(cls, full_names: Iterable[str]) -> Roster:
        particles = name_lists().particle_words
        words = set()
        for full in full_names:
            for word in _WORD.findall(full):
                low = word.lower()
                if len(low) > 1 and low not in particles and low not in NEVER_NAMES:
                    words.add(low)
        return cls(frozenset(words))

    def __bool__(self) -> bool:
        return bool(self.words)


class _Token:
    __slots__ = ("capitalised", "end", "initial", "low", "start", "text")

    def __init__(self, match: re.Match[str], initial: bool) -> None:
        self.start, self.end, self.text = match.start(), match.end(), match.group()
        self.initial = initial
        self.low = self.text.lower()
        self.capitalised = self.text[0].isupper() and not (
            len(self.text) > 1 and self.text.isupper())


class _Tokens(Sequence[_Token]):
    """The words of a text as tokens, each made when first looked at: most words of a
    post are ordinary lowercase words that ``find_names`` passes over by their text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = list(_WORD.finditer(text))
        self.words: list[str] = list(map(re.Match.group, self.matches))
        self.lows: list[str] = list(map(str.lower, self.words))
        self._made: dict[int, _Token] = {}

    def __len__(self) -> int:
        return len(self.matches)

    @overload
    def __getitem__(self, i: int) -> _Token: ...
    @overload
    def __getitem__(self, i: slice) -> list[_Token]: ...

    def __getitem__(self, i: int | slice) -> _Token | list[_Token]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self.matches)
        token = self._made.get(i)
        if token is None:
            match = self.matches[i]
            # sentence-initial: only spaces between the start (or a sentence end) and the
            # word
            before = self.text[max(0, match.start() - 3):match.start()].rstrip()
            token = self._made[i] = _Token(match, not before or before[-1] in _SENTENCE_MARKS)
        return token


def _tokens(text: str) -> _Tokens:
    return _Tokens(text)


def _particle_at(tokens: _Tokens, i: int, text: str, lists: NameLists) -> int:
    """How many tokens from ``i`` on form a surname particle ("van der": 2), or 0."""
    count, lows = len(tokens), tokens.lows
    if i >= count:
        return 0
    # only the particles that start with the word at hand, in the order of the list
    for words in lists.particles_by_first_word.get(lows[i], ()):
        if i + len(words) > count:
            continue
        if all(lows[i + k] == w for k, w in enumerate(words)):
            # a particle only joins words on one line with plain spaces between
            gap = text[tokens.matches[i - 1].end():tokens.matches[i + len(words) - 1].end()]
            if "\n" not in gap:
                return len(words)
    return 0


def _surname_after(tokens: _Tokens, i: int, text: str, lists: NameLists,
                   roster: Roster) -> int:
    """The index of the last token of a surname starting at ``i``, or -1."""
    # (the words' places are read from their matches: no token is made for them)
    matches = tokens.matches
    if i >= len(tokens) or text[matches[i - 1].end():matches[i].start()] not in (" ", "-"):
        return -1
    n = _particle_at(tokens, i, text, lists)
    j = i + n
    if j >= len(tokens) or text[matches[j - 1].end():matches[j].start()] != " ":
        return -1
    word = tokens[j]
    low = word.low
    if low in NEVER_NAMES:
        return -1
    if word.capitalised and (n or word.text in lists.surname or word.text in lists.first
                             or low in roster.words):
        return j
    # "Fatima Bouzid": after a first name, a capitalised word that is no Dutch word
    if (word.capitalised and not word.initial and low not in lists.common
            and not low.endswith(("straat", "weg", "laan", "plein", "school", "college"))
            and tokens[i - 1].text in lists.first):
        return j
    if n and low in roster.words:
        return j
    return -1


def is_public_figure(text: str, start: int, end: int) -> bool:
    low = text[start:end].lower()
    window = text[max(0, start - 25):end + 25].lower()
    return any(figure in window and (low in figure or figure in low)
               for figure in _PUBLIC_FIGURES)


def _lowercase_name_context(tokens: _Tokens, i: int, text: str) -> bool:
    prev = tokens.lows[i - 1] if i > 0 else ""
    nxt = tokens.lows[i + 1] if i + 1 < len(tokens) else ""
    after = text[tokens[i].end:tokens[i].end + 2]
    # A vocative at the end of a clause: "je bent een loser daan", "..., ook jij yusuf".
    at_end = i + 1 == len(tokens) or after[:1] in (",", ".", "!", "?", ")") or "\n" in after
    return prev in _NAME_BEFORE or nxt in _NAME_AFTER or (at_end and prev not in ("de", "het",
                                                                                 "een"))


def find_names(text: str, roster: Roster | None = None,
               not_names: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans (start, end) of people's names in ``text``."""
    lists = name_lists()
    roster = roster or Roster()
    tokens = _tokens(text)
    words, lows, count = tokens.words, tokens.lows, len(tokens)
    found: list[tuple[int, int]] = []
    first = lists.first
    i = 0
    while i < count:
        word = words[i]
        if not word[0].isupper():
            # the common case, told by the word alone (the test below, for a word that
            # is not capitalised)
            low = lows[i]
            if low not in roster.words and (len(low) < 3 or low.capitalize() not in first):
                i += 1
                continue
        elif (len(word) > 1 and word not in first and word.isascii()
              and lows[i] not in roster.words
              and (i + 1 < count or (lows[i - 1] if i else "") not in _GREETING)):
            # The next common case: a capitalised word that is no listed first name, such
            # as the first word of a sentence. Of the tests below only "listed", "known",
            # "foreign" (not ASCII), "signed" (the last word, after a greeting) and
            # "initial" (one letter) could take it, and none can: told without its token.
            i += 1
            continue
        tok = tokens[i]
        low = tok.low
        if not tok.capitalised and low not in roster.words and (
                len(low) < 3 or low.capitalize() not in first):
            i += 1   # the common case: an ordinary lowercase word
            continue
        listed = tok.capitalised and tok.text in first
        known = low in roster.words and (tok.capitalised or low not in lists.common)
        # Lowercase as students write: a listed first name in a place where a name goes.
        lowercase = (not tok.capitalised and tok.text.islower() and len(low) > 2
                     and low.capitalize() in first and low not in lists.common
                     and low not in _WORD_NAMES and _lowercase_name_context(tokens, i, text))
        # A capitalised word with letters no Dutch word has inside a sentence ("Öztürk",
        # "Büşra", "Çelik"): most likely a name that the lists do not have.
        prev = lows[i - 1] if i else ""   # (a word's own token is made only where needed)
        foreign = (tok.capitalised and not tok.initial and not tok.text.isascii()
                   and low not in lists.common and not low.endswith("ië")
                   and prev not in ("in", "naar", "uit", "door", "richting"))
        # "Gr, Kacper", "xx Sanne": a capitalised word after a greeting signs the message.
        signed = (tok.capitalised and prev in _GREETING and low not in lists.common
                  and i + 1 >= count)
        # "K. Vermeulen", "M. de Koster"
        initial = (len(tok.text) == 1 and tok.text.isupper() and i + 1 < count
                   and text[tok.end:tokens[i + 1].start] == ". "
                   and tokens[i + 1].capitalised
                   and lows[i + 1] not in lists.common)
        if (not (listed or known or lowercase or foreign or signed or initial)
                or low in NEVER_NAMES):
            i += 1
            continue
        last = i + 1 if initial else i
        while (j := _surname_after(tokens, last + 1, text, lists, roster)) >= 0:
            last = j
        if tok.initial and not known and last == i:
            after = text[tok.end:tok.end + 2]
            nxt = lows[i + 1] if i + 1 < count else ""
            if not (after.startswith(",") or nxt in _PERSON_VERB):
                i += 1
                continue
        start, end = tok.start, tokens[last].end
        institution = _INSTITUTION.match(text, end)
        if not (institution or is_public_figure(text, start, end)
                or any(start < o_end and o_start < end for o_start, o_end in not_names)):
            found.append((start, end))
        i = last + 1
    return found
