"""Context that changes what words mean, shared by the abuse detectors and the school
signals (``boundaries``, ``offences``, ``school``): counter-speech, reported speech, calls
to action, negation. Patterns over the normalised text (lowercase, no accents).

``_neutralised`` takes the sting out of an abuse hit: counter-speech and quoting to
condemn ("'loser' roepen is gemeen, stop daarmee"), reporting what someone else said ("hij
noemde haar een hoer"), naming a word to talk about it ("woorden als 'kankerturk'"), a
word reclaimed by its own group ("ik ben een Polak en trots"), and sports talk for a rule
that allows it ("we maken ze af zaterdag").
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes

if TYPE_CHECKING:
    from .abuse import _Hit
    from .document import _Doc

# Words about words: someone said, called, wrote something.
SPEECH: Final = re.compile_by_letter(
    r"\b(?:roep\w*|riep|riepen|zeg|zegt|zeggen|zei|zeiden|gezegd|noem\w*|genoemd|"
    r"scheld\w*|schold\w*|uitgescholden|typ\w*|app(?:en|t|te|ten)|schrijv\w*|schreef|"
    r"schreven|geschreven|post(?:en|te|ten)?|scheldwoord\w*|woord|woorden|opmerking\w*|"
    r"uitspraak|uitspraken|grap|grappen|rotgrap|iemand|niemand|anderen|gescheld|"
    r"te\s+horen|las|reacties?)\b"
)
COUNTER: Final = re.compile_by_letter(
    r"\b(?:gemeen|pesten|pesterij|is\s+pesten|kwetsend|grensoverschrijdend|discriminerend|"
    r"discriminatie|racistisch|racisme|ongepast|onacceptabel|niet\s+(?:ok|oke|okay|normaal|"
    r"aardig|acceptabel|grappig|leuk|netjes|goed|de\s+bedoeling|toegestaan|gepast|cool|"
    r"stoer)|mag\s+niet|mogen\s+niet|hoort\s+niet|tolereren|accepteren\s+(?:we|wij)\s+niet|"
    r"stop\s+(?:daarmee|ermee|met\s+(?:pesten|schelden|dat|dit|uitschelden|discrimineren))|"
    r"houd?\s+op|verboden|doe\s+dat\s+niet|zeg\s+dat\s+niet|niet\s+zeggen|niet\s+roepen|"
    r"niet\s+noemen|doet\s+pijn|verdient\s+(?:het\s+)?niet|niemand\s+verdient|"
    r"geen\s+(?:scheldwoord|grap)|gerapporteerd|gemeld|melden|meld\s+het|strafbaar|"
    r"schaam\s+je|zo\s+praten\s+we|niet\s+(?:verder\s+)?(?:delen|doorsturen)|"
    r"(?:gestuurd|sturen)\s+naar\s+de\s+(?:teamleider|directeur|mentor)|klaar\s+met|"
    r"vooroordeel|vooroordelen|zo\s+praat\s+je\s+niet|rapporteer|meld\s+ik|wie\s+zoiets\s+zegt|"
    r"antisemitisme|excuses|laat\s+(?:haar|hem|ze)\s+met\s+rust|belachelijk\w*|onzin|"
    r"nonsens|kletskoek|schandalig\w*|haatdragend\w*|hatelijk\w*|seksistisch\w*|"
    r"homofo(?:ob|be)\w*|transfo(?:ob|be)\w*|islamofo(?:ob|be)\w*|antisemitisch\w*|"
    r"xenofo(?:ob|be)\w*|bekrompen|racist(?:en)?|wie\s+(?:zegt|denkt|roept|beweert)\s+dat|"
    r"klopt\s+(?:niet|niks|helemaal\s+niet)|niet\s+waar|"
    r"was\s+(?:echt\s+)?(?:walgelijk|gemeen|vreselijk|erg|niet\s+ok))\b"
)
REPORT: Final = re.compile_by_letter(
    r"\b(?:werd|wordt|werden|worden|is|ben|zijn)\s+(?:[\w'-]+\s+){0,3}?(?:uitgescholden|"
    r"genoemd|nageroepen|uitgemaakt)\b|\b(?:noemde|noemden|riep|riepen|schold|scholden|"
    r"maakte|maakten|zei|zeiden|appte|appten|schreef|schreven|typte|typten)\b"
)
CALL_TO_ACTION: Final = re.compile_by_letter(
    r"\b(?:bel|app|spam|sms|mail|bestook|stalk|bezoek|stuur)\s+(?:hem|haar|die|ze|hen)\b|"
    r"\bspam\b|\b(?:ga|gaan|gaat)\s+(?:[\w'-]+\s+){0,5}?langs\b|"
    # "wie gaat er vanavond met me mee", "wie rijdt er morgen met me langs"
    r"\bwie\s+(?:gaat|gaan|komt|komen|rijdt|rijden|loopt|lopen|fietst)\s+(?:[\w'-]+\s+){0,5}?"
    r"(?:mee|langs|heen|naartoe)\b(?!\s+(?:naar|fietsen|zwemmen|shoppen|winkelen|sporten|"
    r"voetballen|gamen|eten|lunchen|wandelen|rijden|kijken|helpen)\b)|"
    r"\b(?:bel|app|sms|mail|stuur|spam)\s+(?:[\w'-]+\s+){0,2}?(?:allemaal|massaal)\b|"
    r"\ballemaal\s+(?:[\w'-]+\s+){0,3}?(?:sturen|mailen|bellen|appen|gooien|spammen|langs|"
    r"bestoken)\b|\blaat\s+(?:hem|haar|ze)\s+(?:maar\s+)?weten\b|\bdoe\s+ermee\s+wat\s+je\s+"
    r"wilt\b|\bbelletje\s+trekken\b|\beieren\s+gooien\b|\bin\s+de\s+groep\b"
)
NEGATION: Final = re.compile_words(r"\b(?:niet|geen|nooit|niemand|allerminst)\b")
# Laughter and affection, with which friends take the sting out of a name they call each
# other ("hahaha jij sukkel ❤️"); the rules cannot tell such banter from an insult, the
# trained model may (score.combine). Written out as
#   \b(?:(?:ha){2,}h?|(?:hi){2,}|(?:he){2,}|lo+l|xd|grapje|geintje|gg|xx+|ily|hou\s+van\s+je)\b
#   |[<the emoji below>]
# with the same matches: the word boundary after each word's first letter
# (regexcache.word_start_first) and the emoji among the words, so that the search skips to
# the letters h, l, x, g and i and to the emoji.
FRIENDLY_EMOJI: Final = (
    "\U0001F602\U0001F923\U0001F62D\U0001F606\U0001F639\U0001F618\U0001F970\U0001F60D"
    "\u2764\U0001F495\U0001F496\U0001F497\U0001F499\U0001F49A\U0001F49B\U0001F49C"
    "\U0001F5A4\U0001F90D\U0001FAF6")
FRIENDLY: Final = re.compile(
    r"(?:h(?<!\wh)a(?:ha)+h?\b|h(?<!\wh)i(?:hi)+\b|h(?<!\wh)e(?:he)+\b|l(?<!\wl)o+l\b"
    r"|x(?<!\wx)d\b|g(?<!\wg)rapje\b|g(?<!\wg)eintje\b|g(?<!\wg)g\b|x(?<!\wx)x+\b"
    r"|i(?<!\wi)ly\b|h(?<!\wh)ou\s+van\s+je\b|" + "|".join(FRIENDLY_EMOJI) + ")"
)


class Lazy:
    """A pattern compiled the first time it is used: the command line starts without
    compiling the patterns a check does not reach (compiling all of them takes longer
    than analysing a post)."""

    __slots__ = ("_by_letter", "_compiled", "_flags", "_needed", "_source")

    def __init__(self, source: str, flags: int = 0, *, by_letter: bool = False) -> None:
        self._source, self._flags, self._by_letter = source, flags, by_letter
        self._compiled: re.Pattern[str] | None = None
        self._needed: tuple[str, ...] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = (re.compile_by_letter if self._by_letter else re.compile_words)(
                self._source, self._flags)
        return self._compiled

    def _hopeless(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether ``string[pos:endpos]`` holds none of the strings every match holds
        (most of these patterns are about rare things; a look-up with ``in`` is cheaper
        than a search). The strings are read once the pattern has been searched a few
        times. They are characters the match takes (never those a look-behind reads), so
        a search between ``pos`` and ``endpos`` needs them there."""
        needed = self._needed
        if needed is None:
            compiled = self.compiled
            if not re.used_enough(compiled):
                return False
            needed = self._needed = re.required_strings(compiled) or ()
        if not needed:
            return False
        if pos or endpos < len(string):
            for word in needed:
                if string.find(word, pos, endpos) >= 0:
                    return False
        else:
            for word in needed:
                if word in string:
                    return False
        return True

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        if self._hopeless(string, pos, endpos):
            return None
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize
              ) -> re.Match[str] | None:
        if self._hopeless(string, pos, endpos):
            return None
        return self.compiled.match(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        if self._hopeless(string, pos, endpos):
            return iter(())
        return self.compiled.finditer(string, pos, endpos)


class Cues:
    """Which sentences hold which words, so that a detector runs its patterns only on the
    sentences that hold one of its trigger words (a post of 1,000 characters has some 15
    sentences; most detectors need one or two of them)."""

    __slots__ = ("_bounds", "_sentences", "_windows", "text")

    def __init__(self, doc: _Doc) -> None:
        self.text = doc.norm.text
        self._bounds = doc.sent_bounds or [(0, len(self.text))]
        sentences: dict[str, set[int]] = {}
        starts = doc.sent_starts
        number, last = 0, len(starts) - 1
        for tok in doc.toks:   # tokens and sentences both in text order
            while number < last and starts[number + 1] <= tok.start:
                number += 1
            sentences.setdefault(tok.word, set()).add(number)
        self._sentences = sentences
        # the windows of each trigger set asked for (trigger sets are module constants)
        self._windows: dict[frozenset[str], list[tuple[int, int]]] = {}

    def has(self, triggers: frozenset[str]) -> bool:
        return not triggers.isdisjoint(self._sentences)

    def sentences(self, triggers: frozenset[str]) -> list[int]:
        """The numbers of the sentences with a trigger word, in order."""
        found = self._sentences
        numbers: set[int] = set()
        for word in triggers:
            if word in found:
                numbers |= found[word]
        return sorted(n for n in numbers if n < len(self._bounds))

    def windows(self, triggers: frozenset[str]) -> list[tuple[int, int]]:
        """The (start, end) of every sentence with a trigger word, with the break
        characters before and after it, so that patterns can see where it starts and
        ends."""
        windows = self._windows.get(triggers)
        if windows is None:
            last = len(self.text)
            windows = [(max(0, self._bounds[n][0] - 2), min(last, self._bounds[n][1] + 1))
                       for n in self.sentences(triggers)]
            self._windows[triggers] = windows
        return windows

    def finditer(self, pattern: re.Pattern[str] | Lazy, triggers: frozenset[str]
                 ) -> Iterator[re.Match[str]]:
        for start, end in self.windows(triggers):
            yield from pattern.finditer(self.text, start, end)


def words(text: str) -> frozenset[str]:
    """Trigger words written as one string."""
    return frozenset(text.split())


# -- abuse taken out by context ---------------------------------------------------------------

# Naming a word in order to talk about it: "woorden als 'kankerturk'", "'mongool' als
# scheldwoord gebruiken".
_MENTION: Final = re.compile_words(
    r"\b(?:woorden|termen|dingen|scheldwoorden)\s+als\b|\bals\s+(?:scheldwoord|belediging|"
    r"grap)\b|\bhet\s+woord\b")


_PROUD: Final = re.compile_words(
    r"\b(?:ik\s+ben|wij|we\s+zijn)\b[^.!?]{0,40}?\b(?:trots|trotse|proud|pride)\b|"
    r"\b(?:trots|trotse|proud)\b[^.!?]{0,20}?\b(?:ik|wij|we|ons|mijn|onze)\b")
# The writer makes a quote their own: "'weg met ze', zeg ik".
_ENDORSED: Final = re.compile_words(
    r"\b(?:zeg\s+ik|ik\s+zeg|mee\s+eens|ik\s+ook|precies|zo\s+is\s+het|daar\s+sta\s+ik\s+achter|"
    r"amen|hear\s+hear|eens\s+met)\b")


def _neutralised(doc: _Doc, hit: _Hit,
                 seen: dict[tuple[int, int], bool] | None = None) -> bool:
    """Whether a hit is taken back by its context. ``seen`` keeps, for one document,
    whether a pattern was found in a sentence (its hits share their sentences)."""
    number = doc.sentence_of(hit.start)
    sentence = doc.sentence_text(number)
    quoted = doc.quoted(hit.start, hit.end)
    memo: dict[tuple[int, int], bool] = {} if seen is None else seen

    def said(pattern: re.Pattern[str], at: int) -> bool:
        key = (id(pattern), at)
        found = memo.get(key)
        if found is None:
            found = memo[key] = pattern.search(doc.sentence_text(at)) is not None
        return found

    if hit.sports_exempt and set(sentence.split()) & lex.SPORT_WORDS:
        return True
    if hit.family == "lexicon" and said(REPORT, number):
        return True
    if quoted and said(_MENTION, number):
        return True
    if hit.family == "lexicon" and hit.kind == "discrimination" and said(_PROUD, number):
        return True    # "ik ben een Polak en trots": a word reclaimed by its own group
    if quoted and not said(_ENDORSED, number):
        return True    # abuse quoted, not said: "'moslims zijn tuig' is racisme"
    if hit.family == "group" and doc.sent_bounds and said(REPORT, number) and any(
            doc.sentence_of(q_start) == number for q_start, _q_end in doc.quotes):
        return True    # "hij werd 'aap' genoemd omdat hij zwart is"
    mentioned = quoted or said(SPEECH, number)
    if said(COUNTER, number) and mentioned:
        return True
    return mentioned and (said(COUNTER, number + 1)
                          or (number > 0 and said(COUNTER, number - 1)))
