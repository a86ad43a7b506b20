"""Abuse in single words: the insulting words of the lexicon (``data/abuse_terms.txt``),
each counted only where it is aimed at someone, and ``_Hit``, one piece of evidence of
abuse that every abuse detector (``abuse_rules``, ``groups``, ``doxxing``) reports.

``insult``, ``sexual``, ``discrimination``
    A hand-written lexicon with three strengths. *Strong* words count wherever they
    stand; *weak* words ("dom", "idioot", "eikel") only when aimed at a person ("je bent
    dom", "die leraar is een idioot", "wat een debiel", "jij aap"); *identity* words
    ("homo", "autist") only in insulting constructions ("vuile homo", "jij autist").
    Insulting adjective + person ("die stomme juf", "vieze moslim") and curse compounds
    ("kankerleraar", "kutjoch", "...lijer", ``terms``) are covered too. Profanity that is
    not aimed at anyone ("kut, mijn fiets is stuk") is not abuse (``score``).

Not abuse: negations ("je bent geen loser"), self-mockery ("ik ben zo'n sukkel"), a
word in its ordinary sense ("de makaken in de dierentuin"). The context patterns of those
ordinary senses stay here, beside the words they free.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from .document import _Doc, _Tok
from .terms import _lookup, _noun_class


class _Hit(NamedTuple):
    kind: str
    start: int      # normalised offsets
    end: int
    family: str     # "lexicon", "threat", "exclusion", "phrase", "doxxing", "group"
    sports_exempt: bool = False
    strength: str = ""   # for lexicon hits: the term's strength, or "adjective"


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


_GENERIC_IF: Final = frozenset(wordlists.words("abuse_words", "generic if"))
_POSITIVE_AFTER_INTENSIFIER: Final = frozenset(
    wordlists.words("abuse_words", "positive after intensifier"))


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


_STANDALONE_OK: Final = frozenset(wordlists.words("abuse_words", "standalone ok"))


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


_INTERJECTION_TAIL: Final = frozenset(wordlists.words("abuse_words", "interjection tail"))

# Slur-like words that also have an ordinary sense, with the context that shows it.
_ZOO: Final = (r"\b(?:dierentuin|apenheul|jungle|oerwoud|puppy'?s|pups|nest|welpen|fokker|"
               r"dierenarts|vlooien|bananen|wild|kooi|safari|natuurfilm|biologie)\b")
_MONGOLIA: Final = (r"\b(?:mongolie|mongoolse|ulaanbaatar|dzjengis|khan|steppe|nomade\w*|azie|"
                    r"rijk|veroverden|geschiedenis|aardrijkskunde|tent|yurt)\b")
_LITERAL_SENSES: Final = {
    **dict.fromkeys(wordlists.words("abuse_words", "literal zoo"), _ZOO),
    **dict.fromkeys(wordlists.words("abuse_words", "literal mongolia"), _MONGOLIA),
}


def _literal_sense(doc: _Doc, tok: _Tok) -> bool:
    """Whether a word that can be a slur is used in its ordinary sense: an animal at the
    zoo ("makaken", "teef" with puppies), a people in geography or history ("Mongolen"
    with a capital, "Dzjengis Khan")."""
    context = _LITERAL_SENSES.get(tok.word)
    if context is None:
        return False
    if tok.cap and not tok.sentence_initial and tok.word in lex.PEOPLE_NAMES:
        return True
    return re.search(context, doc.sentence_text(tok.sentence)) is not None


def _before(toks: list[_Tok], i: int) -> list[_Tok]:
    """The words before word ``i`` in its clause, at most six."""
    return [t for t in toks[max(0, i - 6):i] if t.clause == toks[i].clause]


def _negated(before: list[_Tok]) -> bool:
    """Whether a negation stands among the last four words of ``before`` ("je bent geen
    loser", "niet echt dom")."""
    return any(t.word in lex.NEGATIONS for t in before[-4:])


def _negated_terms(doc: _Doc) -> bool:
    """Whether the text takes a hurtful word of the lexicon back with a negation ("je
    werkstuk was niet waardeloos"): the trained model, which does not read negation,
    then adds no abuse of its own (``score.combine``)."""
    return any(_negated(_before(doc.toks, i)) for i, tok in enumerate(doc.toks)
               if tok.word in _ADJECTIVES or _lookup(tok.word, tok.stretched) is not None)


def _lexicon_hits(doc: _Doc) -> list[_Hit]:
    toks = doc.toks
    hits: list[_Hit] = []
    for i, tok in enumerate(toks):
        term = _lookup(tok.word, tok.stretched)
        adjective = tok.word in _ADJECTIVES
        if term is None and not adjective:
            continue
        before = _before(toks, i)
        if _negated(before):
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

