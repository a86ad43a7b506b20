"""Boundary crossing: what an adult may not write to a minor (issue 11, point 2).

Willibrord's sancties.2 ("grensoverschrijdend") and Roermond C.4 exist for the message a
teacher sends a pupil: flattery of looks, romance or sex, asking to keep it secret,
asking to meet alone, gifts, asking for pictures. ``boundary_kinds`` finds those six
kinds in the text *addressed to the reader* ("je", "jij", "u": a pupil's message to a
teacher in the u-form crosses the same boundaries, "juf u bent echt zo knap, stuur ff een
foto van u in bikini"); who wrote it to whom is the rules' business (the same words from
a pupil to a classmate are not a boundary the protocols name). It is a kind of its own,
not abuse: "je bent een loser" is an insult and no boundary, a remark on looks that runs
someone down ("je ziet er niet uit") neither.

``looks``
    Flattery of the reader's looks: "je zag er mooi uit vandaag", "wat ben jij knap
    geworden", "mooie ogen heb je", "die jurk stond je goed", "hey mooie", "u bent zo'n
    knappe man 😳", "u heeft echt mooie ogen". "Knap" in the sense of clever ("knap
    gedaan", "knap in wiskunde") and praise of work or of a group ("je presentatie zag er
    mooi uit", "jullie zagen er sterk uit") are not looks.
``romantic_sexual``
    Love, romance or sex: "ik ben verliefd op je", "ik denk de hele tijd aan je", "ik wil
    je zoenen", "op date", pet names ("schatje", "babe"), "je bent sexy", the reader
    undressed ("een foto van u in bikini", "zonder kleren"; of someone else it is an
    image of a third person), asking after the reader's love life with a flirting sign
    ("heeft u al een vriend? 😏"), and the sexual requests and remarks of the abuse rules
    ("stuur me nudes").
``secrecy``
    Asking to keep the contact secret: "zeg het niet tegen je ouders", "dit blijft tussen
    ons", "ons geheimpje", "niemand hoeft het te weten", "verwijder dit gesprek"; someone
    else named not to be told ("niet tegen meneer dirk zeggen 🤫", "zeg maar niks tegen
    mevrouw Jansen", "niet tegen de andere leraren zeggen"); secrecy under a threat ("als
    je het tegen je mentor zegt, zet ik ..."). A surprise ("het is een verrassing", "een
    cadeau voor zijn afscheid") and a counsellor's confidentiality ("tenzij je in gevaar
    bent") are not.
``meeting_alone``
    Asking to meet one to one away from others: "alleen wij tweeën", "met z'n tweeën",
    "als de anderen weg zijn", "buiten school afspreken", "bij mij blijven slapen", "op
    date", a lift and a drink ("ik haal je op, dan gaan we ergens wat drinken"); an
    invitation home ("kom naar mijn huis") only with another sign (no one else there,
    secrecy, another boundary kind). "We spreken af om 9 uur bij school" and "onder vier
    ogen bespreken" are not.
``gifts``
    The writer gives the reader something: "ik heb een cadeautje voor je", "ik koop wel
    een nieuwe iPhone voor je", "ik stuur je 50 euro beltegoed", "robux". Presents for the
    class ("voor jullie"), lootjes, thanks for a present are not.
``picture_request``
    Asking for pictures or video of the reader: "stuur eens een foto van jezelf", "kun je
    een selfie sturen", "mag ik een foto van je in je bikini zien", "laat eens zien hoe je
    eruit ziet", "stuur nudes", "kunt u een foto van uzelf sturen", "stuur n pic 🔥",
    "stuur nog 3 pics". A photo of homework or a timetable, a photo for the school
    paper, "stuur de foto's van de schoolreis" are not.

Taken out by context: a negation ("stuur nooit een foto van jezelf"), a warning or a
lesson ("als iemand zegt dat je het geheim moet houden, vertel het dan"; any text about
grooming, sexting or loverboys), words in quotation marks. Each kind's patterns run only
on the sentences that hold one of its trigger words (``_context.Cues``).

The trigger words (``*_WORDS``) stay in Python beside the patterns they index: each must
name a word of every match of its pattern, which only reads true side by side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import regexcache as re  # re, with compiled patterns kept between processes
from ._context import Cues, Lazy, words

if TYPE_CHECKING:
    from .document import _Doc

__all__ = ["BOUNDARY_KINDS", "boundary_kinds"]

BOUNDARY_KINDS: Final = (
    "looks", "romantic_sexual", "secrecy", "meeting_alone", "gifts", "picture_request",
)

_YOU: Final = r"(?:je|jij|u)"
_ADV: Final = (
    r"(?:echt|egt|ech|heel|erg|zo|zooo|super|best|wel|toch|nou|ook|weer|vandaag|vndg|vandg|"
    r"gisteren|trouwens|nu|altijd|steeds|gewoon|eigenlijk|zeker|ontzettend|enorm|really|"
    r"wel\s+heel|in\s+de\s+les|op\s+school|op\s+het\s+gala|tijdens\s+\w+|bij\s+\w+)"
)
_ADVS: Final = rf"(?:{_ADV}\s+){{0,3}}"
_LOOK: Final = (
    r"(?:mooi|mooie|mooier|knap|knappe|knapper|prachtig|beeldig|beeldschoon|schattig|leuk|lief|"
    r"sexy|hot|lekker|lekkerder|stralend|volwassen|volwassener|ouder|aantrekkelijk|"
    r"aantrekkelijker|verleidelijk|om\s+op\s+te\s+vreten)"
)
_BODY: Final = (
    r"(?:ogen|oogjes|lippen|benen|lichaam|lijf|figuur|haren|haar|glimlach|lach|smile|kont|"
    r"borsten|huid|gezicht|gezichtje|body|billen|buik)"
)
_CLOTHES: Final = (
    r"(?:jurk|jurkje|outfit|kleren|kleding|rokje|rok|broek|bikini|badpak|kapsel|shirt|"
    r"topje|truitje|look|make-?up|haar)"
)

# Each kind: patterns that count on their own.
_LOOKS: Final = (
    Lazy(rf"\b{_YOU}\s+(?:zag|ziet|zie)\s+er\s+{_ADVS}{_LOOK}\s+(?:uit|uitzag)\b"),
    Lazy(rf"\b(?:zag|zie|ziet)\s+{_YOU}\s+er\s+{_ADVS}{_LOOK}\s+uit\b"),
    Lazy(rf"\b{_YOU}\s+(?:bent|ben|was|lijkt|wordt|word)\s+{_ADVS}(?:een\s+|zo'?n\s+|de\s+|"
               r"het\s+)?(?:mooi|mooie|mooiste|prachtig\w*|beeldschoon|beeldschone|plaatje|"
               r"schoonheid|sexy|hot|knapper|knapste|lekker\s+ding|stuk|aantrekkelijk\w*|"
               r"volwassen\s+geworden|mooi\s+geworden|knap\s+geworden)\b"),
    Lazy(rf"\bwat\s+(?:ben|bent|was|word)\s+(?:jij|je|u)\s+{_ADVS}(?:mooi|knap|"
               r"prachtig|beeldschoon|sexy|groot)\s+geworden\b"),
    Lazy(rf"\b(?:wat\s+(?:ben|bent)\s+(?:jij|je|u)|{_YOU}\s+(?:bent|ben))\s+{_ADVS}"
               r"(?:een\s+|zo'?n\s+)?(?:mooi|knap|(?:mooie|knappe)\s+(?:meid|meisje|jongen|vrouw|"
               r"dame|man|juf|docent|docente|lerares|leraar|meester|mevrouw|meneer))"
               r"(?!\s+(?:in|met|om|van|bezig|gedaan|voor|hoe|dat|als|bij)\b)"
               r"(?=\s*(?:[^\w\s]|$)|\s+(?:en|hoor|he|zeg|joh|echt|x+|weet\s+je|vandaag|vndg|"
               r"vanavond|vanochtend|gisteren|weer|nu)\b)"),
    Lazy(rf"\b(?:mooie|prachtige|knappe|lekkere|sexy|geile|mooi|prachtig|lekker)\s+"
               rf"{_BODY}\s+(?:heb|hebt|heeft)\s+(?:je|jij|u)\b"),
    Lazy(rf"\b(?:{_YOU}\s+(?:hebt|heb|heeft)|wat\s+(?:heb|hebt|heeft)\s+(?:jij|je|u))\s+{_ADVS}"
               r"(?:een\s+|zulke\s+|zo'?n\s+)?(?:mooie|mooi|"
               rf"prachtige|prachtig|knappe|lekkere|lekker|sexy|strakke|strak)\s+{_BODY}\b"),
    Lazy(rf"\b(?:jouw|je)\s+{_BODY}\s+(?:is|zijn|zag|zien)\s+{_ADVS}(?:zo\s+)?(?:mooi|"
               r"prachtig|sexy|lekker)\b"),
    Lazy(rf"\b{_CLOTHES}\s+(?:stond|staat|stonden|staan)\s+(?:je|jou|u)\s+{_ADVS}"
               r"(?:goed|mooi|leuk|prachtig|geweldig|sexy|fantastisch)\b"),
    Lazy(rf"\bik\s+(?:vind|vond)\s+(?:je|jou|u)\s+{_ADVS}(?:{_ADV}\s+){{0,3}}(?:mooi|knap|"
               r"prachtig|sexy|aantrekkelijk|hot|lekker)(?:\s+om\s+te\s+zien)?\b"),
    Lazy(r"\b(?:hey|hoi|hi|hallo|hee|he|hai|dag|goedemorgen|morgen)\s+(?:mooie|knappe|"
               r"schoonheid|prinses|lekkere)\b"),
    Lazy(r"\b(?:lekker\s+ding|mooi\s+meisje|mooie\s+meid|knappe\s+meid|knappe\s+jongen|"
               r"mooie\s+jongen|schoonheid|plaatje)\s+(?:ben|bent|was)\s+(?:jij|je|u)\b"),
    Lazy(rf"\b(?:mooiste|knapste)\s+(?:meisje|meid|jongen|leerling)\w*\s+(?:van|uit)\b"
               rf"[^.!?\n]{{0,30}}\b(?:je|jij|u)\b|\b{_YOU}\s+(?:bent|ben)\s+{_ADVS}"
               r"(?:het|de)\s+(?:mooiste|knapste)\b"),
)
_ROMANTIC: Final = (
    Lazy(r"\bverliefd\s+(?:[\w']+\s+){0,2}?op\s+(?:je|jou|u)\b"),
    Lazy(r"\baan\s+(?:je|jou)\s+(?:te\s+)?denken\b"),
    Lazy(r"\bik\s+(?:hou|houd)\s+(?:[\w']+\s+){0,2}?van\s+(?:je|jou)\b"
               r"(?!\s+(?:werk|inzet|humor|\w+(?:ing|heid|je|tje)\b))"),
    Lazy(r"\bik\s+(?:denk|droom|droomde|dacht|fantaseer)\s+(?:[\w']+\s+){0,4}?"
               r"(?:aan|van|over)\s+(?:je|jou)(?=\s*(?:[^\w\s]|$)|\s+(?:en|hoor|want|maar|"
               r"schat\w*|lief\w*|x+)\b)"),
    Lazy(r"\bik\s+(?:wil|zou|ga)\s+(?:je|jou|met\s+je|met\s+jou)\s+(?:[\w']+\s+){0,3}?"
               r"(?:zoenen|kussen|knuffelen|aanraken|vrijen|strelen|voelen|neuken|"
               r"naar\s+bed)\b"),
    Lazy(r"\b(?:zoenen|vrijen|seks|sex|naar\s+bed)\s+met\s+(?:je|jou)\b"),
    Lazy(r"\b(?:op\s+(?:een\s+)?date|een\s+date|daten|verkering)\b"),
    Lazy(r"\bwil\s+(?:je|jij)\s+(?:met\s+(?:mij|me)\s+gaan|mijn\s+(?:vriendin|vriendinnetje|"
               r"vriendje|meisje|lief))\b"),
    Lazy(rf"\b{_YOU}\s+(?:bent|ben|was|ziet\s+er|zag\s+er)\s+{_ADVS}(?:zo\s+)?"
               r"(?:sexy|hot|geil|heet)\b"),
    Lazy(r"(?:^|[,.!?]\s*|\b(?:hoi|hey|hi|hallo|hee|dag|welterusten|slaap\s+lekker|"
               r"morgen|mis\s+je|dankje|dank\s+je)\s+)(?:(?:schatje|liefje|babe|baby|honey|"
               r"lieverdje|schattebout)\b|(?:mooie|knappe)(?=\s*(?:[^\w\s]|$)))"),
    Lazy(r"\bwelterusten\s+(?:schat|lieverd|mooie|knappe)\w*"),
    Lazy(r"\b(?:je|jij|u)\s+(?:bent|ben)\s+(?:[\w']+\s+){0,2}?(?:speciaal\s+voor\s+mij|"
               r"mijn\s+(?:lieveling|favoriet|alles|schatje))\b"),
)
# The reader undressed: "een foto van u in bikini", "in je nieuwe bikini", "zonder kleren";
# of someone else ("die foto van fleur zonder kleren") it is an image of a third person.
_UNDRESSED: Final = Lazy(
    r"\b(?:in\s+(?:(?:je|jouw|uw)\s+(?:\w+\s+)?)?(?:bikini|badpak|ondergoed|lingerie|bh|"
    r"onderbroek|string)|zonder\s+(?:kleren|kleding|shirt|bh))\b")
_UNDRESSED_WORDS: Final = words(
    "bikini badpak ondergoed lingerie bh onderbroek string kleren kleding shirt")
_OF_THIRD: Final = Lazy(r"\bvan\s+(?!(?:jezelf|uzelf|jou|je|u|mij|me|mezelf)\b)[a-z][\w'-]*\s+$")
_READER: Final = Lazy(r"\b(?:je|jij|jou|jouw|jezelf|u|uw|uzelf)\b")
# Cues that count only two together: "ik mis je nu al 😘 dikke kus".
_ROMANTIC_WEAK: Final = Lazy(
    r"\bik\s+mis\s+(?:je|jou)\b|\b(?:dikke\s+)?(?:kus|kusje|kusjes|zoen|zoentje|knuffel)\b|"
    r"\bxxx+\b|\bschat\b|\blieverd\b|"
    # "heeft u al een vriend? 😏": asking after the reader's love life
    r"\b(?:heb|hebt|heeft)\s+(?:je|jij|u)\s+(?:al\s+|nog\s+)?(?:een\s+)?(?:vriend|vriendje|"
    r"vriendin|vriendinnetje|relatie|lief)\b(?!\s+(?:gevonden|gemaakt|in|uit|op|bij|van))")
# Who is not to be told, when it is not the reader's parents: a teacher (named or not),
# the others, anyone.
_NOT_TOLD: Final = (
    r"(?:tegen|tege|aan)\s+(?:(?:de|die|je|jouw|uw|jullie)\s+)?(?:andere\s+)?(?:meneer|mevrouw|"
    r"mevr|juf|juffrouw|meester|mentor|leraren|leraar|lerares|docent\w*|directeur|directrice|"
    r"directie|conrector|rector|teamleider|rest|anderen|collega\w*|iemand)\b(?:\s+[a-z][\w'-]*)?"
)
_SECRECY: Final = (
    Lazy(r"\b(?:niet|nie|niks|niets|nooit|geen\s+woord)\b[^.!?\n]{0,30}?\b(?:tegen|tege|aan)"
               r"\s+(?:je|jouw|jullie|uw)\s+(?:ouders|ouder|moeder|mama|mam|vader|papa|pap|"
               r"vriend\w*|familie|mentor|juf|meester|broer|zus)\b"),
    Lazy(r"\b(?:tegen|tege|aan)\s+(?:je|jouw)\s+(?:ouders|moeder|mama|mam|vader|papa|pap|"
               r"vriend\w*)\s+(?:[\w']+\s+){0,2}?(?:niet|nie|niks|niets|nooit)\s+(?:zeggen|"
               r"vertellen|verklappen|zegge)\b"),
    Lazy(r"\b(?:je\s+ouders|je\s+moeder|je\s+vader|niemand|iemand\s+anders)\s+"
               r"(?:hoeft|hoeven|mag|mogen)\s+(?:dit|het|dat|er\s+\w+)?\s*(?:niet\s+|niks\s+)?"
               r"(?:te\s+)?(?:weten|horen|zien|merken)\b"),
    Lazy(r"\b(?:je\s+)?(?:mag|moet)\s+(?:het\s+|dit\s+)?(?:aan\s+)?niemand\s+"
               r"(?:[\w']+\s+){0,2}?(?:vertellen|zeggen|laten\s+zien)\b"),
    Lazy(r"\b(?:vertel|zeg|verklap)\s+(?:het|dit|dat)?\s*(?:aan\s+|tegen\s+)?niemand\b"),
    Lazy(r"\b(?:dit|dat|het|alles)\s+blijft\s+(?:[\w']+\s+){0,2}?tussen\s+(?:ons|jou\s+en\s+"
               r"mij|ons\s+twee(?:e)?n)\b|\btussen\s+ons\s+(?:tween|tweeen|twee|2|blijven)\b|\bmoet\s+"
               r"(?:wel\s+)?tussen\s+ons\s+blijven\b"),
    Lazy(r"\bons\s+(?:kleine\s+)?geheim(?:pje|je)?\b|\bgeheimpje\b"),
    Lazy(r"\b(?:hou|houd)\s+(?:het|dit|dat)\s+(?:maar\s+)?(?:wel\s+)?(?:voor\s+jezelf|"
               r"geheim|stil)\b"),
    Lazy(r"\b(?:verwijder|wis|delete|gooi)\s+(?:dit|deze|dat|het|de|onze|die|ons)\s+"
               r"(?:gesprek|bericht\w*|chat\w*|app\w*|foto\w*|gesprekken)\b"),
    Lazy(r"\bmondje\s+dicht\b"),
)
_SECRECY_NAMED: Final = (
    # someone else not to be told, named: "niet tegen meneer dirk zeggen 🤫", "zeg het niet
    # tegen de andere leraren", "zeg maar niks tegen mevrouw Jansen"
    Lazy(rf"\b(?:niet|nie|niks|niets|nooit|geen\s+woord)\s+(?:[\w']+\s+){{0,2}}?{_NOT_TOLD}\s+"
         r"(?:[\w']+\s+){0,4}?(?:zeggen|zegge|vertellen|verklappen|doorvertellen|laten\s+zien)\b"),
    Lazy(r"\b(?:zeg|vertel|verklap)\s+(?:(?:het|dit|dat|maar|ff|even|er|jij|u)\s+){0,2}"
         rf"(?:niet|nie|niks|niets|nooit)\s+(?:[\w']+\s+)?{_NOT_TOLD}"),
    # kept secret under a threat: "als je het tegen je mentor zegt ... zet ik je foto online"
    Lazy(r"\bals\s+(?:je|jij)\s+(?:(?:dit|het|iets|er\s+iets\s+over)\s+)?(?:aan|tegen)\s+"
         r"(?:iemand|je|jouw|de|die|een)\b(?:\s+[\w']+){0,2}?\s+(?:zegt|vertelt|verklapt|"
         r"laat\s+zien)\b(?=[^.!?\n]{0,60}?\b(?:(?:zet|stuur|deel|post|maak|sla|verspreid)\s+ik|"
         r"ik\s+(?:zet|stuur|deel|post|maak|sla))\b)"),
)
_MEET_WORD: Final = Lazy(
    r"\b(?:afspreken|afspreke|afspraak|spreken\s+we\s+af|zien|ontmoeten|langskomen|langs|kom|"
    r"komen|kome|blijven|blijf|date|drinken|eten|ophalen|haal|wandelen|rijden|samen|gaan|"
    r"chillen|hangen|slapen|logeren)\b")
# "tweeën" reads "tween" in the normalised view (a run of three letters is cut to two).
_ALONE: Final = Lazy(
    r"\balleen\s+(?:wij|we|jij\s+en\s+ik|met\s+(?:mij|me|jou))\b|\bmet\s+(?:z'n|zn|zijn|ons)\s+"
    r"(?:tween|tweeen|twee|2|tweetjes)\b|\bwij\s+(?:tween|tweeen|2|tweetjes)\b|"
    r"\bjij\s+en\s+ik\s+alleen\b|"
    r"\bals\s+(?:de\s+anderen|iedereen|de\s+rest|de\s+klas)\s+(?:weg|naar\s+huis)\s+(?:is|zijn)\b|\bzonder\s+(?:je\s+ouders|de\s+anderen|"
    r"dat\s+iemand)\b|\b(?:mijn|m'n)\s+(?:vrouw|man|vriendin|vriend|partner)\s+is\s+er\s+niet\b|"
    r"\bniemand\s+(?:thuis|anders\s+erbij)\b|\bergens\s+(?:rustig|alleen)\b")
_MEETING: Final = (
    Lazy(r"\bbuiten\s+(?:school|de\s+les|schooltijd|de\s+school)\s+(?:[\w']+\s+){0,3}?"
               r"(?:afspreken|afspreke|zien|ontmoeten|wat\s+drinken)\b"
               r"|\b(?:afspreken|zien|ontmoeten)\s+buiten\s+(?:school|schooltijd)\b"),
    Lazy(r"\b(?:bij\s+mij|bij\s+me)\s+(?:blijven\s+)?(?:slapen|logeren)\b"),
    Lazy(r"\bergens\s+(?:wat|iets)\s+(?:gaan\s+)?(?:drinken|eten)\b"),
)
_HOME_INVITE: Final = Lazy(
    r"\b(?:naar|bij)\s+(?:mij|mijn|m'n|mn)\s+(?:thuis|huis|huisje|appartement|auto|kamer)\b|"
    r"\bkom\s+(?:[\w']+\s+){0,3}?(?:langs|naar\s+mij)\b|\bik\s+(?:kan|kom|zal|wil)\s+je\s+"
    r"(?:[\w']+\s+){0,3}?(?:ophalen|thuisbrengen|oppikken)\b|\bhaal\s+ik\s+je\s+op\b")
_GIFTS: Final = (
    Lazy(r"\bik\s+(?:heb|had)\s+(?:[\w']+\s+){0,2}?(?:een\s+)?(?:cadeau\w*|kado\w*|"
               r"cado\w*|presentje|verrassing\w*|iets(?:\s+(?:moois|leuks|liefs|speciaals|"
               r"lekkers))?|telefoon|iphone|airpods|sneakers|schoenen|parfum|ketting|armbandje|"
               r"horloge|tasje|tas|jurkje|knuffel|kaartjes)\s+(?:[\w']+\s+){0,2}?voor\s+(?:je|jou|u)\b"
               r"(?!\s+(?:verjaardag\w*|klas|ouders|moeder|vader|mama|papa))"),
    Lazy(r"\bik\s+(?:koop|kocht|geef|gaf|stuur|regel|betaal|trakteer|doneer|geef)\s+"
               r"(?:(?:je|jou|u)\s+)(?:[\w']+\s+){0,3}?(?:cadeau\w*|kado\w*|geld|euro|eu|\d+\s*euro|"
               r"beltegoed|tegoed|robux|v-?bucks|skins?|telefoon|iphone|airpods|kleren|sneakers|"
               r"schoenen|tas|parfum|sieraad\w*|ketting|een\s+nieuwe\s+\w+|iets\s+\w+|iets)\b"),
    Lazy(r"\bik\s+(?:koop|kocht|regel|betaal|haal|stuur|bestel)\s+(?:[\w']+\s+){0,4}?"
               r"(?:cadeau\w*|kado\w*|geld|beltegoed|tegoed|robux|v-?bucks|skins?|telefoon|iphone|"
               r"airpods|kleren|sneakers|schoenen|parfum|ketting)\s+(?:[\w']+\s+){0,2}?voor\s+"
               r"(?:je|jou|u)\b"),
    Lazy(r"\b(?:krijg|krijgt)\s+(?:jij|je|u)\s+(?:[\w']+\s+){0,3}?(?:iets|cadeau\w*|kado\w*|"
               r"geld|beltegoed|robux)\b[^.!?\n]{0,20}?\bvan\s+(?:mij|me)\b"),
    Lazy(r"\b(?:robux|v-?bucks|beltegoed)\b[^.!?\n]{0,30}?\bvoor\s+(?:je|jou)\b|"
               r"\bvoor\s+(?:je|jou)\b[^.!?\n]{0,30}?\b(?:robux|v-?bucks|beltegoed)\b"),
)
_PICTURE: Final = (
    r"(?:foto|fotootje|fotos|foto's|pic|pics|plaatje|selfie|selfies|filmpje|filmpjes|video|"
    r"snap|snaps|kiekje)"
)
# The reader as what is pictured: "van jezelf", "van u", "van je (in ...)", "van je lichaam".
_OF_READER: Final = (
    r"(?:jezelf|uzelf|jou|(?:je|u)(?=\s*(?:[^\w\s]|$)|\s+(?:in|op|als|met|zonder|vanavond|nu|"
    r"alleen))|(?:je|uw)\s+(?:gezicht|lichaam|body|buik|benen|kont|outfit|lijf))"
)
_PICTURES: Final = (
    Lazy(r"\b(?:stuur|stuurt|sturen|send|snap|app|appen)\s+(?:(?:me|mij|eens|es|even|ff|nog|"
               r"dan|maar|nou|n|een|eventjes|toch|snel|vanavond|gauw|u|je|jij)\s+)*"
               rf"{_PICTURE}\s+(?:[\w']+\s+)?van\s+{_OF_READER}"),
    Lazy(r"\b(?:kun|kunt|kan|wil|wilt|zou|zoudt)\s+(?:je|jij|u)\s+(?:[\w']+\s+){0,3}?(?:een\s+)?"
               r"(?:selfie|selfies|(?:foto|pic|filmpje)\s+van\s+(?:jezelf|jou|uzelf|u\b))"),
    Lazy(r"\bstuur\s+(?:(?:me|mij|eens|even|ff|nog|dan|maar|nou|n|een)\s+)*(?:selfie|"
               r"(?:pics?|foto'?s?|fotootjes?)\s+zonder\b)"),
    # "stuur n pic 🔥", "stuur me ff een foto 😏": a picture with nothing else asked for
    Lazy(r"\bstuur\s+(?:(?:me|mij|eens|even|ff|nog|dan|maar|nou|n|een)\s+)+(?:pic|pics|"
               r"fotootje|selfie|snap)(?=\s*(?:[^\w\s]|$))"),
    Lazy(rf"\b(?:mag|kan|wil)\s+ik\s+(?:[\w']+\s+){{0,2}}?(?:een\s+)?{_PICTURE}\s+van\s+"
               r"(?:je|jou|jezelf|u|uzelf)(?=\s*(?:[^\w\s]|$)|\s+(?:in|op|zien|hebben|krijgen|zonder|"
               r"alleen|als|vanavond|nu))(?![^.!?\n]{0,40}\b(?:schoolkrant|website|jaarboek|"
               r"nieuwsbrief|schoolgids|pasje|schoolpas|klassenfoto))"),
    Lazy(rf"\b(?:als|dan|zodra)\s+(?:je|jij)\s+(?:me|mij)\s+(?:[\w']+\s+){{0,3}}?{_PICTURE}"
               r"\s+(?:van\s+(?:jezelf|jou)\s+)?(?:stuurt|geeft|stuur|laat\s+zien)\b"),
    Lazy(r"\blaat\s+(?:(?:eens|es|even|ff|me|mij|nou|dan|maar)\s+)*zien\s+hoe\s+(?:je|jij)\s+"
               r"(?:er\s*uit|eruit)\s+(?:ziet|zag)\b"),
)
# A sexual request or remark of the abuse rules counts when it is explicit and speaks to
# the reader or of the writer ("stuur me nudes", "ik heb je nudes"), not of a third person
# ("die nudes van sanne": an image of someone else, ``offences``).
_EXPLICIT: Final = Lazy(
    r"\b(?:nudes?|naakt\w*|sexy|sxy|geil\w*|tieten|borsten|kont\w*|billen|lul|pik|piemel|reet|"
    r"ballen|neuk\w*|pijp\w*|seks|sex|beffen|vingeren|betasten|bh|lichaam|body|lekker\s+"
    r"(?:wijf|ding|stuk)|bikini|ondergoed)\b")
_ADDRESSED: Final = Lazy(r"\b(?:je|jij|jou|jouw|me|mij|ik|u)\b")
_THIRD_PARTY: Final = Lazy(r"\bvan\s+(?!(?:jezelf|jou|je|mij|me|mezelf)\b)[a-z]+")
_REQUEST_START: Final = Lazy(r"(?:stuur|sturen|snap|send|laat)\b")
# The demand of sextortion: "als je me geen nieuwe foto's stuurt", "stuur meer of ...".
_DEMANDED: Final = Lazy(
    r"\b(?:je|jij)\s+(?:me|mij)\s+(?:[\w']+\s+){0,3}?(?:foto\w*|pics?|nudes?|filmpje\w*)(?:'s)?\s+"
    r"(?:stuurt|stuur)\b|\bstuur\s+(?:me\s+)?(?:nog\s+)?(?:meer|\d+|een\s+paar|nieuwe)\b")
# A text that teaches about grooming is not grooming.
_LESSON: Final = Lazy(
    r"\b(?:grooming|groomer\w*|loverboy\w*|sexting|sextortion|helpwanted|voorlichting\w*|"
    r"vertel\s+het\s+(?:dan\s+)?(?:juist|altijd|aan)|meld\s+het)\b")
_WARNING: Final = Lazy(
    r"\b(?:als|wanneer|indien)\s+(?:iemand|een\s+(?:volwassene|onbekende|vreemde|leraar|docent|"
    r"man|vrouw|leerkracht)|volwassenen|hij|zij|ze)\b")
_SURPRISE: Final = Lazy(r"\b(?:verrassing|surprise|verjaardag|afscheid|tenzij|"
                              r"vertrouwenspersoon|jubileum)\b|\bverrass\w*\s+(?:haar|hem|"
                              r"de\s+\w+|juf|meester|meneer|mevrouw)\b|\b(?:cadeau\w*|kado\w*|"
                              r"taart|feest\w*)\s+voor\s+(?:haar|hem|zijn|de|juf|meester|meneer|"
                              r"mevrouw)\b")
_NOT_BEFORE: Final = Lazy(r"\b(?:niet|nooit|geen)\s+(?:[\w']+\s+){0,1}$")


# The words one of which every match of a kind's patterns holds (``Cues``).
_LOOKS_WORDS: Final = words(
    "mooi mooie mooiste prachtig prachtige beeldig beeldschoon beeldschone schattig leuk lief "
    "sexy hot lekker lekkere stralend volwassen ouder aantrekkelijk aantrekkelijke verleidelijk "
    "knap knappe knapper knapste plaatje schoonheid stuk goed geweldig fantastisch geile strakke "
    "strak prinses groot vreten mooier knapper lekkerder volwassener aantrekkelijker ding meisje "
    "meid jongen")
_ROMANTIC_WORDS: Final = words(
    "verliefd hou houd denk denken droom droomde dacht fantaseer wil zou ga zoenen vrijen seks "
    "sex bed "
    "date daten verkering lief sexy hot geil heet schatje liefje babe baby honey lieverdje "
    "schattebout mooie knappe welterusten speciaal lieveling favoriet alles bikini badpak "
    "ondergoed lingerie bh onderbroek string kleren kleding shirt schat lieverd")
_ROMANTIC_WEAK_WORDS: Final = words(
    "mis kus kusje kusjes zoen zoentje knuffel schat lieverd xxx xxxx xxxxx vriend vriendje "
    "vriendin vriendinnetje relatie lief")
_LESSON_WORDS: Final = words(
    "grooming groomer groomers loverboy loverboys sexting sextortion helpwanted voorlichting "
    "vertel meld")
_ROMANTIC_EMOJI: Final = ("\U0001F618", "\U0001F48B", "\U0001F60D", "\U0001F60F", "\U0001F970")
_SECRECY_WORDS: Final = words(
    "ouders ouder moeder mama mam vader papa pap vriend vriendin vrienden vriendinnen familie "
    "mentor juf meester broer zus niemand tussen geheim geheimpje geheimje hou houd verwijder wis "
    "delete gooi mondje")
_NOT_TOLD_WORDS: Final = words(
    "meneer mevrouw mevr juf juffrouw meester mentor leraren leraar lerares docent docenten "
    "docente directeur directrice directie conrector rector teamleider rest anderen collega "
    "collega's iemand zegt vertelt verklapt")
_GIFT_WORDS: Final = words(
    "cadeau cadeautje cadeaus cadeautjes kado kadootje kadootjes kadoo cadootje presentje "
    "verrassing verrassinkje iets koop kocht geef gaf stuur regel betaal trakteer doneer haal "
    "bestel krijg krijgt robux beltegoed bucks vbucks telefoon iphone airpods sneakers schoenen "
    "parfum ketting armbandje horloge tasje tas jurkje knuffel kaartjes")
_PICTURE_WORDS: Final = words(
    "foto fotootje fotos foto's pic pics plaatje selfie selfies filmpje filmpjes video snap snaps "
    "kiekje laat")
_ALONE_WORDS: Final = words(
    "alleen tween tweeen twee tweetjes anderen zonder vrouw man vriendin vriend partner niemand "
    "ergens iedereen rest z'n zn")
_MEETING_WORDS: Final = words("buiten slapen logeren ergens")
_HOME_WORDS: Final = words(
    "thuis huis huisje appartement auto kamer langs kom ophalen thuisbrengen oppikken haal")


def boundary_kinds(doc: _Doc, cues: Cues, sexual_spans: list[tuple[int, int]],
                   sextortion: bool = False) -> tuple[str, ...]:
    """The boundary kinds in ``doc``; ``sexual_spans`` are the (normalised) spans of the
    sexual requests and remarks the abuse rules found and kept, ``sextortion`` whether
    the text holds pictures over the reader (its demand is a request for pictures)."""
    text = doc.norm.text
    if cues.has(_LESSON_WORDS) and _LESSON.search(text):
        return ()
    found: set[str] = set()

    def live(match: re.Match[str], negation_ok: bool = False) -> bool:
        start, end = match.start(), match.end()
        if doc.quoted(start, end):
            return False
        if _WARNING.search(doc.sentence_text(doc.sentence_of(start))):
            return False
        if not negation_ok and (_NOT_BEFORE.search(text[max(0, start - 16):start])
                                or re.search(r"\b(?:niet|nooit|geen)\b", match.group())):
            return False
        return True

    def any_live(patterns: tuple[Lazy, ...], triggers: frozenset[str],
                 negation_ok: bool = False) -> bool:
        return any(live(m, negation_ok) for p in patterns for m in cues.finditer(p, triggers))

    if any_live(_LOOKS, _LOOKS_WORDS):
        found.add("looks")
    weak = sum(text.count(emoji) for emoji in _ROMANTIC_EMOJI)
    if weak or cues.has(_ROMANTIC_WEAK_WORDS):
        weak += sum(1 for m in cues.finditer(_ROMANTIC_WEAK, _ROMANTIC_WEAK_WORDS) if live(m))
    if weak >= 2 or any_live(_ROMANTIC, _ROMANTIC_WORDS) or any(
            live(m) and _READER.search(doc.sentence_text(doc.sentence_of(m.start())))
            and not _OF_THIRD.search(text, max(0, m.start() - 30), m.start())
            for m in cues.finditer(_UNDRESSED, _UNDRESSED_WORDS)):
        found.add("romantic_sexual")
    for start, end in sexual_spans:
        said = text[start:end]
        if not _EXPLICIT.search(said) or _THIRD_PARTY.search(text, start, end + 20):
            continue
        if not _REQUEST_START.match(said) and not _ADDRESSED.search(
                doc.sentence_text(doc.sentence_of(start))):
            continue
        found.add("romantic_sexual")
        if _REQUEST_START.match(said) and not re.search(r"\bik\s+$", text[max(0, start - 4):start]):
            found.add("picture_request")
    if sextortion and _DEMANDED.search(text):
        found.add("picture_request")
    if sextortion and re.search(r"\b(?:naakt\w*|nudes?)\b", text):
        found.add("romantic_sexual")   # nude pictures held over the reader
    if (any_live(_SECRECY, _SECRECY_WORDS, negation_ok=True)
            or any_live(_SECRECY_NAMED, _NOT_TOLD_WORDS, negation_ok=True)) and \
            not _SURPRISE.search(text):
        found.add("secrecy")
    if any_live(_GIFTS, _GIFT_WORDS):
        found.add("gifts")
    if any_live(_PICTURES, _PICTURE_WORDS):
        found.add("picture_request")
    alone = cues.has(_ALONE_WORDS) and any(
        live(m, negation_ok=True) for m in cues.finditer(_ALONE, _ALONE_WORDS))
    if (alone and _MEET_WORD.search(text)) or any_live(_MEETING, _MEETING_WORDS):
        found.add("meeting_alone")
    elif "romantic_sexual" in found and re.search(r"\b(?:date|daten)\b", text):
        found.add("meeting_alone")
    elif "secrecy" in found and re.search(r"\bjij\s+en\s+ik\b", text) and re.search(
            r"\b(?:samen|weekend\w*|nachtje|weg|afspreken|zien)\b", text):
        found.add("meeting_alone")
    elif (found or re.search(r"\b(?:weekend|vanavond|stiekem|slapen)\b", text)) and any(
            live(m) for m in cues.finditer(_HOME_INVITE, _HOME_WORDS)):
        found.add("meeting_alone")
    return tuple(kind for kind in BOUNDARY_KINDS if kind in found)
