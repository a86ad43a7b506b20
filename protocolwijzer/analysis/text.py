"""An honest analyser for Dutch social-media text written around a school.

``analyse_text`` reads one post, message or comment and reports what a school's
*protocol sociale media* cares about: personal data (with character spans), abusive
language (by kind, with spans, and a score), the two usual disclaimers, whether the
writer says they work at the school, and how easy the text is to read. Rules first:
standard library plus deduce's name lists (``names``), no network, every rule's decision
traceable to a pattern or a word list; beside them a small trained model of abuse
(``model``, issue 12) that reads what the rules have no pattern for, and says which
words weigh. Fast: a 1,000-character post takes about ten milliseconds; an abuse rule is
compiled the first time its words occur. What it is measured to do:
``docs/text-analysis.md``.

Design
------
Two views of the text are used: the **original text** for personal data whose exact
spelling matters (phone numbers, e-mail addresses, postcodes, street addresses, BSN,
IBAN, names), and a **normalised view** for language (lowercase, no accents, leetspeak
and stretched words undone, typos repaired), in which every character keeps the offset
of the original character it came from, so all spans point into the original. This
module only runs the detectors in order; each has its own module, with its rules in its
docstring:

* ``normalise``: the normalised view and typo repair; ``terms``: the abuse lexicon
  looked up (plurals, stretched words, curse compounds, the table of misspellings);
  ``document``: words, clauses, sentences and quotes of the normalised view.
* ``personal_data`` and ``names``: personal data (``Span.kind``).
* ``abuse`` (insulting words aimed at someone), ``abuse_rules`` (threats, exclusion and
  abusive phrases), ``groups`` (hate against a group) and ``doxxing``: abuse
  (``abuse_kinds``); ``_context``: counter-speech, quotes, reports and negation that take
  the sting out of a hit; ``model``: the trained model of abuse, read beside the rules;
  ``score``: how sure the analyser is (``abuse_score``), and ``combine``, the policy of
  rules and model together.
* ``disclaimers``: the two disclaimers, the employee mention and the school's own names.
* The school signals of issue 11: ``boundary_kinds`` (``boundaries``: what an adult may
  not write to a minor), ``criminal_kinds`` (``offences``: what the protocols answer with
  aangifte), ``confidential``, ``reputation_harm`` and ``school_reference``
  (``school``), and ``own_contact_details`` (``contacts``: the writer's own number, left
  out of ``has_private_data``); they run only on the sentences that hold one of their
  trigger words (``_context.Cues``).
* ``result``: ``TextAnalysis`` and ``Span``; ``readability``: how easy the text is to read.

The word lists are data (``data/``, read by ``_lexicon``); patterns stay in Python.
``regexcache`` keeps the compiled patterns between processes of the command line.

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
from collections.abc import Sequence

from ._context import COUNTER, FRIENDLY, Cues, _neutralised
from .abuse import _lexicon_hits, _negated_terms
from .abuse_rules import _rule_hits
from .boundaries import BOUNDARY_KINDS, boundary_kinds
from .contacts import own_contact_spans
from .disclaimers import _employee, _org_name, _org_spans, _own_opinion, _third_party
from .document import _document
from .doxxing import _doxxing
from .groups import _against_group, _group_hits, group_mentions
from .model import read as read_model
from .names import Roster
from .normalise import _Norm, _normalise
from .offences import CRIMINAL_KINDS, criminal_kinds
from .personal_data import _contacts, _personal_data
from .readability import readability
from .result import ABUSE_KINDS, PERSONAL_DATA_KINDS, Span, TextAnalysis
from .school import confidential, reputation_harm, school_reference
from .score import RuleView, _score, _traces, combine

__all__ = ["ABUSE_KINDS", "BOUNDARY_KINDS", "CRIMINAL_KINDS", "PERSONAL_DATA_KINDS",
           "Roster", "Span", "TextAnalysis", "analyse_text"]


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
    seen: dict[tuple[int, int], bool] = {}   # the context's patterns, sentence by sentence
    hits = [h for h in found if not _neutralised(doc, h, seen)]
    doxxing = _doxxing(doc, hits, data)
    hits += [h for h in doxxing if not _neutralised(doc, h, seen)]
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
    # The trained model beside the rules (issue 12); the policy is score.combine's.
    judged = combine(read_model(text), RuleView(
        kinds, spans, _score(hits, neutralised, trace),
        counter_speech=bool(COUNTER.search(norm.text)),
        names_group=bool(group_mentions(norm.text)),
        contact_data=any(s.kind in ("phone", "address", "email", "postcode") for s in data),
        boundary=bool(boundary), friendly=bool(FRIENDLY.search(norm.text)),
        negated_terms=_negated_terms(doc),
        families=tuple(sorted({f"{h.family}:{h.strength}".rstrip(":") for h in hits})),
        sports_threat=all(h.sports_exempt for h in hits if h.kind == "threat")),
        words=len(doc.toks))
    if "threat" in kinds and "threat" not in judged.kinds and "sextortion" not in criminal:
        # the model took the threat back as sports talk: no threat to report either
        criminal = tuple(k for k in criminal if k != "threat")

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
