"""The word lists that several detectors of the text analysis share, by name; read from
``data/`` by ``wordlists``.

Written for this project; no third-party list was copied. All words are in the
normalised form the analyser compares against: lowercase, accents removed. A term of
``TERMS`` has a *category* (the abuse kind it signals) and a *strength*: ``strong``
insults on its own, ``weak`` only when aimed at a person, ``identity`` only in an
insulting construction (``data/abuse_terms.txt`` says more).
"""

from __future__ import annotations

from typing import Final

from .wordlists import sections, words

# -- insulting words ------------------------------------------------------------------------

INSULT: Final = "insult"
SEXUAL: Final = "sexual"
DISCRIMINATION: Final = "discrimination"

STRONG: Final = "strong"
WEAK: Final = "weak"
IDENTITY: Final = "identity"


def _terms() -> dict[str, tuple[str, str]]:
    terms: dict[str, tuple[str, str]] = {}
    for title in sections("abuse_terms"):
        category, strength = title.split()
        for word in words("abuse_terms", title):
            terms[word] = (category, strength)   # a later section wins
    return terms


# word -> (category, strength); see data/abuse_terms.txt
TERMS: Final[dict[str, tuple[str, str]]] = _terms()

PEJORATIVE_ADJ: Final = frozenset(words("abuse_words", "pejorative adjectives"))
MILD_ADJ: Final = frozenset(words("abuse_words", "mild adjectives"))
SEXUAL_ADJ: Final = frozenset(words("abuse_words", "sexual adjectives"))
PROFANITY: Final = frozenset(words("abuse_words", "profanity"))
CURSE_PREFIXES: Final = words("abuse_words", "curse prefixes")
PERSON_NOUNS: Final = frozenset(words("abuse_words", "person nouns"))
COMPOUND_HEADS: Final = PERSON_NOUNS | frozenset(words("abuse_words", "compound heads"))
PEOPLE_NAMES: Final = frozenset(words("abuse_words", "people names"))

# -- function words -------------------------------------------------------------------------

FIRST_PERSON: Final = frozenset(words("grammar", "first person"))
SECOND_PERSON: Final = frozenset(words("grammar", "second person"))
THIRD_PERSON: Final = frozenset(words("grammar", "third person"))
COPULAS: Final = frozenset(words("grammar", "copulas"))
OPINION_VERBS: Final = frozenset(words("grammar", "opinion verbs"))
FILLERS: Final = frozenset(words("grammar", "fillers"))
NEGATIONS: Final = frozenset(words("grammar", "negations"))
NOT_NAMES: Final = frozenset(words("grammar", "not names"))
FUNCTION_WORDS: Final = frozenset(words("grammar", "function words"))

SPORT_WORDS: Final = frozenset(words("context", "sport"))

# -- groups of people and what is said of them ----------------------------------------------

GROUPS_SINGULAR: Final = frozenset(words("groups", "singular"))
GROUPS_PEJORATIVE: Final = frozenset(words("groups", "pejorative"))
GROUPS_PLURAL: Final = list(words("groups", "plural"))
GROUPS_EXTRA: Final = frozenset(words("groups", "extra"))
GROUP_ADJECTIVES: Final = words("groups", "adjectives")
GROUP_PERSONS: Final = words("groups", "persons")

HATE_EMOTIONS: Final = frozenset(words("hate", "emotions"))
DEHUMANISING: Final = frozenset(words("hate", "dehumanising"))
NEGATIVE_ATTRIBUTES: Final = frozenset(words("hate", "negative attributes"))
GROUP_THREATS: Final = frozenset(words("hate", "threats"))

# -- typo repair ----------------------------------------------------------------------------

SHORT_CUES: Final = frozenset(words("repair", "short cues"))
REAL_WORDS: Final = frozenset(words("repair", "real words"))
