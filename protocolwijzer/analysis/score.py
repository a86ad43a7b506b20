"""How sure the analyser is that a text is abusive (``TextAnalysis.abuse_score``, 0..1):
above one half exactly when it found abuse, the hits taken as independent evidence each
as right as its family measured on the development set; below one half, what was seen but
taken out by context (a negation, a quote to condemn, a curse at no one) still shows as a
low score (``_traces``). Also whether the text curses at no one (``profanity``).

``combine`` is the policy of rules and trained model together (issue 12): what the rules
found stands; the model finds what they missed where they had nothing to say, and its
probability joins the score.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Final, NamedTuple

from . import _lexicon as lex
from .abuse import _Hit
from .document import _Doc
from .model import MODEL_THRESHOLD
from .terms import _lookup

if TYPE_CHECKING:
    from .model import Reading

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
    # reach[i]: the furthest end of the hits covered[:i + 1], all starting at or before
    # covered[i]'s start; a token is inside a hit exactly when the hits that start at or
    # before it reach beyond its start
    reach: list[int] = []
    for _start, end in covered:
        reach.append(max(end, reach[-1]) if reach else end)
    for tok in doc.toks:
        i = bisect.bisect_right(starts, tok.start) - 1
        if i >= 0 and reach[i] > tok.start:
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


# --------------------------------------------------------------------------------------
# Rules and trained model together
# --------------------------------------------------------------------------------------

# Chosen by leaving one voice of the corpus out at a time, the older development sets
# held out in their turn (docs/text-analysis.md, "Rules and model together");
# MODEL_THRESHOLD is the model's own.
_SURE: Final = 0.95        # the model alone, where the rules have a judgement of their own
_QUIET_RULES: Final = 0.2  # rules that saw more than this and let it go keep it so
_OVERRULE_COUNTER: Final = 0.7   # the model over the words of counter-speech in the text
_MIN_WORDS: Final = 5      # fewer words give the model too little to go on
# A finding of the rules that the model takes back, by how sure the model is it is not abuse:
_BANTER: Final = 0.8       # hurtful words with laughter or affection, below this
_SPORTS: Final = 0.1       # a threat in the words of sports talk ("we maken ze af"), below this
_VETO_MIN_WORDS: Final = 3  # fewer words give the model too little to take a finding back


class Judgement(NamedTuple):
    """Abuse as ``TextAnalysis`` reports it."""

    abusive: bool
    kinds: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    score: float


class RuleView(NamedTuple):
    """What the rules found, as ``combine`` needs it."""

    kinds: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    score: float
    counter_speech: bool     # the text speaks against abuse
    names_group: bool        # a protected group is named (the group rules judged it)
    contact_data: bool       # a phone number, address, e-mail (the doxxing rules judged it)
    boundary: bool           # boundary crossing found: a signal of its own, not abuse
    friendly: bool           # laughter or affection ("hahaha", a heart)
    negated_terms: bool      # a hurtful word of the lexicon taken back by a negation
    families: tuple[str, ...] = ()   # the hits' families: "lexicon:weak", "threat", ...
    sports_threat: bool = False      # every threat found is in words sports talk uses too


def combine(reading: Reading | None, rules: RuleView, words: int) -> Judgement:
    """Rules and model together; ``words`` is the text's length in words.

    * A rule's finding stands, with its kinds and words, unless it rests on hurtful words
      alone and the model, reading a text of ``_VETO_MIN_WORDS`` words or more, is sure
      it is no abuse. Hurtful words alone: an insult of the lexicon or an insulting
      phrase, or a sexual word of the lexicon, in a text that names no protected group.
      Sure: below ``_BANTER`` in a text with laughter or affection (friends call each
      other "sukkel" and "kankerlijer" with a laugh and a heart); without laughter or
      affection the words stand whatever the model says ("Jij aap, laat me met rust":
      the model, trained on slang, misses tidy insults the rules are for). And a threat
      in the very words of sports talk ("we maken ze af", "ze gaan eraan": the rules' own
      sports exemption, which needs a sports word in the sentence) is taken back below
      ``_SPORTS``. A threat in
      other words, exclusion, doxxing, a sexual phrase, hate against a group and
      personal data are never taken back by the model.
    * The model alone finds abuse at ``MODEL_THRESHOLD``, with its kind and the sentences
      that weigh most, when the text has ``_MIN_WORDS`` words or more and the finding
      rests on a word that is not a function word and not negated, in a text that takes
      no hurtful word back with a negation ("ik ga je niet slaan", "je werkstuk was niet
      waardeloos": the model does not read negation, the rules do). It needs ``_SURE``
      where the rules have a judgement of their own: hate against a protected group the
      text names (the rules' strength; the corpus says little about neutral talk of
      groups, while a put-down of one pupil who belongs to one is the model's to read),
      or doxxing where the rules saw the contact data and let it go. It finds nothing
      where the rules found boundary crossing (a signal of its own, which the checker
      forbids by its own rule), or where the rules saw hurtful words and took the sting
      out (a quote to condemn, a curse at no one: their score above ``_QUIET_RULES``;
      quoted speech is the rules' to judge). Where the text has words of counter-speech
      ("mag niet", "melden"; they also occur in an exclusion: "jij mag niet mee") the
      model needs ``_OVERRULE_COUNTER``, and finds nothing if a protected group is named.
    * The score is above one half exactly when the text is abusive: the larger of the
      rules' score and the model's probability; what either took back keeps a share.
    """
    if reading is None:
        return Judgement(bool(rules.kinds), rules.kinds, rules.spans, rules.score)
    p = reading.probability
    if rules.kinds:
        if words >= _VETO_MIN_WORDS and p < _taken_back_below(rules):
            return Judgement(False, (), (), round(min(_NOT_ABUSIVE_CAP,
                                                      rules.score * _NEUTRALISED_SHARE), 2))
        return Judgement(True, rules.kinds, rules.spans, round(min(0.99, max(rules.score, p)), 2))
    sure_needed = ((rules.names_group and reading.kind == "discrimination")
                   or (rules.contact_data and reading.kind == "doxxing"))
    if p < (_SURE if sure_needed else MODEL_THRESHOLD) or words < _MIN_WORDS:
        return Judgement(False, (), (), rules.score)
    span = reading.span
    if (rules.boundary or span is None or rules.negated_terms or reading.evidence is None
            or reading.negated or rules.score > _QUIET_RULES
            or (rules.counter_speech and (rules.names_group or p < _OVERRULE_COUNTER))):
        return Judgement(False, (), (), round(min(_NOT_ABUSIVE_CAP,
                                                  max(rules.score, p * _NEUTRALISED_SHARE)), 2))
    return Judgement(True, (reading.kind,), (span,), round(min(0.99, max(0.51, p)), 2))


def _taken_back_below(rules: RuleView) -> float:
    """Below which probability of the model a finding of the rules is no abuse (0: never)."""
    if rules.names_group:
        return 0.0
    kinds = set(rules.kinds)
    if kinds == {"threat"}:
        return _SPORTS if rules.sports_threat else 0.0
    words_alone = all(family.startswith("lexicon") or (family == "phrase" and kinds == {"insult"})
                      for family in rules.families)
    if not words_alone or not kinds <= {"insult", "sexual"}:
        return 0.0
    return _BANTER if rules.friendly else 0.0
