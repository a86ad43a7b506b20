"""The writer's own contact details, offered for a purpose (issue 11, point 5).

A parent who offers a lift writes "bel me maar op 06-12345678"; that number is theirs to
share and is not "persoonlijke informatie" of others in the sense of A.2/C.1 (the choice
and the seed sentence it rests on: ``docs/interpretations.md``). ``own_contact_spans``
returns the phone and e-mail spans that are the writer's own:

* after a first-person offer, with nothing but filler between it and the number: "bel me
  (maar) op", "app me (ff/gerust):", "je kunt me bereiken op", "u kunt mij mailen:", "ik
  ben bereikbaar via", "neem contact met me op via", "mijn (eigen) nummer is", "mijn
  mailadres:", and to whoever answers: "wie mee wil rijden kan me bellen of appen:",
  "degene die de jas vond mag me een appje sturen"; an advertisement's "Bellen of appen
  naar 06-...";
* before "(dat) is mijn nummer", "bel me";
* at the end of a message, signed: "Groet, Ahmed (vader van Yara) 06-98765432".

Someone else's details stay personal data: "bel mijn moeder op ...", "dit is het nummer
van Tim", "zijn mail is ...". A text with "app me even" and no number offers nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import regexcache as re  # re, with compiled patterns kept between processes
from ._context import Lazy

if TYPE_CHECKING:
    from .result import Span

__all__ = ["own_contact_spans"]

_OFFER: Final = Lazy(
    r"(?:\b(?:bel|app|sms|mail|whatsapp|ping|text|contact|bereik)\s+(?:me|mij)\b"
    r"|\b(?:mijn|m'n|mn)\s+(?:eigen\s+|prive\s*|privé\s*|mobiele\s+|werk\s*)?(?:nummer|"
    r"telefoonnummer|06(?:-nummer)?|mobiel|gsm|mailadres|e-?mailadres|e-?mail|mail|"
    r"telefoon|whatsapp)\b"
    r"|\bik\s+ben\s+(?:[\w']+\s+){0,3}?bereikbaar\b"
    # "je kunt me bellen", "kunt u mij mailen", and to whoever answers: "wie mee wil rijden
    # kan me bellen of appen", "degene die de jas vond mag me een appje sturen"
    r"|\b(?:(?:kun|kunt|kan|mag|mogen|moet|moeten|kunnen)(?:\s+(?:je|jij|u|jullie))?|"
    r"(?:je|jij|u|jullie)\s+(?:kun|kunt|kan|mag|mogen|moet|moeten|kunnen))\s+(?:me|mij)\s+"
    r"(?:[\w']+\s+){0,3}?"
    r"(?:bellen|appen|bereiken|mailen|sms'?en|whatsappen|contacten|een\s+(?:berichtje|appje|"
    r"mailtje)\s+sturen)\b"
    r"|\b(?:neem|nemen)\s+(?:gerust\s+|even\s+)?contact\s+met\s+(?:me|mij)\s+op\b"
    r"|\bstuur\s+(?:me|mij)\s+(?:[\w']+\s+){0,3}?(?:berichtje|appje|mailtje|bericht|mail|sms)\b"
    r"|\b(?:bel|app|mail)\s+(?:gerust|maar|even|ff)\b(?:\s+(?:naar\s+)?(?:me|mij)\b)?"
    # an advertisement's "Bellen of appen naar 06-...": the writer's own line
    r"|(?:^|[.!?]\s*|\?\s*)(?:bellen|appen|mailen|whatsappen)(?:\s+(?:of|en)\s+(?:bellen|appen|"
    r"mailen|whatsappen))?(?=\s*(?:naar|op|via|:)))",
    re.IGNORECASE)
# What may stand between the offer and the number.
_FILLER: Final = Lazy(
    r"^(?:[\s:,.;()\-–]|\b(?:op|via|onder|naar|nummer|is|of|en|gerust|even|ff|maar|dan|"
    r"gewoon|altijd|wel|thuis|mobiel|mail|mailen|bellen|appen|bereiken|telefonisch|"
    r"per|telefoon|e-?mail|whatsapp|sms|graag|hoor|tel|tel\.|mob|mob\.|nr|nr\.|"
    r"na|voor|tussen|\d{1,2}[.:]\d{2}|uur|tot|vanaf|s\s+avonds|overdag)\b)*$",
    re.IGNORECASE)
_AFTER: Final = Lazy(
    r"^[\s,.:;()\-–]*(?:(?:dat|dit)\s+is\s+)?(?:mijn|m'n)\s+(?:eigen\s+)?(?:nummer|mail|"
    r"mailadres|e-?mailadres|06)\b|^[\s,.:;()\-–]*(?:bel|app|mail)\s+(?:me|mij)\b",
    re.IGNORECASE)
_GREETING: Final = Lazy(
    r"(?:^|[\s.!,])(?:groet\w*|gr|grt|mvg|m\.v\.g|vriendelijke\s+groet\w*|hartelijke\s+groet\w*|"
    r"liefs|vr\.?\s*gr|doei|ciao|dank\s+alvast|alvast\s+bedankt)[.,:!]?\s",
    re.IGNORECASE)
_OTHERS: Final = Lazy(
    r"\b(?:zijn|haar|z'n|d'r|hun|hem|hen|van\s+(?!mij\b)\w+|mijn\s+(?:moeder|vader|man|vrouw|"
    r"zus|broer|oma|opa|partner|vriend\w*|buur\w*|collega|zoon|dochter|kind|ouders|mam|pap))\b",
    re.IGNORECASE)


def own_contact_spans(text: str, data: list[Span]) -> list[tuple[int, int]]:
    """(start, end) of the phone and e-mail spans in ``data`` that are the writer's own."""
    contact = [s for s in data if s.kind in ("phone", "email")]
    own: list[tuple[int, int]] = []
    for span in contact:
        if _offered(text, span, own) or _signed(text, span, contact):
            own.append((span.start, span.end))
    return own


def _offered(text: str, span: Span, own: list[tuple[int, int]]) -> bool:
    window_start = max(0, span.start - 80)
    before = text[window_start:span.start]
    # the text between the offer and the number; earlier own numbers count as filler
    for s, e in own:
        if window_start <= s and e <= span.start:
            before = before[:s - window_start] + " " * (e - s) + before[e - window_start:]
    offers = list(_OFFER.finditer(before))
    if offers:
        gap = before[offers[-1].end():]
        if _FILLER.match(gap) and not _OTHERS.search(gap):
            return True
    return bool(_AFTER.match(text[span.end:span.end + 40]))


def _signed(text: str, span: Span, contact: list[Span]) -> bool:
    """A number or address at the end of a signed message: "Groet, Ahmed 06-..."."""
    rest = text[span.end:]
    later = [s for s in contact if s.start >= span.end]
    if later:
        rest = text[later[-1].end:]
    if rest.strip(" .!\n\t)(") or len(text) - span.end > 80:
        return False
    before = text[max(0, span.start - 80):span.start]
    greeting = list(_GREETING.finditer(before))
    return bool(greeting) and "\n\n" not in before[greeting[-1].start():]
