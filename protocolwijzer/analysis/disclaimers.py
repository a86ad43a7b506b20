"""The two usual disclaimers, whether the writer says they work at the school, and where
the school's own names stand in the text.

``own_opinion_disclaimer`` ("dit is mijn eigen mening", "op persoonlijke titel", "mening
van mezelf, niet van mijn werkgever", ...) and ``third_party_disclaimer`` ("ik ben niet
verantwoordelijk voor reacties van anderen", "reacties van anderen zijn voor hun
rekening") are recognised separately; a negation just before the phrase ("dit is niet
mijn eigen mening", "géén persoonlijke mening") cancels it. ``employee_mention`` needs a
first-person work statement tied to one of the ``organisation_names`` (matched
case-insensitively, ignoring punctuation) or to "deze/onze/de school" ("als docent bij
...", "ik werk zelf bij ...", "ik ben hier docent"); "niet", "geen", "oud-", "ex-" or
"vroeger" in the statement cancel it (``data/disclaimers.txt``). The roles and school
words are alternatives of the patterns and stay in them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from .normalise import _Norm, _plain

_W: Final = r"(?:[\w'-]+\s+)"   # a word and the space after it

_OPINION_WORDS: Final = "mening|meningen|standpunt|standpunten|opvatting|opvattingen|visie"
_OPINION: Final = rf"(?:{_OPINION_WORDS})"
_OWN_OPINION: Final = (
    re.compile_words(r"\b(?:mijn|m'n)\s+(?:eigen\s+persoonlijke|persoonlijke|eigen)\s+"
               + _OPINION + r"\b"),
    re.compile_words(r"\b(?:dit|dat|het|deze|dit\s+bericht|deze\s+post)\s+" + _W + r"{0,3}?"
               r"(?:is|zijn|betreft|bevat|geeft|geven|vertegenwoordigt|weerspiegelt)\s+"
               + _W + r"{0,2}?(?:persoonlijke|eigen)\s+" + _OPINION + r"\b"),
    re.compile_words(_OPINION + r"\s+(?:zijn\s+)?(?:van|voor\s+rekening\s+van)\s+(?:mijzelf|mezelf|"
               r"mij\s+alleen|mij)\b"),
    re.compile_words(r"\b(?:" + _OPINION_WORDS + r"|berichten|posts|tweets|uitspraken)\s+"
               + _W + r"{0,4}?(?:zijn|is)\s+(?:(?:geheel|volledig|helemaal|alleen|puur)\s+)?"
               r"(?:mijn\s+eigen|van\s+mij(?:zelf)?|van\s+mezelf|persoonlijk)\b"),
    re.compile_words(r"\b(?:(?:op|a|uit)\s+eigen|(?:(?:op|a|uit)\s+)?persoonlijke)\s+titel\b"),
    re.compile_words(r"\b(?:niet|nooit)\s+(?:namens|uit\s+naam\s+van|op\s+naam\s+van)\s+(?:de|mijn|"
               r"onze)?\s*(?:school|werkgever|stichting|organisatie|directie|bestuur)\b"),
    re.compile_words(r"\b(?:spreek|schrijf|post|tweet|twitter|deel|praat)\s+" + _W + r"{0,3}?"
               r"(?:namens|voor)\s+(?:mijzelf|mezelf)\b"),
    re.compile_words(r"\bmijn\s+mening\b[^.!?\n]{0,40}?\b(?:niet\s+(?:die|de\s+mening|het\s+standpunt"
               r"|noodzakelijkerwijs)|los\s+van|staat\s+los)"),
    re.compile_words(r"\b(?:dit|dit\s+bericht|deze\s+post)\s+(?:is|bevat)\s+(?:slechts\s+|alleen\s+|"
               r"puur\s+|gewoon\s+)?mijn\s+mening\b(?!\s+over)"),
    re.compile_words(r"\b(?:views|opinions|tweets|posts)\s+(?:[a-z]+\s+){0,2}?(?:are|is)\s+"
               r"(?:all\s+)?(?:my\s+own|mine)\b"),
    re.compile_words(r"\bmy\s+(?:own\s+)?(?:views|opinions),?\s+not\s+(?:those\s+of\s+)?my\s+"
               r"employer"),
    # "Persoonlijke mening, niet die van ...", "(Eigen mening hoor)": at the start of a clause
    re.compile_words(r"(?:^|[(:;.!?\n|]\s*)(?:mijn\s+)?(?:eigen|persoonlijke|prive)\s+"
               r"(?:mening|standpunt|noot|reactie)\b(?!\s+(?:over|van\s+(?:de|het|een)|"
               r"hebben|geven|vormen))"),
    re.compile_words(r"\b(?:dit\s+is|is\s+dit)\s+(?:een\s+)?(?:persoonlijke|prive)\s+"
               r"(?:reactie|noot|bijdrage|post|bericht)\b"),
    re.compile_words(r"\b(?:staat|staan)\s+los\s+van\s+(?:mijn|m'n)\s+(?:werk|functie|baan|"
               r"werkgever|rol)\b"),
    re.compile_words(r"\bals\s+prive-?persoon\b"),
    re.compile_words(r"\bniet\s+als\s+(?:medewerker|docent|docente|leraar|lerares|juf|"
               r"meester|werknemer|directeur|mentor|leerkracht|teamleider)\b"),
)
_THIRD_PARTY_HEAD: Final = (
    re.compile_words(r"\bniet\s+" + _W + r"{0,2}?(?:verantwoordelijk|aansprakelijk)\s+(?:\w+\s+)?"
               r"voor\b"),
    re.compile_words(r"\b(?:aanvaard|aanvaarden|aanvaardt|accepteer|accepteren|neem|nemen|draag|"
               r"dragen)\s+(?:ik\s+|wij\s+|we\s+)?geen\s+(?:enkele\s+)?(?:verantwoordelijkheid|"
               r"aansprakelijkheid)\s+" + _W + r"{0,2}?voor\b"),
)
_THIRD_PARTY_OBJECT: Final = re.compile_words(
    r"\b(?:anderen|derden|volgers|bezoekers|lezers|reageerders|andere\s+gebruikers|"
    r"reacties|reactie|comments|commentaar|reageren|reageert)\b"
)
_THIRD_PARTY_FULL: Final = (
    re.compile_words(r"\b(?:reacties|reactie|comments|uitlatingen|berichten|meningen|opmerkingen)\s+"
               + _W + r"{0,3}?(?:van|door)\s+(?:anderen|derden|volgers|bezoekers|lezers)\s+"
               + _W + r"{0,2}?(?:zijn|is|vallen|valt|blijven|blijft|komen|komt)\s+" + _W +
               r"{0,2}?(?:voor|onder|op)\s+(?:hun|eigen|hun\s+eigen|zijn|haar)\s+"
               r"(?:eigen\s+)?(?:rekening|verantwoordelijkheid|verantwoording|risico)\b"),
    re.compile_words(r"\b(?:reacties|reactie|comments|uitlatingen|berichten)\s+" + _W + r"{0,4}?"
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
        if not re.could_match(pattern, text):
            continue   # none of the words each match holds
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
_OTHERS_WORDS: Final = re.compile_words(
    r"\b(?:reacties|reactie|comments|replies|reageren|reageert|eronder|hieronder|"
    r"anderen|derden|volgers|others)\b")
_NOT_MINE: Final = re.compile_words(
    r"\b(?:niet|nooit)\s+(?:[\w'-]+\s+){0,3}?(?:verantwoordelijk|aansprakelijk|responsible)\b"
    r"|\b(?:hun|jullie|zijn|haar|their)\s+(?:eigen\s+|own\s+)?(?:rekening|verantwoordelijkheid|"
    r"verantwoording|risico|responsibility)\b"
    r"|\bvoor\s+(?:de\s+)?rekening\s+van\b"
    r"|\bvoor\s+eigen\s+(?:rekening|verantwoordelijkheid)\b"
    r"|\bbuiten\s+(?:mijn|onze)\s+verantwoordelijkheid\b"
    r"|\b(?:are|is)\s+not\s+mine\b|\bnot\s+responsible\s+for\b")


def _third_party(text: str) -> bool:
    # the others are named in one word: a text without any has no sentence with one
    sentences = re.split(r"[.!?\n|]+", text) if _OTHERS_WORDS.search(text) else ()
    for sentence in sentences:
        if _OTHERS_WORDS.search(sentence) and (found := _NOT_MINE.search(sentence)):
            # "wij zijn wél verantwoordelijk", "ik zeg niet dat reacties ... voor hun
            # rekening zijn" deny it
            if not re.search(r"\bwel\s+(?:[\w'-]+\s+){0,2}?verantwoordelijk|\bniet\s+dat\b",
                             sentence[:found.end()]):
                return True
    for pattern in _THIRD_PARTY_FULL:
        if not re.could_match(pattern, text):
            continue
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
# Words in a work statement that cancel it: a negation, a former job, a parent's words.
_EMPLOYEE_BLOCKERS: Final = frozenset(wordlists.words("disclaimers", "employee blockers"))


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


def _employee_place(organisation_names: tuple[str, ...]) -> str:
    """Where an employee works, in ``_employee_rules``: the school said as such, or by name."""
    org = _org_name(organisation_names)
    place = rf"(?:(?:deze|onze|de|die|jullie|mijn|het)\s+{_SCHOOL_WORD}"
    return place + (rf"|{org})" if org else ")")


@lru_cache(maxsize=64)
def _employee_checks(organisation_names: tuple[str, ...]
                     ) -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], bool], ...]]:
    """The place alone, and each employee rule with whether it needs the place: a text in
    which the place is found nowhere cannot match such a rule (a rule's match holds a
    match of the place, seen in the same text), so those are not searched (most posts
    name no school; the rule that opens with any punctuation is the costliest)."""
    place = _employee_place(organisation_names)
    return re.compile_words(place), tuple(
        (rule, place in rule.pattern) for rule in _employee_rules(organisation_names))


@lru_cache(maxsize=64)
def _employee_rules(organisation_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    place = _employee_place(organisation_names)
    filler = r"(?P<mid>(?:[\w'-]+\s+){0,4}?)"
    return (
        re.compile_words(rf"\b(?:ik|wij|we)\s+(?:ben|zijn)\s+{filler}(?:{_ROLE}|werkzaam|"
                   rf"in\s+dienst|aangesteld|actief)\s+(?P<mid2>(?:[\w'-]+\s+){{0,3}}?)"
                   rf"(?:bij|van|op|aan|voor|binnen)\s+{place}"),
        re.compile_words(rf"\bik\s+(?:werk|geef|sta)\s+{filler}(?:les\s+|voor\s+de\s+klas\s+)?"
                   rf"(?:bij|op|voor|aan|binnen)\s+{place}"),
        re.compile_words(rf"\bals\s+{filler}{_ROLE}\s+(?P<mid2>(?:[\w'-]+\s+){{0,2}}?)"
                   rf"(?:bij|van|op|aan|binnen)\s+{place}"),
        re.compile_words(rf"\bik\s+ben\s+hier\s+{filler}{_ROLE}\b|\bik\s+werk\s+hier\b"),
        re.compile_words(rf"\b(?:mijn|m'n)\s+werkgever\s*(?:,|is|:)?\s*{place}"),
        re.compile_words(rf"\b(?:wij|we)\s+als\s+(?:team|collega's|medewerkers|personeel|"
                   rf"leerkrachten|docenten)\s+(?:van|bij|op)\s+{place}"),
        # A work line in a bio or a signature: "Leerkracht groep 6 @ ...", "mentor van ..."
        re.compile_words(rf"(?:^|[^\w\s'-]\s*|\b(?:als|een|ben)\s+)(?P<mid>){_ROLE}\s+"
                   rf"(?P<mid2>(?:[\w'&-]+\s+){{0,3}}?)(?:bij|van|op|aan|@|at)\s+{place}"),
        re.compile_words(rf"\b(?:mijn|m'n|onze)\s+(?:collega's|collegas|team)\s+(?:van|bij|op)\s+"
                   rf"{place}"),
        re.compile_words(rf"(?:^|[.!?\n]\s*)werken\s+(?:bij|op)\s+{place}\s+is\b"),
        re.compile_words(rf"\bik\s+werk\s+(?P<mid>(?:[\w'-]+\s+){{0,8}}?)(?:bij|op|voor|aan)\s+"
                   rf"{place}"),
        # "sinds 2019 werk ik op ...", "op ..., waar ik lesgeef", "Teamleider onderbouw, ..."
        re.compile_words(rf"\b(?:werk|geef|sta)\s+ik\s+{filler}(?:les\s+|voor\s+de\s+klas\s+)?"
                   rf"(?:bij|op|voor|aan|binnen)\s+{place}"),
        re.compile_words(rf"{place}\s*,?\s+waar\s+ik\s+(?:lesgeef|les\s+geef|werk|voor\s+de\s+klas\s+"
                   r"sta|werkzaam\s+ben)\b"),
        re.compile_words(rf"(?:^|[.!?\n]\s*)(?P<mid>){_ROLE}(?P<mid2>(?:\s+[\w'-]+){{0,3}}?)\s*,\s*"
                   rf"{place}"),
    )


@lru_cache(maxsize=64)
def _english_employee_rules(organisation_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    # English bios ("Teacher of English at ..."): Dutch blockers like "of" do not apply.
    place = _org_name(organisation_names)
    if not place:
        return ()
    return (re.compile_words(rf"\b(?:teacher|mentor|principal|coach|staff|working|work)\s+"
                       rf"(?:(?:of|in)\s+[a-z]+\s+)?(?:at|@|for)\s+{place}"
                       rf"|\bpart\s+of\s+the\s+team\s+at\s+{place}"),)


def _employee(text: str, organisation_names: tuple[str, ...]) -> bool:
    if any(rule.search(text) for rule in _english_employee_rules(organisation_names)):
        return True
    place, rules = _employee_checks(organisation_names)
    somewhere = place.search(text) is not None
    for rule, needs_place in rules:
        if (needs_place and not somewhere) or not re.could_match(rule, text):
            continue
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
