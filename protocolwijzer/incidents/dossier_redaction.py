"""Leaving other people out of the copy for the person concerned (AVG art. 15(4);
incidents/dossier.py, docs/interpretations.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from protocolwijzer.schools.models import Person

# What replaces another person's name or details in the copy for the person concerned.
LEFT_OUT = "[…]"


@dataclass(frozen=True)
class Redactor:
    """Replaces other people's names and details in free text by ``LEFT_OUT``.

    Two passes: first the full names and the first and last names of everyone the school
    knows, except the person concerned (a reason written by staff names classmates and
    colleagues exactly as the student administration has them); then the text analyser's
    personal data (names from its Dutch name lists, phone numbers, e-mail and postal
    addresses, ...), keeping only a name made of the person's own name words.
    """

    subject_words: frozenset[str]
    others: re.Pattern[str] | None
    roster: tuple[str, ...]

    @classmethod
    def for_subject(cls, person: Person) -> Redactor:
        own = _name_words(person.full_name)
        names: set[str] = set()
        for other in (Person.objects.filter(school_id=person.school_id)
                      .exclude(pk=person.pk).only("first_name", "tussenvoegsel", "last_name")):
            names.add(other.full_name)
            # A surname alone ("mevrouw De Vries"), a first name alone ("Noor"): only
            # when it is not also the person's own name word.
            surname = " ".join(p for p in (other.tussenvoegsel, other.last_name) if p)
            for part in (other.first_name, surname, other.last_name):
                if part and part.lower() not in own and len(part) > 1:
                    names.add(part)
        pattern = None
        if names:
            alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return cls(own, pattern, tuple(sorted(names)))

    def __call__(self, text: str) -> str:
        if not text.strip():
            return text
        if self.others is not None:
            text = self.others.sub(LEFT_OUT, text)
        from protocolwijzer.analysis import Roster, analyse_text

        found = analyse_text(text, roster=Roster.of(self.roster)).personal_data
        # Every kind the analyser finds (a name, a phone number, a health detail, ...),
        # except the person's own name.
        spans = [(s.start, s.end) for s in found
                 if not (s.kind == "name" and _name_words(s.text) <= self.subject_words)]
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + LEFT_OUT + text[end:]
        return text


def _name_words(name: str) -> frozenset[str]:
    return frozenset(word.lower() for word in re.findall(r"\w+", name) if len(word) > 1)


