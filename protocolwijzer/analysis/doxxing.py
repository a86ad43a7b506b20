"""Doxxing (abuse kind ``doxxing``): publishing where someone lives or how to reach them,
tied to a person, with the address, postcode, number or e-mail address really present
nearby. "Dit is het adres/nummer van Tim: ..." counts on its own; softer cues ("zij woont
op ...", "zijn nummer is ...") only with a call to action ("ga allemaal langs", "bel hem
allemaal") or other abuse in the same text, so "oma woont op de Kerkstraat 5" is personal
data but not abuse, and a kind visit ("juf is jarig, wie gaat er mee met bloemen") is no
call to act against anyone.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from ._context import CALL_TO_ACTION, NEGATION
from .abuse import _Hit
from .abuse_rules import _target_ok
from .document import _Doc
from .result import Span

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

@cache
def _doxx_cues() -> tuple[re.Pattern[str], ...]:
    """The cues, compiled when a text first holds contact data (``compile_words``: the
    same matches, found faster where a cue starts with words)."""
    return (
        re.compile_words(rf"\b(?:dit|hier|dat)\s+is\s+(?:het|zijn|haar|het\s+echte)?\s*"
                         rf"{_DOXX_WHAT}\s+van\s+{_DOXX_TARGET}"),
        re.compile_words(rf"\b(?:zijn|haar|z'n|d'r)\s+{_DOXX_WHAT}\s*(?:is\b|:)"),
        re.compile_words(rf"\b(?:het\s+)?{_DOXX_WHAT}\s+van\s+{_DOXX_TARGET}\s*"
                         r"(?:is\b|:|gevonden\b)?"),
        re.compile_words(r"\b(?:hij|zij|ze)\s+(?:heet|woont)\b|\bde\s+naam\s+is\b"),
        # "Deze meneer Hendriks, de leraar die ..., woont op": the subject before a comma
        re.compile_words(rf"\b{_DOXX_TARGET},?\s+woont\s+(?:[\w'-]+\s+)?"
                         r"(?:op|aan|in|bij|naast)\b"),
        re.compile_words(rf"\bhier\s+woont\s+{_DOXX_TARGET}"),
        # "die juf van groep 5 woont gewoon op ...", "de conciërge, die mijn zoon uitschold,
        # woont aan ...": a person named by their role, then where they live in the same
        # sentence
        re.compile_words(rf"\b(?P<tgt>{_DOXX_PERSON})\b[^.!?\n]{{0,70}}?\bwoont\s+"
                         r"(?:[\w'-]+\s+)?(?:op|aan|in|bij|naast)\b"),
    )


# A visit meant kindly: "juf Anna is jarig en woont op ..., wie gaat er mee met bloemen?"
_KIND_VISIT: Final = re.compile_words(
    r"\b(?:jarig|verjaardag|felicit\w*|kaart\w*|bloem\w*|cadeau\w*|kado\w*|beterschap|"
    r"taart|bezoekje|kraamvisite|kraambezoek)\b")
# Named in "het adres van ..." but no person to dox.
_NOT_A_PERSON: Final = frozenset(wordlists.words("abuse_words", "not a person"))


def _doxxing(doc: _Doc, hits: list[_Hit], data: list[Span]) -> list[_Hit]:
    text = doc.norm.text
    found: list[_Hit] = []
    nearby = [s for s in data if s.kind in ("address", "postcode", "phone", "email")]
    if not nearby:
        return found
    hostile = bool(hits) or (bool(CALL_TO_ACTION.search(text))
                             and not _KIND_VISIT.search(text))
    cues = _doxx_cues()
    for cue in cues:
        # "dit is het adres van X" publishes on its own; "X woont op ..." or "zijn nummer
        # is ..." only counts when the text also calls for action or is abusive.
        if cue is not cues[0] and not hostile:
            continue
        # Every cue needs a word ("van", "woont", ...) that most texts lack: looking it
        # up is far cheaper than trying the cue at every word (``required_strings``).
        if not re.could_match(cue, text):
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
