"""An honest analyser for Dutch social-media text written around a school.

``analyse_text`` reads one post, message or comment and reports what a school's
*protocol sociale media* cares about: personal data (with character spans), abusive
language (by kind, with spans, and a score), the two usual disclaimers, whether the
writer says they work at the school, and how easy the text is to read. It is rule based
on purpose: standard library plus deduce's name lists (``names``), no model, no
network, every decision traceable to a pattern or a word list, and fast (a 1,000-
character post takes about ten milliseconds; an abuse rule is compiled the first time
its words occur). What it is measured to do: ``docs/text-analysis.md``.

Design
------
Two views of the text are used.

* The **original text** for personal data whose exact spelling matters (phone numbers,
  e-mail addresses, postcodes, street addresses, BSN, IBAN, names).
* A **normalised view** for language: lowercase, accents removed ("géén" -> "geen"),
  leetspeak undone inside words ("l0s3r" -> "loser"; "@" and "$" too, but never at the
  start of a word, so "@sanne" stays a mention), spaced-out letters joined ("l o s e r"),
  runs of three or more equal letters cut to two ("loooser" -> "looser"; only such a
  stretched word may then also ignore doubled letters in the lexicon lookup, so
  "negeer" never reads as a slur), the common curse abbreviations written out ("kk",
  "kkr" -> "kanker", "tyf" -> "tyfus"), censored curses restored ("k*t"), words cut
  with a hyphen joined ("suk-kel"), one left-out or swapped letter repaired in hurtful
  and group words ("mosims") and glued words cut ("ikhaatmoslims"). Every character of
  that view keeps the offset of the original character it came from, so all spans point
  into the original.

Personal data (``Span.kind``)
-----------------------------
``phone``
    Dutch numbers in the usual spellings: 06-12345678, 06 1234 5678, +31 6 12345678,
    +31(0)6-12345678, 0031 6..., 020-1234567, (0475) 123456, 010 - 123 45 67, and a
    number written out in words ("nul zes een twee ..."). Exactly ten digits after a
    trunk 0 (nine after +31/0031) are required, a first group must be a real area code
    length, and date-like or time-like strings are refused.
``email``
    Ordinary addresses.
``postcode``
    "1234 AB" and "1234AB" (also "1234ab" without a space); never SA, SD or SS, never
    followed by more letters, and "2000km"-like units are refused.
``address``
    Street name with a common Dutch street suffix plus a house number ("Kerkstraat 12",
    "Hoofdweg 3a", "Laan van Meerdervoort 100", "Julianaplein 4 bis"). A lowercase
    street needs a place cue before it ("ik woon op kerkstraat 12"); a number followed
    by a unit ("2 keer", "3 dagen") is not a house number. "groep 8" and "klas 3" never
    match because they have no street suffix.
``bsn``
    Nine digits (optionally 123.456.782 / 123 456 782) that pass the 11-proef.
``iban``
    IBANs of any country that pass the mod-97 check (and the country's length where
    known), with or without spaces.
``date``
    Only **dates of birth**: a date (12-03-2011, 12/3/2011, 2011-03-12, "12 maart
    2011", "12 maart") with a birth cue ("geboren", "geb.", "geboortedatum",
    "verjaardag", "jarig") shortly before or after it. We deliberately do *not* treat
    every old date as a birth date: history lessons, anniversaries and school events
    ("op 5 mei 1945", "de musical is op 12 juni 2025") would drown the real finds.
``health``
    AVG art. 9 information: a condition from a small lexicon (ADHD, autisme, dyslexie
    en -verklaring, depressie, astma, ziek, medicatie, ziekenhuisopname, zwanger, ...)
    tied to a specific person: a name, hij/zij/ik, "mijn zoon", "die leerling", or a
    possessive ("met zijn astma"). General statements ("ADHD is een veelvoorkomende
    stoornis", "een leerling met autisme") are not personal data. The span covers the
    condition, not the person.
``student_number``
    Digits after "leerlingnummer", "leerlingnr.", "studentnummer", "stamnummer".
``name``
    A name after a title or role ("juf Anna", "meneer De Vries", "mijn zoon Daan",
    "leerling Sara"), after "ik heet"/"mijn naam is", the person in a health statement,
    and every name ``names.find_names`` finds with deduce's name lists and the school's
    roster. School subjects ("docent Nederlands") and public figures of a lesson
    ("Willem van Oranje") are no names.

``other`` is reserved for later detectors and not produced yet.

The school's own contact details (``public_contacts``) are never personal data; phone
numbers are compared by digits (+31/0031 read as 0), e-mail addresses case-insensitively,
and an address or postcode when it appears in one of the given strings.

Abuse (``abuse_kinds``)
-----------------------
``insult``, ``sexual``, ``discrimination``
    A hand-written lexicon (see ``_lexicon``) with three strengths. *Strong* words
    count wherever they stand; *weak* words ("dom", "idioot", "eikel") only when aimed
    at a person ("je bent dom", "die leraar is een idioot", "wat een debiel", "jij
    aap"); *identity* words ("homo", "autist") only in insulting constructions ("vuile
    homo", "jij autist"). Insulting adjective + person ("die stomme juf", "vieze
    moslim"), curse compounds ("kankerleraar", "kutjoch", "...lijer"), and phrases
    ("kanker op", "krijg de tering", "ga dood", "stuur me nudes", "alle X zijn
    terroristen", "ga terug naar je eigen land") are covered too, and running down the
    reader or their work ("je werkstuk is echt waardeloos", "ik snap niet hoe iemand zo
    dom kan zijn" in a text that speaks to someone). Hate against a group
    (``_group_hits``): a group and a hateful cue in one sentence, or "ze" in the next,
    with negated positives ("zijn geen echte mensen") as cues. Profanity that is not
    aimed at anyone ("kut, mijn fiets is stuk") is not abuse (``profanity``).
``threat``
    Patterns such as "ik maak je af", "ik sla je in elkaar", "ik weet waar je woont",
    "pas maar op", "je gaat eraan", "je krijgt klappen", "ik neem een mes mee".
    Trash talk about a match ("we maken ze af bij voetbal") is exempt.
``exclusion``
    Calls to shut someone out: "iedereen moet hem blokkeren", "niemand mag met haar
    praten", "gooi hem uit de groep", "hij hoort er niet bij".
``doxxing``
    Publishing where someone lives or how to reach them, tied to a person, with the
    address, postcode, number or e-mail address really present nearby. "Dit is het
    adres/nummer van Tim: ..." counts on its own; softer cues ("zij woont op ...",
    "zijn nummer is ...") only with a call to action ("ga allemaal langs", "bel hem
    allemaal") or other abuse in the same text, so "oma woont op de Kerkstraat 5" is
    personal data but not abuse.

Not abuse: negations ("je bent geen loser"), self-mockery ("ik ben zo'n sukkel"),
counter-speech and quoting to condemn ("'loser' roepen is gemeen, stop daarmee"),
reporting what someone else said ("hij noemde haar een hoer"), anti-bullying messages,
neutral mentions of groups, and idioms ("een moordende toets", "ik ben kapot", "ik ga
dood van het lachen").

Disclaimers and employee mention
--------------------------------
``own_opinion_disclaimer`` ("dit is mijn eigen mening", "op persoonlijke titel", "mening
van mezelf, niet van mijn werkgever", ...) and ``third_party_disclaimer`` ("ik ben niet
verantwoordelijk voor reacties van anderen", "reacties van anderen zijn voor hun
rekening") are recognised separately; a negation just before the phrase ("dit is niet
mijn eigen mening", "géén persoonlijke mening") cancels it. ``employee_mention`` needs a
first-person work statement tied to one of the ``organisation_names`` (matched
case-insensitively, ignoring punctuation) or to "deze/onze/de school" ("als docent bij
...", "ik werk zelf bij ...", "ik ben hier docent"); "niet", "geen", "oud-", "ex-" or
"vroeger" in the statement cancel it.

School signals (issue 11)
-------------------------
``boundary_kinds`` (``boundaries``: what an adult may not write to a minor),
``criminal_kinds`` (``offences``: what the protocols answer with aangifte),
``confidential``, ``reputation_harm`` and ``school_reference`` (``school``), and
``own_contact_details`` (``contacts``: the writer's own number, left out of
``has_private_data``). Each module's docstring has its rules; they run only on the
sentences that hold one of their trigger words (``_context.Cues``).

Known limits
------------
* Rules, not understanding: sarcasm, irony, context across messages and new slang are
  missed; a generic "je" ("als je dik bent ...") can still read as aimed at the reader.
* Names at the start of a sentence, and lowercase names that are not in the roster, are
  only trusted in name-like contexts; a surname on its own is rarely found.
* Weak words need a clear person: "Sanne is dom" at the start of a sentence, or a plural
  without a target ("de idioten uit groep 8"), is missed, because "Gym is stom" looks
  the same. Slang that changes quickly ("zo gay", new abbreviations) is largely missed.
* The school's own street address is only recognised as public when it is passed in
  ``public_contacts``.
* A nine-digit number that happens to pass the 11-proef (1 in 11 do) is reported as a
  BSN, e.g. an order number.
* Stretched words are repaired only up to doubled letters ("ik maak je aaaaf" stays
  "aaf" and is missed).
* Only Dutch (with a few English insults); Flemish and dialect spellings are partly
  covered at best.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final, NamedTuple

from . import _lexicon as lex
from ._context import CALL_TO_ACTION, COUNTER, NEGATION, REPORT, SPEECH, Cues
from .boundaries import BOUNDARY_KINDS, boundary_kinds
from .contacts import own_contact_spans
from .model import RuleView, combine
from .model import read as read_model
from .names import NEVER_NAMES, Roster, find_names, is_public_figure, name_lists
from .offences import CRIMINAL_KINDS, criminal_kinds
from .readability import Readability, readability
from .school import confidential, reputation_harm, school_reference

__all__ = ["ABUSE_KINDS", "BOUNDARY_KINDS", "CRIMINAL_KINDS", "PERSONAL_DATA_KINDS",
           "Roster", "Span", "TextAnalysis", "analyse_text"]

PERSONAL_DATA_KINDS: Final = (
    "name", "phone", "email", "address", "postcode", "bsn", "date", "iban", "health",
    "student_number", "other",
)
ABUSE_KINDS: Final = ("insult", "threat", "exclusion", "doxxing", "sexual", "discrimination")


@dataclass(frozen=True)
class Span:
    """One piece of personal data; ``text == analysed_text[start:end]``."""

    kind: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class TextAnalysis:
    """What ``analyse_text`` found in one text."""

    personal_data: tuple[Span, ...]
    abusive: bool
    abuse_kinds: tuple[str, ...]
    abuse_spans: tuple[tuple[int, int], ...]
    own_opinion_disclaimer: bool
    third_party_disclaimer: bool
    employee_mention: bool
    # How sure the analyser is that the text is abusive, 0..1: above 0.5 exactly when
    # ``abusive``; below it, what was seen but taken out by context (a negation, a quote
    # to condemn, a curse at no one) still shows as a low score. See ``_score``.
    abuse_score: float = 0.0
    # Curse words aimed at no one ("kut, mijn fiets is stuk"): not abuse, may be advice.
    profanity: bool = False
    readability: Readability | None = None
    # What an adult may not write to a minor (issue 11, point 2): a subset of
    # ``BOUNDARY_KINDS``. A kind of its own, not abuse: a plain insult is not in it.
    boundary_kinds: tuple[str, ...] = ()
    # Confidential school information: marked "vertrouwelijk", unannounced staff changes
    # or closures, a pupil's matters (care, behaviour, health, family).
    confidential: bool = False
    # The text runs the school down (harms its name).
    reputation_harm: bool = False
    # Statements that may be an offence to report (aangifte): a subset of
    # ``CRIMINAL_KINDS``.
    criminal_kinds: tuple[str, ...] = ()
    # The text names the school, its people or its events.
    school_reference: bool = False
    # The writer offers their own phone number or e-mail address for a purpose ("bel me
    # maar op 06-..."); those spans are left out of ``has_private_data``.
    own_contact_details: bool = False
    # Offsets (start, end) of the personal-data spans that are the writer's own offered
    # contact details; kept apart so ``personal_data`` still lists them.
    own_contact_spans: tuple[tuple[int, int], ...] = ()

    @property
    def threat(self) -> bool:
        return "threat" in self.abuse_kinds

    @property
    def boundary_crossing(self) -> bool:
        return bool(self.boundary_kinds)

    @property
    def possibly_criminal(self) -> bool:
        return bool(self.criminal_kinds)

    @property
    def has_personal_data(self) -> bool:
        return bool(self.personal_data)

    @property
    def has_private_data(self) -> bool:
        """Personal data beyond a bare name: contact details, numbers, health, a date of
        birth. A protocol's "persoonlijke informatie" (Roermond A.2/C.1, Willibrord
        A.2/C.1) is this; naming someone is reported apart (``names``)."""
        own = set(self.own_contact_spans)
        return any(span.kind != "name" and (span.start, span.end) not in own
                   for span in self.personal_data)

    @property
    def names(self) -> bool:
        return any(span.kind == "name" for span in self.personal_data)

    def to_dict(self) -> dict[str, object]:
        return {
            "personal_data": [span.to_dict() for span in self.personal_data],
            "abuse": {
                "abusive": self.abusive,
                "score": self.abuse_score,
                "kinds": list(self.abuse_kinds),
                "spans": [[start, end] for start, end in self.abuse_spans],
                "profanity": self.profanity,
            },
            "own_opinion_disclaimer": self.own_opinion_disclaimer,
            "third_party_disclaimer": self.third_party_disclaimer,
            "employee_mention": self.employee_mention,
            "readability": self.readability.to_dict() if self.readability else None,
            "boundary_crossing": self.boundary_crossing,
            "boundary_kinds": list(self.boundary_kinds),
            "confidential": self.confidential,
            "reputation_harm": self.reputation_harm,
            "possibly_criminal": self.possibly_criminal,
            "criminal_kinds": list(self.criminal_kinds),
            "school_reference": self.school_reference,
            "own_contact_details": self.own_contact_details,
        }


# --------------------------------------------------------------------------------------
# Normalised view
# --------------------------------------------------------------------------------------

class _Norm(NamedTuple):
    text: str          # normalised text
    idx: list[int]     # idx[i] = offset in the original of normalised character i
    original: str
    stretched: tuple[int, ...]   # original offsets where a run of 3+ letters was cut

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.idx[start], self.idx[end - 1] + 1

    def capitalised(self, pos: int) -> bool:
        return self.original[self.idx[pos]].isupper()


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_LEET_TABLE: Final = str.maketrans("013457@$", "oieastas")
# Only words that mix letters with digits, "@" or "$".
_LEET_WORD: Final = re.compile(r"[a-z0-9@$]*(?:[a-z][0-9@$]|[0-9@$][a-z])[a-z0-9@$]*")
# Letters spaced out, words apart by two spaces: "l o s e r", "i k  m a a k  j e".
_SPACED_LETTERS: Final = re.compile(
    r"(?<![a-z0-9])[a-z0-9](?:(?:[ .\-_*]|  )[a-z0-9]){2,}(?![a-z0-9])")
_LONG_RUN: Final = re.compile(r"([a-z])\1{2,}")
_ABBREVIATIONS: Final = {
    "kk": "kanker", "kkr": "kanker", "kanka": "kanker", "kenker": "kanker",
    "tyf": "tyfus", "tyfes": "tyfus", "trng": "tering",
    # spellings students use that the rules would otherwise miss
    "mar": "maar", "krijge": "krijgen", "verader": "verrader", "fking": "fucking",
}
# A censored curse: "k*t", "k*nker", "f*ck" (one star, one letter).
_CENSORED: Final = re.compile(r"\b[a-z]+\*[a-z]*")
# A word cut in two to hide it: "suk-kel", "lo-ser".
_HYPHENATED: Final = re.compile(r"\b([a-z]{2,})-([a-z]{2,})\b")
_ABBREVIATION_RE: Final = re.compile(r"\b(?:" + "|".join(_ABBREVIATIONS) + r")\b")


def _deleet(match: re.Match[str]) -> str:
    word = match.group()
    head = word[0] if word[0] in "@$" else ""   # a leading "@" is a mention, keep it
    return head + word[len(head):].translate(_LEET_TABLE)


def _rewrite(
    text: str, idx: list[int], pattern: re.Pattern[str],
    replace: Callable[[re.Match[str], list[int]], tuple[str, list[int]]],
) -> tuple[str, list[int]]:
    parts: list[str] = []
    new_idx: list[int] = []
    pos = 0
    for match in pattern.finditer(text):
        parts.append(text[pos:match.start()])
        new_idx.extend(idx[pos:match.start()])
        piece, piece_idx = replace(match, idx)
        parts.append(piece)
        new_idx.extend(piece_idx)
        pos = match.end()
    if pos == 0:
        return text, idx
    parts.append(text[pos:])
    new_idx.extend(idx[pos:])
    return "".join(parts), new_idx


def _join_spaced(match: re.Match[str], idx: list[int]) -> tuple[str, list[int]]:
    piece = match.group()
    if not any(ch.isalpha() for ch in piece):
        return piece, idx[match.start():match.end()]   # "1 2 3" is no word
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


def _join_hyphenated(match: re.Match[str], idx: list[int]) -> tuple[str, list[int]]:
    joined = match.group(1) + match.group(2)
    if _lookup(joined) is None:
        return match.group(), idx[match.start():match.end()]
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
        folded_chars = list(map(_fold, text))
        norm = "".join(folded_chars)
        if len(norm) == len(text):   # the common case: one character for one
            idx = list(range(len(text)))
        else:
            idx = [i for i, folded in enumerate(folded_chars) for _ in folded]
    norm = _LEET_WORD.sub(_deleet, norm)
    if "*" in norm:
        norm = _CENSORED.sub(_uncensor, norm)
    norm, idx = _rewrite(norm, idx, _SPACED_LETTERS, _join_spaced)
    if "-" in norm:
        norm, idx = _rewrite(norm, idx, _HYPHENATED, _join_hyphenated)
    stretched = tuple(idx[m.start()] for m in _LONG_RUN.finditer(norm))
    norm, idx = _rewrite(norm, idx, _LONG_RUN, _cut_run)
    norm, idx = _rewrite(norm, idx, _ABBREVIATION_RE, _expand)
    if any(_repaired(w) is not None for w in _LONG_WORD.findall(norm)):
        norm, idx = _rewrite(norm, idx, _LONG_WORD, _repair_word)
    return _Norm(norm, idx, text, stretched)


# -- typos and glued words -----------------------------------------------------------------
# Hurtful words are misspelt on purpose to get past filters: a letter left out
# ("mosims"), two letters swapped ("mosilms"), spaces left out ("ikhaatmoslims"). A word
# we do not know is repaired to a hurtful or group word only by one such change and only
# when its first letter stays; a glued run of letters is cut into known words only when
# every piece is known and one of them matters. A changed letter or an added one is never
# repaired: "laser" must not become "loser".

_LONG_WORD: Final = re.compile(r"\b[a-z][a-z']{3,}\b")


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
    is dropped; a left-out or swapped letter wins over a replaced one."""
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


# Short words that make a glued run worth cutting ("maakjeaf", "ikhaatmoslims").
_GLUE_CUES: Final = frozenset("maak sla steek haat dood kapot ziek vies dom lui".split())


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


def _repair_word(match: re.Match[str], idx: list[int]) -> tuple[str, list[int]]:
    word = match.group()
    span = idx[match.start():match.end()]
    pieces = _repaired(word)
    if pieces is None:
        return word, span
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


# Sentence and clause structure of the normalised text.

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


_QUOTE: Final = re.compile(
    r"(?:(?<=^)|(?<=[\s(:]))[\"“”„«‘'’`]([^\"“”„«»‘’'`\n]{1,120}?)[\"“”»‘’'`](?![a-z])"
)


def _has_between(sorted_values: tuple[int, ...], low: int, high: int) -> bool:
    i = bisect.bisect_left(sorted_values, low)
    return i < len(sorted_values) and sorted_values[i] <= high


def _document(norm: _Norm) -> _Doc:
    toks: list[_Tok] = []
    clause = sentence = 0
    initial = True
    original, idx = norm.original, norm.idx
    for match in _TOKEN_OR_BREAK.finditer(norm.text):
        group = match.lastindex
        if group == 1:
            start = match.start()
            end = match.end()
            long_run = bool(norm.stretched) and _has_between(
                norm.stretched, idx[start], idx[end - 1])
            toks.append(_Tok(start, end, match.group(1), clause, sentence,
                             original[idx[start]].isupper(), initial, long_run))
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


# --------------------------------------------------------------------------------------
# Personal data in the original text
# --------------------------------------------------------------------------------------

_PHONE: Final = re.compile(
    r"(?<![\w+])"
    r"(?P<prefix>(?:\+|00)[ \t]?31[ \t]?(?:\(0\)[ \t]?)?[-.]?[ \t]?|\(?0)"
    r"(?P<rest>\d(?:[ \t]?[-./)]?[ \t]?\d){8})"
    r"(?![\d]|[.,:]\d)"
)
_DATE_LIKE: Final = re.compile(r"^\(?(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}")
_SPOKEN_UNITS: Final = {"nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
                        "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
_SPOKEN_TEENS: Final = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
                        "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
                        "negentien": 19}
_SPOKEN_TENS: Final = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
                       "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90}
# "zevenenveertig": a unit, "en", a ten
_COMPOUND_NUMBER: Final = rf"({'|'.join(_SPOKEN_UNITS)})(?:en|ën)({'|'.join(_SPOKEN_TENS)})"
_SPOKEN_NUMBER: Final = (
    rf"(?:{_COMPOUND_NUMBER}"
    rf"|{'|'.join(_SPOKEN_TENS)}|{'|'.join(_SPOKEN_TEENS)}|{'|'.join(_SPOKEN_UNITS)})"
)
# "nul zes een twee ...", "nul zes achtendertig zevenenveertig ...": ten digits in words
_SPOKEN_PHONE: Final = re.compile(
    rf"\bnul[\s,-]+zes(?:[\s,-]+{_SPOKEN_NUMBER}){{4,8}}\b"
)


_SPOKEN_COMPOUND: Final = re.compile(_COMPOUND_NUMBER)


def _spoken_digits(words: str) -> str:
    digits = []
    for word in re.split(r"[\s,-]+", words.strip()):
        value = _SPOKEN_UNITS.get(word, _SPOKEN_TEENS.get(word, _SPOKEN_TENS.get(word)))
        if value is not None:
            digits.append(str(value))
        else:
            compound = _SPOKEN_COMPOUND.fullmatch(word)
            if compound is None:
                return ""
            digits.append(str(_SPOKEN_TENS[compound.group(2)]
                              + _SPOKEN_UNITS[compound.group(1)]))
    return "".join(digits)
_EMAIL: Final = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,24}\b"
)
_POSTCODE: Final = re.compile(
    r"(?<![\w-])[1-9]\d{3}(?:[ \t]?(?P<upper>[A-Z]{2})|(?P<lower>[a-z]{2}))(?![\w])"
)
_POSTCODE_NEVER: Final = frozenset({"SA", "SD", "SS"})
_POSTCODE_UNITS: Final = frozenset(
    "km kg mb gb kb tb cm mm ml cl dl mg pk kw hz px st nd rd th ct".split()
)

_SUFFIX: Final = (
    r"(?:straat|straatje|str\.|weg|laan|plein|pleintje|gracht|kade|singel|dijk|pad|steeg|"
    r"hof|hoven|dreef|plantsoen|markt|park|ring|boulevard|allee|allée|baan|wal|haven|"
    r"vaart|erf|dam|brink|vest|veste|passage|promenade)"
)
_PARTICLE: Final = r"(?:van|de|der|den|het|ter|ten|te|'t|op|aan|in|bij)"
_NOT_STREET_START: Final = (
    r"(?!(?:Op|In|Aan|De|Het|Een|Bij|Naar|Ik|We|Wij|Mijn|Zijn|Haar|Hij|Zij|Ze|Je|Jij|Dit|"
    r"Dat|Die|Deze|Onze|Hun|Via|Over|Tot|Naast|Voor|Achter|Langs|Vanaf|Ook|En|Of|Maar)\b)"
)
_STREET_NUMBER: Final = (
    r"(?P<num>\d{1,5}(?:[ \t]?[-/][ \t]?\d{1,4}(?![\d])|[ \t]?[A-Za-z](?![\w])"
    r"|[ \t]+(?:bis|hs|huis|bg|rd|zw|boven|I{1,3})(?![\w]))?)"
)
_ADDRESS: Final = re.compile(
    r"(?<![\w-])(?P<street>"
    # "Laan van Meerdervoort", "Plein 1992"-like names that start with the suffix word
    r"(?:Laan|Weg|Plein|Kade|Dreef|Singel|Gracht|Straat|Park|Hof|Dijk|Ring|Markt|Baan)"
    rf"(?:[ \t]+{_PARTICLE})+[ \t]+[A-Z][\w'-]+"
    # "Prins Hendrikkade", "Burgemeester de Withstraat", "Kerkstraat", "kerkstraat"
    rf"|(?:{_NOT_STREET_START}[A-Z][a-zà-ÿ]+\.?[ \t]+(?:{_PARTICLE}[ \t]+)*){{0,2}}"
    rf"(?:[A-Z][\w'-]*?|[a-zà-ÿ][\w'-]{{1,}}?){_SUFFIX}"
    # single-word streets that are just the suffix ("Markt 5", "Singel 12")
    r"|(?:Markt|Singel|Dam|Brink|Plein|Kade|Vest|Haven|Wal|Boulevard)"
    r")[ \t]+" + _STREET_NUMBER + r"(?![\w]|[.,:]\d|%)"
)
_UNIT_AFTER_NUMBER: Final = re.compile(
    r"\s*(?:keer|x|dagen|dag|uur|minuten|min|weken|week|jaar|jaren|maanden|maand|km|"
    r"kilometer|meter|m|euro|eur|procent|leerlingen|kinderen|mensen|personen|punten|graden|"
    r"seconden|kg|cm|mm|stuks|plekken|plaatsen|groepen|klassen|lessen|spelers|banen|rondjes)"
    r"\b",
    re.IGNORECASE,
)
_PLACE_CUE: Final = re.compile(
    r"\b(?:woon|woont|wonen|woonde|adres|op|aan|naar|bij|in|hoek|richting)\s*:?\s*"
    r"(?:de\s+|het\s+)?$",
    re.IGNORECASE,
)

_BSN: Final = re.compile(r"(?<![\w.,€$-])(\d{3})([. ]?)(\d{3})\2(\d{3})(?![\w]|[.,-]?\d)")
_IBAN: Final = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?"
    r"(?![A-Za-z0-9])"
)
_IBAN_LENGTH: Final = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "LU": 20,
    "AT": 20, "CH": 21, "PL": 28, "PT": 25, "IE": 22, "DK": 18, "SE": 24, "NO": 15,
    "FI": 18, "TR": 26, "MA": 28,
}

_NAME_WORD: Final = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
_NAME_PARTICLE: Final = r"(?:van der|van den|van de|van 't|van|de|den|der|ter|ten|te|'t)"
_NAME_SEQ: Final = (
    rf"(?:(?:{_NAME_PARTICLE}|[A-Z][a-z]{{0,2}})\s+)*{_NAME_WORD}"
    rf"(?:\s+(?:{_NAME_PARTICLE}\s+)*{_NAME_WORD})?"
)
_NAME_AFTER_TITLE: Final = re.compile(
    r"\b(?i:juf|juffrouw|meester|meneer|mevrouw|mevr\.|mw\.|dhr\.|de heer|mr\.|dr\.)\s+"
    rf"(?P<name>(?:{_NAME_PARTICLE}\s+|[A-Z][a-z]{{0,2}}\s+)*{_NAME_WORD}"
    rf"(?:\s+(?:{_NAME_PARTICLE}\s+)*{_NAME_WORD})?)"
)
_NAME_AFTER_ROLE: Final = re.compile(
    r"\b(?i:(?:mijn|m'n|onze|ons|zijn|z'n|haar|je|jouw)\s+"
    r"(?:zoon|zoontje|dochter|dochtertje|kind|broer|broertje|zus|zusje|neef|nicht|"
    r"vriend|vriendin|man|vrouw|vader|moeder)"
    r"|leerling|klasgenoot|klasgenote|collega|mentor|docent|leerkracht|stagiair|stagiaire"
    r"|ik heet|mijn naam is|naam:)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_PARTICLE}\s+)*{_NAME_WORD})?)"
)
_FULL_NAME: Final = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_WORD}\s+{_NAME_PARTICLE}\s+{_NAME_WORD})(?![\w-])"
)
_STREET_WORD: Final = re.compile(rf"{_SUFFIX}$", re.IGNORECASE)
_STUDENT_NUMBER: Final = re.compile(
    r"\b(?:leerling|student|stam|ll)[- ]?(?:nummer|nr\.?|id)\s*(?:is\s*)?[:#]?\s*"
    r"(?P<num>\d{4,10})(?![\w]|[.,]\d)",
    re.IGNORECASE,
)

# Birth dates, health and names inside statements are read in the normalised view.
_MONTHS: Final = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    "december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE: Final = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<d1>0?[1-9]|[12]\d|3[01])[-/.](?P<m1>0?[1-9]|1[0-2])[-/.](?P<y1>(?:19|20)\d\d|\d\d)"
    r"|(?P<y2>(?:19|20)\d\d)-(?P<m2>0[1-9]|1[0-2])-(?P<d2>0[1-9]|[12]\d|3[01])"
    rf"|(?P<d3>0?[1-9]|[12]\d|3[01])(?:e|ste|de)?\s+(?P<m3>{_MONTHS})\b\.?"
    r"(?:\s+(?P<y3>(?:19|20)\d\d))?"
    r")(?![\w/-]|\.\d)"
)
_MONTH_NUMBER: Final = {
    name: number
    for number, names in enumerate(
        [("januari", "jan"), ("februari", "feb", "febr"), ("maart", "mrt"), ("april", "apr"),
         ("mei",), ("juni", "jun"), ("juli", "jul"), ("augustus", "aug"),
         ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
_DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_BIRTH_CUE: Final = re.compile(
    r"\b(?:geboren|geb\b\.?|geboortedatum|geboortedag|geboortejaar|verjaardag|verjaart|"
    r"jarig|dob|date of birth|birthday|bday|jaar geleden)"
)

_KIN: Final = (
    r"(?:zoon|zoontje|dochter|dochtertje|kind|kindje|kinderen|man|vrouw|moeder|vader|"
    r"broer|broertje|zus|zusje|opa|oma|leerling|collega|vriend|vriendin|partner|neef|"
    r"nicht|oom|tante|pupil|mentorleerling|buurjongen|buurmeisje|stiefzoon|stiefdochter)"
)
_HEALTH_PERSON: Final = (
    r"(?P<person>hij|zij|ik|ze"
    rf"|(?:mijn|m'n|onze|ons|zijn|z'n|haar|d'r|hun|je|jouw)\s+{_KIN}"
    r"|(?:die|deze|dat|de|onze)\s+(?:leerling|jongen|meisje|collega|docent|docente|juf|"
    r"meester|leraar|lerares|mentor|concierge|directeur|stagiair|stagiaire)"
    r"|(?P<name>[a-z][a-z-]{1,}))"
)
_CONDITION_NOUN: Final = (
    r"(?:diabetes type [12]|insulinepomp|insuline|long covid|knieoperatie|\w+operatie|"
    r"operatie|\w{3,}ontsteking|hersenschudding|in het gips|gips|krukken|therapeut|fysiotherapeut|"
    r"kinderpsycholoog|revalidatie|hoortoestel|epipen|adrenalinepen|"
    r"adhd|add|autisme|ass|pdd-?nos|dyslexie|dyslexieverklaring|dyscalculie|"
    r"dyscalculieverklaring|epilepsie|epileptische aanvallen|epileptische aanval|astma|"
    r"diabetes|suikerziekte|depressie|depressies|burn-?out|angststoornis|angstaanvallen|"
    r"paniekaanvallen|paniekaanval|eetstoornis|anorexia|boulimia|kanker|leukemie|"
    r"tumor|hersentumor|chemo|chemotherapie|migraine|hersenschudding|syndroom van down|"
    r"downsyndroom|medicatie|medicijnen|ritalin|concerta|antidepressiva|griep|corona|"
    r"covid|koorts|allergie|pinda-?allergie|voedselallergie|ocd|dwangstoornis|tourette|"
    r"ptss|trauma|zelfmoordgedachten|zelfbeschadiging|automutilatie|beperking|"
    r"rolstoel|hiv|soa|diagnose|stoornis|syndroom|ziekte van crohn|crohn|coeliakie|"
    r"reuma|hartafwijking|hartproblemen|verslaving|gebroken (?:been|arm|pols|enkel)|"
    r"zwangerschap|miskraam|psycholoog|psychiater|therapie|ggz)"
)
_CONDITION_ADJ: Final = (
    r"(?:ziek(?!\s+(?:van|goed|vet|mooi|grappig|gemaakt|nice))|ziekgemeld|depressief|"
    r"autistisch|dyslectisch|zwanger|overspannen|doof|blind|slechthorend|slechtziend|"
    r"gehandicapt|allergisch|epileptisch|suicidaal|verslaafd|geopereerd|chronisch ziek|"
    r"manisch|psychotisch|opgenomen in (?:het|een) (?:ziekenhuis|kliniek|"
    r"psychiatrisch ziekenhuis)|opgenomen|bevallen|overprikkeld|"
    r"(?:aan\s+(?:zijn|haar|z'n|d'r)\s+\w+\s+)?geopereerd|"
    r"(?:zijn|haar|z'n|d'r)\s+(?:been|arm|pols|enkel|teen|vinger|sleutelbeen)\s+gebroken)"
)
_FILL1: Final = r"(?:[\w'-]+\s+)"
_HOSPITAL: Final = r"in (?:het|een) (?:ziekenhuis|kliniek|psychiatrische kliniek)"
_CONDITION: Final = re.compile(
    rf"\b(?:(?P<noun>{_CONDITION_NOUN})|(?P<adj>{_CONDITION_ADJ})|(?P<hospital>{_HOSPITAL}))\b"
)
# Each rule reads the words *before* a condition (up to the condition) and needs a person
# there: "Daan heeft | ADHD", "zij is | depressief", "hij ligt | in het ziekenhuis".
_HEALTH_BEFORE: Final = {
    "noun": (
        re.compile(
            rf"\b{_HEALTH_PERSON}\s+{_FILL1}{{0,3}}?"
            r"(?:heeft|had|hebben|heb|lijdt aan|leed aan|kampt met|worstelt met|gebruikt|"
            r"slikt|krijgt|kreeg|zit in|zat in|is gediagnosticeerd met|heeft last van|"
            r"is bekend met|gaat naar|ging naar|is bij|zit bij|loopt bij)"
            rf"\s+(?P<mid>{_FILL1}{{0,3}}?)$"
        ),
        re.compile(rf"\b{_HEALTH_PERSON}\s+(?:met|en)\s+(?P<mid>(?:zijn|haar|z'n|d'r)\s+)?$"),
        re.compile(
            r"\b(?:(?P<pron>zijn|haar|mijn|m'n|z'n|d'r)|(?P<name>[a-z][a-z-]+)'s)\s+"
            rf"(?P<mid>{_FILL1}?)$"
        ),
    ),
    "adj": (
        re.compile(
            rf"\b{_HEALTH_PERSON}\s+{_FILL1}{{0,2}}?(?:is|was|ben|bent|raakte|werd|wordt|lijkt)"
            rf"\s+(?P<mid>{_FILL1}?)$"
        ),
    ),
    "hospital": (
        re.compile(
            rf"\b{_HEALTH_PERSON}\s+{_FILL1}{{0,2}}?(?:ligt|lag|is|was|zit|belandde|werd|wordt)"
            r"\s+(?P<mid>(?:nog\s+|al\s+|sinds\s+\w+\s+)?(?:opgenomen\s+)?)$"
        ),
    ),
}
_HEALTH_BLOCKERS: Final = frozenset("over geen niet nooit zonder tegen".split())


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _national_phone(raw: str) -> str:
    """Digits of a phone number in national form (+31 6... -> 06...)."""
    plus = raw.lstrip().startswith("+")
    digits = _digits(raw.replace("(0)", ""))
    if digits.startswith("0031"):
        return "0" + digits[4:]
    if plus and digits.startswith("31"):
        return "0" + digits[2:]
    return digits


def _valid_phone(match: re.Match[str]) -> bool:
    whole = match.group()
    rest = match.group("rest")
    date = _DATE_LIKE.match(whole)
    if rest[0] == "0" or (date and 1 <= int(date.group(1)) <= 31
                          and 1 <= int(date.group(2)) <= 12):
        return False
    if match.group("prefix").lstrip("(").startswith("0"):
        groups = [g for g in re.split(r"\D+", rest) if g]
        if len(groups) > 1:
            first = "0" + groups[0]
            if len(first) == 2 and first != "06":
                return False
            if len(first) > 4:
                return len(first) == 10
    return True


def _bsn_ok(digits: str) -> bool:
    if len(digits) != 9 or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _iban_ok(compact: str) -> bool:
    compact = compact.upper()
    country = compact[:2]
    expected = _IBAN_LENGTH.get(country)
    if expected is not None and len(compact) != expected:
        return False
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _iban_spans(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for match in _IBAN.finditer(text):
        candidate = match.group()
        # The pattern may swallow a trailing group; drop groups until the check passes.
        while len(candidate.replace(" ", "")) >= 15:
            if _iban_ok(candidate.replace(" ", "")):
                found.append((match.start(), match.start() + len(candidate)))
                break
            cut = max(candidate.rfind(" "), len(candidate) - 4)
            candidate = candidate[:cut].rstrip()
    return found


def _valid_date(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month]


def _lesson_figure(original: str, offset: int) -> bool:
    """Whether a public figure is named in the sentence before ``offset``."""
    sentence = re.split(r"[.!?\n]", original[max(0, offset - 200):offset])[-1]
    return any(is_public_figure(sentence, m.start(), m.end())
               for m in re.finditer(r"[A-Z][\w-]+(?:\s+(?:van|de|der)?\s*[A-Z][\w-]+)*",
                                    sentence))


def _birth_dates(doc: _Doc) -> list[tuple[int, int]]:
    text = doc.norm.text
    found: list[tuple[int, int]] = []
    for match in _DATE.finditer(text):
        if match.group("d1"):
            day, month = int(match.group("d1")), int(match.group("m1"))
        elif match.group("d2"):
            day, month = int(match.group("d2")), int(match.group("m2"))
        else:
            day, month = int(match.group("d3")), _MONTH_NUMBER[match.group("m3")]
        if not _valid_date(day, month):
            continue
        before = text[max(0, match.start() - 60):match.start()].rsplit("\n", 1)[-1]
        after = text[match.end():match.end() + 80].split("\n", 1)[0]
        after = re.split(r"[.!?]", after, maxsplit=1)[0]
        if not (_BIRTH_CUE.search(before) or _BIRTH_CUE.search(after)):
            continue
        original = doc.norm.original
        o_start, o_end = doc.norm.span(match.start(), match.end())
        if is_public_figure(original, max(0, o_start - 60), o_end) or _lesson_figure(
                original, o_start):
            continue   # "Anne Frank is geboren op 12 juni 1929": history, not a person's data
        end = match.end()
        if text[end - 1] == ".":   # "12 mrt." keeps its dot only as an abbreviation
            end -= 1
        found.append((match.start(), end))
    return found


def _name_ok(doc: _Doc, start: int, end: int) -> bool:
    """A capitalised word that is not a common word; only used where a verb like
    "heeft" or "woont" already says the word stands for a person."""
    return doc.norm.text[start:end] not in lex.NOT_NAMES and doc.norm.capitalised(start)


# Words for a person that make a health statement in the same sentence about someone
# ("Sem heeft diabetes en moet zijn insuline spuiten", "onze dochter Esra gebruikt sinds
# kort medicatie"); an indefinite "een leerling met autisme" is about no one.
_ANCHOR: Final = re.compile(
    r"\b(?:hij|zij|ik)\b"
    rf"|\b(?:mijn|m'n|onze|ons|zijn|z'n|haar|d'r|hun)\s+{_KIN}\b"
    r"|\b(?:die|deze|onze)\s+(?:leerling|jongen|meisje|collega|docent|juf|meester|mentor)\b"
    r"|\b(?:juf|meester|meneer|mevrouw)\s+[a-z]")
# Conditions too often meant otherwise ("kanker" as a curse, "ziek" as "cool", a
# "gips" model in art class) need one of the old, tighter patterns.
_ANCHOR_NOT_ENOUGH: Final = frozenset({"kanker", "ziek", "gips", "operatie", "therapie",
                                        "trauma", "beperking", "stoornis", "syndroom",
                                        "diagnose", "opgenomen", "corona", "griep"})


def _anchored(doc: _Doc, start: int, end: int, names: Sequence[tuple[int, int]]) -> bool:
    """Whether the sentence of a condition names or points at a person, with no "geen",
    "niet", "over" or "zonder" just before the condition."""
    text = doc.norm.text
    s_start, s_end = doc.sent_bounds[doc.sentence_of(start)] if doc.sent_bounds else (0, len(text))
    if _HEALTH_BLOCKERS & set(text[max(s_start, start - 25):start].split()[-3:]):
        return False
    if _ANCHOR.search(text, s_start, s_end):
        return True
    o_start, o_end = doc.norm.idx[s_start], doc.norm.idx[max(s_start, s_end - 1)] + 1
    return any(o_start <= n_start and n_end <= o_end for n_start, n_end in names)


def _health(doc: _Doc, known_names: Sequence[tuple[int, int]] = ()
            ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Health spans and the names they are about, both in normalised offsets.
    ``known_names`` are names already found, in original offsets."""
    text = doc.norm.text
    conditions: list[tuple[int, int]] = []
    names: list[tuple[int, int]] = []
    for cond in _CONDITION.finditer(text):
        kind = cond.lastgroup or "noun"
        sentence_start = doc.sent_bounds[doc.sentence_of(cond.start())][0] \
            if doc.sent_bounds else 0
        offset = max(sentence_start, cond.start() - 90)
        before = text[offset:cond.start()]
        for rule in _HEALTH_BEFORE[kind]:
            person = _health_person(doc, rule, before, offset)
            if person is not None:
                if person != (-1, -1):
                    names.append(person)
                conditions.append((cond.start(), cond.end()))
                break
        else:
            if (cond.group().split()[-1] not in _ANCHOR_NOT_ENOUGH
                    and not doc.quoted(cond.start(), cond.end())
                    and _anchored(doc, cond.start(), cond.end(), known_names)):
                conditions.append((cond.start(), cond.end()))
    # A sentence about someone's condition makes its other care words about them too:
    # "Oliwia gaat naar een therapeut voor haar angststoornis".
    about = {doc.sentence_of(start) for start, _end in conditions}
    for cond in _CONDITION.finditer(text):
        span = (cond.start(), cond.end())
        if (span not in conditions and doc.sentence_of(cond.start()) in about
                and cond.group().split()[-1] not in _ANCHOR_NOT_ENOUGH
                and not doc.quoted(*span)):
            conditions.append(span)
    return sorted(conditions), names


def _health_person(doc: _Doc, rule: re.Pattern[str], before: str, offset: int
                   ) -> tuple[int, int] | None:
    """The name a health statement is about, (-1, -1) for another person, None for none."""
    pos = 0
    while (match := rule.search(before, pos)) is not None:
        pos = match.start() + 1
        if _HEALTH_BLOCKERS & set((match.group("mid") or "").split()):
            return None
        if "name" in rule.groupindex and match.start("name") >= 0:
            start, end = offset + match.start("name"), offset + match.end("name")
            if not _name_ok(doc, start, end):
                continue
            return start, end
        if "person" in rule.groupindex and match.group("person") == "ze":
            continue   # "ze" is too often a vague plural ("ze zijn ziek")
        return -1, -1
    return None


def _person_name(text: str, start: int, end: int) -> bool:
    """A found name is not a school subject ("docent Nederlands"), a word of the abuse
    lexicon, or a public figure of a lesson ("Willem van Oranje")."""
    particles = name_lists().particle_words
    words = [w for w in text[start:end].lower().split() if w not in particles]
    first = words[0] if words else ""
    if not first or first in NEVER_NAMES or first in lex.TERMS or first in lex.PROFANITY:
        return False
    return not is_public_figure(text, start, end)


class _Contacts(NamedTuple):
    phones: frozenset[str]
    emails: frozenset[str]
    plain: tuple[str, ...]


def _contacts(public_contacts: Sequence[str]) -> _Contacts:
    phones = set()
    emails = set()
    plain = []
    for contact in public_contacts:
        contact = contact.strip()
        if "@" in contact:
            emails.add(contact.lower())
        digits = _national_phone(contact)
        if len(digits) >= 9:
            phones.add(digits)
        plain.append(re.sub(r"[^a-z0-9]", "", _plain(contact)))
    return _Contacts(frozenset(phones), frozenset(emails), tuple(plain))


def _is_public(kind: str, text: str, contacts: _Contacts) -> bool:
    if kind == "phone":
        return _national_phone(text) in contacts.phones
    if kind == "email":
        return text.lower() in contacts.emails
    if kind in ("address", "postcode"):
        key = re.sub(r"[^a-z0-9]", "", _plain(text))
        return bool(key) and any(key in contact for contact in contacts.plain)
    return False


# Lower number wins when two findings overlap.
_PRIORITY: Final = {
    "email": 0, "iban": 1, "phone": 2, "bsn": 3, "student_number": 4, "postcode": 5,
    "address": 6, "date": 7, "health": 8, "name": 9,
}


def _personal_data(doc: _Doc, contacts: _Contacts, org_spans: list[tuple[int, int]],
                   roster: Roster | None = None) -> list[Span]:
    text = doc.norm.original
    found: list[tuple[str, int, int]] = []
    found += [("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]
    found += [("iban", s, e) for s, e in _iban_spans(text)]
    found += [("phone", m.start(), m.end()) for m in _PHONE.finditer(text) if _valid_phone(m)]
    for match in _SPOKEN_PHONE.finditer(doc.norm.text):
        # words beyond the tenth digit are not part of the number
        words = match.group().split()
        while words and len(_spoken_digits(" ".join(words))) > 10:
            words.pop()
        if len(_spoken_digits(" ".join(words))) == 10:
            end = match.start() + len(" ".join(words))
            found.append(("phone", *doc.norm.span(match.start(), end)))
    for match in _BSN.finditer(text):
        if text[max(0, match.start() - 2):match.start()].strip() in ("€", "$", "EUR"):
            continue
        if _bsn_ok(match.group(1) + match.group(3) + match.group(4)):
            found.append(("bsn", match.start(), match.end()))
    for match in _POSTCODE.finditer(text):
        upper, lower = match.group("upper"), match.group("lower")
        if (upper and upper in _POSTCODE_NEVER) or (lower and (
                lower.upper() in _POSTCODE_NEVER or lower in _POSTCODE_UNITS)):
            continue
        found.append(("postcode", match.start(), match.end()))
    for match in _ADDRESS.finditer(text):
        if _UNIT_AFTER_NUMBER.match(text, match.end()):
            continue
        street = match.group("street")
        if street[0].islower() and not _PLACE_CUE.search(text[max(0, match.start() - 25):
                                                                 match.start()]):
            continue
        found.append(("address", match.start(), match.end()))
    for start, end in _birth_dates(doc):
        found.append(("date", *doc.norm.span(start, end)))
    listed_names = find_names(text, roster, org_spans)
    conditions, health_names = _health(doc, listed_names)
    for start, end in conditions:
        found.append(("health", *doc.norm.span(start, end)))
    for start, end in health_names:
        found.append(("name", *doc.norm.span(start, end)))
    for match in _STUDENT_NUMBER.finditer(text):
        found.append(("student_number", match.start("num"), match.end("num")))
    for pattern in (_NAME_AFTER_TITLE, _NAME_AFTER_ROLE, _FULL_NAME):
        for match in pattern.finditer(text):
            name = match.group("name")
            if pattern is _FULL_NAME and any(_STREET_WORD.search(w) for w in name.split()):
                continue   # "Laan van Meerdervoort" is a street, not a person
            found.append(("name", match.start("name"), match.end("name")))
    found += [("name", start, end) for start, end in listed_names]

    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for kind, start, end in sorted(set(found), key=lambda f: (_PRIORITY[f[0]], f[1], -f[2])):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        if kind == "name" and (any(start < o_end and o_start < end
                                   for o_start, o_end in org_spans)
                               or not _person_name(text, start, end)):
            continue
        piece = text[start:end]
        if _is_public(kind, piece, contacts):
            continue
        taken.append((start, end))
        spans.append(Span(kind, piece, start, end))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


# --------------------------------------------------------------------------------------
# Abuse
# --------------------------------------------------------------------------------------

class _Hit(NamedTuple):
    kind: str
    start: int      # normalised offsets
    end: int
    family: str     # "lexicon", "threat", "exclusion", "phrase", "doxxing"
    sports_exempt: bool = False
    strength: str = ""   # for lexicon hits: the term's strength, or "adjective"


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


def _is_person(tok: _Tok, *, noun_use: bool) -> bool:
    word = tok.word
    if word in lex.SECOND_PERSON or word in lex.THIRD_PERSON or word in lex.PERSON_NOUNS:
        return True
    if tok.cap and word not in lex.NOT_NAMES:
        # At the start of a sentence "Gym is stom" is not about a person; "Sanne is een
        # sukkel" with a noun still is.
        return noun_use or not tok.sentence_initial
    return False


def _core(before: list[_Tok]) -> list[_Tok]:
    return [t for t in before if t.word not in lex.FILLERS][-3:]


def _self_directed(before: list[_Tok]) -> bool:
    core = _core(before)
    if any(t.word in lex.SECOND_PERSON or t.word in lex.THIRD_PERSON for t in core):
        return False
    return any(t.word in lex.FIRST_PERSON for t in core)


_GENERIC_IF: Final = frozenset("als wanneer zodra indien".split())
_POSITIVE_AFTER_INTENSIFIER: Final = frozenset(
    "grappig goed mooi leuk lekker vet knap slim hard snel veel sterk gaaf cool".split()
)


def _aimed(before: list[_Tok], after: list[_Tok]) -> bool:
    """Whether a weak insult is said about a person rather than a thing or situation."""
    prev = before[-1].word if before else ""
    prev2 = tuple(t.word for t in before[-2:])
    if prev in ("de", "het"):
        return False                         # "dan ben je de lul" is an idiom, not an insult
    if prev in lex.PEJORATIVE_ADJ or prev in ("jij", "jullie") or prev2 == ("wat", "een"):
        return True
    if prev in ("stelletje", "stel", "bende", "zootje", "clubje"):
        return True
    if after and after[0].word in _POSITIVE_AFTER_INTENSIFIER:
        return False                         # "gestoord grappig", "debiel goed"
    noun_use = prev in ("een", "zo'n", "n", "'n")
    core = _core(before)
    if any(t.word in lex.SECOND_PERSON and k > 0 and core[k - 1].word in _GENERIC_IF
           for k, t in enumerate(core)):
        return False                         # "als je dik bent" is about anyone
    for k, tok in enumerate(core):
        if tok.word in lex.COPULAS or tok.word in lex.OPINION_VERBS:
            neighbours = core[max(0, k - 1):k] + core[k + 1:k + 2]
            if any(_is_person(t, noun_use=noun_use) for t in neighbours):
                return True
            if k > 0 and core[k - 1].word == "die" and tok.word in lex.COPULAS:
                return True
    if after and after[0].word in lex.COPULAS:
        if core and _is_person(core[-1], noun_use=noun_use):
            return True                      # "... dat hij een idioot is"
        if len(after) > 1 and (after[1].word in lex.SECOND_PERSON
                               or after[1].word in lex.THIRD_PERSON):
            return True                      # "kanker lelijk ben je"
    return False


_STANDALONE_OK: Final = frozenset("jij je wat een zo'n vuile haha hahaha lol echt gewoon".split())


def _aimed_identity(before: list[_Tok], tok: _Tok, doc: _Doc) -> bool:
    prev = before[-1].word if before else ""
    prev2 = tuple(t.word for t in before[-2:])
    if prev in lex.PEJORATIVE_ADJ or prev in ("jij", "jullie") or prev2 == ("wat", "een"):
        return True
    core = _core(before)
    if prev in ("een", "zo'n", "n", "'n") and any(t.word in lex.SECOND_PERSON for t in core) \
            and any(t.word in lex.COPULAS for t in core):
        return True
    # Shouted on its own ("Homo!") it is aimed at whoever it is shouted at.
    same = [t.word for t in doc.toks if t.sentence == tok.sentence]
    return all(w == tok.word or w in _STANDALONE_OK for w in same)


_ADJECTIVES: Final = lex.PEJORATIVE_ADJ | lex.MILD_ADJ | lex.SEXUAL_ADJ


# -- groups of people ---------------------------------------------------------------------

_GROUP_WORDS: Final = tuple(sorted(
    set(lex.GROUPS_PLURAL) | set(lex.GROUPS_SINGULAR) | set(lex.GROUPS_PEJORATIVE)
    | lex.GROUPS_EXTRA, key=len, reverse=True))
_GROUP_SET: Final = frozenset(_GROUP_WORDS)
_PROTECTED_GROUP: Final = re.compile(
    rf"\b(?:(?:{'|'.join(lex.GROUP_ADJECTIVES)})(?:\s+(?:{'|'.join(lex.GROUP_PERSONS)}))?"
    r"|(?:mensen|kinderen|leerlingen|jongen|meisje|iemand)\s+met\s+(?:een\s+)?(?:beperking|"
    r"handicap|autisme|adhd|down|syndroom\s+van\s+down)"
    r"|(?:moslim|trans|homo|joden|turken|marokkanen)\w+"
    rf"|(?:kanker|kut|tering|tyfus)(?:{'|'.join(re.escape(g) for g in _GROUP_WORDS)})"
    # "best goed, voor een meisje"; the places of a group ("een bom bij die moskee")
    r"|(?<=voor een )(?:meisje|vrouw|meid)|moskee|moskeeen|synagoge|azc|asielzoekerscentrum"
    rf"|(?:{'|'.join(re.escape(g) for g in _GROUP_WORDS)}))(?![\w'])"
    r"|\b(?:zijn|is|ben)\s+(?:turks|marokkaans|pools|joods|moslim|homo|trans|lesbisch|"
    r"gehandicapt|surinaams|antilliaans)\b"
)
# A group of people that is not a protected group: insults at it are insults.
_PEOPLE_PLURAL: Final = re.compile(
    r"\b(?:alle\s+|die\s+|de\s+)?(?P<g>[a-z][\w'-]*(?:ers|aars|fans|isten|anten|enten|aren|ici|"
    r"vegans|mensen)|(?:"
    r"leraren|docenten|juffen|meesters|jongens|meiden|ouders|leerlingen|mentoren|"
    r"kinderen|politici|vegans|boeren))\s+(?:[\w'-]+\s+){0,3}?(?:zijn|blijven|worden|"
    r"bestaat\s+uit)\b"
    r"|\b(?:die\s+)?(?:hele\s+)?(?P<k>klas)\s+\w+\s+(?:is|bestaat\s+uit)\b")
_HATE_PHRASES: Final = re.compile(
    rf"(?P<exclusion>{lex.GROUP_EXCLUSION})|(?P<negpos>{lex.NEGATED_POSITIVE})"
    r"|(?P<emotion>niet\s+uitstaan|ziek\s+van|kan\s+niet\s+tegen|klaar\s+mee|"
    r"vertrouw\w*\s+(?:[\w'-]+\s+){0,2}?niet|mis\s+in\s+(?:het|hun)\s+hoofd|"
    r"ziek\s+in\s+(?:het|hun)\s+hoofd)"
    r"|(?P<threat>in\s+elkaar\s+(?:slaan|geslagen|getrapt|trappen)|de\s+zee\s+in|"
    r"aan\s+de\s+ketting|met\s+harde\s+hand|op\s+hun\s+bek|in\s+de\s+fik|"
    r"moeten\s+dood|(?:niet|nergens)\s+veilig|weten\s+waar\s+(?:jullie|ze|jij|je)|"
    # harm wished, owed or planned: "moeten allemaal sterven", "verdienen de dood",
    # "ik wil ze zien lijden", "mogen van mij verrekken"
    r"(?:moeten|moet|mogen|mag|zouden|zou|verdienen|verdient|horen|hoort|wens\w*|hoop|"
    r"wil|willen|laat|laten|zal|zullen)\b[^.!?]{0,40}?\b(?:dood|sterven|lijden|"
    r"branden|rotten|boeten|verdwijnen|uitsterven|weg\s+van\s+de\s+aardbodem)\b|"
    r"de\s+dood\s+(?:verdienen|verdient|waard)|dood\s+aan\b|tijd\s+voor\s+een\s+(?:zuivering|"
    r"oplossing)|(?:af|weg)\s+moeten|laten\s+verdwijnen|"
    # a plan of the writer's own: "ik maak elke Turk af", "we maken ze kapot"
    r"\b(?:ik|we|wij)\s+(?:[\w'-]+\s+)?(?:ga|gaan|zal|zullen|kom|komen|maak|maken)\b[^.!?]{0,80}?"
    r"\b(?:pijn\s+doen|lesje\s+leren|platbranden|bom|opwachten|in\s+elkaar)\b|"
    r"\b(?:maak|maken)\s+(?:(?:we|wij|ik)\s+)?(?:elke|alle|al\s+die|die|ze|jullie|hem|"
    r"haar)\b[^.!?]{0,40}?\b(?:af|kapot)\b|"
    r"\bkrijg\w*\s+(?:ze|hij|je|jij|die)\s+een\s+(?:klap|dreun|mep|schop|kogel|pak\s+slaag)|"
    r"\banders\s+(?:ben|is|zijn)\s+(?:je|jij|ze|hij|jullie)\b[^.!?]{0,20}?\bdood|"
    r"\bdwars\s+door\b|\bsteen\s+door\b|ervoor\s+zorgen\s+dat\s+(?:geen|niemand))"
    # a put-down without a swear word: a comparison, a role, a "too ... to"
    r"|(?P<implicit>minder\s+(?:waard|intelligent|slim|menselijk|capabel|beschaafd|ontwikkeld)|"
    r"(?:zijn|is)\s+te\s+(?:dom|emotioneel|zwak|lui|primitief|achterlijk|stom|gevoelig|"
    r"onnozel)\s+(?:om|voor)|te\s+veel\s+(?:macht|invloed|rechten|praatjes)|"
    r"eigendom\s+van|horen\s+(?:thuis\s+)?in\s+de\s+keuken|achter\s+het\s+aanrecht|"
    r"(?:niet|nooit)\s+(?:te\s+)?vertrouwen|(?:nooit|niet)\s+geboren|"
    r"(?:mogen|moeten|zouden)\s+(?:geen|nooit)\s+(?:kinderen|rechten|stemrecht)|"
    r"(?:zouden|mogen|moeten)\s+niet\b[^.!?]{0,30}?\b(?:mogen\s+)?(?:stemmen|werken|trouwen|"
    r"bestaan|leven|wonen|studeren|lesgeven|adopteren|rondlopen)\b|"
    r"te\s+veel\s+(?:van\s+die\s+)?[\w'-]+\s+(?:in\s+(?:dit|ons|onze|nederland|europa|de\s+(?:stad|"
    r"wijk|klas|buurt))|hier)\b|te\s+veel\s+[\w'-]+\s*(?:[.!?]|$)|"
    r"kunnen\s+(?:gewoon\s+|echt\s+|toch\s+)?niet\s+(?:autorijden|rijden|rekenen|denken|"
    r"nadenken|leiden|leidinggeven|lezen|schrijven|integreren|normaal\s+doen)|"
    r"kosten\s+(?:[\w'-]+\s+){0,3}?(?:alleen\s+maar\s+)?(?:geld|handenvol)|"
    r"(?:ons|onze)\s+(?:geld|belastinggeld|banen|huizen|woningen)\b|op\s+onze\s+kosten|(?:kots|"
    r"spuug|schijt|pis)\s+(?:op|aan)|"
    r"afkomen|(?:opgesloten|opsluiten|weggestopt|wegstoppen|deporteren|"
    r"terugsturen|wegsturen)\b|zijn\s+(?:allemaal\s+)?(?:hetzelfde|een\s+pot\s+nat)|"
    r"(?:verdienen|verdient)\s+(?:het\s+)?(?:geen|niks|niets|niet\s+beter|niet\s+(?:om\s+)?"
    r"(?:te\s+)?(?:leven|bestaan))|\bbeter\s+dood\b|"
    r"alleen\s+(?:maar\s+)?goed\s+voor|ni(?:ks|ets)\s+te\s+zoeken|nooit\s+iets\s+(?:fatsoenlijks|"
    r"goeds|nuttigs|slims)|"
    r"geen\s+(?:enkel\s+)?recht\b|niet\s+(?:eens\s+)?slim\s+genoeg|"
    r"te\s+(?:dom|lomp|zwak|lui|stom|emotioneel)\s+(?:en|om|voor)\b|"
    # "ik heb niets tegen ..., maar", "best slim, voor een meisje", questions that assume
    r"\bni(?:ets|ks)\s+tegen\b[^.!?]{1,40}?\bmaar\b|\bniet\s+racistisch\b[^.!?]{0,40}?\bmaar\b|"
    r"\b(?:best|heel|vrij|redelijk|verrassend|best\s+wel)\s+[\w'-]+,?\s+voor\s+een\b|"
    r"\bbeschermen\s+tegen\b|\bander\s+soort\s+(?:volk|mensen)|\bnooit\s+naast\s+(?:een|eentje|zo'n)\b|"
    r"\bals\s+(?:buurman|buren|collega|schoonzoon|schoondochter|leraar|baas|premier|"
    r"directeur|arts|piloot)\s*\?\s*(?:nooit|dan|echt\s+niet|over\s+mijn\s+lijk)|"
    r"\book\s+maar\s+een\s+[\w'-]+\s+die\s+(?:niet|geen)\b|"
    r"\booit\s+(?:een\s+)?[\w'-]+\s+(?:ontmoet|gezien|gekend)\s+die\s+(?:niet|geen)\b|"
    r"\b(?:kunnen|kan|mogen|mag)\s+[\w'-]+\s+(?:eigenlijk\s+)?(?:wel|nog|uberhaupt)\s+"
    r"(?:nadenken|denken|lezen|rekenen|autorijden|meepraten|meedoen|stemmen|werken|iets|"
    r"rondlopen|bestaan|leven))"
)
# A group named as the one harmed, or a wrong done to it condemned: the hurtful words
# around it are not said of the group ("Ik haat het als mensen moslims discrimineren").
_VICTIM: Final = re.compile(
    r"\b(?:discrimin\w*|racisme|homofobie|seksisme|transfobie|antisemitisme|islamofobie|"
    r"moslimhaat|jodenhaat|vreemdelingenhaat|haatzaai\w*|xenofobie|vooroorde\w*|"
    r"gediscrimineerd|uitgescholden|gepest|aangevallen|buitengesloten|achtergesteld|"
    r"slachtoffers?|opkomen\s+voor|beschermen(?!\s+tegen)|steunen|solidair|haat\s+tegen|"
    r"haat\s+(?:[\w'-]+\s+){0,3}?krijgen|over\s+zich\s+heen|uitgelachen|scheldpartij\w*|"
    r"behandeld|mishandeld|stop\s+met\s+(?:die|de|deze|alle|dat|jullie)\s+(?:haat|gehaat)|"
    r"(?:(?:sommige|andere|veel)\s+mensen|mensen\s+die)\s+(?:[\w'-]+\s+){1,4}?(?:bedreigen|"
    r"pesten|uitschelden|discrimineren|"
    r"aanvallen|slaan|haten)|(?:pesten|uitschelden|uitlachen|buitensluiten|bedreigen|"
    r"aanvallen)\s+(?:is|vind\w*)|(?:de|alle|veel|zoveel|online)\s+haat|hoe\s+(?:er\s+)?(?:over|"
    r"met|tegen)\s+[^.!?]{1,40}?\s+"
    r"(?:wordt|worden)\s+(?:gepraat|omgegaan|gesproken|behandeld|gedaan))\b")
_WISH: Final = re.compile(
    r"\b(?:moeten|moet|mogen|zouden|zou|horen|verdienen|wil|willen|hoop|wens\w*)\b")
# History told or remembered: "Joden werden in de oorlog vermoord".
_HISTORY: Final = re.compile(
    r"\b(?:oorlog|holocaust|shoah|geschiedenis|herdenk\w*|vergeten|werden|tweede\s+"
    r"wereldoorlog|slavernij|kolonial\w*|eeuw|nazi\w*|genocide|vroeger)\b")
_REFERS_BACK: Final = re.compile(
    r"\b(?:ze|zij|hun|hen|die|het\s+zijn|zulke|dat\s+soort|allemaal)\b")
_NEGATED_AFTER: Final = re.compile(
    r"^\s*(?:(?:de\s+|die\s+|alle\s+)?[\w']+\s+)?(?:helemaal\s+|echt\s+|totaal\s+|"
    r"absoluut\s+)?(?:niet|nooit)\b")
_NOT_BEFORE: Final = re.compile(r"\b(?:niet|geen|nooit)\s+(?:[\w'-]+\s+)?$")


def _cue_kind(word: str) -> str | None:
    if word in lex.GROUP_THREATS:
        return "threat"
    if word in lex.HATE_EMOTIONS and word != "uitstaan":
        return "emotion"
    if word in lex.DEHUMANISING or word in lex.NEGATIVE_ATTRIBUTES:
        return "attribute"
    term = _lookup(word)
    if term is not None and term.strength in (lex.STRONG, lex.WEAK):
        return "attribute"
    for prefix in lex.CURSE_PREFIXES[:5]:   # "kankerirritant", "kutvolk"
        if word.startswith(prefix) and (word[len(prefix):] in lex.NEGATIVE_ATTRIBUTES
                                        or word[len(prefix):] in lex.DEHUMANISING):
            return "attribute"
    return None


def _sentence_cues(doc: _Doc, start: int, end: int) -> list[tuple[str, int, int]]:
    """The hateful things said in text[start:end]: (kind, start, end), negated ones
    left out ("zijn niet lui", "geen dieven"); a negated positive is a cue itself."""
    text = doc.norm.text
    cues: list[tuple[str, int, int]] = []
    history = _HISTORY.search(text, start, end) is not None
    told = history and not _WISH.search(text, start, end)   # told, not wished
    for match in _HATE_PHRASES.finditer(text, start, end):
        said = match.lastgroup or "attribute"
        if told and said in ("threat", "implicit", "exclusion"):
            continue   # "Homo's zijn vroeger in veel landen opgesloten"
        if said == "implicit" and _NOT_BEFORE.search(text[max(start, match.start() - 20):
                                                          match.start()]):
            continue   # "zijn niet minder waard"
        cues.append((said, match.start(), match.end()))
    toks = doc.toks_between(start, end)
    for i, tok in enumerate(toks):
        kind = _cue_kind(tok.word)
        if kind is None or any(c[1] <= tok.start < c[2] for c in cues):
            continue
        if _NOT_BEFORE.search(text[max(start, tok.start - 20):tok.start]):
            continue
        nxt = toks[i + 1].word if i + 1 < len(toks) else ""
        if kind == "threat" and history:
            continue   # "Joden werden in de oorlog vermoord"
        if kind == "emotion" and nxt == "het":
            continue   # "ik haat het als ...": a feeling about what happens
        if (kind == "attribute" and tok.word.endswith("e") and nxt
                and _cue_kind(nxt) is None and nxt not in _GROUP_SET
                and nxt not in lex.FUNCTION_WORDS and nxt not in lex.PERSON_NOUNS
                and nxt not in lex.GROUP_PERSONS):
            continue   # "een gevaarlijke reis": said of the journey, not of the group
        cues.append((kind, tok.start, tok.end))
    return cues


_GROUP_KINDS: Final = {"threat": ("threat", "discrimination"),
                       "exclusion": ("exclusion", "discrimination")}


def _group_hits(doc: _Doc) -> list[_Hit]:
    """Hate against a group: a group and a hateful cue in one sentence ("ik haat
    moslims", "Waarom zijn Marokkanen altijd zulke criminelen?"), or a cue about "ze" in
    the sentence after the group ("Er komen Marokkanen in de klas. Ze zijn tuig.").
    Insults at other groups of people ("alle brugklassers zijn snotapen") are insults."""
    text = doc.norm.text
    groups = [(m.start(), m.end()) for m in _PROTECTED_GROUP.finditer(text)]
    hits: list[_Hit] = []
    sentences = doc.sent_bounds or [(0, len(text))]
    for number, (s_start, s_end) in enumerate(sentences):
        here = [g for g in groups if s_start <= g[0] < s_end]
        before = [g for g in groups if number and sentences[number - 1][0] <= g[0]
                  < sentences[number - 1][1]]
        cues = None
        if _VICTIM.search(text, s_start, s_end):
            pass   # the group is the one wronged, or the wrong is condemned
        elif here:
            cues = _sentence_cues(doc, s_start, s_end)
            cues = [c for c in cues if not any(g[0] <= c[1] < g[1] for g in here)]
        elif before and (_REFERS_BACK.search(text, s_start, s_end) or len(
                doc.toks_between(*sentences[number - 1])) <= 4):   # "Joden? Tuig."
            cues = _sentence_cues(doc, s_start, s_end)
            here = [(s_start, s_start)]
        if cues:
            g_start = min(g[0] for g in here)
            g_end = max(g[1] for g in here)
            if re.search(r"\bniet\s+(?:alle|elke|iedere)\s+$", text[s_start:g_start]):
                cues = [c for c in cues if c[0] not in ("attribute", "implicit")]
            for kind, c_start, c_end in cues:
                if kind == "emotion" and (_NEGATED_AFTER.search(text[c_end:s_end]) or re.search(
                        r"^[^,;.!?]{0,30}?\b(?:helemaal\s+|echt\s+)?niet\b",
                        text[max(g_end, c_end):s_end])):
                    continue   # "ik haat moslims helemaal niet"
                for abuse_kind in _GROUP_KINDS.get(kind, ("discrimination",)):
                    hits.append(_Hit(abuse_kind, min(g_start, c_start), max(g_end, c_end),
                                     "group"))
            continue
        for match in _PEOPLE_PLURAL.finditer(text, s_start, s_end):
            for kind, _c_start, c_end in _sentence_cues(doc, match.end(), s_end):
                if kind == "attribute":
                    hits.append(_Hit("insult", match.start(), c_end, "group"))
                    break
    return hits


_INTERJECTION_TAIL: Final = frozenset("man joh gast zeg jongens mensen".split())


def _literal_sense(doc: _Doc, tok: _Tok) -> bool:
    """Whether a word that can be a slur is used in its ordinary sense: an animal at the
    zoo ("makaken", "teef" with puppies), a people in geography or history ("Mongolen"
    with a capital, "Dzjengis Khan")."""
    context = lex.LITERAL_SENSES.get(tok.word)
    if context is None:
        return False
    if tok.cap and not tok.sentence_initial and tok.word in lex.PEOPLE_NAMES:
        return True
    return re.search(context, doc.sentence_text(tok.sentence)) is not None


def _lexicon_hits(doc: _Doc) -> list[_Hit]:
    toks = doc.toks
    hits: list[_Hit] = []
    for i, tok in enumerate(toks):
        term = _lookup(tok.word, tok.stretched)
        adjective = tok.word in _ADJECTIVES
        if term is None and not adjective:
            continue
        before = [t for t in toks[max(0, i - 6):i] if t.clause == tok.clause]
        if any(t.word in lex.NEGATIONS for t in before[-4:]):
            continue
        if _literal_sense(doc, tok):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].clause == tok.clause else None
        if (nxt is not None and tok.word in lex.PROFANITY and nxt.word in _INTERJECTION_TAIL
                and (i + 2 >= len(toks) or toks[i + 2].clause != tok.clause)):
            continue   # "Tering man, ...": a curse at the situation
        if nxt is not None and adjective:
            kind = _noun_class(nxt.word)
            mild_ok = kind is not None and (nxt.word not in lex.PERSON_NOUNS
                                            or tok.word not in lex.MILD_ADJ)
            if kind is not None and mild_ok:
                if tok.word in lex.SEXUAL_ADJ:
                    kind = lex.SEXUAL
                hits.append(_Hit(kind, tok.start, nxt.end, "lexicon", strength="adjective"))
                continue
        if term is None:
            continue
        after = [t for t in toks[i + 1:i + 3] if t.clause == tok.clause]
        if term.strength == lex.STRONG and (not term.plural
                                            or term.category == lex.DISCRIMINATION):
            ok = not _self_directed(before)   # a slur in the plural is still a slur
        elif term.strength == lex.IDENTITY:
            ok = _aimed_identity(before, tok, doc)
        else:
            ok = _aimed(before, after) and not _self_directed(before)
        if ok:
            hits.append(_Hit(term.category, tok.start, tok.end, "lexicon",
                             strength=term.strength))
    return hits


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


class _Rule(NamedTuple):
    kind: str
    source: str                     # the pattern, compiled the first time it is needed
    family: str
    trigger: frozenset[str]         # the rule only runs when one of these words occurs
    sports_exempt: bool = False
    negation_inside: bool = True
    addressed: bool = False         # counts only in a text that speaks to someone ("je")

    @property
    def pattern(self) -> re.Pattern[str]:
        # Compiling all rules takes longer than analysing a post; a one-off check
        # compiles only the rules its words trigger.
        return _compiled(self.source)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _rule(kind: str, family: str, trigger: str, pattern: str, *, sports: bool = False,
          negation_inside: bool = True, addressed: bool = False) -> _Rule:
    return _Rule(kind, pattern, family, frozenset(trigger.split()), sports, negation_inside,
                 addressed)


_ADV: Final = (
    r"(?:echt|helemaal|gewoon|nog|wel|zo|straks|morgen|vandaag|vanavond|vanmiddag|na school|"
    r"compleet|totaal|eens|ff|even|kei|keihard|echt wel|zeker|nou|toch|allemaal|dan|niet|"
    r"nooit|ooit|later|maandag|eerst|lekker|persoonlijk|zelf)"
)
_ADVS: Final = rf"(?:{_ADV}\s+){{0,3}}"
_OBJ: Final = r"(?P<tgt>je|jou|jullie|u|hem|haar|hen|ze|iedereen|[a-z][a-z'-]+)"
_SUBJ1: Final = r"(?:ik|we|wij)"
_W: Final = r"(?:[\w'-]+\s+)"

# Dim: said of a person's mind.
_DIM: Final = r"(?:dom|stom|achterlijk|onnozel|dommig|debiel|stupide|idioot|zwakzinnig)"

# Separable threat verbs with their particles: "ik maak je af", "dan sla ik je in elkaar".
_THREAT_VERBS: Final = (
    (r"maak|maken", r"af|dood|kapot|kaal|koud"),
    (r"sla|slaan", r"in elkaar|dood|kapot|verrot|tot moes|bont en blauw|knock-?out|ko|neer"),
    (r"steek|steken", r"neer|dood|lek|overhoop|kapot"),
    (r"schiet|schieten|knal|knallen", r"neer|dood|overhoop|kapot|lek"),
    (r"trap|trappen|ram|rammen|beuk|beuken|mep|meppen|schop|schoppen",
     r"in elkaar|dood|verrot|kapot|helemaal in elkaar"),
)
_THREAT_INF: Final = (
    r"afmaken|af maken|doodmaken|dood maken|kapotmaken|kapot maken|kapot slaan|vermoorden|"
    r"doodslaan|in elkaar slaan|in elkaar trappen|"
    r"in elkaar rammen|in elkaar beuken|verrot slaan|neersteken|doodsteken|neerschieten|"
    r"doodschieten|neerknallen|afknallen|slaan|schoppen|steken|pakken|te pakken nemen|"
    r"opwachten|wurgen|verkrachten|ophangen|afslachten|martelen|kapotslaan|mollen|"
    r"een klap geven|een pak slaag geven|in de fik steken|grijpen|elimineren"
)
_HIT_WORDS: Final = (
    r"klappen|slaag|een\s+pak\s+slaag|een\s+klap|een\s+dreun|een\s+knal|een\s+mes|"
    r"een\s+kogel|ervan\s+langs|op\s+je\s+(?:bek|muil|smoel|donder|flikker|sodemieter|lazer|"
    r"kanis|kop|falie)"
)


def _threat_rules() -> list[_Rule]:
    rules: list[_Rule] = []
    for verbs, particles in _THREAT_VERBS:
        sports = verbs.startswith("maak")
        trigger = verbs.replace("|", " ")
        rules.append(_rule("threat", "threat", trigger,
                           rf"\b{_SUBJ1}\s+(?:{verbs})\s+{_OBJ}\s+{_ADVS}(?:{particles})\b",
                           sports=sports))
        rules.append(_rule("threat", "threat", trigger,
                           rf"\b(?:{verbs})\s+{_SUBJ1}\s+{_OBJ}\s+{_ADVS}(?:{particles})\b",
                           sports=sports))
    modal = "ga gaan zal zullen kom komen wil willen"
    rules += [
        _rule("threat", "threat", modal,
              rf"\b{_SUBJ1}\s+(?:ga|gaan|zal|zullen|kom|komen|wil|willen)\s+{_OBJ}\s+{_ADVS}"
              rf"(?:{_THREAT_INF})\b", sports=True),
        _rule("threat", "threat", modal,
              rf"\b(?:ga|gaan|zal|zullen|kom|komen)\s+{_SUBJ1}\s+{_OBJ}\s+{_ADVS}"
              rf"(?:{_THREAT_INF})\b", sports=True),
        _rule("threat", "threat",
              "vermoord vermoorden wurg wurgen verkracht verkrachten mol mollen",
              rf"\b{_SUBJ1}\s+(?:vermoord|vermoorden|wurg|wurgen|verkracht|verkrachten|mol|"
              rf"mollen)\s+{_OBJ}\b"),
        _rule("threat", "threat", "weet",
              rf"\bik\s+weet\s+{_ADVS}waar\s+(?:je|jij|jullie|u)\s+(?:woont|wonen|woon|slaapt|"
              r"zit)\b"),
        _rule("threat", "threat", "pas",
              r"\bpas\s+(?:(?:jij|jullie|je)\s+)?maar\s+(?:(?:heel\s+)?goed\s+)?op\b"
              r"(?!\s+(?:voor|met\s+(?:de|het)|bij|dat|als|op|de|het|je\s+(?:spullen|tas)))"),
        _rule("threat", "threat", "pas",
              r"\bpas\s+(?:jij|jullie)\s+op\b(?!\s+(?:voor|met\s+(?:de|het)|bij|dat|als|op))"),
        _rule("threat", "threat", "kijk",
              r"\bkijk\s+(?:(?:jij|jullie)\s+)?maar\s+uit\b"
              r"(?!\s+(?:voor|met|naar|het|de|door|bij|op))"),
        _rule("threat", "threat", "eraan aan",
              rf"\b(?:je|jij|jullie|u|hij|zij|ze)\s+(?:gaat|gaan)\s+{_ADVS}er\s?aan\b",
              sports=True),
        _rule("threat", "threat", "dood geweest lul af",
              rf"\b(?:je|jij|jullie)\s+(?:bent|zijn)\s+{_ADVS}(?:dood|er\s+geweest|de\s+lul|"
              r"nog\s+niet\s+van\s+(?:me|mij|ons)\s+af)\b", sports=True),
        _rule("threat", "threat", "dood lul sjaak klos geweest beurt",
              r"\b(?:morgen|straks|na\s+school|vanmiddag|maandag|dan|anders)\s+(?:ben|zijn)\s+"
              r"(?:je|jij|jullie)\s+(?:dood|de\s+lul|de\s+sjaak|de\s+klos|er\s+geweest|"
              r"aan\s+de\s+beurt)\b", sports=True),
        _rule("threat", "threat", "krijgt krijg krijgen",
              rf"\b(?:je|jij|jullie)\s+(?:krijgt|krijg|krijgen)\s+{_ADVS}(?:{_HIT_WORDS})\b"),
        _rule("threat", "threat", "krijgt krijg",
              rf"\b(?:krijg|krijgt)\s+(?:je|jij|jullie)\s+{_ADVS}(?:{_HIT_WORDS})\b"),
        _rule("threat", "threat", "krijg krijgen pak pakken",
              rf"\b{_SUBJ1}\s+(?:krijg|krijgen|pak|pakken)\s+(?:je|jou|jullie|hem|haar)\s+"
              rf"{_ADVS}(?:nog\s+)?(?:wel|te\s+pakken)\b"),
        _rule("threat", "threat", "bezuren berouwen",
              r"\b(?:dat|dit)\s+(?:ga|gaan|zal|zul|zult|zullen)\s+(?:je|jij|jullie)\s+"
              rf"{_ADVS}(?:bezuren|berouwen)\b"),
        _rule("threat", "threat", "wacht",
              r"\bwacht\s+(?:(?:jij|jullie)\s+)?maar\s+(?:tot|totdat)\s+(?:na\s+school|"
              r"(?:ik|we)\s+(?:je|jou|jullie)\s+(?:zie|zien|vind|vinden|pak|pakken|te\s+pakken))"),
        _rule("threat", "threat", "mes messen pistool wapen vuurwapen bom geweer",
              rf"\b{_SUBJ1}\s+(?:neem|nemen|breng|brengen|kom|komen)\s+{_ADVS}(?:met\s+)?"
              r"(?:een|mijn|m'n|het|ons)\s+(?:mes|messen|pistool|wapen|vuurwapen|bom|geweer)\b"),
        _rule("threat", "threat", "opblazen fik neerschieten aanvallen beschieten",
              rf"\b{_SUBJ1}\s+(?:ga|gaan|zal|zullen)\s+{_ADVS}(?:de|deze|jullie|die|jouw)?\s*"
              r"school\s+(?:opblazen|in\s+de\s+fik\s+steken|neerschieten|aanvallen|"
              r"beschieten)\b"),
        _rule("threat", "threat", "school",
              rf"\b{_SUBJ1}\s+(?:blaas|blazen|schiet|schieten)\s+(?:de|deze|jullie|die)\s+school"
              r"\s+(?:op|neer|plat|kapot)\b"),
        _rule("threat", "threat", "brand fik",
              rf"\b{_SUBJ1}\s+(?:steek|steken)\s+(?:je|jouw|zijn|haar|z'n|hun)\s+(?:huis|auto|"
              r"fiets|scooter)\s+in\s+(?:de\s+fik|brand)\b"),
    ]
    return rules


_XOBJ: Final = (
    r"(?P<tgt>hem|haar|hen|ze|(?:die|dat|deze)\s+(?:jongen|meisje|meid|gast|kind|gozer|"
    r"leerling|nieuwe)|[a-z][a-z'-]+)"
)
_GROUP_CHAT: Final = r"(?:groep|app|groepsapp|chat|klassenapp)"


def _exclusion_rules() -> list[_Rule]:
    def rule(trigger: str, pattern: str, negation_inside: bool = True) -> _Rule:
        return _rule("exclusion", "exclusion", trigger, pattern,
                     negation_inside=negation_inside)

    shut_out = "blokkeren negeren ontvolgen unfollowen uitsluiten buitensluiten verwijderen"
    return [
        rule(shut_out + " kicken dumpen uit",
             rf"\b(?:iedereen|jullie|allemaal|we|wij|jongens|mensen|allen|dus)\s+{_W}{{0,2}}?"
             r"(?:moet|moeten|gaat|gaan|mag|mogen|kan|kunnen|zal|zullen)\s+(?:\w+\s+)?"
             rf"{_XOBJ}\s+{_W}{{0,2}}?(?:blokkeren|negeren|ontvolgen|unfollowen|uitsluiten|"
             rf"buitensluiten|verwijderen|kicken|dumpen|uit\s+de\s+(?:{_GROUP_CHAT}|klas)"
             r"\s+(?:gooien|zetten|halen|schoppen|trappen|kicken))\b"),
        rule("niemand",
             rf"\bniemand\s+{_W}?(?:mag|moet|gaat|wil|kan)\s+(?:(?:nog|meer|ooit)\s+)*"
             rf"(?:met|naast|bij)\s+{_XOBJ}\s+{_W}{{0,2}}?(?:praten|spelen|omgaan|chatten|"
             r"appen|afspreken|zitten|lopen|kletsen|optrekken|samenwerken|staan)\b"),
        rule("niemand",
             rf"\bniemand\s+(?:mag|moet|gaat|wil)\s+{_XOBJ}\s+(?:(?:nog|meer)\s+)*(?:uitnodigen|"
             r"helpen|antwoorden|volgen|appen|leuk\s+vinden)\b"),
        rule("niemand", rf"\bniemand\s+(?:vindt|mag)\s+{_XOBJ}\s+{_ADVS}(?:leuk|aardig)\b"),
        rule("niemand",
             rf"\bniemand\s+(?:praat|speelt|zit|appt|chat|kletst|trekt)\s+(?:nog\s+)?meer\s+"
             rf"(?:met|naast|bij)\s+{_XOBJ}\b"
             r"(?=[^.!?]{0,30}(?:vanaf|afgesproken|deal|oke|!|\?))"),
        rule(shut_out + " dumpen",
             r"\b(?:iedereen|allemaal|jongens)\s+(?:blokkeren|negeren|ontvolgen|unfollowen|"
             r"verwijderen|dumpen)(?:\s+en\s+(?:blokkeren|negeren|ontvolgen|unfollowen|"
             r"verwijderen|dumpen))?\s+(?:die|dat|deze|hem|haar)\b"),
        rule("gooi zet schop kick trap verwijder haal",
             rf"\b(?:gooi|zet|schop|kick|trap|verwijder|haal)\s+(?:d'r|'m|{_XOBJ})\s+{_W}?"
             r"(?:eruit|uit\s+de\s+"
             rf"(?:{_GROUP_CHAT}|klas|team|club))\b"),
        rule("groep app groepsapp chat klassenapp",
             rf"\b{_XOBJ}\s+{_W}?uit\s+de\s+{_GROUP_CHAT}\s+"
             r"(?:gooien|schoppen|trappen|kicken|zetten|verwijderen)\b"),
        rule("negeren blokkeren ontvolgen dumpen",
             rf"\b(?:we|wij|jullie|iedereen)\s+{_W}?(?:negeren|blokkeren|ontvolgen|dumpen)\s+"
             rf"{_XOBJ}\b"),
        rule("buiten",
             r"\b(?:we|wij|jullie|iedereen)\s+(?:sluiten|sluit)\s+(?:hem|haar|hen)\s+buiten\b"),
        rule("hoort",
             r"\b(?P<tgt>hij|zij|ze|[a-z][a-z'-]+)\s+hoort\s+(?:er|hier)\s+niet\s+(?:bij|thuis)\b",
             negation_inside=False),
        rule("doe",
             r"\bdoe\s+(?:alsof|of)\s+(?P<tgt>hij|zij|ze|[a-z][a-z'-]+)\s+(?:lucht\s+is|niet\s+"
             r"bestaat|er\s+niet\s+is|onzichtbaar\s+is)\b", negation_inside=False),
        rule("zonder",
             rf"\bmaak\s+een\s+(?:nieuwe\s+)?{_GROUP_CHAT}\s+zonder\s+{_XOBJ}\b"),
    ]


def _phrase_rules() -> list[_Rule]:
    def insult(trigger: str, pattern: str) -> _Rule:
        return _rule("insult", "phrase", trigger, pattern)

    def sexual(trigger: str, pattern: str) -> _Rule:
        return _rule("sexual", "phrase", trigger, pattern)

    def discrimination(trigger: str, pattern: str) -> _Rule:
        return _rule("discrimination", "phrase", trigger, pattern)

    groups = "|".join(re.escape(g) for g in sorted(lex.GROUPS_PLURAL, key=len, reverse=True))
    group_bad = (
        r"(?:terroristen|tuig|dieven|criminelen|ratten|apen|beesten|kakkerlakken|parasieten|"
        r"uitschot|minderwaardig|ziek|vies|smerig|dom|achterlijk|het\s+land\s+uit|oprotten|"
        r"opgerot|weg|dood|vergast|vergassen|uitgeroeid|uitroeien|afgeschoten|"
        r"terug\s+naar\s+(?:hun|hun\s+eigen)\s+land|niet\s+welkom|hier\s+niet|"
        r"allemaal\s+hetzelfde)"
    )
    soft = r"(?:toch|maar|lekker|gewoon|nou|ff)"
    return [
        insult("op",
               r"\b(?:kanker|tering|tyfus|kolere|klere|pleuris|sodemieter|flikker|lazer|donder|"
               rf"rot|fuck)\s+(?:(?:{soft}|eens|jij|jullie)\s+)*op\b"
               r"(?!\s+(?:de|het|een|je|mijn|m'n|zijn|haar|onze|dit|dat|tafel|straat|school))"),
        insult("krijg",
               r"\bkrijg\s+(?:(?:toch|maar|lekker|nou|jij)\s+)*(?:de|het|een)\s+(?:kanker|tering|"
               r"tyfus|pest|klere|kolere|pleuris|takke|vinkentering|ziekte|rambam)\b"),
        insult("dood",
               rf"(?<!ik )(?<!we )(?<!wij )\b(?:ga|val)\s+(?:{soft}\s+)*dood\b"
               r"(?!\s+(?:van|aan|bij|om|als))"),
        insult("hoop hopelijk",
               rf"\b(?:ik\s+hoop|hopelijk)\s+(?:dat\s+)?(?:je|jij|jullie|hij|zij)\s+{_ADVS}"
               r"(?:doodgaat|dood\s+gaat|doodgaan|kanker\s+krijgt|creperen|crepeert|verrekt|"
               r"verrekken|sterft|sterven|verdrinkt)\b"),
        insult("mag",
               rf"\bje\s+mag\s+{_ADVS}(?:doodgaan|dood\s+gaan|doodvallen|creperen|verrekken)\b"),
        insult("hang verhang",
               rf"\b(?:hang|verhang)\s+(?:je|jezelf)\s+(?:{soft}\s+)*op\b"),
        insult("zelfmoord suicide",
               rf"\b(?:pleeg|doe)\s+(?:{soft}\s+)*(?:zelfmoord|suicide)\b"),
        insult("spring",
               rf"\bspring\s+(?:{soft}\s+)*(?:voor|van)\s+(?:de\s+trein|een\s+flat|het\s+dak)\b"),
        insult("fuck", r"\bfuck\s+(?:you|jou|je|u|jullie|off)\b"),
        # Belittling the reader, as a teacher might: "ik snap niet hoe iemand zo dom kan zijn"
        # (in a message to someone), "je werkstuk is echt waardeloos".
        _rule("insult", "phrase", "dom stom achterlijk onnozel dommig debiel stupide idioot "
              "zwakzinnig",
              r"\b(?:(?:snap|snapt|begrijp|begrijpt|weet)\s+(?:echt\s+|gewoon\s+|werkelijk\s+|"
              r"oprecht\s+)?(?:niet|nie)\s+hoe\s+(?:je|jij|u|iemand|een\s+mens)\s+|hoe\s+(?:kan|kun|"
              r"kunt)\s+(?:iemand|een\s+mens)\s+)(?:nou\s+|toch\s+|echt\s+)?zo\s+(?:ontzettend\s+|"
              rf"ongelofelijk\s+)?{_DIM}\s+(?:(?:kan|kunt|kon)\s+)?(?:zijn|wezen)\b",
              negation_inside=False, addressed=True),
        _rule("insult", "phrase", "waardeloos bagger ruk kut klote kanker troep rommel prut "
              "prutswerk lachertje huilen janken grap aanfluiting shit waard peil kinderwerk "
              "dom stom achterlijk debiel",
              r"\b(?:je|jouw|uw)\s+(?:werk|werkstuk|toets|verslag|tekening|presentatie|huiswerk|"
              r"opdracht|boekverslag|spreekbeurt|schrift|handschrift|antwoord|antwoorden|essay|"
              r"project|proefwerk|tekst|gedicht|bijdrage|gedoe|praatje|verhaal|idee|ideeen)\s+"
              r"(?:is|was|zijn|waren)\s+(?:(?:echt|gewoon|totaal|helemaal|zo|compleet|werkelijk|"
              r"ook|weer|nog\s+steeds|egt|gwn|wel)\s+)*(?:waardeloos|bagger|ruk|kut|klote|kanker|"
              r"troep|rommel|prut|prutswerk|een\s+lachertje|om\s+te\s+huilen|om\s+te\s+janken|"
              r"een\s+grap|een\s+aanfluiting|shit|niks\s+waard|beneden\s+alle\s+peil|kinderwerk|"
              rf"{_DIM})\b", sports=True),
        insult("hou houd houdt",
               r"\bhou[dt]?\s+(?:je|jij|jullie)\s+(?:(?:kanker|kut|tering|tyfus|vuile|grote|"
               r"smerige)\s+)?(?:bek|kop|muil|smoel|waffel|snater|klep|kanis)\b"),
        sexual("stuur",
               r"\bstuur\s+(?:(?:me|mij|ons|even|eens|nou|ff|dan|nog|maar)\s+)*(?:een\s+)?"
               r"(?:naaktfoto|naaktfoto's|naakt\s+foto|naakte\s+foto|nudes?|nudie|dickpic|"
               r"foto\s+van\s+je\s+(?:tieten|borsten|kont|lul|pik|kut|lichaam|body))"),
        sexual("zien",
               r"\blaat\s+(?:je|jouw|jullie)\s+(?:tieten|borsten|kont|lul|pik|kut|piemel|ballen)"
               r"\s+(?:(?:eens|even|ff|nou|dan|maar)\s+)*zien\b"),
        sexual("neuken pijpen beffen naaien betasten vingeren bespringen verkrachten",
               rf"\b{_SUBJ1}\s+(?:wil|wil\s+graag|ga|gaan|zal)\s+(?:je|jou|haar|hem)\s+{_ADVS}"
               r"(?:neuken|pijpen|beffen|naaien|betasten|vingeren|bespringen|verkrachten)\b"),
        sexual("zuig lik pijp",
               r"\b(?:zuig|lik|pijp)\s+(?:mijn|m'n|me)\s*(?:lul|pik|piemel|ballen|kut|reet|kont)?"
               r"\b(?!\s+(?:vinger|duim|bord|ijsje|lolly))"),
        sexual("geil", rf"\b(?:je|jij)\s+(?:bent|ben)\s+{_ADVS}geil\b"),
        sexual("lekker", r"\blekker\s+(?:wijf|ding|stuk)\b"),
        discrimination(" ".join(lex.GROUPS_PLURAL),
                       rf"\b(?:alle|die|de|al\s+die|zulke|vieze|vuile|smerige|kut|kanker|tyfus)?"
                       rf"\s*(?:{groups})\s+(?:zijn|moeten|horen|mogen|verdienen|gaan|blijven)\b"
                       rf"(?:\s+[\w'-]+){{0,5}}?\s+{group_bad}\b"),
        discrimination("met",
                       r"\b(?:weg\s+met|dood\s+aan|rot\s+op\s+met|kanker\s+op\s+met)\s+(?:de\s+|"
                       r"die\s+|al\s+die\s+|alle\s+)?(?:(?:vieze|vuile|smerige)\s+)?"
                       rf"(?:{groups})\b"),
        discrimination("naar",
                       r"\b(?:ga|rot|donder|flikker|kanker|tyfus)\s+(?:(?:toch|maar|lekker|gewoon|"
                       r"nou|op)\s+)*(?:terug\s+)?naar\s+(?:je|jouw|jullie)\s+(?:eigen\s+)?"
                       r"(?:land|landje|woestijn|oerwoud|afrika|marokko|turkije)\b"),
        discrimination("terug",
                       r"\bterug\s+naar\s+(?:je|jullie)\s+(?:eigen\s+)?(?:land|landje|woestijn|"
                       r"oerwoud)\b"),
        discrimination("hitler", r"\bhitler\s+had\s+gelijk\b"),
    ]


_PRON2: Final = r"(?:je|jou|jij|jullie|u)"
_PRON3: Final = r"(?:hem|haar|hen|ze|d'r)"
_VIOLENCE: Final = (
    r"(?:sla|slaan|steek|steken|schiet|schieten|breek|breken|trap|trappen|schop|schoppen|"
    r"mep|meppen|snij|snijd|snijden|wurg|wurgen|ram|rammen|beuk|beuken|vermoord|vermoorden|"
    r"verbrand|verbranden|martel|martelen|stomp|stompen)"
)
_BODY: Final = (r"(?:tieten|borsten|kont|kontje|billen|lul|pik|piemel|bh|reet|ballen|"
                r"lichaam|body)")
_EMOJI_WEAPON: Final = "[\U0001F52A\U0001F5E1\U0001F52B\U0001F4A3]"   # knife, dagger, gun, bomb
_EMOJI_SEX: Final = "[\U0001F346\U0001F4A6\U0001F351\U0001F445\U0001F975]"
_EMOJI_DISGUST: Final = "[\U0001F92E\U0001F921\U0001F595]"   # vomit, clown, middle finger


def _cue_rules() -> list[_Rule]:
    """Broader constructions: a first-person subject with a violent verb and a target, a
    shut-out with "niemand", a body part with a look or a request, a group with a
    hateful predicate."""
    groups = "|".join(re.escape(g) for g in sorted(
        lex.GROUPS_PLURAL + list(lex.GROUPS_PEJORATIVE), key=len, reverse=True))
    group = rf"(?:alle\s+|die\s+|de\s+|zulke\s+|van\s+die\s+)?(?:{groups})"
    hateful = (
        r"(?:lui|dom|dommer|achterlijk|vies|smerig|stinken|stinkt|ziek|gestoord|crimineel|"
        r"criminelen|dieven|tuig|terroristen|uitschot|minderwaardig|parasieten|ratten|apen|"
        r"beesten|kakkerlakken|ongedierte|niks\s+te\s+zoeken|niets\s+te\s+zoeken|"
        r"pikken\s+onze|verpesten|zuipen|stelen|jatten|profiteurs|uitvreters|"
        r"in\s+de\s+keuken|achter\s+het\s+aanrecht|oprotten|dood|vergassen|uitroeien|"
        r"het\s+land\s+uit|terug\s+naar|eruit|weg\s+uit)"
    )
    threat = [
        _rule("threat", "threat", "ik we wij",
              rf"\b(?:ik|we|wij)\s+{_W}{{0,3}}?{_VIOLENCE}\s+{_W}{{0,2}}?"
              rf"(?P<tgt>{_PRON2}|{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\b", sports=True),
        _rule("threat", "threat", "ik we wij",
              rf"\b{_VIOLENCE}\s+(?:ik|we|wij)\s+{_W}{{0,2}}?(?P<tgt>{_PRON2}|{_PRON3})\b",
              sports=True),
        _rule("threat", "threat", "halen",
              rf"\bik\s+kom\s+(?P<tgt>{_PRON2}|{_PRON3})\s+{_W}{{0,3}}?halen\b"),
        _rule("threat", "threat", "spijt",
              rf"\b(?:je|jij|jullie|hij|zij|ze)\s+(?:gaat|gaan|zal|zult|zullen)\s+{_W}{{0,3}}?"
              r"spijt\s+(?:van\s+)?(?:krijgen|hebben)\b"),
        _rule("threat", "threat", "wacht", r"\bwacht\s+(?:jij\s+|jullie\s+)?maar\s+af\b"),
        _rule("threat", "threat", "wacht",
              r"\bwacht\s+(?:jij\s+|jullie\s+)?maar\s+tot\b[^.!?\n]{0,40}?\bdan\s+"
              r"(?:ben|zijn|krijg|krijgt|ga|gaat)\b"),
        _rule("threat", "threat", "uitkijken",
              rf"\b(?:moet|moeten)\s+{_W}{{0,3}}?uitkijken\b"),
        _rule("threat", "threat", "let",
              r"\blet\s+maar\s+(?:goed\s+)?op\s+(?:je|jouw)\s+\w+"),
        _rule("threat", "threat", "weet", r"\bdan\s+weet\s+(?:hij|zij|ze|je|jij)\s+het\s+wel\b"),
        _rule("threat", "threat", "krijgt krijgen",
              rf"\bwie\s+{_W}{{1,8}}?(?:krijgt|krijgen)\s+{_ADVS}(?:{_HIT_WORDS})\b"),
        _rule("threat", "threat", "of",
              r"\bof\s+ik\s+(?:zeg|vertel|zet|stuur|post|deel|laat)\b(?!\s+het\s+wel\s+even)"),
        _rule("threat", "threat", "online rond groep",
              rf"\bik\s+(?:zet|post|deel|stuur)\s+{_W}{{0,3}}?(?:online|rond|door|"
              r"in\s+de\s+groep)\s+als\s+(?:je|jij)\s+niet\b", negation_inside=False),
        _rule("threat", "threat", "school fik brand",
              rf"\b(?:ik|we)\s+(?:steek|steken)\s+{_W}{{0,3}}?school\s+in\s+(?:de\s+fik|brand)\b"),
        _rule("threat", "threat", "",
              rf"{_EMOJI_WEAPON}[^.!?\n]{{0,40}}?\b(?:morgen|straks|vanavond|vanmiddag|na\s+school|"
              rf"bij|je|jij|jou|hem|haar|school)\b|\b(?:morgen|straks|vanavond|na\s+school|je|"
              rf"jij|jou|hem|haar)\b[^.!?\n]{{0,40}}?{_EMOJI_WEAPON}"),
    ]
    exclusion = [
        _rule("exclusion", "exclusion", "niemand",
              rf"\bniemand\s+{_W}{{0,3}}?(?:praat|praten|speelt|spelen|zit|zitten|nodigt|loopt|"
              r"kletst|chat|appt|helpt|kiest|kijkt)\s+(?:[\w'-]+\s+){0,2}?(?:met|naast|bij)?\s*"
              rf"(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\b", negation_inside=False),
        _rule("exclusion", "exclusion", "niemand",
              r"\b(?:praat|praten|speelt|spelen|zit|zitten)\s+niemand\s+(?:[\w'-]+\s+){0,2}?"
              rf"(?:met|naast|bij)\s+(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\b",
              negation_inside=False),
        _rule("exclusion", "exclusion", "geen",
              r"\bgeen\s+(?:1|een|enkele?)\s+\w+\s+(?:mag|gaat|wil)\s+(?:[\w'-]+\s+){0,2}?"
              rf"(?:met|naast)\s+(?P<tgt>{_PRON3}|[a-z][a-z'-]+)\b", negation_inside=False),
        _rule("exclusion", "exclusion", "uit",
              rf"\bwie\s+(?:met|naast)\s+(?P<tgt>{_PRON3}|[a-z][a-z'-]+)\s+{_W}{{0,2}}?"
              r"(?:praat|speelt|zit|omgaat)\s+(?:ligt|vliegt|is)\s+(?:er\s+)?(?:ook\s+)?uit\b"),
        _rule("exclusion", "exclusion", "blok blokkeer ban ontvolg negeer kick verwijder unfollow",
              r"(?:^|[.!?,\n]\s*|\ben\s+)(?:blok|blokkeer|ban|ontvolg|negeer|kick|verwijder|"
              rf"unfollow)\s+(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\b"),
        _rule("exclusion", "exclusion", "eruit",
              rf"\bhaal\s+(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\s+{_W}?eruit\b"),
        _rule("exclusion", "exclusion", "hoort horen",
              r"\b(?P<tgt>hij|zij|ze|[a-z][a-z'-]+)\s+(?:hoort|horen)\s+(?:er\s+|hier\s+)?"
              r"(?:toch\s+|gewoon\s+|echt\s+)?niet\s+(?:bij\s+(?:ons|de\s+groep|de\s+klas)|"
              r"bij\b|thuis\b)", negation_inside=False),
        _rule("exclusion", "exclusion", "uitnodigen toevoegen",
              rf"\b(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\s+niet\s+(?:uitnodigen|toevoegen|"
              r"laten\s+meedoen)\b", negation_inside=False),
        _rule("exclusion", "exclusion", "uit",
              r"\b(?:moet|moeten)\s+uit\s+de\s+\w*(?:groep|klas|team|app|chat)\b"),
        _rule("exclusion", "exclusion", "doe doen",
              r"\bdoen?\s+(?:[\w'-]+\s+){0,2}?(?:alsof|of)\s+(?P<tgt>hij|zij|ze|[a-z][a-z'-]+)\s+"
              r"(?:lucht\s+is|niet\s+bestaat|er\s+niet\s+is|onzichtbaar\s+is)\b",
              negation_inside=False),
        _rule("exclusion", "exclusion", "horen hoort blijf mee",
              r"\b(?:horen|hoort)\s+(?:hier\s+)?niet\s+(?:in|op)\s+(?:de|het|onze|ons|deze)\b"
              r"|\bblijf\s+uit\s+(?:de|het|onze)\s+\w+"
              r"|\b(?:doen|doet|mogen|mag)\s+niet\s+mee\s+(?:met|in|bij)\s+(?:ons|onze)\b",
              negation_inside=False),
    ]
    sexual = [
        _rule("sexual", "phrase", "stuur sturen snap snappen send laat",
              rf"\b(?:stuur|sturen|snap|snappen|send|laat)\s+{_W}{{0,3}}?(?:nudes?|naakt\w*|"
              r"sexy\s+\w+|sxy\s+\w+|pics?\s+zonder|"
              rf"foto'?s?\s+van\s+je\s+(?:{_BODY}|in\s+je\s+\w+)|je\s+{_BODY}|meer)\b"),
        _rule("sexual", "phrase", "sexy sxy naakt nudes nude",
              r"\b(?:sexy|sxy|naakt\w*|nudes?)\s+(?:[\w'-]+\s+){0,2}?(?:sturen|stuur|snappen|"
              r"snap|sturen)\b"),
        _rule("sexual", "phrase", "nudes nude",
              r"\bnudes?\b[^.!?\n]{0,30}?\b(?:of\s+ik|pls|plz|please|van\s+(?:je|jou)|online|"
              r"je|jij)\b|\b(?:je|jouw|jij)\b[^.!?\n]{0,20}?\bnudes?\b"),
        _rule("sexual", "phrase", "lekker geil grote mooie dikke strakke kijk kijken zien foto "
                                  "snap voelen voel",
              rf"\b(?:lekker|geil|geile|grote|mooie|dikke|strakke|kijk\w*|zien|foto|snap|voel\w*)"
              rf"\s+{_W}{{0,4}}?{_BODY}\b(?!\s+(?:van\s+de|kant|beweging))"),
        _rule("sexual", "phrase", "geil geile sexy hot milf",
              r"\b(?:geil|geile|sexy|hot)\s+(?:[\w'-]+\s+){0,2}?(?:in\s+die\s+\w+|wijf|ding|milf|"
              r"juf|meid|moeder|lerares)\b|\bmilf\b|\b(?:zo|echt|super)\s+geil\b"),
        _rule("sexual", "phrase", "",
              rf"\b(?:je|jou|jij|ik\s+wil|haar|hem)\b[^.!?\n]{{0,40}}?{_EMOJI_SEX}"
              rf"|{_EMOJI_SEX}[^.!?\n]{{0,20}}?\b(?:die|je|jij|haar)\b"),
        _rule("sexual", "phrase", "niemand delete verwijder tussen",
              r"\b(?:foto'?s|pics?|filmpjes?|video'?s)\b[^.!?\n]{0,60}?\b(?:niemand\s+(?:ziet|komt|"
              r"hoeft)|ik\s+(?:delete|verwijder)|blijft\s+tussen\s+ons)"
              r"|\b(?:niemand\s+(?:ziet|komt)|blijft\s+tussen\s+ons)\b[^.!?\n]{0,40}?"
              r"\b(?:foto'?s|pics?)\b", negation_inside=False),
        _rule("sexual", "phrase", "douche kleedkamer stiekem",
              r"\b(?:filmpje|foto|video|gefilmd|gefotografeerd)\b[^.!?\n]{0,50}?\b(?:onder\s+de\s+"
              r"douche|in\s+de\s+kleedkamer|stiekem\s+(?:gefilmd|gefotografeerd|opgenomen))"),
        _rule("sexual", "phrase", "iedereen",
              r"\b(?:doet|deed)\s+het\s+met\s+(?:iedereen|alle\s+\w+|de\s+halve)\b"),
        _rule("sexual", "phrase", "ouders", r"\bals\s+je\s+ouders\s+(?:weg|niet\s+thuis)\s+zijn\b",
              negation_inside=False),
        _rule("sexual", "phrase", "wilt wil", r"\bje\s+wilt?\s+het\s+toch\s+ook\b"),
    ]
    insult = [
        _rule("insult", "phrase", "boomer", r"\bok[eé]?\s+boomer\b"),
        _rule("insult", "phrase", "lijer",
              r"\b(?:kanker|tering|tyfus|kolere|klere)\s*lijer\b"),
        _rule("insult", "phrase", "grap clown",
              r"\b(?:je|jij)\s+(?:bent|ben)\s+(?:echt\s+)?(?:een\s+)?(?:grap|clown|lachertje)\b"),
        _rule("insult", "phrase", "",
              rf"\b(?:je|jij|jouw|jullie|die|dat|van)\b[^.!?\n]{{0,40}}?{_EMOJI_DISGUST}"),
        _rule("insult", "phrase", "", "\U0001F595"),
    ]
    discrimination = [
        _rule("discrimination", "phrase", " ".join(lex.GROUPS_PLURAL + list(lex.GROUPS_PEJORATIVE)),
              rf"\b{group}\s+(?:[\w'-]+\s+){{0,5}}?{hateful}\b"),
        _rule("discrimination", "phrase", " ".join(lex.GROUPS_PLURAL + list(lex.GROUPS_PEJORATIVE)),
              rf"\b{group}\s+(?:[\w'-]+\s+){{0,3}}?(?:horen|hoort)\s+(?:hier\s+)?niet\b"
              rf"|\b{group}\s+(?:zouden|moeten|mogen)\s+(?:niet|nooit)\s+(?:mogen\s+)?bestaan\b",
              negation_inside=False),
        _rule("discrimination", "phrase", "terug",
              r"\bterug\s+(?:in|naar)\s+(?:je|jouw|jullie)\s+(?:boom|oerwoud|hut|woestijn|"
              r"speciale\s+\w+)\b"),
        _rule("discrimination", "phrase", "speciale",
              r"\b(?:gehandicapt\w*|mongool\w*|downie|spast\w*|autist\w*)\b[^.!?\n]{0,60}?"
              r"\bspeciale\s+\w+"),
    ]
    return threat + exclusion + sexual + insult + discrimination


_ABUSE_RULES: Final = _threat_rules() + _exclusion_rules() + _phrase_rules() + _cue_rules()


_ALSO_THREAT: Final = re.compile(r"\bverkracht")

_TARGET_PRONOUNS: Final = frozenset(
    "je jou jullie u hem haar hen ze iedereen hij zij".split()
)


def _target_ok(doc: _Doc, match: re.Match[str]) -> bool:
    if "tgt" not in match.re.groupindex or match.start("tgt") < 0:
        return True
    target = match.group("tgt")
    if target in _TARGET_PRONOUNS:
        return True
    if " " in target:
        # "die gast", "die loser", "die nieuwe": a person; "die opmerking" is not
        head = target.split()[-1]
        return (head in lex.PERSON_NOUNS or head in ("nieuwe", "gozer", "kind", "sukkel")
                or _lookup(head) is not None or head in _GROUP_WORDS
                or target.split()[0] not in ("die", "dat", "deze"))
    start = match.start("tgt")
    if _name_ok(doc, start, match.end("tgt")):
        return True
    # students write names in lowercase: "gooi lisa uit de groep"
    lists = name_lists()
    return target.capitalize() in lists.first and target not in lists.common


def _rule_hits(doc: _Doc) -> list[_Hit]:
    text = doc.norm.text
    words = {t.word for t in doc.toks}
    hits: list[_Hit] = []
    for rule in _ABUSE_RULES:
        if rule.trigger and rule.trigger.isdisjoint(words):
            continue   # a rule without trigger words (emoji) always runs
        if rule.addressed and words.isdisjoint(lex.SECOND_PERSON):
            continue
        for match in rule.pattern.finditer(text):
            if not _target_ok(doc, match):
                continue
            if rule.negation_inside:
                inside = match.group()
                if rule.kind == "exclusion":
                    inside = inside.replace("niemand", "")
                before = text[max(0, match.start() - 14):match.start()]
                if NEGATION.search(inside) or re.search(r"\b(?:niet|nooit)\s+$", before):
                    continue
            hits.append(_Hit(rule.kind, match.start(), match.end(), rule.family,
                             rule.sports_exempt))
            if rule.kind == "sexual" and _ALSO_THREAT.search(match.group()):
                hits.append(_Hit("threat", match.start(), match.end(), "threat"))
    return hits


# Naming a word in order to talk about it: "woorden als 'kankerturk'", "'mongool' als
# scheldwoord gebruiken".
_MENTION: Final = re.compile(
    r"\b(?:woorden|termen|dingen|scheldwoorden)\s+als\b|\bals\s+(?:scheldwoord|belediging|"
    r"grap)\b|\bhet\s+woord\b")


_PROUD: Final = re.compile(
    r"\b(?:ik\s+ben|wij|we\s+zijn)\b[^.!?]{0,40}?\b(?:trots|trotse|proud|pride)\b|"
    r"\b(?:trots|trotse|proud)\b[^.!?]{0,20}?\b(?:ik|wij|we|ons|mijn|onze)\b")
# The writer makes a quote their own: "'weg met ze', zeg ik".
_ENDORSED: Final = re.compile(
    r"\b(?:zeg\s+ik|ik\s+zeg|mee\s+eens|ik\s+ook|precies|zo\s+is\s+het|daar\s+sta\s+ik\s+achter|"
    r"amen|hear\s+hear|eens\s+met)\b")


def _neutralised(doc: _Doc, hit: _Hit) -> bool:
    number = doc.sentence_of(hit.start)
    sentence = doc.sentence_text(number)
    quoted = doc.quoted(hit.start, hit.end)
    if hit.sports_exempt and set(sentence.split()) & lex.SPORT_WORDS:
        return True
    if hit.family == "lexicon" and REPORT.search(sentence):
        return True
    if quoted and _MENTION.search(sentence):
        return True
    if hit.family == "lexicon" and hit.kind == "discrimination" and _PROUD.search(sentence):
        return True    # "ik ben een Polak en trots": a word reclaimed by its own group
    if quoted and not _ENDORSED.search(sentence):
        return True    # abuse quoted, not said: "'moslims zijn tuig' is racisme"
    if hit.family == "group" and doc.sent_bounds and REPORT.search(sentence) and any(
            doc.sentence_of(q_start) == number for q_start, _q_end in doc.quotes):
        return True    # "hij werd 'aap' genoemd omdat hij zwart is"
    mentioned = quoted or bool(SPEECH.search(sentence))
    if COUNTER.search(sentence) and mentioned:
        return True
    return mentioned and bool(COUNTER.search(doc.sentence_text(number + 1))
                              or (number > 0 and COUNTER.search(doc.sentence_text(number - 1))))


_DOXX_PERSON: Final = (
    r"(?:(?:de|die|deze|dat|onze|jullie|mijn|je)\s+(?:[a-z]+e\s+)?"
    r"(?:leraar|lerares|juf|meester|docent|docente|mentor|directeur|concierge|jongen|meisje|"
    r"leerling|gast|buurman|buurvrouw|kind|joch|jochie|gozer|meid|sletje|wijf|trut|loser|"
    r"sukkel|kankerjoch|kutwijf|teamleider|conrector|rector|directrice|gymleraar|invaller)|"
    r"(?:juf|meester|meneer|mevrouw)\s+[a-z][a-z'-]+)"
)
_DOXX_TARGET: Final = rf"(?P<tgt>{_DOXX_PERSON}|(?:hem|haar|hij|zij|ze|die)\b|[a-z][a-z'-]+)"
_DOXX_WHAT: Final = (
    r"(?P<what>adres|huisadres|woonadres|telefoonnummer|nummer|mobiele\s+nummer|06|"
    r"06-nummer|e-?mailadres|mailadres|emailadres)"
)
_DOXX_CUES: Final = (
    re.compile(rf"\b(?:dit|hier|dat)\s+is\s+(?:het|zijn|haar|het\s+echte)?\s*{_DOXX_WHAT}"
               rf"\s+van\s+{_DOXX_TARGET}"),
    re.compile(rf"\b(?:zijn|haar|z'n|d'r)\s+{_DOXX_WHAT}\s*(?:is\b|:)"),
    re.compile(rf"\b(?:het\s+)?{_DOXX_WHAT}\s+van\s+{_DOXX_TARGET}\s*(?:is\b|:|gevonden\b)?"),
    re.compile(r"\b(?:hij|zij|ze)\s+(?:heet|woont)\b|\bde\s+naam\s+is\b"),
    # "Deze meneer Hendriks, de leraar die ..., woont op": the subject before a comma
    re.compile(rf"\b{_DOXX_TARGET},?\s+woont\s+(?:[\w'-]+\s+)?(?:op|aan|in|bij|naast)\b"),
    re.compile(rf"\bhier\s+woont\s+{_DOXX_TARGET}"),
    # "die juf van groep 5 woont gewoon op ...", "de conciërge, die mijn zoon uitschold, woont
    # aan ...": a person named by their role, then where they live in the same sentence
    re.compile(rf"\b(?P<tgt>{_DOXX_PERSON})\b[^.!?\n]{{0,70}}?\bwoont\s+(?:[\w'-]+\s+)?"
               r"(?:op|aan|in|bij|naast)\b"),
)
# A visit meant kindly: "juf Anna is jarig en woont op ..., wie gaat er mee met bloemen?"
_KIND_VISIT: Final = re.compile(
    r"\b(?:jarig|verjaardag|felicit\w*|kaart\w*|bloem\w*|cadeau\w*|kado\w*|beterschap|"
    r"taart|bezoekje|kraamvisite|kraambezoek)\b")
_NOT_A_PERSON: Final = frozenset(
    "school gemeente sporthal bibliotheek kantoor organisatie stichting website winkel "
    "club vereniging kerk moskee dokter huisarts ggd politie oma opa".split()
)


def _doxxing(doc: _Doc, hits: list[_Hit], data: list[Span]) -> list[_Hit]:
    text = doc.norm.text
    found: list[_Hit] = []
    nearby = [s for s in data if s.kind in ("address", "postcode", "phone", "email")]
    if not nearby:
        return found
    hostile = bool(hits) or (bool(CALL_TO_ACTION.search(text))
                             and not _KIND_VISIT.search(text))
    for cue in _DOXX_CUES:
        # "dit is het adres van X" publishes on its own; "X woont op ..." or "zijn nummer
        # is ..." only counts when the text also calls for action or is abusive.
        if cue is not _DOXX_CUES[0] and not hostile:
            continue
        for match in cue.finditer(text):
            if "tgt" in cue.groupindex and match.start("tgt") >= 0:
                target = match.group("tgt")
                if target.split()[-1] in _NOT_A_PERSON or (
                        target != "die" and not _target_ok(doc, match)):
                    continue
            if NEGATION.search(text[max(0, match.start() - 12):match.end()]):
                continue
            what = match.group("what") if "what" in cue.groupindex else None
            wants_home = what is None or ("adres" in what and "mail" not in what)
            start, end = doc.norm.span(match.start(), match.end())
            for span in nearby:
                if not (start - 60 <= span.start <= end + 120):
                    continue
                home = span.kind in ("address", "postcode")
                if home == wants_home:
                    found.append(_Hit("doxxing", match.start(), match.end(), "doxxing"))
                    break
    return found


# --------------------------------------------------------------------------------------
# Disclaimers and employee mention
# --------------------------------------------------------------------------------------

_OPINION_WORDS: Final = "mening|meningen|standpunt|standpunten|opvatting|opvattingen|visie"
_OPINION: Final = rf"(?:{_OPINION_WORDS})"
_OWN_OPINION: Final = (
    re.compile(r"\b(?:mijn|m'n)\s+(?:eigen\s+persoonlijke|persoonlijke|eigen)\s+"
               + _OPINION + r"\b"),
    re.compile(r"\b(?:dit|dat|het|deze|dit\s+bericht|deze\s+post)\s+" + _W + r"{0,3}?"
               r"(?:is|zijn|betreft|bevat|geeft|geven|vertegenwoordigt|weerspiegelt)\s+"
               + _W + r"{0,2}?(?:persoonlijke|eigen)\s+" + _OPINION + r"\b"),
    re.compile(_OPINION + r"\s+(?:zijn\s+)?(?:van|voor\s+rekening\s+van)\s+(?:mijzelf|mezelf|"
               r"mij\s+alleen|mij)\b"),
    re.compile(r"\b(?:" + _OPINION_WORDS + r"|berichten|posts|tweets|uitspraken)\s+"
               + _W + r"{0,4}?(?:zijn|is)\s+(?:(?:geheel|volledig|helemaal|alleen|puur)\s+)?"
               r"(?:mijn\s+eigen|van\s+mij(?:zelf)?|van\s+mezelf|persoonlijk)\b"),
    re.compile(r"\b(?:(?:op|a|uit)\s+eigen|(?:(?:op|a|uit)\s+)?persoonlijke)\s+titel\b"),
    re.compile(r"\b(?:niet|nooit)\s+(?:namens|uit\s+naam\s+van|op\s+naam\s+van)\s+(?:de|mijn|"
               r"onze)?\s*(?:school|werkgever|stichting|organisatie|directie|bestuur)\b"),
    re.compile(r"\b(?:spreek|schrijf|post|tweet|twitter|deel|praat)\s+" + _W + r"{0,3}?"
               r"(?:namens|voor)\s+(?:mijzelf|mezelf)\b"),
    re.compile(r"\bmijn\s+mening\b[^.!?\n]{0,40}?\b(?:niet\s+(?:die|de\s+mening|het\s+standpunt"
               r"|noodzakelijkerwijs)|los\s+van|staat\s+los)"),
    re.compile(r"\b(?:dit|dit\s+bericht|deze\s+post)\s+(?:is|bevat)\s+(?:slechts\s+|alleen\s+|"
               r"puur\s+|gewoon\s+)?mijn\s+mening\b(?!\s+over)"),
    re.compile(r"\b(?:views|opinions|tweets|posts)\s+(?:[a-z]+\s+){0,2}?(?:are|is)\s+"
               r"(?:all\s+)?(?:my\s+own|mine)\b"),
    re.compile(r"\bmy\s+(?:own\s+)?(?:views|opinions),?\s+not\s+(?:those\s+of\s+)?my\s+"
               r"employer"),
    # "Persoonlijke mening, niet die van ...", "(Eigen mening hoor)": at the start of a clause
    re.compile(r"(?:^|[(:;.!?\n|]\s*)(?:mijn\s+)?(?:eigen|persoonlijke|prive)\s+"
               r"(?:mening|standpunt|noot|reactie)\b(?!\s+(?:over|van\s+(?:de|het|een)|"
               r"hebben|geven|vormen))"),
    re.compile(r"\b(?:dit\s+is|is\s+dit)\s+(?:een\s+)?(?:persoonlijke|prive)\s+"
               r"(?:reactie|noot|bijdrage|post|bericht)\b"),
    re.compile(r"\b(?:staat|staan)\s+los\s+van\s+(?:mijn|m'n)\s+(?:werk|functie|baan|"
               r"werkgever|rol)\b"),
    re.compile(r"\bals\s+prive-?persoon\b"),
    re.compile(r"\bniet\s+als\s+(?:medewerker|docent|docente|leraar|lerares|juf|"
               r"meester|werknemer|directeur|mentor|leerkracht|teamleider)\b"),
)
_THIRD_PARTY_HEAD: Final = (
    re.compile(r"\bniet\s+" + _W + r"{0,2}?(?:verantwoordelijk|aansprakelijk)\s+(?:\w+\s+)?"
               r"voor\b"),
    re.compile(r"\b(?:aanvaard|aanvaarden|aanvaardt|accepteer|accepteren|neem|nemen|draag|"
               r"dragen)\s+(?:ik\s+|wij\s+|we\s+)?geen\s+(?:enkele\s+)?(?:verantwoordelijkheid|"
               r"aansprakelijkheid)\s+" + _W + r"{0,2}?voor\b"),
)
_THIRD_PARTY_OBJECT: Final = re.compile(
    r"\b(?:anderen|derden|volgers|bezoekers|lezers|reageerders|andere\s+gebruikers|"
    r"reacties|reactie|comments|commentaar|reageren|reageert)\b"
)
_THIRD_PARTY_FULL: Final = (
    re.compile(r"\b(?:reacties|reactie|comments|uitlatingen|berichten|meningen|opmerkingen)\s+"
               + _W + r"{0,3}?(?:van|door)\s+(?:anderen|derden|volgers|bezoekers|lezers)\s+"
               + _W + r"{0,2}?(?:zijn|is|vallen|valt|blijven|blijft|komen|komt)\s+" + _W +
               r"{0,2}?(?:voor|onder|op)\s+(?:hun|eigen|hun\s+eigen|zijn|haar)\s+"
               r"(?:eigen\s+)?(?:rekening|verantwoordelijkheid|verantwoording|risico)\b"),
    re.compile(r"\b(?:reacties|reactie|comments|uitlatingen|berichten)\s+" + _W + r"{0,4}?"
               r"(?:zijn|is|vallen|valt|blijven)\s+(?:geheel\s+)?voor\s+rekening\s+van\s+"
               r"(?:de\s+)?(?:schrijver|afzender|reageerder|auteur|plaatser|inzender)s?\b"),
)


def _negated_before(text: str, start: int) -> bool:
    clause = re.split(r"[,;:.!?\n]", text[max(0, start - 40):start])[-1]
    return bool(re.search(r"\b(?:niet|geen|nooit)\b(?:\s+[\w'-]+){0,2}\s*$", clause))


def _own_opinion(text: str, organisation_names: tuple[str, ...] = ()) -> bool:
    org = _org_name(organisation_names)
    if org and re.search(rf"\b(?:niet|nooit)\s+(?:namens|uit\s+naam\s+van|op\s+naam\s+van)\s+"
                         rf"{org}", text):
        return True
    for pattern in _OWN_OPINION:
        for match in pattern.finditer(text):
            inside = match.group()
            if not inside.startswith(("niet", "nooit")) and re.search(
                    r"\b(?:geen|niet)\b", inside):
                continue
            if not _negated_before(text, match.start()):
                return True
    return False


# Who the others are, and what is said of their words, anywhere in one sentence:
# "voor reacties van derden kunnen wij niet aansprakelijk worden gesteld", "wat anderen
# hieronder zetten is hun eigen verantwoordelijkheid", "comments by others are their own".
_OTHERS_WORDS: Final = re.compile(
    r"\b(?:reacties|reactie|comments|replies|reageren|reageert|eronder|hieronder|"
    r"anderen|derden|volgers|others)\b")
_NOT_MINE: Final = re.compile(
    r"\b(?:niet|nooit)\s+(?:[\w'-]+\s+){0,3}?(?:verantwoordelijk|aansprakelijk|responsible)\b"
    r"|\b(?:hun|jullie|zijn|haar|their)\s+(?:eigen\s+|own\s+)?(?:rekening|verantwoordelijkheid|"
    r"verantwoording|risico|responsibility)\b"
    r"|\bvoor\s+(?:de\s+)?rekening\s+van\b"
    r"|\bvoor\s+eigen\s+(?:rekening|verantwoordelijkheid)\b"
    r"|\bbuiten\s+(?:mijn|onze)\s+verantwoordelijkheid\b"
    r"|\b(?:are|is)\s+not\s+mine\b|\bnot\s+responsible\s+for\b")


def _third_party(text: str) -> bool:
    for sentence in re.split(r"[.!?\n|]+", text):
        if _OTHERS_WORDS.search(sentence) and (found := _NOT_MINE.search(sentence)):
            # "wij zijn wél verantwoordelijk", "ik zeg niet dat reacties ... voor hun
            # rekening zijn" deny it
            if not re.search(r"\bwel\s+(?:[\w'-]+\s+){0,2}?verantwoordelijk|\bniet\s+dat\b",
                             sentence[:found.end()]):
                return True
    for pattern in _THIRD_PARTY_FULL:
        for match in pattern.finditer(text):
            if not _negated_before(text, match.start()):
                return True
    for pattern in _THIRD_PARTY_HEAD:
        for match in pattern.finditer(text):
            tail = re.split(r"[.!?\n]", text[match.end():match.end() + 100])[0]
            if _THIRD_PARTY_OBJECT.search(tail):
                return True
    return False


_ROLE: Final = (
    r"(?:[a-z]*(?:medewerker|medewerkster|docent|docente|leraar|lerares|leerkracht|mentor|"
    r"concierge|directeur|directrice|teamleider|schoolleider|locatieleider|afdelingsleider|"
    r"onderwijsassistent|klassenassistent|assistent|begeleider|coordinator|decaan|"
    r"orthopedagoog|personeelslid|teamlid|werknemer|stagiair|stagiaire|invalkracht|"
    r"invaller|bestuurder|administrateur|juf|juffrouw|meester|ib'er|ib-er|vakleerkracht|"
    r"lio'er|lio)|intern\s+begeleider)"
)
_SCHOOL_WORD: Final = (
    r"(?:school|basisschool|middelbare\s+school|scholengemeenschap|vestiging|locatie|"
    r"stichting|scholengroep|organisatie|college|lyceum|praktijkschool|vmbo|havo|vwo)"
)
_EMPLOYEE_BLOCKERS: Final = frozenset(
    "niet geen nooit vroeger oud ex voormalig voormalige gewezen moeder vader ouder ouders "
    "leerling kind zoon dochter die dat en maar of".split()
)


@lru_cache(maxsize=64)
def _org_regex(organisation_names: tuple[str, ...]) -> str:
    alternatives: list[str] = []
    for name in organisation_names:
        words = re.findall(r"[a-z0-9]+", _plain(name))
        if words:
            alternatives.append(r"[\W_]*".join(re.escape(w) for w in words))
    alternatives.sort(key=len, reverse=True)
    return "|".join(alternatives)


def _org_name(organisation_names: tuple[str, ...]) -> str:
    """A pattern for one of the school's own names as a whole word, or "" for none."""
    org = _org_regex(organisation_names)
    return rf"(?<![a-z0-9])(?:{org})(?![a-z0-9])" if org else ""


@lru_cache(maxsize=64)
def _employee_rules(organisation_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    org = _org_name(organisation_names)
    place = rf"(?:(?:deze|onze|de|die|jullie|mijn|het)\s+{_SCHOOL_WORD}"
    place += rf"|{org})" if org else ")"
    filler = r"(?P<mid>(?:[\w'-]+\s+){0,4}?)"
    return (
        re.compile(rf"\b(?:ik|wij|we)\s+(?:ben|zijn)\s+{filler}(?:{_ROLE}|werkzaam|"
                   rf"in\s+dienst|aangesteld|actief)\s+(?P<mid2>(?:[\w'-]+\s+){{0,3}}?)"
                   rf"(?:bij|van|op|aan|voor|binnen)\s+{place}"),
        re.compile(rf"\bik\s+(?:werk|geef|sta)\s+{filler}(?:les\s+|voor\s+de\s+klas\s+)?"
                   rf"(?:bij|op|voor|aan|binnen)\s+{place}"),
        re.compile(rf"\bals\s+{filler}{_ROLE}\s+(?P<mid2>(?:[\w'-]+\s+){{0,2}}?)"
                   rf"(?:bij|van|op|aan|binnen)\s+{place}"),
        re.compile(rf"\bik\s+ben\s+hier\s+{filler}{_ROLE}\b|\bik\s+werk\s+hier\b"),
        re.compile(rf"\b(?:mijn|m'n)\s+werkgever\s*(?:,|is|:)?\s*{place}"),
        re.compile(rf"\b(?:wij|we)\s+als\s+(?:team|collega's|medewerkers|personeel|"
                   rf"leerkrachten|docenten)\s+(?:van|bij|op)\s+{place}"),
        # A work line in a bio or a signature: "Leerkracht groep 6 @ ...", "mentor van ..."
        re.compile(rf"(?:^|[^\w\s'-]\s*|\b(?:als|een|ben)\s+)(?P<mid>){_ROLE}\s+"
                   rf"(?P<mid2>(?:[\w'&-]+\s+){{0,3}}?)(?:bij|van|op|aan|@|at)\s+{place}"),
        re.compile(rf"\b(?:mijn|m'n|onze)\s+(?:collega's|collegas|team)\s+(?:van|bij|op)\s+"
                   rf"{place}"),
        re.compile(rf"(?:^|[.!?\n]\s*)werken\s+(?:bij|op)\s+{place}\s+is\b"),
        re.compile(rf"\bik\s+werk\s+(?P<mid>(?:[\w'-]+\s+){{0,8}}?)(?:bij|op|voor|aan)\s+"
                   rf"{place}"),
        # "sinds 2019 werk ik op ...", "op ..., waar ik lesgeef", "Teamleider onderbouw, ..."
        re.compile(rf"\b(?:werk|geef|sta)\s+ik\s+{filler}(?:les\s+|voor\s+de\s+klas\s+)?"
                   rf"(?:bij|op|voor|aan|binnen)\s+{place}"),
        re.compile(rf"{place}\s*,?\s+waar\s+ik\s+(?:lesgeef|les\s+geef|werk|voor\s+de\s+klas\s+"
                   r"sta|werkzaam\s+ben)\b"),
        re.compile(rf"(?:^|[.!?\n]\s*)(?P<mid>){_ROLE}(?P<mid2>(?:\s+[\w'-]+){{0,3}}?)\s*,\s*"
                   rf"{place}"),
    )


@lru_cache(maxsize=64)
def _english_employee_rules(organisation_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    # English bios ("Teacher of English at ..."): Dutch blockers like "of" do not apply.
    place = _org_name(organisation_names)
    if not place:
        return ()
    return (re.compile(rf"\b(?:teacher|mentor|principal|coach|staff|working|work)\s+"
                       rf"(?:(?:of|in)\s+[a-z]+\s+)?(?:at|@|for)\s+{place}"
                       rf"|\bpart\s+of\s+the\s+team\s+at\s+{place}"),)


def _employee(text: str, organisation_names: tuple[str, ...]) -> bool:
    if any(rule.search(text) for rule in _english_employee_rules(organisation_names)):
        return True
    for rule in _employee_rules(organisation_names):
        for match in rule.finditer(text):
            words = set(re.findall(r"[a-z']+", match.group()))
            if words & _EMPLOYEE_BLOCKERS:
                continue
            if re.search(r"\b(?:oud|ex)-", match.group()):
                continue
            return True
    return False


def _org_spans(norm: _Norm, organisation_names: tuple[str, ...]) -> list[tuple[int, int]]:
    org = _org_name(organisation_names)
    if not org:
        return []
    return [norm.span(m.start(), m.end()) for m in re.finditer(org, norm.text)]


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------

def analyse_text(text: str, *, organisation_names: Sequence[str] = (),
                 public_contacts: Sequence[str] = (),
                 roster: Roster | None = None) -> TextAnalysis:
    """Analyse one Dutch text; see the module docstring for what is detected.

    ``organisation_names`` are the school's own names (never a person's; an employee
    mention names them), ``public_contacts`` the school's own phone number, e-mail and
    website (never personal data), ``roster`` the names of people the school knows.
    """
    orgs = tuple(organisation_names)
    norm = _normalise(text)
    doc = _document(norm)
    org_spans = _org_spans(norm, orgs)
    data = _personal_data(doc, _contacts(tuple(public_contacts)), org_spans, roster)

    found = _lexicon_hits(doc) + _rule_hits(doc) + _group_hits(doc)
    hits = [h for h in found if not _neutralised(doc, h)]
    doxxing = _doxxing(doc, hits, data)
    hits += [h for h in doxxing if not _neutralised(doc, h)]
    neutralised = [h for h in found + doxxing if h not in hits]
    trace, profanity = _traces(doc, hits + neutralised)
    kinds = tuple(sorted({h.kind for h in hits}))
    spans = tuple(sorted({norm.span(h.start, h.end) for h in hits}))
    employee = _employee(norm.text, orgs)
    cues = Cues(doc)
    name_spans = [(_norm_offset(norm, s.start), _norm_offset(norm, s.end))
                  for s in data if s.kind == "name"]
    own = own_contact_spans(text, data)
    sexual = [(h.start, h.end) for h in hits if h.kind == "sexual" and h.family == "phrase"]
    criminal = criminal_kinds(doc, cues, kinds, any(_against_group(doc, h) for h in hits),
                              name_spans)
    boundary = boundary_kinds(doc, cues, sexual, "sextortion" in criminal)
    # The trained model beside the rules (issue 12); the policy is model.combine's.
    judged = combine(read_model(text), RuleView(
        kinds, spans, _score(hits, neutralised, trace),
        counter_speech=bool(COUNTER.search(norm.text)),
        names_group=bool(_PROTECTED_GROUP.search(norm.text)),
        contact_data=any(s.kind in ("phone", "address", "email", "postcode") for s in data),
        boundary=bool(boundary)), words=len(doc.toks))

    return TextAnalysis(
        personal_data=tuple(data),
        abusive=judged.abusive,
        abuse_kinds=judged.kinds,
        abuse_spans=judged.spans,
        own_opinion_disclaimer=_own_opinion(norm.text, orgs),
        third_party_disclaimer=_third_party(norm.text),
        employee_mention=employee,
        abuse_score=judged.score,
        profanity=profanity,
        readability=readability(text),
        boundary_kinds=boundary,
        confidential=confidential(doc, cues, data, org_spans),
        reputation_harm=reputation_harm(doc, cues, _org_name(orgs)),
        criminal_kinds=criminal,
        school_reference=school_reference(doc, org_spans, data,
                                          roster.words if roster else frozenset(), employee),
        own_contact_details=bool(own),
        own_contact_spans=tuple(own),
    )


def _norm_offset(norm: _Norm, original: int) -> int:
    """The normalised offset of the first character at or after an original offset."""
    return bisect.bisect_left(norm.idx, original)


def _against_group(doc: _Doc, hit: _Hit) -> bool:
    """Whether a discrimination hit is aimed at a group (art. 137c-137e Sr), not at one
    person: a group named in the plural within the hit ("alle moslims", "die Marokkaanse
    jongens"), or, for a hit of the group engine that opens its sentence ("Dat tuig hoort
    hier niet"), in the sentence before it; a group's place attacked."""
    if hit.kind != "discrimination":
        return False
    text = doc.norm.text
    said = text[hit.start:hit.end]
    words = set(re.findall(r"[a-z']+", said))
    if words & _PLURAL_GROUPS or (words & _GROUP_PLACES and hit.family == "group"
                                  and _VIOLENCE_TO_PLACE.search(text)):
        return True
    if hit.family != "group":
        return False
    if _PLURAL_MENTION.search(said):
        return True
    number = doc.sentence_of(hit.start)
    if number == 0 or not doc.sent_bounds or text[doc.sent_bounds[number][0]:hit.start].strip():
        return False
    before = doc.sentence_text(number - 1)
    return bool(_PLURAL_MENTION.search(before)
                or set(re.findall(r"[a-z']+", before)) & _PLURAL_GROUPS)


_PLURAL_GROUPS: Final = frozenset(lex.GROUPS_PLURAL) | frozenset(
    w for w in lex.GROUPS_PEJORATIVE | lex.GROUPS_EXTRA if w.endswith(("en", "s", "'s")))
# A group named in the plural by an adjective ("Turkse kinderen") or a compound
# ("asielzoekerskinderen").
_PLURAL_PERSONS: Final = (
    "mensen|jongens|meiden|meisjes|vrouwen|mannen|kinderen|leerlingen|buren|gasten|types|"
    "families|gezinnen|ouders|jongeren|klasgenoten|collega's|vaders|moeders|leraren|docenten"
)
_PLURAL_MENTION: Final = re.compile(
    rf"\b(?:{'|'.join(lex.GROUP_ADJECTIVES)})\s+(?:{_PLURAL_PERSONS})\b"
    rf"|\b(?:{'|'.join(re.escape(g) for g in lex.GROUPS_PLURAL)}|migranten|moslim)"
    rf"(?:{_PLURAL_PERSONS})\b")
# A group's places: violence against a mosque is aimed at its people.
_GROUP_PLACES: Final = frozenset(
    "moskee moskeeen synagoge synagoges azc asielzoekerscentrum".split())
_VIOLENCE_TO_PLACE: Final = re.compile(
    r"\b(?:in\s+de\s+fik|in\s+brand|opblazen|bom|aanslag|kapot|beklad\w*|verniel\w*)\b")
