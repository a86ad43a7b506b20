"""Abuse said in phrases: patterns over the normalised text, each run only when one of
its trigger words occurs (an emoji rule when one of its emoji does) and compiled the first
time it runs.

``threat``
    Patterns such as "ik maak je af", "ik sla je in elkaar", "ik weet waar je woont",
    "pas maar op", "je gaat eraan", "je krijgt klappen", "ik neem een mes mee".
    Trash talk about a match ("we maken ze af bij voetbal") is exempt.
``exclusion``
    Calls to shut someone out: "iedereen moet hem blokkeren", "niemand mag met haar
    praten", "gooi hem uit de groep", "hij hoort er niet bij".
``insult``, ``sexual``, ``discrimination``
    Phrases ("kanker op", "krijg de tering", "ga dood", "stuur me nudes", "alle X zijn
    terroristen", "ga terug naar je eigen land"), and running down the reader or their
    work ("je werkstuk is echt waardeloos", "ik snap niet hoe iemand zo dom kan zijn" in a
    text that speaks to someone).

A rule's words are alternatives inside its pattern and stay there, with the trigger words
that must name one word of every match beside them; only the pronouns that always make a
rule's target a person are a list (``data/abuse_words.txt``).
"""

from __future__ import annotations

from functools import cache
from typing import Final, NamedTuple

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from ._context import NEGATION
from .abuse import _Hit
from .document import _Doc, _name_ok
from .names import name_lists
from .terms import _GROUP_WORDS, _lookup


class _Rule(NamedTuple):
    kind: str
    source: str                     # the pattern, compiled the first time it is needed
    family: str
    trigger: frozenset[str]         # the rule only runs when one of these words occurs
    sports_exempt: bool = False
    negation_inside: bool = True
    addressed: bool = False         # counts only in a text that speaks to someone ("je")
    marks: str = ""                 # a rule without words runs only when one of these occurs

    @property
    def pattern(self) -> re.Pattern[str]:
        # Compiling all rules takes longer than analysing a post; a one-off check
        # compiles only the rules its words trigger.
        return _compiled(self.source)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    # A rule that opens with an optional word ("\b(?:alle\s+|die\s+)?(?:moslims|...)")
    # gives the search no first letters: written as two alternatives and sorted by their
    # first letter it tries only the words of the letter at hand (the same matches).
    spread = re.optional_start_spread(source)
    if spread != source:
        by_letter = re.by_first_letter(spread)
        if by_letter is not None:
            return re.compile(by_letter)
    return re.compile(re.word_start_first(source))


def _rule(kind: str, family: str, trigger: str, pattern: str, *, sports: bool = False,
          negation_inside: bool = True, addressed: bool = False, marks: str = "") -> _Rule:
    return _Rule(kind, pattern, family, frozenset(trigger.split()), sports, negation_inside,
                 addressed, marks)


_ADV: Final = (
    r"(?:echt|helemaal|gewoon|nog|wel|zo|straks|morgen|vandaag|vanavond|vanmiddag|na school|"
    r"compleet|totaal|eens|ff|even|kei|keihard|echt wel|zeker|nou|toch|allemaal|dan|niet|"
    r"nooit|ooit|later|maandag|eerst|lekker|persoonlijk|zelf)"
)
_ADVS: Final = rf"(?:{_ADV}\s+){{0,3}}"
_OBJ: Final = r"(?P<tgt>je|jou|jullie|u|hem|haar|hen|ze|iedereen|[a-z][a-z'-]+)"
_SUBJ1: Final = r"(?:ik|we|wij)"
_W: Final = r"(?:[\w'-]+\s+)"

# Dim: said of a person's mind.
_DIM: Final = r"(?:dom|stom|achterlijk|onnozel|dommig|debiel|stupide|idioot|zwakzinnig)"

# Separable threat verbs with their particles: "ik maak je af", "dan sla ik je in elkaar".
_THREAT_VERBS: Final = (
    (r"maak|maken", r"af|dood|kapot|kaal|koud"),
    (r"sla|slaan", r"in elkaar|dood|kapot|verrot|tot moes|bont en blauw|knock-?out|ko|neer"),
    (r"steek|steken", r"neer|dood|lek|overhoop|kapot"),
    (r"schiet|schieten|knal|knallen", r"neer|dood|overhoop|kapot|lek"),
    (r"trap|trappen|ram|rammen|beuk|beuken|mep|meppen|schop|schoppen",
     r"in elkaar|dood|verrot|kapot|helemaal in elkaar"),
)
_THREAT_INF: Final = (
    r"afmaken|af maken|doodmaken|dood maken|kapotmaken|kapot maken|kapot slaan|vermoorden|"
    r"doodslaan|in elkaar slaan|in elkaar trappen|"
    r"in elkaar rammen|in elkaar beuken|verrot slaan|neersteken|doodsteken|neerschieten|"
    r"doodschieten|neerknallen|afknallen|slaan|schoppen|steken|pakken|te pakken nemen|"
    r"opwachten|wurgen|verkrachten|ophangen|afslachten|martelen|kapotslaan|mollen|"
    r"een klap geven|een pak slaag geven|in de fik steken|grijpen|elimineren"
)
_HIT_WORDS: Final = (
    r"klappen|slaag|een\s+pak\s+slaag|een\s+klap|een\s+dreun|een\s+knal|een\s+mes|"
    r"een\s+kogel|ervan\s+langs|op\s+je\s+(?:bek|muil|smoel|donder|flikker|sodemieter|lazer|"
    r"kanis|kop|falie)"
)


def _threat_rules() -> list[_Rule]:
    rules: list[_Rule] = []
    for verbs, particles in _THREAT_VERBS:
        sports = verbs.startswith("maak")
        trigger = verbs.replace("|", " ")
        rules.append(_rule("threat", "threat", trigger,
                           rf"\b{_SUBJ1}\s+(?:{verbs})\s+{_OBJ}\s+{_ADVS}(?:{particles})\b",
                           sports=sports))
        rules.append(_rule("threat", "threat", trigger,
                           rf"\b(?:{verbs})\s+{_SUBJ1}\s+{_OBJ}\s+{_ADVS}(?:{particles})\b",
                           sports=sports))
    modal = "ga gaan zal zullen kom komen wil willen"
    rules += [
        _rule("threat", "threat", modal,
              rf"\b{_SUBJ1}\s+(?:ga|gaan|zal|zullen|kom|komen|wil|willen)\s+{_OBJ}\s+{_ADVS}"
              rf"(?:{_THREAT_INF})\b", sports=True),
        _rule("threat", "threat", modal,
              rf"\b(?:ga|gaan|zal|zullen|kom|komen)\s+{_SUBJ1}\s+{_OBJ}\s+{_ADVS}"
              rf"(?:{_THREAT_INF})\b", sports=True),
        _rule("threat", "threat",
              "vermoord vermoorden wurg wurgen verkracht verkrachten mol mollen",
              rf"\b{_SUBJ1}\s+(?:vermoord|vermoorden|wurg|wurgen|verkracht|verkrachten|mol|"
              rf"mollen)\s+{_OBJ}\b"),
        _rule("threat", "threat", "weet",
              rf"\bik\s+weet\s+{_ADVS}waar\s+(?:je|jij|jullie|u)\s+(?:woont|wonen|woon|slaapt|"
              r"zit)\b"),
        _rule("threat", "threat", "pas",
              r"\bpas\s+(?:(?:jij|jullie|je)\s+)?maar\s+(?:(?:heel\s+)?goed\s+)?op\b"
              r"(?!\s+(?:voor|met\s+(?:de|het)|bij|dat|als|op|de|het|je\s+(?:spullen|tas)))"),
        _rule("threat", "threat", "pas",
              r"\bpas\s+(?:jij|jullie)\s+op\b(?!\s+(?:voor|met\s+(?:de|het)|bij|dat|als|op))"),
        _rule("threat", "threat", "kijk",
              r"\bkijk\s+(?:(?:jij|jullie)\s+)?maar\s+uit\b"
              r"(?!\s+(?:voor|met|naar|het|de|door|bij|op))"),
        _rule("threat", "threat", "eraan aan",
              rf"\b(?:je|jij|jullie|u|hij|zij|ze)\s+(?:gaat|gaan)\s+{_ADVS}er\s?aan\b",
              sports=True),
        _rule("threat", "threat", "dood geweest lul af",
              rf"\b(?:je|jij|jullie)\s+(?:bent|zijn)\s+{_ADVS}(?:dood|er\s+geweest|de\s+lul|"
              r"nog\s+niet\s+van\s+(?:me|mij|ons)\s+af)\b", sports=True),
        _rule("threat", "threat", "dood lul sjaak klos geweest beurt",
              r"\b(?:morgen|straks|na\s+school|vanmiddag|maandag|dan|anders)\s+(?:ben|zijn)\s+"
              r"(?:je|jij|jullie)\s+(?:dood|de\s+lul|de\s+sjaak|de\s+klos|er\s+geweest|"
              r"aan\s+de\s+beurt)\b", sports=True),
        _rule("threat", "threat", "krijgt krijg krijgen",
              rf"\b(?:je|jij|jullie)\s+(?:krijgt|krijg|krijgen)\s+{_ADVS}(?:{_HIT_WORDS})\b"),
        _rule("threat", "threat", "krijgt krijg",
              rf"\b(?:krijg|krijgt)\s+(?:je|jij|jullie)\s+{_ADVS}(?:{_HIT_WORDS})\b"),
        _rule("threat", "threat", "krijg krijgen pak pakken",
              rf"\b{_SUBJ1}\s+(?:krijg|krijgen|pak|pakken)\s+(?:je|jou|jullie|hem|haar)\s+"
              rf"{_ADVS}(?:nog\s+)?(?:wel|te\s+pakken)\b"),
        _rule("threat", "threat", "bezuren berouwen",
              r"\b(?:dat|dit)\s+(?:ga|gaan|zal|zul|zult|zullen)\s+(?:je|jij|jullie)\s+"
              rf"{_ADVS}(?:bezuren|berouwen)\b"),
        _rule("threat", "threat", "wacht",
              r"\bwacht\s+(?:(?:jij|jullie)\s+)?maar\s+(?:tot|totdat)\s+(?:na\s+school|"
              r"(?:ik|we)\s+(?:je|jou|jullie)\s+(?:zie|zien|vind|vinden|pak|pakken|te\s+pakken))"),
        _rule("threat", "threat", "mes messen pistool wapen vuurwapen bom geweer",
              rf"\b{_SUBJ1}\s+(?:neem|nemen|breng|brengen|kom|komen)\s+{_ADVS}(?:met\s+)?"
              r"(?:een|mijn|m'n|het|ons)\s+(?:mes|messen|pistool|wapen|vuurwapen|bom|geweer)\b"),
        _rule("threat", "threat", "opblazen fik neerschieten aanvallen beschieten",
              rf"\b{_SUBJ1}\s+(?:ga|gaan|zal|zullen)\s+{_ADVS}(?:de|deze|jullie|die|jouw)?\s*"
              r"school\s+(?:opblazen|in\s+de\s+fik\s+steken|neerschieten|aanvallen|"
              r"beschieten)\b"),
        _rule("threat", "threat", "school",
              rf"\b{_SUBJ1}\s+(?:blaas|blazen|schiet|schieten)\s+(?:de|deze|jullie|die)\s+school"
              r"\s+(?:op|neer|plat|kapot)\b"),
        _rule("threat", "threat", "brand fik",
              rf"\b{_SUBJ1}\s+(?:steek|steken)\s+(?:je|jouw|zijn|haar|z'n|hun)\s+(?:huis|auto|"
              r"fiets|scooter)\s+in\s+(?:de\s+fik|brand)\b"),
    ]
    return rules


_XOBJ: Final = (
    r"(?P<tgt>hem|haar|hen|ze|(?:die|dat|deze)\s+(?:jongen|meisje|meid|gast|kind|gozer|"
    r"leerling|nieuwe)|[a-z][a-z'-]+)"
)
_GROUP_CHAT: Final = r"(?:groep|app|groepsapp|chat|klassenapp)"


def _exclusion_rules() -> list[_Rule]:
    def rule(trigger: str, pattern: str, negation_inside: bool = True) -> _Rule:
        return _rule("exclusion", "exclusion", trigger, pattern,
                     negation_inside=negation_inside)

    shut_out = "blokkeren negeren ontvolgen unfollowen uitsluiten buitensluiten verwijderen"
    return [
        rule(shut_out + " kicken dumpen uit",
             rf"\b(?:iedereen|jullie|allemaal|we|wij|jongens|mensen|allen|dus)\s+{_W}{{0,2}}?"
             r"(?:moet|moeten|gaat|gaan|mag|mogen|kan|kunnen|zal|zullen)\s+(?:\w+\s+)?"
             rf"{_XOBJ}\s+{_W}{{0,2}}?(?:blokkeren|negeren|ontvolgen|unfollowen|uitsluiten|"
             rf"buitensluiten|verwijderen|kicken|dumpen|uit\s+de\s+(?:{_GROUP_CHAT}|klas)"
             r"\s+(?:gooien|zetten|halen|schoppen|trappen|kicken))\b"),
        rule("niemand",
             rf"\bniemand\s+{_W}?(?:mag|moet|gaat|wil|kan)\s+(?:(?:nog|meer|ooit)\s+)*"
             rf"(?:met|naast|bij)\s+{_XOBJ}\s+{_W}{{0,2}}?(?:praten|spelen|omgaan|chatten|"
             r"appen|afspreken|zitten|lopen|kletsen|optrekken|samenwerken|staan)\b"),
        rule("niemand",
             rf"\bniemand\s+(?:mag|moet|gaat|wil)\s+{_XOBJ}\s+(?:(?:nog|meer)\s+)*(?:uitnodigen|"
             r"helpen|antwoorden|volgen|appen|leuk\s+vinden)\b"),
        rule("niemand", rf"\bniemand\s+(?:vindt|mag)\s+{_XOBJ}\s+{_ADVS}(?:leuk|aardig)\b"),
        rule("niemand",
             rf"\bniemand\s+(?:praat|speelt|zit|appt|chat|kletst|trekt)\s+(?:nog\s+)?meer\s+"
             rf"(?:met|naast|bij)\s+{_XOBJ}\b"
             r"(?=[^.!?]{0,30}(?:vanaf|afgesproken|deal|oke|!|\?))"),
        rule(shut_out + " dumpen",
             r"\b(?:iedereen|allemaal|jongens)\s+(?:blokkeren|negeren|ontvolgen|unfollowen|"
             r"verwijderen|dumpen)(?:\s+en\s+(?:blokkeren|negeren|ontvolgen|unfollowen|"
             r"verwijderen|dumpen))?\s+(?:die|dat|deze|hem|haar)\b"),
        rule("gooi zet schop kick trap verwijder haal",
             rf"\b(?:gooi|zet|schop|kick|trap|verwijder|haal)\s+(?:d'r|'m|{_XOBJ})\s+{_W}?"
             r"(?:eruit|uit\s+de\s+"
             rf"(?:{_GROUP_CHAT}|klas|team|club))\b"),
        rule("groep app groepsapp chat klassenapp",
             rf"\b{_XOBJ}\s+{_W}?uit\s+de\s+{_GROUP_CHAT}\s+"
             r"(?:gooien|schoppen|trappen|kicken|zetten|verwijderen)\b"),
        rule("negeren blokkeren ontvolgen dumpen",
             rf"\b(?:we|wij|jullie|iedereen)\s+{_W}?(?:negeren|blokkeren|ontvolgen|dumpen)\s+"
             rf"{_XOBJ}\b"),
        rule("buiten",
             r"\b(?:we|wij|jullie|iedereen)\s+(?:sluiten|sluit)\s+(?:hem|haar|hen)\s+buiten\b"),
        rule("hoort",
             r"\b(?P<tgt>hij|zij|ze|[a-z][a-z'-]+)\s+hoort\s+(?:er|hier)\s+niet\s+(?:bij|thuis)\b",
             negation_inside=False),
        rule("doe",
             r"\bdoe\s+(?:alsof|of)\s+(?P<tgt>hij|zij|ze|[a-z][a-z'-]+)\s+(?:lucht\s+is|niet\s+"
             r"bestaat|er\s+niet\s+is|onzichtbaar\s+is)\b", negation_inside=False),
        rule("zonder",
             rf"\bmaak\s+een\s+(?:nieuwe\s+)?{_GROUP_CHAT}\s+zonder\s+{_XOBJ}\b"),
    ]


def _phrase_rules() -> list[_Rule]:
    def insult(trigger: str, pattern: str) -> _Rule:
        return _rule("insult", "phrase", trigger, pattern)

    def sexual(trigger: str, pattern: str) -> _Rule:
        return _rule("sexual", "phrase", trigger, pattern)

    def discrimination(trigger: str, pattern: str) -> _Rule:
        return _rule("discrimination", "phrase", trigger, pattern)

    groups = "|".join(re.escape(g) for g in sorted(lex.GROUPS_PLURAL, key=len, reverse=True))
    group_bad = (
        r"(?:terroristen|tuig|dieven|criminelen|ratten|apen|beesten|kakkerlakken|parasieten|"
        r"uitschot|minderwaardig|ziek|vies|smerig|dom|achterlijk|het\s+land\s+uit|oprotten|"
        r"opgerot|weg|dood|vergast|vergassen|uitgeroeid|uitroeien|afgeschoten|"
        r"terug\s+naar\s+(?:hun|hun\s+eigen)\s+land|niet\s+welkom|hier\s+niet|"
        r"allemaal\s+hetzelfde)"
    )
    soft = r"(?:toch|maar|lekker|gewoon|nou|ff)"
    return [
        insult("op",
               r"\b(?:kanker|tering|tyfus|kolere|klere|pleuris|sodemieter|flikker|lazer|donder|"
               rf"rot|fuck)\s+(?:(?:{soft}|eens|jij|jullie)\s+)*op\b"
               r"(?!\s+(?:de|het|een|je|mijn|m'n|zijn|haar|onze|dit|dat|tafel|straat|school))"),
        insult("krijg",
               r"\bkrijg\s+(?:(?:toch|maar|lekker|nou|jij)\s+)*(?:de|het|een)\s+(?:kanker|tering|"
               r"tyfus|pest|klere|kolere|pleuris|takke|vinkentering|ziekte|rambam)\b"),
        insult("dood",
               rf"(?<!ik )(?<!we )(?<!wij )\b(?:ga|val)\s+(?:{soft}\s+)*dood\b"
               r"(?!\s+(?:van|aan|bij|om|als))"),
        insult("hoop hopelijk",
               rf"\b(?:ik\s+hoop|hopelijk)\s+(?:dat\s+)?(?:je|jij|jullie|hij|zij)\s+{_ADVS}"
               r"(?:doodgaat|dood\s+gaat|doodgaan|kanker\s+krijgt|creperen|crepeert|verrekt|"
               r"verrekken|sterft|sterven|verdrinkt)\b"),
        insult("mag",
               rf"\bje\s+mag\s+{_ADVS}(?:doodgaan|dood\s+gaan|doodvallen|creperen|verrekken)\b"),
        insult("hang verhang",
               rf"\b(?:hang|verhang)\s+(?:je|jezelf)\s+(?:{soft}\s+)*op\b"),
        insult("zelfmoord suicide",
               rf"\b(?:pleeg|doe)\s+(?:{soft}\s+)*(?:zelfmoord|suicide)\b"),
        insult("spring",
               rf"\bspring\s+(?:{soft}\s+)*(?:voor|van)\s+(?:de\s+trein|een\s+flat|het\s+dak)\b"),
        insult("fuck", r"\bfuck\s+(?:you|jou|je|u|jullie|off)\b"),
        # Belittling the reader, as a teacher might: "ik snap niet hoe iemand zo dom kan zijn"
        # (in a message to someone), "je werkstuk is echt waardeloos".
        _rule("insult", "phrase", "dom stom achterlijk onnozel dommig debiel stupide idioot "
              "zwakzinnig",
              r"\b(?:(?:snap|snapt|begrijp|begrijpt|weet)\s+(?:echt\s+|gewoon\s+|werkelijk\s+|"
              r"oprecht\s+)?(?:niet|nie)\s+hoe\s+(?:je|jij|u|iemand|een\s+mens)\s+|hoe\s+(?:kan|kun|"
              r"kunt)\s+(?:iemand|een\s+mens)\s+)(?:nou\s+|toch\s+|echt\s+)?zo\s+(?:ontzettend\s+|"
              rf"ongelofelijk\s+)?{_DIM}\s+(?:(?:kan|kunt|kon)\s+)?(?:zijn|wezen)\b",
              negation_inside=False, addressed=True),
        _rule("insult", "phrase", "waardeloos bagger ruk kut klote kanker troep rommel prut "
              "prutswerk lachertje huilen janken grap aanfluiting shit waard peil kinderwerk "
              "dom stom achterlijk debiel",
              r"\b(?:je|jouw|uw)\s+(?:werk|werkstuk|toets|verslag|tekening|presentatie|huiswerk|"
              r"opdracht|boekverslag|spreekbeurt|schrift|handschrift|antwoord|antwoorden|essay|"
              r"project|proefwerk|tekst|gedicht|bijdrage|gedoe|praatje|verhaal|idee|ideeen)\s+"
              r"(?:is|was|zijn|waren)\s+(?:(?:echt|gewoon|totaal|helemaal|zo|compleet|werkelijk|"
              r"ook|weer|nog\s+steeds|egt|gwn|wel)\s+)*(?:waardeloos|bagger|ruk|kut|klote|kanker|"
              r"troep|rommel|prut|prutswerk|een\s+lachertje|om\s+te\s+huilen|om\s+te\s+janken|"
              r"een\s+grap|een\s+aanfluiting|shit|niks\s+waard|beneden\s+alle\s+peil|kinderwerk|"
              rf"{_DIM})\b", sports=True),
        insult("hou houd houdt",
               r"\bhou[dt]?\s+(?:je|jij|jullie)\s+(?:(?:kanker|kut|tering|tyfus|vuile|grote|"
               r"smerige)\s+)?(?:bek|kop|muil|smoel|waffel|snater|klep|kanis)\b"),
        sexual("stuur",
               r"\bstuur\s+(?:(?:me|mij|ons|even|eens|nou|ff|dan|nog|maar)\s+)*(?:een\s+)?"
               r"(?:naaktfoto|naaktfoto's|naakt\s+foto|naakte\s+foto|nudes?|nudie|dickpic|"
               r"foto\s+van\s+je\s+(?:tieten|borsten|kont|lul|pik|kut|lichaam|body))"),
        sexual("zien",
               r"\blaat\s+(?:je|jouw|jullie)\s+(?:tieten|borsten|kont|lul|pik|kut|piemel|ballen)"
               r"\s+(?:(?:eens|even|ff|nou|dan|maar)\s+)*zien\b"),
        sexual("neuken pijpen beffen naaien betasten vingeren bespringen verkrachten",
               rf"\b{_SUBJ1}\s+(?:wil|wil\s+graag|ga|gaan|zal)\s+(?:je|jou|haar|hem)\s+{_ADVS}"
               r"(?:neuken|pijpen|beffen|naaien|betasten|vingeren|bespringen|verkrachten)\b"),
        sexual("zuig lik pijp",
               r"\b(?:zuig|lik|pijp)\s+(?:mijn|m'n|me)\s*(?:lul|pik|piemel|ballen|kut|reet|kont)?"
               r"\b(?!\s+(?:vinger|duim|bord|ijsje|lolly))"),
        sexual("geil", rf"\b(?:je|jij)\s+(?:bent|ben)\s+{_ADVS}geil\b"),
        sexual("lekker", r"\blekker\s+(?:wijf|ding|stuk)\b"),
        discrimination(" ".join(lex.GROUPS_PLURAL),
                       rf"\b(?:alle|die|de|al\s+die|zulke|vieze|vuile|smerige|kut|kanker|tyfus)?"
                       rf"\s*(?:{groups})\s+(?:zijn|moeten|horen|mogen|verdienen|gaan|blijven)\b"
                       rf"(?:\s+[\w'-]+){{0,5}}?\s+{group_bad}\b"),
        discrimination("met",
                       r"\b(?:weg\s+met|dood\s+aan|rot\s+op\s+met|kanker\s+op\s+met)\s+(?:de\s+|"
                       r"die\s+|al\s+die\s+|alle\s+)?(?:(?:vieze|vuile|smerige)\s+)?"
                       rf"(?:{groups})\b"),
        discrimination("naar",
                       r"\b(?:ga|rot|donder|flikker|kanker|tyfus)\s+(?:(?:toch|maar|lekker|gewoon|"
                       r"nou|op)\s+)*(?:terug\s+)?naar\s+(?:je|jouw|jullie)\s+(?:eigen\s+)?"
                       r"(?:land|landje|woestijn|oerwoud|afrika|marokko|turkije)\b"),
        discrimination("terug",
                       r"\bterug\s+naar\s+(?:je|jullie)\s+(?:eigen\s+)?(?:land|landje|woestijn|"
                       r"oerwoud)\b"),
        discrimination("hitler", r"\bhitler\s+had\s+gelijk\b"),
    ]


_PRON2: Final = r"(?:je|jou|jij|jullie|u)"
_PRON3: Final = r"(?:hem|haar|hen|ze|d'r)"
_VIOLENCE: Final = (
    r"(?:sla|slaan|steek|steken|schiet|schieten|breek|breken|trap|trappen|schop|schoppen|"
    r"mep|meppen|snij|snijd|snijden|wurg|wurgen|ram|rammen|beuk|beuken|vermoord|vermoorden|"
    r"verbrand|verbranden|martel|martelen|stomp|stompen)"
)
_BODY: Final = (r"(?:tieten|borsten|kont|kontje|billen|lul|pik|piemel|bh|reet|ballen|"
                r"lichaam|body)")
_WEAPONS: Final = "\U0001F52A\U0001F5E1\U0001F52B\U0001F4A3"   # knife, dagger, gun, bomb
_SEX: Final = "\U0001F346\U0001F4A6\U0001F351\U0001F445\U0001F975"
_DISGUST: Final = "\U0001F92E\U0001F921\U0001F595"   # vomit, clown, middle finger
_EMOJI_WEAPON: Final = f"[{_WEAPONS}]"
_EMOJI_SEX: Final = f"[{_SEX}]"
_EMOJI_DISGUST: Final = f"[{_DISGUST}]"


def _cue_rules() -> list[_Rule]:
    """Broader constructions: a first-person subject with a violent verb and a target, a
    shut-out with "niemand", a body part with a look or a request, a group with a
    hateful predicate."""
    # longest first; then alphabetical, so that the pattern is the same in every process
    groups = "|".join(re.escape(g) for g in sorted(
        {*lex.GROUPS_PLURAL, *lex.GROUPS_PEJORATIVE}, key=lambda g: (-len(g), g)))
    group = rf"(?:alle\s+|die\s+|de\s+|zulke\s+|van\s+die\s+)?(?:{groups})"
    hateful = (
        r"(?:lui|dom|dommer|achterlijk|vies|smerig|stinken|stinkt|ziek|gestoord|crimineel|"
        r"criminelen|dieven|tuig|terroristen|uitschot|minderwaardig|parasieten|ratten|apen|"
        r"beesten|kakkerlakken|ongedierte|niks\s+te\s+zoeken|niets\s+te\s+zoeken|"
        r"pikken\s+onze|verpesten|zuipen|stelen|jatten|profiteurs|uitvreters|"
        r"in\s+de\s+keuken|achter\s+het\s+aanrecht|oprotten|dood|vergassen|uitroeien|"
        r"het\s+land\s+uit|terug\s+naar|eruit|weg\s+uit)"
    )
    threat = [
        _rule("threat", "threat", "ik we wij",
              rf"\b(?:ik|we|wij)\s+{_W}{{0,3}}?{_VIOLENCE}\s+{_W}{{0,2}}?"
              rf"(?P<tgt>{_PRON2}|{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\b", sports=True),
        _rule("threat", "threat", "ik we wij",
              rf"\b{_VIOLENCE}\s+(?:ik|we|wij)\s+{_W}{{0,2}}?(?P<tgt>{_PRON2}|{_PRON3})\b",
              sports=True),
        _rule("threat", "threat", "halen",
              rf"\bik\s+kom\s+(?P<tgt>{_PRON2}|{_PRON3})\s+{_W}{{0,3}}?halen\b"),
        _rule("threat", "threat", "spijt",
              rf"\b(?:je|jij|jullie|hij|zij|ze)\s+(?:gaat|gaan|zal|zult|zullen)\s+{_W}{{0,3}}?"
              r"spijt\s+(?:van\s+)?(?:krijgen|hebben)\b"),
        _rule("threat", "threat", "wacht", r"\bwacht\s+(?:jij\s+|jullie\s+)?maar\s+af\b"),
        _rule("threat", "threat", "wacht",
              r"\bwacht\s+(?:jij\s+|jullie\s+)?maar\s+tot\b[^.!?\n]{0,40}?\bdan\s+"
              r"(?:ben|zijn|krijg|krijgt|ga|gaat)\b"),
        _rule("threat", "threat", "uitkijken",
              rf"\b(?:moet|moeten)\s+{_W}{{0,3}}?uitkijken\b"),
        _rule("threat", "threat", "let",
              r"\blet\s+maar\s+(?:goed\s+)?op\s+(?:je|jouw)\s+\w+"),
        _rule("threat", "threat", "weet", r"\bdan\s+weet\s+(?:hij|zij|ze|je|jij)\s+het\s+wel\b"),
        _rule("threat", "threat", "krijgt krijgen",
              rf"\bwie\s+{_W}{{1,8}}?(?:krijgt|krijgen)\s+{_ADVS}(?:{_HIT_WORDS})\b"),
        _rule("threat", "threat", "of",
              r"\bof\s+ik\s+(?:zeg|vertel|zet|stuur|post|deel|laat)\b(?!\s+het\s+wel\s+even)"),
        _rule("threat", "threat", "online rond groep",
              rf"\bik\s+(?:zet|post|deel|stuur)\s+{_W}{{0,3}}?(?:online|rond|door|"
              r"in\s+de\s+groep)\s+als\s+(?:je|jij)\s+niet\b", negation_inside=False),
        _rule("threat", "threat", "school fik brand",
              rf"\b(?:ik|we)\s+(?:steek|steken)\s+{_W}{{0,3}}?school\s+in\s+(?:de\s+fik|brand)\b"),
        _rule("threat", "threat", "",
              rf"{_EMOJI_WEAPON}[^.!?\n]{{0,40}}?\b(?:morgen|straks|vanavond|vanmiddag|na\s+school|"
              rf"bij|je|jij|jou|hem|haar|school)\b|\b(?:morgen|straks|vanavond|na\s+school|je|"
              rf"jij|jou|hem|haar)\b[^.!?\n]{{0,40}}?{_EMOJI_WEAPON}", marks=_WEAPONS),
    ]
    exclusion = [
        _rule("exclusion", "exclusion", "niemand",
              rf"\bniemand\s+{_W}{{0,3}}?(?:praat|praten|speelt|spelen|zit|zitten|nodigt|loopt|"
              r"kletst|chat|appt|helpt|kiest|kijkt)\s+(?:[\w'-]+\s+){0,2}?(?:met|naast|bij)?\s*"
              rf"(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\b", negation_inside=False),
        _rule("exclusion", "exclusion", "niemand",
              r"\b(?:praat|praten|speelt|spelen|zit|zitten)\s+niemand\s+(?:[\w'-]+\s+){0,2}?"
              rf"(?:met|naast|bij)\s+(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\b",
              negation_inside=False),
        _rule("exclusion", "exclusion", "geen",
              r"\bgeen\s+(?:1|een|enkele?)\s+\w+\s+(?:mag|gaat|wil)\s+(?:[\w'-]+\s+){0,2}?"
              rf"(?:met|naast)\s+(?P<tgt>{_PRON3}|[a-z][a-z'-]+)\b", negation_inside=False),
        _rule("exclusion", "exclusion", "uit",
              rf"\bwie\s+(?:met|naast)\s+(?P<tgt>{_PRON3}|[a-z][a-z'-]+)\s+{_W}{{0,2}}?"
              r"(?:praat|speelt|zit|omgaat)\s+(?:ligt|vliegt|is)\s+(?:er\s+)?(?:ook\s+)?uit\b"),
        _rule("exclusion", "exclusion", "blok blokkeer ban ontvolg negeer kick verwijder unfollow",
              r"(?:^|[.!?,\n]\s*|\ben\s+)(?:blok|blokkeer|ban|ontvolg|negeer|kick|verwijder|"
              rf"unfollow)\s+(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\b"),
        _rule("exclusion", "exclusion", "eruit",
              rf"\bhaal\s+(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\s+{_W}?eruit\b"),
        _rule("exclusion", "exclusion", "hoort horen",
              r"\b(?P<tgt>hij|zij|ze|[a-z][a-z'-]+)\s+(?:hoort|horen)\s+(?:er\s+|hier\s+)?"
              r"(?:toch\s+|gewoon\s+|echt\s+)?niet\s+(?:bij\s+(?:ons|de\s+groep|de\s+klas)|"
              r"bij\b|thuis\b)", negation_inside=False),
        _rule("exclusion", "exclusion", "uitnodigen toevoegen",
              rf"\b(?P<tgt>{_PRON3}|die\s+\w+|[a-z][a-z'-]+)\s+niet\s+(?:uitnodigen|toevoegen|"
              r"laten\s+meedoen)\b", negation_inside=False),
        _rule("exclusion", "exclusion", "uit",
              r"\b(?:moet|moeten)\s+uit\s+de\s+\w*(?:groep|klas|team|app|chat)\b"),
        _rule("exclusion", "exclusion", "doe doen",
              r"\bdoen?\s+(?:[\w'-]+\s+){0,2}?(?:alsof|of)\s+(?P<tgt>hij|zij|ze|[a-z][a-z'-]+)\s+"
              r"(?:lucht\s+is|niet\s+bestaat|er\s+niet\s+is|onzichtbaar\s+is)\b",
              negation_inside=False),
        _rule("exclusion", "exclusion", "horen hoort blijf mee",
              r"\b(?:horen|hoort)\s+(?:hier\s+)?niet\s+(?:in|op)\s+(?:de|het|onze|ons|deze)\b"
              r"|\bblijf\s+uit\s+(?:de|het|onze)\s+\w+"
              r"|\b(?:doen|doet|mogen|mag)\s+niet\s+mee\s+(?:met|in|bij)\s+(?:ons|onze)\b",
              negation_inside=False),
    ]
    sexual = [
        _rule("sexual", "phrase", "stuur sturen snap snappen send laat",
              rf"\b(?:stuur|sturen|snap|snappen|send|laat)\s+{_W}{{0,3}}?(?:nudes?|naakt\w*|"
              r"sexy\s+\w+|sxy\s+\w+|pics?\s+zonder|"
              rf"foto'?s?\s+van\s+je\s+(?:{_BODY}|in\s+je\s+\w+)|je\s+{_BODY}|meer)\b"),
        _rule("sexual", "phrase", "sexy sxy naakt nudes nude",
              r"\b(?:sexy|sxy|naakt\w*|nudes?)\s+(?:[\w'-]+\s+){0,2}?(?:sturen|stuur|snappen|"
              r"snap|sturen)\b"),
        _rule("sexual", "phrase", "nudes nude",
              r"\bnudes?\b[^.!?\n]{0,30}?\b(?:of\s+ik|pls|plz|please|van\s+(?:je|jou)|online|"
              r"je|jij)\b|\b(?:je|jouw|jij)\b[^.!?\n]{0,20}?\bnudes?\b"),
        _rule("sexual", "phrase", "lekker geil grote mooie dikke strakke kijk kijken zien foto "
                                  "snap voelen voel",
              rf"\b(?:lekker|geil|geile|grote|mooie|dikke|strakke|kijk\w*|zien|foto|snap|voel\w*)"
              rf"\s+{_W}{{0,4}}?{_BODY}\b(?!\s+(?:van\s+de|kant|beweging))"),
        _rule("sexual", "phrase", "geil geile sexy hot milf",
              r"\b(?:geil|geile|sexy|hot)\s+(?:[\w'-]+\s+){0,2}?(?:in\s+die\s+\w+|wijf|ding|milf|"
              r"juf|meid|moeder|lerares)\b|\bmilf\b|\b(?:zo|echt|super)\s+geil\b"),
        _rule("sexual", "phrase", "",
              rf"\b(?:je|jou|jij|ik\s+wil|haar|hem)\b[^.!?\n]{{0,40}}?{_EMOJI_SEX}"
              rf"|{_EMOJI_SEX}[^.!?\n]{{0,20}}?\b(?:die|je|jij|haar)\b", marks=_SEX),
        _rule("sexual", "phrase", "niemand delete verwijder tussen",
              r"\b(?:foto'?s|pics?|filmpjes?|video'?s)\b[^.!?\n]{0,60}?\b(?:niemand\s+(?:ziet|komt|"
              r"hoeft)|ik\s+(?:delete|verwijder)|blijft\s+tussen\s+ons)"
              r"|\b(?:niemand\s+(?:ziet|komt)|blijft\s+tussen\s+ons)\b[^.!?\n]{0,40}?"
              r"\b(?:foto'?s|pics?)\b", negation_inside=False),
        _rule("sexual", "phrase", "douche kleedkamer stiekem",
              r"\b(?:filmpje|foto|video|gefilmd|gefotografeerd)\b[^.!?\n]{0,50}?\b(?:onder\s+de\s+"
              r"douche|in\s+de\s+kleedkamer|stiekem\s+(?:gefilmd|gefotografeerd|opgenomen))"),
        _rule("sexual", "phrase", "iedereen",
              r"\b(?:doet|deed)\s+het\s+met\s+(?:iedereen|alle\s+\w+|de\s+halve)\b"),
        _rule("sexual", "phrase", "ouders", r"\bals\s+je\s+ouders\s+(?:weg|niet\s+thuis)\s+zijn\b",
              negation_inside=False),
        _rule("sexual", "phrase", "wilt wil", r"\bje\s+wilt?\s+het\s+toch\s+ook\b"),
    ]
    insult = [
        _rule("insult", "phrase", "boomer", r"\bok[eé]?\s+boomer\b"),
        _rule("insult", "phrase", "lijer",
              r"\b(?:kanker|tering|tyfus|kolere|klere)\s*lijer\b"),
        _rule("insult", "phrase", "grap clown",
              r"\b(?:je|jij)\s+(?:bent|ben)\s+(?:echt\s+)?(?:een\s+)?(?:grap|clown|lachertje)\b"),
        _rule("insult", "phrase", "",
              rf"\b(?:je|jij|jouw|jullie|die|dat|van)\b[^.!?\n]{{0,40}}?{_EMOJI_DISGUST}",
              marks=_DISGUST),
        _rule("insult", "phrase", "", "\U0001F595", marks="\U0001F595"),
    ]
    discrimination = [
        _rule("discrimination", "phrase", " ".join(lex.GROUPS_PLURAL + list(lex.GROUPS_PEJORATIVE)),
              rf"\b{group}\s+(?:[\w'-]+\s+){{0,5}}?{hateful}\b"),
        _rule("discrimination", "phrase", " ".join(lex.GROUPS_PLURAL + list(lex.GROUPS_PEJORATIVE)),
              rf"\b{group}\s+(?:[\w'-]+\s+){{0,3}}?(?:horen|hoort)\s+(?:hier\s+)?niet\b"
              rf"|\b{group}\s+(?:zouden|moeten|mogen)\s+(?:niet|nooit)\s+(?:mogen\s+)?bestaan\b",
              negation_inside=False),
        _rule("discrimination", "phrase", "terug",
              r"\bterug\s+(?:in|naar)\s+(?:je|jouw|jullie)\s+(?:boom|oerwoud|hut|woestijn|"
              r"speciale\s+\w+)\b"),
        _rule("discrimination", "phrase", "speciale",
              r"\b(?:gehandicapt\w*|mongool\w*|downie|spast\w*|autist\w*)\b[^.!?\n]{0,60}?"
              r"\bspeciale\s+\w+"),
    ]
    return threat + exclusion + sexual + insult + discrimination


_ABUSE_RULES: Final = _threat_rules() + _exclusion_rules() + _phrase_rules() + _cue_rules()


_ALSO_THREAT: Final = re.compile(r"\bverkracht")

_TARGET_PRONOUNS: Final = frozenset(wordlists.words("abuse_words", "target pronouns"))


def _target_ok(doc: _Doc, match: re.Match[str]) -> bool:
    if "tgt" not in match.re.groupindex or match.start("tgt") < 0:
        return True
    target = match.group("tgt")
    if target in _TARGET_PRONOUNS:
        return True
    if " " in target:
        # "die gast", "die loser", "die nieuwe": a person; "die opmerking" is not
        head = target.split()[-1]
        return (head in lex.PERSON_NOUNS or head in ("nieuwe", "gozer", "kind", "sukkel")
                or _lookup(head) is not None or head in _GROUP_WORDS
                or target.split()[0] not in ("die", "dat", "deze"))
    start = match.start("tgt")
    if _name_ok(doc, start, match.end("tgt")):
        return True
    # students write names in lowercase: "gooi lisa uit de groep"
    lists = name_lists()
    return target.capitalize() in lists.first and target not in lists.common


def _rules_by_word() -> tuple[dict[str, list[int]], list[int]]:
    """Each trigger word with the rules (their places in ``_ABUSE_RULES``) it triggers,
    and the rules that have no trigger words."""
    by_word: dict[str, list[int]] = {}
    untriggered = []
    for i, rule in enumerate(_ABUSE_RULES):
        if not rule.trigger:
            untriggered.append(i)
        for word in rule.trigger:
            by_word.setdefault(word, []).append(i)
    return by_word, untriggered


_RULES_BY_WORD, _UNTRIGGERED = _rules_by_word()


def _rule_hits(doc: _Doc) -> list[_Hit]:
    text = doc.norm.text
    words = {t.word for t in doc.toks}
    # the rules one of the text's words triggers, looked up word by word rather than
    # rule by rule, and run in their order
    live = set(_UNTRIGGERED)
    for word in words.intersection(_RULES_BY_WORD):
        live.update(_RULES_BY_WORD[word])
    hits: list[_Hit] = []
    for i in sorted(live):
        rule = _ABUSE_RULES[i]
        if rule.marks and not any(mark in text for mark in rule.marks):
            continue   # an emoji rule needs one of its emoji
        if rule.addressed and words.isdisjoint(lex.SECOND_PERSON):
            continue
        for match in rule.pattern.finditer(text):
            if not _target_ok(doc, match):
                continue
            if rule.negation_inside:
                inside = match.group()
                if rule.kind == "exclusion":
                    inside = inside.replace("niemand", "")
                before = text[max(0, match.start() - 14):match.start()]
                if NEGATION.search(inside) or re.search(r"\b(?:niet|nooit)\s+$", before):
                    continue
            hits.append(_Hit(rule.kind, match.start(), match.end(), rule.family,
                             rule.sports_exempt))
            if rule.kind == "sexual" and _ALSO_THREAT.search(match.group()):
                hits.append(_Hit("threat", match.start(), match.end(), "threat"))
    return hits

