"""What ``analyse_text`` returns: ``TextAnalysis``, with its personal-data ``Span``s, and
the kinds of personal data and abuse it can name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .readability import Readability

__all__ = ["ABUSE_KINDS", "PERSONAL_DATA_KINDS", "Span", "TextAnalysis"]


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
    # to condemn, a curse at no one) still shows as a low score. See ``score._score``.
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

