"""Personal data (``Span.kind``), found in the original text where its exact spelling
matters (phone numbers, e-mail addresses, postcodes, street addresses, BSN, IBAN, names)
and in the normalised view for what is said in words (dates of birth, health, a number
written out).

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

Number words, months, postcode units, IBAN lengths and the words around a condition are
in ``data/personal_data.txt``; the street suffixes, kin words and conditions stay in the
patterns they are alternatives of.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Final, NamedTuple

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from .document import _Doc, _name_ok
from .names import NEVER_NAMES, Roster, find_names, is_public_figure, name_lists
from .normalise import _plain
from .result import Span


def _numbers(section: str) -> dict[str, int]:
    """A section of ``data/personal_data.txt`` of words with a number each."""
    return {word: int(number) for word, number in wordlists.rows("personal_data", section)}


# The patterns of numbers start with the characters a match can start with ("[+0(]",
# "\d", ...) and only then look behind them ("(?<![\w+][+0(])": the character before the
# first is no word character or "+"): the same matches as with the look-behind first, but
# a search can then pass over every other character at once instead of trying the
# look-behind at each (``re`` skips ahead to a pattern's possible first characters only
# when the pattern starts with them).
_PHONE: Final = re.compile_words(
    # "+" or "00" and 31 (then "(0)"), or "(0" or "0": the first character, then which
    r"(?P<prefix>[+0(](?<![\w+][+0(])"
    r"(?:(?:(?<=\+)|(?<=0)0)[ \t]?31[ \t]?(?:\(0\)[ \t]?)?[-.]?[ \t]?|(?<=\()0|(?<=0)))"
    r"(?P<rest>\d(?:[ \t]?[-./)]?[ \t]?\d){8})"
    r"(?![\d]|[.,:]\d)"
)
_DATE_LIKE: Final = re.compile_words(r"^\(?(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}")
_SPOKEN_UNITS: Final = _numbers("spoken units")
_SPOKEN_TEENS: Final = _numbers("spoken teens")
_SPOKEN_TENS: Final = _numbers("spoken tens")
# "zevenenveertig": a unit, "en", a ten
_COMPOUND_NUMBER: Final = rf"({'|'.join(_SPOKEN_UNITS)})(?:en|ën)({'|'.join(_SPOKEN_TENS)})"
_SPOKEN_NUMBER: Final = (
    rf"(?:{_COMPOUND_NUMBER}"
    rf"|{'|'.join(_SPOKEN_TENS)}|{'|'.join(_SPOKEN_TEENS)}|{'|'.join(_SPOKEN_UNITS)})"
)
# "nul zes een twee ...", "nul zes achtendertig zevenenveertig ...": ten digits in words
_SPOKEN_PHONE: Final = re.compile_words(
    rf"\bnul[\s,-]+zes(?:[\s,-]+{_SPOKEN_NUMBER}){{4,8}}\b"
)


_SPOKEN_COMPOUND: Final = re.compile_words(_COMPOUND_NUMBER)


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
_EMAIL: Final = re.compile_words(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,24}\b"
)
_POSTCODE: Final = re.compile_words(
    r"[1-9](?<![\w-][1-9])\d{3}(?:[ \t]?(?P<upper>[A-Z]{2})|(?P<lower>[a-z]{2}))(?![\w])"
)
_POSTCODE_NEVER: Final = frozenset(wordlists.words("personal_data", "postcode never"))
_POSTCODE_UNITS: Final = frozenset(wordlists.words("personal_data", "postcode units"))

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
_ADDRESS: Final = re.compile_words(
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
_UNIT_AFTER_NUMBER: Final = re.compile_words(
    r"\s*(?:keer|x|dagen|dag|uur|minuten|min|weken|week|jaar|jaren|maanden|maand|km|"
    r"kilometer|meter|m|euro|eur|procent|leerlingen|kinderen|mensen|personen|punten|graden|"
    r"seconden|kg|cm|mm|stuks|plekken|plaatsen|groepen|klassen|lessen|spelers|banen|rondjes)"
    r"\b",
    re.IGNORECASE,
)
# Every street, up to its house number, is made of the characters of ``_STREET_RUN`` and
# its number follows a space or tab (``_SPACE_DIGIT``). An address can therefore only
# start in a run of those characters that holds a space and a digit, and ``_addresses``
# searches only those runs (a few per post) instead of trying ``_ADDRESS`` at every word.
# (``à-ÿ`` is there for "×" and "÷", which ``[a-zà-ÿ]`` in the pattern allows.)
_STREET_RUN: Final = re.compile(r"[\w'. \tà-ÿ-]*")
_SPACE_DIGIT: Final = re.compile(r"[ \t]\d")
# What the rest of a house number ("12/3", "4 bis") and the checks after it may read past
# the end of the run: at most 8 characters ("/", a space, 4 digits, 2 looked at).
_NUMBER_BEYOND_RUN: Final = 16


def _run_length(text: str, pos: int) -> int:
    """How many characters of ``_STREET_RUN`` stand in ``text`` from ``pos`` on."""
    run = _STREET_RUN.match(text, pos)
    return run.end() - pos if run is not None else 0   # (it always matches, maybe empty)


def _addresses(text: str) -> list[re.Match[str]]:
    """``list(_ADDRESS.finditer(text))``, found by searching only the runs of street
    characters that hold a house number (see ``_STREET_RUN``). Each run is searched up to
    a little beyond its end, so that the number and the checks after it read what they
    read in the whole text; a search started before a run sees the characters before
    it (``pos`` keeps the look-behind's view), and a match may start only inside the run,
    after the end of the previous match, as with ``finditer``."""
    found: list[re.Match[str]] = []
    pos, run_end, backwards, length = 0, -1, "", len(text)
    for pair in _SPACE_DIGIT.finditer(text):
        space_at = pair.start()
        if space_at < run_end:
            continue   # in the run searched already
        if not backwards:
            backwards = text[::-1]
        # the run's start: its characters before the space, read in the reversed text
        run_start = space_at - _run_length(backwards, length - space_at)
        run_end = space_at + _run_length(text, space_at)
        for match in _ADDRESS.finditer(text, max(pos, run_start),
                                       min(length, run_end + _NUMBER_BEYOND_RUN)):
            if match.start() >= run_end:
                break   # a later run's, searched with that run
            found.append(match)
            pos = match.end()
    return found


_PLACE_CUE: Final = re.compile(
    r"\b(?:woon|woont|wonen|woonde|adres|op|aan|naar|bij|in|hoek|richting)\s*:?\s*"
    r"(?:de\s+|het\s+)?$",
    re.IGNORECASE,
)

_BSN: Final = re.compile_words(
    r"(\d(?<![\w.,€$-]\d)\d\d)([. ]?)(\d{3})\2(\d{3})(?![\w]|[.,-]?\d)")
_IBAN: Final = re.compile_words(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?"
    r"(?![A-Za-z0-9])"
)
_IBAN_LENGTH: Final = _numbers("iban lengths")

_NAME_WORD: Final = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
_NAME_PARTICLE: Final = r"(?:van der|van den|van de|van 't|van|de|den|der|ter|ten|te|'t)"
_NAME_SEQ: Final = (
    rf"(?:(?:{_NAME_PARTICLE}|[A-Z][a-z]{{0,2}})\s+)*{_NAME_WORD}"
    rf"(?:\s+(?:{_NAME_PARTICLE}\s+)*{_NAME_WORD})?"
)
_NAME_AFTER_TITLE: Final = re.compile_words(
    r"\b(?i:juf|juffrouw|meester|meneer|mevrouw|mevr\.|mw\.|dhr\.|de heer|mr\.|dr\.)\s+"
    rf"(?P<name>(?:{_NAME_PARTICLE}\s+|[A-Z][a-z]{{0,2}}\s+)*{_NAME_WORD}"
    rf"(?:\s+(?:{_NAME_PARTICLE}\s+)*{_NAME_WORD})?)"
)
_NAME_AFTER_ROLE: Final = re.compile_words(
    r"\b(?i:(?:mijn|m'n|onze|ons|zijn|z'n|haar|je|jouw)\s+"
    r"(?:zoon|zoontje|dochter|dochtertje|kind|broer|broertje|zus|zusje|neef|nicht|"
    r"vriend|vriendin|man|vrouw|vader|moeder)"
    r"|leerling|klasgenoot|klasgenote|collega|mentor|docent|leerkracht|stagiair|stagiaire"
    r"|ik heet|mijn naam is|naam:)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_PARTICLE}\s+)*{_NAME_WORD})?)"
)
_FULL_NAME: Final = re.compile_words(
    # (the look-behind after the first letter: see ``_PHONE``)
    rf"(?P<name>[A-Z](?<![\w-][A-Z]){_NAME_WORD[len('[A-Z]'):]}\s+{_NAME_PARTICLE}\s+"
    rf"{_NAME_WORD})(?![\w-])"
)
_STREET_WORD: Final = re.compile_words(rf"{_SUFFIX}$", re.IGNORECASE)
# (Case is ignored in groups rather than for the whole pattern, so that ``compile_words``
# can start it with its first letters: a search then skips the other words quickly.)
_STUDENT_NUMBER: Final = re.compile_words(
    r"\b(?i:leerling|student|stam|ll)(?i:[- ]?(?:nummer|nr\.?|id)\s*(?:is\s*)?[:#]?\s*)"
    r"(?P<num>\d{4,10})(?![\w]|[.,]\d)"
)

# Birth dates, health and names inside statements are read in the normalised view.
# Each month with its abbreviations, in order: "januari jan", "februari feb febr", ...
_MONTH_NAMES: Final = wordlists.rows("personal_data", "months")
# The full names first, then the abbreviations.
_MONTHS: Final = "|".join([month[0] for month in _MONTH_NAMES]
                          + [short for month in _MONTH_NAMES for short in month[1:]])
_DATE: Final = re.compile_words(
    r"(?<![\w/.-])(?:"
    r"(?P<d1>0?[1-9]|[12]\d|3[01])[-/.](?P<m1>0?[1-9]|1[0-2])[-/.](?P<y1>(?:19|20)\d\d|\d\d)"
    r"|(?P<y2>(?:19|20)\d\d)-(?P<m2>0[1-9]|1[0-2])-(?P<d2>0[1-9]|[12]\d|3[01])"
    rf"|(?P<d3>0?[1-9]|[12]\d|3[01])(?:e|ste|de)?\s+(?P<m3>{_MONTHS})\b\.?"
    r"(?:\s+(?P<y3>(?:19|20)\d\d))?"
    r")(?![\w/-]|\.\d)"
)
# Every date starts with a digit that follows no word character, "/", "." or "-" (the
# look-behind of ``_DATE``): the places ``_dates`` tries ``_DATE`` at.
_DATE_START: Final = re.compile(r"\d(?<![\w/.-]\d)")


def _dates(text: str) -> list[re.Match[str]]:
    """``list(_DATE.finditer(text))``, found by trying ``_DATE`` only where a number
    starts (a few places a post) instead of at every character: ``re`` cannot skip ahead
    to the digits itself, as each date's first digit is inside its named group."""
    found: list[re.Match[str]] = []
    pos = 0
    for start in _DATE_START.finditer(text):
        if start.start() < pos:
            continue   # inside the date found before
        match = _DATE.match(text, start.start())
        if match is not None:
            found.append(match)
            pos = match.end()
    return found


_MONTH_NUMBER: Final = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names
}
_DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_BIRTH_CUE: Final = re.compile_words(
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
_CONDITION: Final = re.compile_words(
    rf"\b(?:(?P<noun>{_CONDITION_NOUN})|(?P<adj>{_CONDITION_ADJ})|(?P<hospital>{_HOSPITAL}))\b"
)
# Where a text has neither "operatie" nor "ontsteking" (most texts), "\w+operatie" and
# "\w{3,}ontsteking" can match nowhere; without them (and without the groups) the words
# can be sorted by their first letter (``regexcache.by_first_letter``), so that the
# search tries only the words of the letter at hand: the same matches, each read again
# with ``_CONDITION`` at its start for its group. Compiled when a longer text first
# needs it (a one-off check of a short message is quicker without compiling it).
_CONDITION_UNCUT: Final = ("operatie", "ontsteking")
_CONDITION_SORTED_FROM: Final = 200   # characters


@cache
def _condition_sorted() -> re.Pattern[str]:
    source = (
        rf"\b(?:{_CONDITION_NOUN}|{_CONDITION_ADJ}|(?:{_HOSPITAL}))\b"
        .replace(r"\w+operatie|", "").replace(r"\w{3,}ontsteking|", "")
        # an optional start said as two alternatives, with it and without (same order)
        .replace(r"(?:aan\s+(?:zijn|haar|z'n|d'r)\s+\w+\s+)?geopereerd",
                 r"aan\s+(?:zijn|haar|z'n|d'r)\s+\w+\s+geopereerd|geopereerd"))
    return re.compile(re.by_first_letter(source) or _CONDITION.pattern)


def _conditions(text: str) -> list[re.Match[str]]:
    """``list(_CONDITION.finditer(text))``, found faster where it can be."""
    if len(text) < _CONDITION_SORTED_FROM or any(word in text for word in _CONDITION_UNCUT):
        return list(_CONDITION.finditer(text))
    found = [_CONDITION.match(text, m.start()) for m in _condition_sorted().finditer(text)]
    return [m for m in found if m is not None]
# Each rule reads the words *before* a condition (up to the condition) and needs a person
# there: "Daan heeft | ADHD", "zij is | depressief", "hij ligt | in het ziekenhuis".
_HEALTH_BEFORE: Final = {
    "noun": (
        re.compile_words(
            rf"\b{_HEALTH_PERSON}\s+{_FILL1}{{0,3}}?"
            r"(?:heeft|had|hebben|heb|lijdt aan|leed aan|kampt met|worstelt met|gebruikt|"
            r"slikt|krijgt|kreeg|zit in|zat in|is gediagnosticeerd met|heeft last van|"
            r"is bekend met|gaat naar|ging naar|is bij|zit bij|loopt bij)"
            rf"\s+(?P<mid>{_FILL1}{{0,3}}?)$"
        ),
        re.compile_words(rf"\b{_HEALTH_PERSON}\s+(?:met|en)\s+(?P<mid>(?:zijn|haar|z'n|d'r)\s+)?$"),
        re.compile_words(
            r"\b(?:(?P<pron>zijn|haar|mijn|m'n|z'n|d'r)|(?P<name>[a-z][a-z-]+)'s)\s+"
            rf"(?P<mid>{_FILL1}?)$"
        ),
    ),
    "adj": (
        re.compile_words(
            rf"\b{_HEALTH_PERSON}\s+{_FILL1}{{0,2}}?(?:is|was|ben|bent|raakte|werd|wordt|lijkt)"
            rf"\s+(?P<mid>{_FILL1}?)$"
        ),
    ),
    "hospital": (
        re.compile_words(
            rf"\b{_HEALTH_PERSON}\s+{_FILL1}{{0,2}}?(?:ligt|lag|is|was|zit|belandde|werd|wordt)"
            r"\s+(?P<mid>(?:nog\s+|al\s+|sinds\s+\w+\s+)?(?:opgenomen\s+)?)$"
        ),
    ),
}
_HEALTH_BLOCKERS: Final = frozenset(wordlists.words("personal_data", "health blockers"))


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


# Every IBAN starts with two letters and two digits ("NL91"). Looked for from the digits
# (few in a post; ``re`` skips to them at once), that tells most texts have no IBAN
# quicker than ``_IBAN``, which must be tried at every word.
_IBAN_START: Final = re.compile(r"\d(?<=[A-Za-z]{2}\d)\d")


def _iban_spans(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    if not _IBAN_START.search(text):
        return found
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
    for match in _dates(text):
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


# Words for a person that make a health statement in the same sentence about someone
# ("Sem heeft diabetes en moet zijn insuline spuiten", "onze dochter Esra gebruikt sinds
# kort medicatie"); an indefinite "een leerling met autisme" is about no one.
_ANCHOR: Final = re.compile_words(
    r"\b(?:hij|zij|ik)\b"
    rf"|\b(?:mijn|m'n|onze|ons|zijn|z'n|haar|d'r|hun)\s+{_KIN}\b"
    r"|\b(?:die|deze|onze)\s+(?:leerling|jongen|meisje|collega|docent|juf|meester|mentor)\b"
    r"|\b(?:juf|meester|meneer|mevrouw)\s+[a-z]")
# Conditions too often meant otherwise ("kanker" as a curse, "ziek" as "cool", a
# "gips" model in art class) need one of the old, tighter patterns.
_ANCHOR_NOT_ENOUGH: Final = frozenset(wordlists.words("personal_data", "conditions needing more"))


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
    found = _conditions(text)
    for cond in found:
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
    for cond in found:
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
    # (without the school's contacts, as in most checks, nothing is read from the text)
    if kind == "phone":
        return bool(contacts.phones) and _national_phone(text) in contacts.phones
    if kind == "email":
        return text.lower() in contacts.emails
    if kind in ("address", "postcode") and contacts.plain:
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
    if "@" in text:   # no address without one
        found += [("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]
    found += [("iban", s, e) for s, e in _iban_spans(text)]
    found += [("phone", m.start(), m.end()) for m in _PHONE.finditer(text) if _valid_phone(m)]
    spoken = _SPOKEN_PHONE.finditer(doc.norm.text) if "nul" in doc.norm.text else ()
    for match in spoken:   # a number in words starts with "nul"
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
    for match in _addresses(text):
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

