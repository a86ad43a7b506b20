"""``re`` with its compiled patterns kept between processes.

The text analysis compiles about 120 large patterns when it starts: about 50 ms of a
one-off ``protocolwijzer check``, more than the check itself. Compiling a
pattern is two steps in CPython: parsing the pattern and generating the matcher's code
(pure Python, the slow part), then building the pattern object from that code
(``_sre.compile``, in C, which validates the code). This module keeps the first step's
result in the user's cache directory (``startcache.py``), so that a later process only
does the second.

A pattern made here is the pattern ``re.compile`` makes: before an entry is kept, the
pattern built from it is compared with ``re.compile``'s (CPython compares flags, pattern
text and the code itself), and any entry that cannot be used is ignored. The entries are
named after the Python build, since the code format belongs to it. Nothing is kept
unless a command turned the cache on (``startcache.use_directory``), so the web server
and the tests compile as ``re`` does. A process that compiled a pattern anew writes the
patterns it used when it exits (only those: a pattern whose text changes from process to
process cannot pile up).

Use it as ``from . import regexcache as re``: the names of ``re`` a module uses are here
too. Build a pattern from a set in a fixed order (sorted), or it is a new pattern, and
compiled anew, in every process.
"""

from __future__ import annotations

import _thread
import atexit
import hashlib
import importlib
import json
import re
import sys
from functools import cache
from pathlib import Path
from re import (
    ASCII,
    DOTALL,
    IGNORECASE,
    MULTILINE,
    NOFLAG,
    UNICODE,
    VERBOSE,
    A,
    I,
    M,
    Match,
    Pattern,
    RegexFlag,
    S,
    U,
    X,
    error,
    escape,
)
from typing import Any, Final

from . import startcache

__all__ = ["ASCII", "DOTALL", "IGNORECASE", "MULTILINE", "NOFLAG", "UNICODE", "VERBOSE", "A",
           "I", "M", "Match", "Pattern", "RegexFlag", "S", "U", "X", "by_first_letter", "compile",
           "compile_by_letter", "compile_words", "could_match", "error", "escape", "findall",
           "finditer", "fullmatch", "match", "optional_start_spread", "required_strings",
           "search", "split", "sub", "subn", "used_enough", "word_start_first"]

MAX_ENTRIES = 4096
MAX_FILE_BYTES = 16 * 1024 * 1024
# base64, array and threading are imported where they are used: the package imports this
# module at start, also for a command that analyses no text.
_lock = _thread.allocate_lock()
_loaded_from: Path | None = None       # the directory _kept was read from
_kept: dict[str, list[Any]] = {}       # read from the directory
_used: dict[str, list[Any]] = {}       # of those, the ones this process used
_new: dict[str, list[Any]] = {}        # compiled in this process, to be written at exit
_made: dict[str, Pattern[str]] = {}    # made in this process
_saving = False


def compile(pattern: str | Pattern[str], flags: int = 0) -> Pattern[str]:
    directory = startcache.directory()
    if directory is None or not isinstance(pattern, str) or flags & (re.LOCALE | re.DEBUG):
        return re.compile(pattern, flags)
    key = f"{int(flags)}:{pattern}"
    made = _made.get(key)
    if made is not None:
        return made
    if directory != _loaded_from:
        _load(directory)
    kept = _kept.get(key)
    made = _from_entry(pattern, kept)
    if made is not None and kept is not None:
        _used[key] = kept
    else:
        made = re.compile(pattern, flags)
        entry = _entry_for(pattern, int(flags), made)
        if entry is not None and len(_used) + len(_new) < MAX_ENTRIES:
            with _lock:
                _new[key] = entry
    _made[key] = made
    return made


def search(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).search(string)


def match(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str | Pattern[str], string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def findall(pattern: str | Pattern[str], string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str | Pattern[str], string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).finditer(string)


def split(pattern: str | Pattern[str], string: str, maxsplit: int = 0,
          flags: int = 0) -> list[str | Any]:
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern: str | Pattern[str], repl: Any, string: str, count: int = 0,
        flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern: str | Pattern[str], repl: Any, string: str, count: int = 0,
         flags: int = 0) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)


# -- the entries ----------------------------------------------------------------------------

def _load(directory: Path) -> None:
    """Reads the patterns kept in ``directory``; what this process compiles anew is
    added when it exits."""
    global _loaded_from, _saving
    table = None
    if _internals_ok():
        raw = startcache.read_entry(directory, _file_name(), MAX_FILE_BYTES)
        try:
            table = json.loads(raw) if raw is not None else None
        except (ValueError, RecursionError):
            table = None
    with _lock:
        _loaded_from = directory
        _kept.clear()
        _used.clear()
        _new.clear()
        if isinstance(table, dict):
            _kept.update(table)
        if not _saving:
            _saving = True
            atexit.register(_save)


@cache
def _internals() -> tuple[Any, Any, Any] | None:
    """CPython's ``_sre``, ``re._parser`` and ``re._compiler``, when they are there and
    the code has 32-bit words."""
    try:
        sre, parser, compiler = (importlib.import_module(name)
                                 for name in ("_sre", "re._parser", "re._compiler"))
    except ImportError:
        return None
    from array import array

    if getattr(sre, "CODESIZE", None) != 4 or array("I").itemsize != 4:
        return None
    return sre, parser, compiler


def _internals_ok() -> bool:
    return _internals() is not None


def _file_name() -> str:
    internals = _internals()
    magic = internals[0].MAGIC if internals is not None else None
    build = f"{sys.version}|{sys.implementation.cache_tag}|{magic}|{sys.byteorder}"
    return f"regex-{hashlib.sha256(build.encode()).hexdigest()[:16]}.json"


def _entry_for(pattern: str, flags: int, made: Pattern[str]) -> list[Any] | None:
    """What ``_sre.compile`` needs to make ``made`` again, or None when the pattern it
    makes from that would not be the same."""
    import base64
    from array import array

    internals = _internals()
    if internals is None:
        return None
    _sre, _parser, _compiler = internals
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = [int(flags | parsed.state.flags), parsed.state.groups - 1, groupindex,
                 indexgroup, base64.b64encode(array("I", code).tobytes()).decode("ascii")]
        again = _sre.compile(pattern, entry[0], list(code), entry[1], groupindex,
                             tuple(indexgroup))
    except Exception:  # the internals changed: compile as re does
        return None
    same = (again == made and again.groups == made.groups
            and again.groupindex == made.groupindex)
    return entry if same else None


def _from_entry(pattern: str, entry: Any) -> Pattern[str] | None:
    import base64
    from array import array

    internals = _internals()
    if entry is None or internals is None:
        return None
    try:
        flags, groups, groupindex, indexgroup, code = entry
        words = array("I")
        words.frombytes(base64.b64decode(code, validate=True))
        made: Pattern[str] = internals[0].compile(pattern, flags, words.tolist(), groups,
                                                  groupindex, tuple(indexgroup))
    except Exception:  # a damaged entry (_sre validates the code): recompile
        return None
    return made


def _save() -> None:
    """Writes the patterns this process used, when it compiled any anew. Only those: a
    pattern whose text differs from run to run (built from a set) would otherwise pile
    up, one entry a run."""
    with _lock:
        if _loaded_from is None or not _new or not _internals_ok():
            return
        directory, table = _loaded_from, {**_used, **_new}
        _new.clear()
    startcache.write_entry(directory, _file_name(), json.dumps(table).encode("utf-8"))


# -- patterns that begin at a word ------------------------------------------------------

_QUANTIFIERS = "?*+{"


# What a pattern's structure is read from: an escape, a character class (whose "(", ")"
# and "|" are members), a parenthesis, a "|"; read by ``re`` itself, as start-up counts.
_STRUCTURE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]", re.DOTALL)


def _closing(source: str, opening: int) -> int:
    """The index of the parenthesis that closes the one at ``opening``, or -1."""
    depth = 0
    for m in _STRUCTURE.finditer(source, opening):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _alternatives(source: str) -> list[str]:
    """``source`` split at its top-level "|"."""
    parts: list[str] = []
    depth = last = 0
    for m in _STRUCTURE.finditer(source):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[last:m.start()])
            last = m.end()
    parts.append(source[last:])
    return parts


def _letter_first(alternative: str) -> str | None:
    """``alternative`` with the word boundary before its first letter said after it
    ("ik" -> "i(?<!\\wi)k"), or None when it does not begin with a plain letter."""
    if (not alternative or not "a" <= alternative[0] <= "z"
            or (alternative[1:2] and alternative[1] in _QUANTIFIERS)):
        return None
    letter = alternative[0]
    return rf"{letter}(?<!\w{letter}){alternative[1:]}"


def _letter_first_spread(alternative: str) -> list[str] | None:
    """``_letter_first``, and for an alternative that opens with a group of alternatives
    that each begin with a letter, that group spread over the rest ("(?:a|b)c" ->
    "a(?<!\\wa)c", "b(?<!\\wb)c", to stand among the alternatives of a group: the same
    matches in the same order). Not when the rest holds a capturing group (it would be
    there twice)."""
    simple = _letter_first(alternative)
    if simple is not None:
        return [simple]
    if not alternative.startswith("(?:"):
        return None
    close = _closing(alternative, 0)
    rest = alternative[close + 1:]
    if close < 0 or rest[:1] in tuple(_QUANTIFIERS) or _captures(rest):
        return None
    spread: list[str] = []
    for part in _alternatives(alternative[3:close]):
        some = _letter_first_spread(part)
        if some is None:
            return None
        spread += [first + rest for first in some]
    return spread


def _captures(source: str) -> bool:
    """Whether ``source`` holds a capturing group."""
    return any(m.group() == "(" and (source[m.end():m.end() + 1] != "?"
                                     or source.startswith("(?P<", m.start()))
               for m in _STRUCTURE.finditer(source))


def compile_words(pattern: str, flags: int = 0) -> Pattern[str]:
    """``compile`` of the pattern that ``word_start_first`` makes where that is faster
    (``worth_rewriting``): the same matches, found faster."""
    faster = word_start_first(pattern, flags)
    return compile(faster if worth_rewriting(pattern, faster, flags) else pattern, flags)


def compile_by_letter(pattern: str, flags: int = 0) -> Pattern[str]:
    """``compile`` of the pattern that ``by_first_letter`` makes (or of the pattern, when
    it has not that form): for a pattern of many words that begin with many letters. The
    rewritten pattern can be some times longer (a group is repeated for each letter its
    words begin with), so it is chosen pattern by pattern, where the search gains more
    than the compiling costs at start-up."""
    return compile(by_first_letter(pattern, flags) or pattern, flags)


def _letter_pairs(alternative: str) -> list[tuple[str, str]] | None:
    """The alternatives that ``alternative`` amounts to, in order, each as its first
    letter and the rest: groups that open it spread over what follows ("(?:ab|cd)e" ->
    ("a", "be"), ("c", "de")), a fixed look back before the first letter said after it
    ("(?<=een )ab" -> ("a", "(?<=een a)b"), "(?<!ik )ab" -> ("a", "(?<!ik a)b")); None
    when one does not begin with a plain letter, or a spread group is followed by a
    quantifier or a capturing group."""
    if alternative[:1].isascii() and alternative[:1].islower() and alternative[:1].isalpha():
        if alternative[1:2] and alternative[1] in _QUANTIFIERS:
            return None
        return [(alternative[0], alternative[1:])]
    for opening in ("(?:", "(?<=", "(?<!"):
        if not alternative.startswith(opening):
            continue
        close = _closing(alternative, 0)
        if close < 0:
            return None
        rest = alternative[close + 1:]
        if opening != "(?:":
            behind = alternative[4:close]
            pairs = _letter_pairs(rest)
            return None if pairs is None else [
                (letter, f"{opening}{behind}{letter}){tail}") for letter, tail in pairs]
        if rest[:1] in tuple(_QUANTIFIERS) or _captures(rest):
            return None
        by_letter: dict[str, list[str]] = {}
        for part in _alternatives(alternative[3:close]):
            some = _letter_pairs(part)
            if some is None:
                return None
            for letter, tail in some:
                by_letter.setdefault(letter, []).append(tail)
        return [(letter, _either(tails) + rest) for letter, tails in by_letter.items()]
    return None


def _either(tails: list[str]) -> str:
    """The tails as one alternative: the one, or a group of them."""
    return tails[0] if len(tails) == 1 else f"(?:{'|'.join(tails)})"


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def by_first_letter(source: str, flags: int = 0) -> str | None:
    r"""``\b(?:alle|ook|allemaal)x|\bjij`` as ``\b(?:a(?:lle|llemaal)x|ookx|jij)`` (the
    alternatives sorted by their first letter, in their order within a letter), or None
    when the pattern is not a choice of alternatives that each begin at a word with a
    letter (``_letter_pairs``). The matches are the same: at a place only the
    alternatives that begin with its letter can match, and those are tried in their
    order. The search tries one alternative for each first letter at a word, not every
    one (a group pattern of some 150 words costs half). Not for a pattern that ignores
    case (a letter's two cases would be tried apart) or holds a capturing group (its
    number would change) or a back reference."""
    if (flags & (re.IGNORECASE | re.VERBOSE) or r"\b" not in source or _captures(source)
            or _BACKREFERENCE.search(source)):
        return None
    by_letter: dict[str, list[str]] = {}
    for part in _alternatives(source):
        pairs = _letter_pairs(part[2:]) if part.startswith(r"\b") else None
        if pairs is None:
            return None
        for letter, tail in pairs:
            by_letter.setdefault(letter, []).append(tail)
    return r"\b(?:" + "|".join(
        letter + _either(tails) for letter, tails in by_letter.items()) + ")"


def optional_start_spread(source: str) -> str:
    r"""``\b(?:alle\s+|die\s+)?(?:x|y)z`` as ``\b(?:alle\s+|die\s+)(?:x|y)z|\b(?:x|y)z``: an
    alternative that opens with a word boundary and an optional group of alternatives is
    written as two, the one with the group and the one without. A greedy ``?`` tries
    the group first and then nothing, which is the order of the two alternatives: the same
    matches. Then each alternative begins with a letter, so that ``by_first_letter`` can
    sort it (an optional start leaves the search no letters to go by). Not when the group
    captures (it would not be there twice) or the rest does (it would)."""
    parts = _alternatives(source)
    out: list[str] = []
    for part in parts:
        close = _closing(part, 2) if part.startswith(r"\b(?:") else -1
        rest = part[close + 2:] if close > 0 else ""
        if (close > 0 and part[close + 1:close + 2] == "?" and rest[:1] not in ("?", "+")
                and not _captures(part)):
            out += [part[:close + 1] + rest, r"\b" + rest]
        else:
            out.append(part)
    return "|".join(out)


# Beyond this many first letters the search stops at most letters of a text anyway, and
# trying each alternative there costs more than the word boundary it saves (measured on
# the benchmark's posts: 8 letters and more were slower or even, 7 and fewer faster).
MAX_FIRST_LETTERS = 7
_FIRST_LETTER = re.compile(r"[a-z](?=\(\?<!\\w[a-z]\))")


def worth_rewriting(pattern: str, faster: str, flags: int = 0) -> bool:
    """Whether ``faster``, ``word_start_first``'s form of ``pattern``, is a faster search:
    not when the pattern has alternatives at the top of which one does not begin with a
    letter (a group or a word boundary: the search then gets no set of first letters to
    skip to) or ignores case throughout (letters of either case give it none either), nor
    when it begins with more than ``MAX_FIRST_LETTERS`` letters."""
    if faster == pattern or flags & re.IGNORECASE:
        return False
    parts = _alternatives(faster)
    if len(parts) > 1 and not all("a" <= part[:1] <= "z" for part in parts):
        return False
    return len(set(_FIRST_LETTER.findall(faster))) <= MAX_FIRST_LETTERS


def word_start_first(source: str, flags: int = 0) -> str:
    """The same pattern for a search that can skip ahead: a leading ``\\b`` before a
    letter, or before a group of alternatives that each begin with a letter, is said as
    a look back after that letter (``\\b(?:ik|we)`` -> ``(?:i(?<!\\wi)k|w(?<!\\ww)e)``).

    The matches are the same: before a letter, a word boundary is exactly "no word
    character just before", which the look back checks once the letter is read (both
    look before a search's start position, as ``\\b`` does). The search then knows the
    letters a match begins with and passes over every other place at once, instead of
    trying the pattern at each. A pattern in any other form is returned as it is.
    """
    if flags & re.VERBOSE or r"\b" not in source:
        return source   # white space and comments would need reading too; no word start
    parts = _alternatives(source)
    if len(parts) > 1:
        return "|".join(word_start_first(part) for part in parts)
    if not source.startswith(r"\b"):
        return source
    rest = source[2:]
    simple = _letter_first(rest)
    if simple is not None:
        return simple
    for opening in ("(?:", "(?P<"):
        if not rest.startswith(opening):
            continue
        close = _closing(rest, 0)
        head_end = rest.index(">") + 1 if opening == "(?P<" else 3
        if close < 0 or rest[close + 1:close + 2] in tuple(_QUANTIFIERS):
            return source
        inner: list[str] = []
        for part in _alternatives(rest[head_end:close]):
            some = _letter_first_spread(part)
            if some is None:
                return source
            inner += some
        return rest[:head_end] + "|".join(inner) + rest[close:]
    if rest.startswith("(?i:"):
        return _any_case_first(source)
    return source


# A letter's look back as ``_letter_first`` writes it: "i(?<!\wi)k" is "i" and "k".
# The characters beyond ASCII that match an ASCII letter when case is ignored (the Kelvin
# sign "K" matches "k"); the tests check this against every character.
CASE_ALIKE: Final = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_LETTER_FIRST = re.compile(r"([a-z])\(\?<!\\w\1\)")


def _any_case_first(source: str) -> str:
    r"""``\b(?i:ik|we)...`` as ``[IiWw\u0130\u0131](?<!\w.)(?i:(?<=i)k|(?<=w)e)...``: the
    first character taken from a set the search can skip to, its case checked by a look
    back in the group's own flags. The set holds both cases of each first letter and the
    characters beyond ASCII that match it (``CASE_ALIKE``); the look back then allows
    exactly the characters the pattern did ("(?<!\w.)": no word character before the
    one taken, which is no line break). The source is returned as it is when an
    alternative does not begin with a letter."""
    close = _closing(source, 2)
    if close < 0 or source[close + 1:close + 2] in tuple(_QUANTIFIERS):
        return source
    inner: list[str] = []
    for part in _alternatives(source[6:close]):
        some = _letter_first_spread(part)
        if some is None:
            return source
        inner += some
    guarded = [_LETTER_FIRST.sub(r"(?<=\1)", part, count=1) for part in inner]
    letters = sorted({part[0] for part in inner})
    first = "".join(c.upper() + c + CASE_ALIKE.get(c, "") for c in letters)
    return f"[{first}](?<!\\w.)(?i:{'|'.join(guarded)}){source[close + 1:]}"


# -- strings a match must hold ----------------------------------------------------------------

# A pattern's strings are read from its parsed form (a few milliseconds for all of them)
# only from its third search on: a one-off check does not pay for them.
GATE_FROM_USE = 3
_uses: dict[Pattern[str], int] = {}


def could_match(pattern: Pattern[str], text: str) -> bool:
    """False when ``pattern`` cannot match anywhere in ``text`` because ``text`` holds none
    of the strings that every match holds (``required_strings``); True otherwise. Looking
    a few words up with ``in`` costs a fraction of a search that tries the pattern at
    every word of a post, and most posts hold none of a rare pattern's words."""
    if not used_enough(pattern):
        return True
    needed = required_strings(pattern)
    return needed is None or any(word in text for word in needed)


def used_enough(pattern: Pattern[str]) -> bool:
    """Whether ``pattern`` was searched often enough to read its strings."""
    uses = _uses.get(pattern, 0)
    if uses >= GATE_FROM_USE:
        return True
    _uses[pattern] = uses + 1
    return False


@cache
def required_strings(pattern: Pattern[str]) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` holds at least one ("titel" for
    ``\\b(?:op|uit)\\s+eigen\\s+titel\\b``; "mij" or "mezelf" for ``...(?:mij|mezelf)``),
    read from the parsed pattern: a run of plain characters that every match passes
    through, or a choice of such runs, one for each alternative; the longest that can be
    said. None when there is none of at least three characters, or more than
    ``MAX_REQUIRED`` of them (looking them all up costs about what a search costs), or the
    pattern ignores case."""
    if pattern.flags & re.IGNORECASE:
        return None
    from re import _parser  # type: ignore[attr-defined]

    found = _required(list(_parser.parse(pattern.pattern, pattern.flags)))
    if not found or min(map(len, found)) < 3 or len(found) > MAX_REQUIRED:
        return None
    return tuple(sorted(found))


MAX_REQUIRED = 8


def _required(items: list[Any]) -> set[str] | None:
    from re import _constants as sre  # type: ignore[attr-defined]

    best: set[str] | None = None

    def consider(some: set[str] | None) -> None:
        nonlocal best
        # the longest shortest string, then the fewest strings
        if some and (best is None or (min(map(len, some)), -len(some))
                     > (min(map(len, best)), -len(best))):
            best = some

    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue   # takes no character: the run goes on ("d(?<!\\wd)it" holds "dit")
        consider({"".join(run)} if run else None)
        run = []
        if op is sre.SUBPATTERN:
            if not av[1] & sre.SRE_FLAG_IGNORECASE:
                consider(_required(list(av[3])))
        elif op is sre.BRANCH:
            alternatives = [_required(list(alternative)) for alternative in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))   # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                consider(_required(list(av[2])))
        elif op is sre.ATOMIC_GROUP:
            consider(_required(list(av)))
        # anything else (a class, any character, a repeat that may be left out) holds no
        # plain string every match holds
    consider({"".join(run)} if run else None)
    return best
