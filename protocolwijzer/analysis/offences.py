"""Possibly criminal statements: what the protocols answer with aangifte (Roermond
sancties.B.2, Willibrord sancties.6: "mogelijk een strafrechtelijke overtreding").

The analyser does not judge guilt; it flags text that a school leader should look at with
the police in mind. ``criminal_kinds``:

``threat``
    The abuse kind ``threat`` (art. 285 Sr), as the abuse rules find it.
``sexual_image_minor``
    Spreading or offering sexual images of someone else (art. 240b Sr; around a school the
    person is most likely a minor): "heb naaktfoto's van lisa, wie wil ze", "stuur die
    nudes van sanne door", "het filmpje van Emma onder de douche gaat rond, ik stuur het
    door"; a private picture someone sent, passed on with a sexual sign instead of a word
    ("kijk wat lisa naar jayden heeft gestuurd 🍑😂 stuur door", "wie wil de foto die emma
    naar tim stuurde? 🍆 dm me"). A school's warning ("er gaat een naaktfoto rond, stuur hem
    niet door"), a lesson ("het doorsturen van naaktfoto's is strafbaar") and fruit ("wat
    oma me stuurde 🍑 perziken uit haar tuin") are not.
``sextortion``
    Pictures held over the reader with a demand: "betaal 200 euro of ik stuur je
    naaktfoto's naar je klas", "stuur meer of ik deel je pics met je ouders", "als je me
    niet voor vrijdag 50 euro tikkie stuurt zet ik je naaktfoto in de groepsapp", "... gaat
    ie naar de hele school", "anders krijgt de hele klas je naaktfoto te zien". The picture
    is intimate or the demand is money, more pictures, a password or obedience: "als je me
    geen chips geeft zet ik die foto van jou met dat hoedje in de groep" is a joke among
    friends; a school's warning ("er gaan berichten rond waarin iemand geld eist") is not.
``doxxing_call``
    Where someone lives or is, with a call to go there or act: the abuse kind
    ``doxxing`` with a call to action ("gaan we vanavond allemaal langs", "bel hem
    allemaal", "wie gaat er vanavond met me mee"), or someone's whereabouts now with a
    call ("ze zit nu bij de mac, wie gaat er heen"). A kind visit ("juf is jarig, wie gaat
    er mee om bloemen te brengen") is no call to act against anyone.
``incitement``
    Calling others to violence (art. 131 Sr): "iedereen moet hem in elkaar slaan",
    "laten we hem na school opwachten", "sla hem gewoon in elkaar", "wie helpt me die
    gast te pakken", "steek die moskee in de fik", "iemand moet die mentor eens flink in
    elkaar slaan", "er moet gewoon iemand ...", "die mentor moet in elkaar geslagen
    worden", "wie durft meester Rob een klap te geven", a reward ("ik geef 20 euro aan wie
    hem in elkaar slaat"). Sports talk, a report ("iemand heeft de conciërge in elkaar
    geslagen") and "iemand moet hem eens de waarheid zeggen" are not.
``discrimination``
    The abuse kind ``discrimination`` aimed at a group (art. 137c-137e Sr): "alle
    moslims zijn terroristen", a group named by an adjective and a plural ("die
    Marokkaanse jongens zijn allemaal tuig"), or in the sentence before ("... zoveel
    Marokkaanse kinderen ... Dat tuig hoort hier niet, stuur ze allemaal terug"; see
    ``groups._against_group``). A slur at one person ("jij vuile homo", "die Marokkaanse
    jongen is tuig") is abuse, but not group insult.
``defamation``
    Accusing an identifiable person of a crime or a disgraceful act (smaad/laster, art.
    261-262 Sr): "meester de vries is een pedo", "zij steelt uit de kas", "die
    gymleraar zit aan meisjes", "juf Petra komt dronken voor de klas", in any tense and
    word order ("heeft aan meisjes uit onze klas gezeten", "zat vroeger aan kinderen",
    "die altijd aan de meisjes zit", "heeft geld uit de pot gepakt"). The person is a
    title with a name, a role with "de"/"die" ("de conciërge"), a name, or "hij"/"zij";
    every candidate is tried ("... gezeten en hij verkoopt drugs").
    Calling someone an idiot is an insult, not an accusation; a role in a play ("speelt
    de dief"), a negation ("is geen pedo"), counter-speech ("stop met die roddels") and a
    lesson ("wat een pedofiel is") are not.

The trigger words (``*_WORDS``) stay in Python beside the patterns they index: each must
name a word of every match of its pattern, which only reads true side by side. The few
other word lists are in ``data/school_signals.txt``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from ._context import CALL_TO_ACTION, COUNTER, NEGATION, SPEECH, Cues, Lazy, words
from .names import name_lists

if TYPE_CHECKING:
    from .document import _Doc

__all__ = ["CRIMINAL_KINDS", "criminal_kinds"]

CRIMINAL_KINDS: Final = (
    "threat", "sexual_image_minor", "sextortion", "doxxing_call", "incitement",
    "discrimination", "defamation",
)

# -- sexual images -----------------------------------------------------------------------

_NUDE: Final = (
    r"(?:naakt\s*foto\w*|naakt\s*filmpje\w*|naakt\s*video\w*|naakt\s*pics?|nudes?|nudies?|"
    r"naaktbeelden|seks\s*filmpje\w*|sex\s*filmpje\w*|sextape\w*|seks\s*video\w*|sex\s*video\w*|"
    r"pikante\s+foto\w*|blote\s+foto\w*|topless\s*foto\w*|dickpic\w*|"
    r"(?:filmpje|foto|video)\w*\s+(?:van\s+\w+\s+)?(?:onder\s+de\s+douche|in\s+de\s+kleedkamer|"
    r"in\s+(?:haar|zijn|z'n|d'r)\s+(?:ondergoed|blootje|bh|onderbroek)))(?:'s)?"
)
_NOT_OTHER: Final = r"(?:jezelf|mezelf|mijzelf|jou|je|mij|me|jouw|ons|onszelf)\b"
_OF_OTHER: Final = Lazy(
    rf"\b(?:haar|zijn|z'n|d'r|hun)\s+(?:[\w']+\s+)?{_NUDE}|{_NUDE}\s+(?:[\w']+\s+)?van\s+"
    r"(?!(?:jezelf|mezelf|mijzelf|jou|je|mij|me|jouw|minderjarigen|anderen|iemand|een\s+"
    r"leerling\s+rond)\b)(?:die|dat|deze|de|een)?\s*[a-z][\w'-]+"
    r"|\b(?:van\s+zichzelf|van\s+haarzelf)\b"
    rf"|\b(?:filmpje|foto|video|pic)\w*\s+van\s+(?!{_NOT_OTHER})[a-z][\w'-]+\s+(?:onder\s+de\s+"
    r"douche|in\s+de\s+kleedkamer|in\s+(?:haar|zijn|z'n|d'r)\s+(?:ondergoed|bh|onderbroek)|"
    r"zonder\s+(?:kleren|kleding|broek|shirt|bh|onderbroek))")
# A private picture someone sent, passed on with a sexual sign and no word for it: "kijk
# wat lisa naar jayden heeft gestuurd 🍑😂 stuur door", "wie wil de foto die emma naar tim
# stuurde? 🔥🍑 dm me".
_SENT_BY_OTHER: Final = Lazy(
    r"\b(?:wat|de\s+(?:foto|pic|snap|filmpje|video)\w*|die\s+(?:foto|pic|snap|filmpje|video)\w*"
    r"(?:\s+die|\s+dat)?|het\s+filmpje(?:\s+dat)?)\s+(?!ik\b|je\b|jij\b|u\b|we\b|wij\b)"
    r"[a-z][\w'-]+\s+(?:[\w']+\s+){0,4}?(?:heeft\s+)?(?:gestuurd|gesnapt|verstuurd|stuurde|"
    r"snapte|appte|geappt|gedeeld)\b")
_SEXUAL_SIGN: Final = Lazy(
    "[\U0001F346\U0001F351\U0001F445]"   # aubergine, peach, tongue
    r"|\b(?:pikant\w*|bloot|blote|naakt\w*|sexy|geil\w*|nsfw|ondergoed|zonder\s+kleren)\b|\b18\+")
_FRUIT: Final = Lazy(r"\b(?:perzik\w*|fruit|aubergine\w*|groente\w*|tuin|recept\w*|smoothie)\b")
_SPREAD: Final = Lazy(
    r"\b(?:door\s*sturen|doorgestuurd|stuur\s+(?:[\w']+\s+){0,4}?door|stuurt\s+(?:[\w']+\s+){0,4}?"
    r"door|deel|delen|gedeeld|deelt|post|posten|gepost|online\s+zetten|zet\s+(?:[\w']+\s+){0,4}?"
    r"(?:online|op\s+(?:insta\w*|snap\w*|tiktok|internet|twitter|x|facebook|de\s+groep)|"
    r"in\s+de\s+(?:groep|app|chat))|verspreid\w*|rondsturen|rondgestuurd|gaat\s+(?:nu\s+)?rond|"
    r"in\s+de\s+(?:groep|klassenapp|groepsapp|app|chat)|wie\s+wil|wil\s+iemand|heb\s+(?:ik\s+)?"
    r"(?:ze|hem|het|die)|ik\s+heb\s+(?:de\s+|haar\s+|zijn\s+)?(?:naakt|nudes)|heb\s+naakt|"
    r"laten\s+zien|kijk\s+wat|te\s+koop|verkoop\w*|[dp]m(?:\s+me)?|heeft\s+iemand|"
    r"wie\s+heeft)\b")
_LESSON_ON_IMAGES: Final = Lazy(
    r"\bhet\s+(?:door)?(?:sturen|delen|verspreiden|bezitten|maken)\s+van\b|\bstrafbaar\b|"
    r"\bniet\s+(?:door|verder|delen|doorsturen)\b|\bverwijder\b|\bmeld\w*\b|\bsexting\b|"
    r"\bnooit\b")

# -- sextortion -------------------------------------------------------------------------

_IMAGE: Final = Lazy(
    r"\b(?:foto\w*|pics?|nudes?|naakt\w*|filmpje\w*|video\w*|beelden|snaps?|sexfilmpje\w*|"
    r"opnames?)\b")
# The condition: a demand, or any "als je ..." before nude pictures are spread.
_DEMAND: Final = Lazy(
    r"\b(?:anders|tenzij|of\s+(?:ik|ze|hij|ie)|betaal\w*|doe\s+wat\s+ik\s+zeg|"
    r"stuur\s+(?:me\s+)?meer|maak\s+(?:[\w']+\s+){0,3}?over|"
    r"als\s+(?:je|jij)\b[^.!?\n]{0,40}?\b(?:niet|geen)\b|"
    r"als\s+(?:je|jij)\b(?=[^.!?\n]{0,60}?\b(?:je|jouw)\s+(?:naakt\w*|nudes?)))")
_PLACE_ONLINE: Final = (
    r"(?:online|op\s+(?:insta\w*|snap\w*|tiktok|internet|facebook|twitter|x)|in\s+(?:de\s+|je\s+)?"
    r"(?:groep|groepsapp|klassenapp|klasapp|app|chat|story|klas)\w*)"
)
_EXPOSE: Final = Lazy(
    rf"\b(?:zet|zetten)\b[^.!?\n]{{0,50}}?\b{_PLACE_ONLINE}\b|\bkomt\s+(?:[\w']+\s+){{0,4}}?"
    rf"{_PLACE_ONLINE}\b|"
    # "gaat ie naar de hele school", "gaat je filmpje online", "of ze gaan naar je klas"
    r"\b(?:gaa?t|gaan)\s+(?:[\w']+\s+){0,3}?(?:online|rond|viraal|naar\s+(?:je|jouw|de|al|"
    r"iedereen))\b|\bte\s+zien\s+krijgen\b|\bkrijg\w*\s+(?:[\w']+\s+){0,6}?te\s+zien\b|"
    r"\b(?:online\s+zetten|posten|post\s+ik|deel\s+ik|ik\s+deel|"
    r"verspreid\w*|iedereen\s+(?:ziet|krijgt|te\s+zien)|ziet\s+iedereen|krijgt\s+iedereen|"
    r"gaat\s+rond)\b|\bstuur\s+ik\b[^.!?\n]{0,40}?\bnaar\b|"
    r"\b(?:laat\s+ik|ik\s+laat)\b[^.!?\n]{0,30}?\bzien\b"
    r"|\b(?:naar|met)\s+(?:(?:al\s+)?(?:je|jouw)|de)\s+(?:hele\s+)?(?:ouders|klas|school|"
    r"vrienden|moeder|vader|familie|volgers|contacten)\b")
# What makes a demand with a picture of the reader extortion, not a joke among friends ("als
# je me geen chips geeft zet ik die foto van jou in de groep"): the picture is intimate, or
# the demand is money, more pictures, a password, obedience.
_SERIOUS: Final = Lazy(
    r"\b(?:naakt\w*|nudes?|nudies?|ondergoed|bikini|webcam|opnames?|douche|sexy|seks\w*|sex\w*|"
    r"\d+\s*(?:euro|eu)|euro|tikkie|geld|bitcoin\w*|betaal\w*|betalen|betaalt|wachtwoord|inlog\w*|"
    r"(?:meer|nieuwe|andere|\d+|een\s+paar)\s+(?:foto\w*|pics?|nudes?|filmpje\w*)|"
    r"stuur\s+(?:me\s+)?meer|"
    r"doe\s+wat\s+ik\s+zeg|"
    r"uitmaakt|uit\s+maakt)\b|€")
_WARNING: Final = Lazy(
    r"\b(?:als|wanneer|indien)\s+iemand\b|\bdreig\w*\b|\bmeld\w*\b|\bpolitie\b|\bhelpwanted\b|"
    r"\biemand\s+(?:[\w']+\s+)?(?:eist|vraagt|dreigt)\b|\bberichten\s+rond\b|"
    r"\bsextortion\b|\bafpersing\b")

# -- doxxing with a call ----------------------------------------------------------------

_WHEREABOUTS: Final = Lazy(
    r"\b(?:hij|zij|ze|die\s+\w+|[a-z]+)\s+(?:zit|is|staat|hangt|loopt)\s+(?:nu|nu\s+net|"
    r"op\s+dit\s+moment|vanavond)\s+(?:bij|in|op|aan|voor)\b")
_GO_THERE: Final = Lazy(
    r"\bwie\s+(?:gaat|komt|gaan)\s+(?:er\s+)?(?:heen|mee|naartoe)\b|\bkom\s+(?:[\w']+\s+){0,2}?"
    r"allemaal\b|\bgaan\s+we\s+(?:[\w']+\s+){0,3}?(?:langs|heen|naartoe)\b|\b(?:we|wij)\s+pakken\s+"
    r"(?:hem|haar|ze)\b|\bgaan\s+(?:[\w']+\s+){0,3}?(?:langs|heen)\b")

# -- incitement -------------------------------------------------------------------------

_VIOLENCE: Final = (
    r"(?:in\s+elkaar\s+(?:slaan|trappen|rammen|schoppen|beuken|meppen)|afmaken|af\s+maken|"
    r"doodmaken|dood\s+maken|vermoorden|doodslaan|dood\s+slaan|neersteken|neerschieten|"
    r"opwachten|aanvallen|mishandelen|afranselen|aftuigen|in\s+de\s+fik\s+steken|"
    r"in\s+brand\s+steken|kapotmaken|kapot\s+maken|kapot\s+slaan|kapotslaan|slaan|schoppen|"
    r"trappen|te\s+pakken\s+(?:nemen|krijgen)|pakken|grijpen|een\s+lesje\s+leren|"
    r"een\s+pak\s+slaag\s+geven|elimineren|uitroeien|vergassen|ophangen|bekogelen|stenigen|"
    r"verrot\s+slaan|verrot\s+trappen|steken|neerknallen|afknallen|"
    r"in\s+elkaar\s+te\s+(?:slaan|trappen|rammen|schoppen|beuken)|"
    r"(?:een\s+)?(?:klap|klappen|dreun|dreunen|mep|schop|stomp|pak\s+slaag|pak\s+rammel)\s+"
    r"(?:te\s+)?(?:geven|verkopen|verkocht))"
)
# Done to someone, as a wish that others should do it: "die mentor moet eens flink in
# elkaar geslagen worden".
_VIOLENCE_DONE: Final = (
    r"(?:in\s+elkaar\s+(?:geslagen|getrapt|geschopt|geramd)|afgemaakt|doodgeslagen|doodgemaakt|"
    r"neergestoken|neergeschoten|opgewacht|aangevallen|mishandeld|afgetuigd|afgerammeld|"
    r"in\s+de\s+fik\s+gestoken|verrot\s+geslagen|kapotgeslagen|gestoken)"
)
# Violence in the present, after "wie": "ik geef 20 euro aan wie hem in elkaar slaat".
_VIOLENCE_NOW: Final = (
    r"(?:in\s+elkaar\s+(?:slaat|trapt|schopt|ramt)|neersteekt|afmaakt|opwacht|aftuigt|"
    r"(?:een\s+)?(?:klap|dreun|mep|schop|stomp|pak\s+slaag)\s+geeft|slaat|steekt)"
)
_TARGET3: Final = (
    r"(?:hem|haar|hen|ze|die\s+[\w']+|dat\s+[\w']+|deze\s+[\w']+|alle\s+[\w']+|[a-z][\w'-]+)"
)
# Children as the ones touched; what is said after "zat aan de kinderen" that makes it
# innocent ("zat aan de kinderen voor te lezen").
_MINORS: Final = (
    r"(?:de\s+|die\s+|jonge\s+|een\s+|kleine\s+)?(?:meisje|meisjes|jongen|jongens|jongetje\w*|"
    r"kinderen|kind|leerling\w*|minderjarige\w*)"
)
_DOING: Final = r"(?:\s+(?:[\w']+\s+){0,3}?te\s+[a-z]+)"
# A word for a person by their role (the victim of incitement, the accused of defamation).
_ROLE_NOUN: Final = (
    r"(?:[a-z]*leraar|[a-z]*lerares|[a-z]*docent|docente|juf|meester|mentor|directeur|"
    r"directrice|rector|concierge|coach|trainer|administrateur|penningmeester|voorzitter|"
    r"buurman|buurvrouw|conrector|teamleider|invaller|stagiair\w*|begeleider|ib'?er|"
    r"schoolleider|bestuurder|vader|moeder|jongen|meisje|leerling|gast|man|vrouw|onderwijsassistent)"
)
# A person as the one to be hurt: "die mentor", "juf Petra", "hem".
_VICTIM_PERSON: Final = (
    rf"(?:hem|haar|hen|(?:die|dat|deze|de)\s+(?:nieuwe\s+|oude\s+)?{_ROLE_NOUN}|"
    r"(?:juf|juffrouw|meester|meneer|mevrouw)\s+[a-z][\w'-]+)"
)
_INCITEMENT: Final = (
    Lazy(rf"\blaten\s+(?:we|wij)\s+{_TARGET3}\s+(?:[\w']+\s+){{0,5}}?{_VIOLENCE}\b"),
    Lazy(rf"\b(?:iedereen|jullie|allemaal|jongens|mensen|we|wij|jij)\s+(?:[\w']+\s+){{0,1}}?"
               rf"(?:moet|moeten|moete)\s+{_TARGET3}\s+(?:[\w']+\s+){{0,5}}?{_VIOLENCE}\b"),
    Lazy(rf"\bwie\s+(?:helpt|doet|gaat|wil|komt|durft|durven)\s+(?:[\w']+\s+){{0,6}}?{_TARGET3}\s+"
               rf"(?:[\w']+\s+){{0,3}}?(?:te\s+)?{_VIOLENCE}\b"),
    Lazy(r"(?:^|[.!?,;:\n]\s*|\b(?:gewoon|dan|en|gwn|ff|even|maar)\s+)(?:sla|trap|schop|"
               r"steek|ram|beuk|mep|tuig|maak|knal|schiet)\s+(?:hem|haar|ze|hen|die\s+[\w']+|"
               r"dat\s+[\w']+|alle\s+[\w']+|[a-z][\w'-]+)\s+(?:[\w']+\s+){0,3}?(?:in\s+elkaar|dood|"
               r"neer|verrot|kapot|in\s+de\s+fik|in\s+brand|af|tot\s+moes|lek|overhoop)\b"),
    Lazy(r"\bdood\s+aan\s+(?:de|alle|die)?\s*[a-z][\w'-]+"),
)
# Calls without a "we" or an imperative, each with the words one of which its sentence holds.
_INCITEMENT_MORE: Final = (
    # "iemand moet die mentor eens flink in elkaar slaan", "er moet gewoon iemand ...",
    # "iemand zou die juf eens moeten opwachten"
    (Lazy(rf"\b(?:iemand\s+(?:[\w']+\s+)?(?:moet|moeten|zou|zal)|er\s+(?:moet|zou)\s+"
          rf"(?:[\w']+\s+){{0,2}}?iemand)\s+(?:[\w']+\s+){{0,2}}?{_VICTIM_PERSON}\s+"
          rf"(?:[\w']+\s+){{0,6}}?(?:moeten\s+)?(?!pakken\b|grijpen\b){_VIOLENCE}\b"),
     words("iemand")),
    # done to them, wished: "die mentor moet eens flink in elkaar geslagen worden"
    (Lazy(rf"\b{_VICTIM_PERSON}\s+(?:moet|moeten|mag|mogen|zou|zouden|verdient|verdienen)\s+"
          rf"(?:[\w']+\s+){{0,4}}?{_VIOLENCE_DONE}\s+(?:te\s+)?(?:worden|wordt)\b"),
     words("worden wordt")),
    # a reward for it: "ik geef 20 euro aan wie die jongen in elkaar slaat"
    (Lazy(rf"\b(?:geef|betaal|krijgt|verdient|trakteer)\s+(?:[\w']+\s+){{0,4}}?(?:aan|voor)?\s*"
          rf"(?:wie|degene\s+die|iemand\s+die)\s+{_TARGET3}\s+(?:[\w']+\s+){{0,4}}?"
          rf"{_VIOLENCE_NOW}\b"
          rf"|\b(?:wie|degene\s+die)\s+{_TARGET3}\s+(?:[\w']+\s+){{0,4}}?{_VIOLENCE_NOW}\s*,?\s+"
          r"(?:krijgt|verdient|ontvangt)\b"),
     words("geef betaal krijgt verdient trakteer ontvangt")),
)
# A call and a plan across sentences: "wie gaat er heen? we pakken haar".
_CALL_AND_PLAN: Final = Lazy(
    r"\b(?:wie\s+(?:gaat|komt|doet|gaan)\s+(?:er\s+)?(?:heen|mee|naartoe)|kom\s+"
    r"(?:[\w']+\s+){0,2}?allemaal)\b[^\n]{0,60}?\b(?:we|wij)\s+(?:gaan\s+)?(?:pakken|"
    r"slaan|grijpen|afmaken|in\s+elkaar\s+slaan)\s+(?:hem|haar|ze|hen)\b")

# -- defamation -------------------------------------------------------------------------

_PERSON: Final = (
    r"(?P<who>(?:juf|juffrouw|meester|meneer|mevrouw|mr|dhr|mw|mevr)\s+[a-z][\w'-]+"
    r"(?:\s+(?:de|van|der|den|el|la|ter|ten|van\s+der|van\s+de)\s+[a-z][\w'-]+)?"
    rf"|(?:de|die|deze|onze|jullie|mijn|hun|dat|het)\s+(?:nieuwe\s+|oude\s+)?{_ROLE_NOUN}"
    r"|hij|zij|ze|[a-z][\w'-]+)"
)
_ACCUSATION: Final = (
    r"(?:(?:is|was|blijkt)\s+(?:[\w']+\s+){0,2}?(?:een\s+)?(?:pedo\w*|kinderlokker|"
    r"kindermisbruiker|kinderverkrachter|verkrachter|aanrander|dief|dievegge|oplichter|"
    r"oplichtster|fraudeur|crimineel|drugsdealer|dealer|moordenaar|stalker|zedendelinquent|"
    r"witwasser|zakkenroller|pooier|loverboy|mishandelaar|kinderlokster|heler|"
    r"altijd\s+dronken|dronken|stoned|high)"
    r"|steelt|stal|jat|jatte|pikt|fraudeert|sjoemelt|verduistert|dealt|misbruikt|misbruikte|"
    r"verkoopt\s+(?:[\w']+\s+)?(?:drugs|wiet|coke|pillen)|handelt\s+in\s+drugs|"
    r"heeft\s+(?:[\w']+\s+){0,5}?(?:misbruikt|aangerand|verkracht|gestolen|gejat|mishandeld|"
    r"betast|ingepikt|verduisterd|gefraudeerd|opgelicht|in\s+(?:(?:zijn|haar|z'n|d'r)\s+)?"
    r"eigen\s+zak\s+(?:gestoken|gestopt))|"
    # touching children, in any tense and word order: "zat vroeger aan kinderen", "heeft
    # aan meisjes uit onze klas gezeten", "die altijd aan de meisjes zit"
    rf"(?:zit|zat|zaten|zitten)\s+(?:[\w']+\s+){{0,2}}?aan\s+{_MINORS}(?!{_DOING})|"
    rf"aan\s+{_MINORS}\s+(?:[\w']+\s+){{0,4}}?(?:zit|zat|zaten|zitten|gezeten|te\s+zitten)|"
    # money taken: "heeft geld uit de pot van de schoolreis gepakt"
    r"(?:heeft|hebben)\s+(?:[\w']+\s+){0,2}?(?:geld|de\s+kas|de\s+pot)\s+(?:[\w']+\s+){0,7}?"
    r"(?:gepakt|gejat|gestolen|meegenomen|genomen|ingepikt|achterovergedrukt|weggenomen|"
    r"verduisterd)|(?:pakt|jat|steelt|pakte|jatte)\s+(?:[\w']+\s+)?geld\s+uit|"
    r"slaat\s+(?:zijn|haar|z'n|d'r)\s+(?:kinderen|kind|vrouw|man|zoon|dochter)|"
    r"komt\s+(?:[\w']+\s+){0,3}?(?:dronken|stoned|high)|drinkt\s+(?:[\w']+\s+){0,2}?onder\s+"
    r"(?:werktijd|de\s+les)|(?:steekt|stak|stopt|stopte)\s+(?:[\w']+\s+){0,4}?in\s+(?:eigen|zijn|"
    r"haar|z'n|d'r)\s+(?:eigen\s+)?zak|"
    r"heeft\s+(?:iets|een\s+relatie|seks|een\s+affaire|wat)\s+met\s+(?:een\s+)?"
    r"(?:leerling\w*|meisje|jongen|\w+\s+uit\s+(?:groep|klas|\w+))|gaat\s+vreemd\s+met)"
)
_DEFAMATION: Final = Lazy(
    rf"\b{_PERSON}\s+(?P<mid>(?:[\w']+\s+){{0,5}}?){_ACCUSATION}\b")
_NOT_ACCUSED: Final = frozenset(wordlists.words("school_signals", "not accused"))
_FICTION: Final = Lazy(
    r"\b(?:speelt|speelde|spelen|rol|toneel|toneelstuk|musical|film|boek|verhaal|serie|"
    r"sprookje|voorstelling|gedicht|rollenspel)\b")
_LESSON_WORDS: Final = Lazy(
    r"\b(?:wat\s+(?:een|is)|in\s+de\s+les|besproken|geleerd|uitleg|hoe\s+je)\b")
_ROLE_PRONOUN: Final = frozenset("hij zij ze".split())


# The words one of which every match holds (``Cues``).
_NUDE_WORDS: Final = words(
    "naakt naaktfoto naaktfoto's naaktfotos naaktfilmpje naaktfilmpjes naaktvideo naaktpics "
    "nude nudes nudie nudies naaktbeelden seks sex seksfilmpje sexfilmpje seksfilmpjes "
    "sexfilmpjes sextape seksvideo sexvideo pikante blote topless dickpic dickpics douche "
    "kleedkamer ondergoed blootje bh onderbroek zichzelf haarzelf kleren kleding gestuurd "
    "gesnapt verstuurd stuurde snapte appte geappt")
_IMAGE_WORDS: Final = words(
    "foto foto's fotos pic pics nude nudes naakt naaktfoto naaktfoto's naaktfotos filmpje "
    "filmpjes video video's beelden snap snaps sexfilmpje opnames opname")
_DEMAND_WORDS: Final = words(
    "anders tenzij of betaal betalen betaalt doe meer niet geen als maak")
_INCITEMENT_WORDS: Final = words(
    "laten moet moeten moete wie sla trap schop steek ram beuk mep tuig maak knal schiet dood "
    "durft durven")
_CALL_WORDS: Final = words("wie kom")
_ACCUSATION_WORDS: Final = words(
    "pedo pedofiel pedos pedo's kinderlokker kindermisbruiker kinderverkrachter verkrachter "
    "aanrander dief dievegge oplichter oplichtster fraudeur crimineel drugsdealer dealer "
    "moordenaar stalker zedendelinquent witwasser zakkenroller pooier loverboy mishandelaar "
    "kinderlokster heler dronken stoned high steelt stal jat jatte pikt fraudeert sjoemelt "
    "verduistert dealt misbruikt misbruikte verkoopt handelt aangerand verkracht gestolen "
    "gejat mishandeld betast ingepikt verduisterd gefraudeerd opgelicht zak zit slaat drinkt "
    "steekt vreemd gezeten zat zaten gepakt meegenomen achterovergedrukt weggenomen pakt pakte "
    "stak "
    "stopt stopte gestopt")


def criminal_kinds(doc: _Doc, cues: Cues, abuse_kinds: tuple[str, ...],
                   group_discrimination: bool, name_spans: list[tuple[int, int]]
                   ) -> tuple[str, ...]:
    """The possibly criminal kinds in ``doc``. ``abuse_kinds`` are the abuse kinds kept,
    ``group_discrimination`` whether a discrimination hit is aimed at a group,
    ``name_spans`` the (normalised) spans of people's names."""
    text = doc.norm.text
    found: set[str] = set()
    if "threat" in abuse_kinds:
        found.add("threat")
    if group_discrimination:
        found.add("discrimination")
    if "doxxing" in abuse_kinds and (CALL_TO_ACTION.search(text) or _GO_THERE.search(text)
                                     or "threat" in abuse_kinds):
        found.add("doxxing_call")
    elif _GO_THERE.search(text) and _WHEREABOUTS.search(text):
        found.add("doxxing_call")
    if cues.has(_NUDE_WORDS) and _sexual_image(doc):
        found.add("sexual_image_minor")
    if cues.has(_IMAGE_WORDS) and cues.has(_DEMAND_WORDS) and _sextortion(doc):
        found.add("sextortion")
        found.add("threat")   # pictures held over someone: a threat with a demand
    if _incitement(doc, cues):
        found.add("incitement")
    if _defamation(doc, cues, name_spans):
        found.add("defamation")
    return tuple(kind for kind in CRIMINAL_KINDS if kind in found)


def _context(doc: _Doc, pos: int) -> str:
    """The sentence of ``pos`` with its neighbours."""
    number = doc.sentence_of(pos)
    return " ".join(doc.sentence_text(n) for n in (number - 1, number, number + 1) if n >= 0)


def _sexual_image(doc: _Doc) -> bool:
    text = doc.norm.text
    signed = _SEXUAL_SIGN.search(text) and not _FRUIT.search(text)
    for match in _SENT_BY_OTHER.finditer(text) if signed else ():
        around = _context(doc, match.start())
        if doc.quoted(match.start(), match.end()) or _LESSON_ON_IMAGES.search(around):
            continue
        if _SPREAD.search(text):
            return True
    for match in _OF_OTHER.finditer(text):
        around = _context(doc, match.start())
        if doc.quoted(match.start(), match.end()) or _LESSON_ON_IMAGES.search(around):
            continue
        if _SPREAD.search(text):
            return True
    return False


def _sextortion(doc: _Doc) -> bool:
    text = doc.norm.text
    if _WARNING.search(text) or not re.search(r"\b(?:je|jij|jouw|jou)\b", text):
        return False
    return bool(_IMAGE.search(text) and _DEMAND.search(text) and _EXPOSE.search(text)
                and _SERIOUS.search(text))


def _incitement(doc: _Doc, cues: Cues) -> bool:
    across = _CALL_AND_PLAN.finditer(doc.norm.text) if cues.has(_CALL_WORDS) else iter(())
    for match in itertools.chain(
            (m for p in _INCITEMENT for m in cues.finditer(p, _INCITEMENT_WORDS)),
            (m for p, triggers in _INCITEMENT_MORE for m in cues.finditer(p, triggers)), across):
            sentence = doc.sentence_text(doc.sentence_of(match.start()))
            if set(sentence.split()) & lex.SPORT_WORDS or doc.quoted(match.start(), match.end()):
                continue
            if NEGATION.search(match.group()) or (COUNTER.search(sentence)
                                                  and SPEECH.search(sentence)):
                continue
            return True
    return False


def _overlapping(pattern: Lazy, text: str, windows: list[tuple[int, int]]
                 ) -> Iterator[re.Match[str]]:
    """Every leftmost match from each position: "in onze klas gezeten en hij verkoopt drugs"
    first reads "onze ... verkoopt drugs" (no one), then "hij verkoopt drugs"."""
    for start, end in windows:
        pos = start
        while (match := pattern.search(text, pos, end)) is not None:
            yield match
            pos = match.start() + 1


def _defamation(doc: _Doc, cues: Cues, name_spans: list[tuple[int, int]]) -> bool:
    for match in _overlapping(_DEFAMATION, doc.norm.text, cues.windows(_ACCUSATION_WORDS)):
        who = match.group("who")
        if not _identifiable(who, match.start("who"), match.end("who"), name_spans):
            continue
        sentence = doc.sentence_text(doc.sentence_of(match.start()))
        if NEGATION.search(match.group("mid")) or re.search(
                r"\b(?:geen|niet|nooit)\b", match.group()[len(who):]):
            continue
        around = _context(doc, match.start())
        if _FICTION.search(sentence) or (COUNTER.search(around) and SPEECH.search(around)):
            continue
        if re.search(r"\b(?:roddel\w*|gerucht\w*|laster\w*|onzin|niet\s+waar|klopt\s+niet)\b",
                     _context(doc, match.start())):
            continue
        if doc.quoted(match.start(), match.end()) or (
                _LESSON_WORDS.search(sentence) and who in _ROLE_PRONOUN):
            continue
        return True
    return False


def _identifiable(who: str, start: int, end: int, name_spans: list[tuple[int, int]]) -> bool:
    if " " in who or who in _ROLE_PRONOUN:
        return True
    if who in _NOT_ACCUSED:
        return False
    if any(s <= start < e for s, e in name_spans):
        return True
    lists = name_lists()
    return who.capitalize() in lists.first and who not in lists.common
