"""What a text says about the school itself: whether it names the school, whether it gives
away what the school keeps confidential, whether it runs the school down (issue 11,
points 1 and 5; Roermond and Willibrord A.2, C.1, C.5 and doelgroep.2).

``school_reference``
    The text names the school (one of its ``organisation_names``, or "school"), its
    people (a roster name; "juf", "meester", "mentor", "docent", "leerling", ...) or its
    events and things (schoolreis, kamp, musical, ouderavond, rapport, les, toets, de
    klas, groep 8, 2B, Magister, ...). A writer who says they work there names it too.
``confidential``
    * marked confidential: "vertrouwelijk", "onder embargo", "alleen voor intern
      gebruik" (not "we gaan vertrouwelijk om met uw gegevens");
    * staff changes or closures that are not announced: "juf Fatima stopt, maar dat mag
      nog niemand weten", "de locatie gaat dicht, dat wordt pas in maart bekend",
      "de fusie gaat door, niet verder vertellen", "het team weet nog van niks", "de
      leerlingen hebben nog geen idee", "officieel is het nog niet". Announced they are
      news ("juf Fatima neemt afscheid, iedereen is welkom"); the writer's own departure
      is theirs to tell;
    * personnel matters of a named staff member: dismissal, suspension, burn-out (not
      "die leraar die mij heeft geschorst": the staff member did it);
    * a pupil's matters tied to a named person: care (zorgoverleg, OPP, jeugdzorg,
      dyslexieverklaring, an own supervisor, an adjusted timetable), crisis (crisisopvang,
      an institution, "het ging thuis niet meer"), a diagnosis (-stoornis, PTSS),
      behaviour (geschorst), health (the ``health`` personal data), family (scheiding,
      gevangenis, uit huis geplaatst); "hij"/"zij" right after a sentence that names the
      pupil counts as named. The writer's own matters and
      their own child's ("mijn zoon is geschorst", "ik heb ADHD") are theirs to tell;
      general policy ("leerlingen die geschorst worden ...") is no one's matter.
``reputation_harm``
    Running the school down: the school (its names, "deze school", "die school", the
    management) with a damning word ("is een zooitje", "de slechtste school", "een
    schande", "prutsers"), a curse compound ("kutschool"), or advice to stay away ("stuur
    je kind hier nooit naartoe", "ik raad iedereen af ...", "haal je kinderen weg"), or the
    school failing at its task said as a fact ("op mijn school wordt nauwelijks
    lesgegeven", "je leert er echt 0", "de directie kijkt de andere kant op", "één grote
    opvang", "de leraren zitten de hele dag op hun telefoon"; with the school in the same
    clause, and not with a reason or a day: "vandaag ... vanwege de sportdag").
    Criticism of a decision ("ik ben het niet eens met het telefoonbeleid") is not, nor
    is a negation ("geen slechte school") or contradiction ("..., maar dat klopt niet").

The trigger words (``*_WORDS``) stay in Python beside the patterns they index: each must
name a word of every match of its pattern, which only reads true side by side. The few
other word lists are in ``data/school_signals.txt``.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from ._context import Cues, Lazy, words
from .names import name_lists

if TYPE_CHECKING:
    from .document import _Doc
    from .result import Span

__all__ = ["confidential", "reputation_harm", "school_reference"]

# -- school reference -------------------------------------------------------------------

_SCHOOL_WORDS: Final = Lazy(
    r"\b(?:school\w*|\w+school|les|lessen|lesje|lesuur|lesuren|lesgeven|lesgeeft|"
    r"(?:gym|wiskunde|taal|reken|muziek|teken|mentor|bij|geschiedenis|aardrijkskunde|biologie|"
    r"engels|frans|duits|nederlands|natuurkunde|scheikunde|economie|godsdienst|tekst)les\w*|"
    r"klas|klassen|klasgeno\w+|klassenapp|klasapp|klassenouder\w*|klassenfoto|brugklas\w*|"
    r"onderbouw|bovenbouw|groep\s+(?:[1-8]|een|twee|drie|vier|vijf|zes|zeven|acht)\b|"
    r"klas\s+[1-6]|juf|juffen|juffie|juffrouw|meester|meesters|mentor\w*|docent\w*|\w*leraar|"
    r"\w*leraren|\w*lerares|leerkracht\w*|leerling\w*|concierge|directeur|directrice|rector|"
    r"conrector|teamleider|intern\s+begeleider|ib'?er|zorgcoordinator|decaan|schoolreis|kamp|"
    r"werkweek|musical|eindmusical|ouderavond|ouderraad|medezeggenschapsraad|mr|rapport\w*|"
    r"tienminutengesprek\w*|toets\w*|proefwerk\w*|examen\w*|eindexamen\w*|diploma\w*|"
    r"huiswerk|werkstuk\w*|spreekbeurt\w*|boekbespreking|gym\w*|aula|lokaal|lokalen|gala|"
    r"sportdag|kerstviering|open\s+dag|magister|somtoday|parro|cito|doorstroomtoets|"
    r"sponsorloop|jaarboek|nieuwsbrief|schoolgids|praktijkonderwijs|basisschool|"
    r"middelbare|havo|vwo|vmbo|mavo|gymnasium|lyceum|college)\b")
# "hogeschool", "rijschool", "dansschool" name another kind of school.
_OTHER_SCHOOLS: Final = frozenset(wordlists.words("school_signals", "other schools"))
_CLASS_CODE: Final = Lazy(
    r"(?<![\w-])[1-6](?:[abc]|havo|vwo|vmbo|mavo|tl|kb|bb|gt)(?![\w-])", re.IGNORECASE)


def school_reference(doc: _Doc, org_spans: list[tuple[int, int]], data: list[Span],
                     roster_words: frozenset[str], employee: bool) -> bool:
    if org_spans or employee:
        return True
    if roster_words and any(
            span.kind == "name" and set(re.findall(r"[^\W\d_]+", span.text.lower()))
            & roster_words for span in data):
        return True
    for match in _SCHOOL_WORDS.finditer(doc.norm.text):
        if match.group() not in _OTHER_SCHOOLS:
            return True
    return bool(_CLASS_CODE.search(doc.norm.original))


# -- confidential -----------------------------------------------------------------------

_MARKED: Final = Lazy(
    r"\b(?:strikt\s+)?vertrouwelijk\b(?!\s+(?:om|behandel\w*|omgaan|omgegaan|omgaat|met))|"
    r"\bvertrouwelijke\s+(?:informatie|info|stukken|notulen|mail|bericht|gegevens\s+over)\b|"
    r"\bonder\s+embargo\b|\balleen\s+voor\s+intern\s+gebruik\b|\bniet\s+voor\s+publicatie\b|"
    r"\bintern\s+(?:document|stuk|memo)\b|\bstrikt\s+geheim\b")
_UNANNOUNCED: Final = Lazy(
    r"\b(?:(?:mag|mogen)\s+(?:nog\s+)?niemand\s+(?:het\s+|dit\s+|dat\s+)?weten|weet\s+(?:nog\s+)?"
    r"niemand|nog\s+niet\s+(?:bekend|officieel|gecommuniceerd|verteld|aangekondigd|naar\s+buiten|"
    r"openbaar|gemeld)|wordt\s+(?:pas\s+|nog\s+niet\s+)(?:[\w']+\s+){0,3}?(?:bekend|bekendgemaakt|"
    r"gecommuniceerd|verteld|aangekondigd|gemeld)|(?:hoort|horen|weet|weten)\s+het\s+pas|"
    r"(?:niet|nog\s+niet)\s+(?:verder\s+)?(?:vertellen|doorvertellen|zeggen|verspreiden|"
    r"doorsturen|naar\s+buiten\s+brengen)|voordat\s+het\s+(?:bekend|officieel)|officieel\s+pas|"
    r"(?:zeg|vertel|verklap)\s+(?:het\s+)?(?:nog\s+)?(?:niks|niets)|nog\s+(?:niks|niets)\s+"
    r"(?:zeggen|vertellen)|ss+t+|onder\s+ons|tussen\s+ons|niet\s+naar\s+buiten|nog\s+geheim|is\s+(?:nog\s+)?geheim|"
    # the others do not know yet: "het team weet nog van niks", "de ouders weten het nog
    # niet", "de leerlingen hebben nog geen idee"; "officieel is het nog niet"
    r"(?<!\bik\s)(?<!\bwe\s)(?<!\bwij\s)(?<!\bje\s)(?:weet|weten)\s+(?:het\s+|dit\s+|er\s+)?nog\s+"
    r"(?:van\s+)?(?:niks|niets|niet)|"
    r"(?<!\bik\s)(?<!\bwe\s)(?<!\bwij\s)(?:heeft|hebben|heb)\s+(?:er\s+)?nog\s+(?:geen\s+"
    r"(?:idee|weet|benul)|niks\s+gehoord)|"
    r"officieel\s+(?:is\s+(?:het|dit|dat)\s+)?nog\s+niet|(?:is|het\s+is)\s+nog\s+niet\s+officieel|"
    r"nog\s+niet\s+naar\s+buiten\s+brengen)\b",
    by_letter=True)   # some 30 phrases with 15 first letters, tried at every word
_STAFF: Final = (
    r"(?:juf|juffrouw|meester|meneer|mevrouw|docent\w*|collega\w*|directeur|directrice|rector|"
    r"conrector|mentor|\w*leraar|\w*lerares|leerkracht|concierge|teamleider|ib'?er|invaller|"
    r"adjunct\w*|locatieleider|afdelingsleider|schoolleider|zorgcoordinator|onderwijsassistent|"
    r"decaan|bestuurder)"
)
_STAFF_CHANGE: Final = Lazy(
    r"\b(?:stopt|stoppen|vertrekt|vertrekken|gaat\s+(?:[\w']+\s+){0,4}?weg|weggaat|ontslagen|ontslag|opgezegd|"
    r"zegt\s+op|met\s+pensioen|komt\s+niet\s+(?:meer\s+)?terug|terugkomt|geschorst|"
    r"non-?actief|burn-?out|overspannen|zwangerschapsverlof|wordt\s+vervangen|overgeplaatst|"
    r"nieuwe\s+baan|andere\s+school)\b")
# Personnel matters that are confidential even when everyone knows them.
_PERSONNEL: Final = Lazy(
    r"\b(?:ontslagen|ontslag\s+gekregen|geschorst|op\s+non-?actief|burn-?out|overspannen|"
    r"functioneringsgesprek|beoordelingsgesprek|disciplinair\w*|officiele\s+waarschuwing|"
    r"verslaafd|in\s+therapie)\b")
_CLOSURE: Final = Lazy(
    r"\b(?:gaat\s+(?:[\w']+\s+){0,4}?dicht|sluit|sluiten|wordt\s+gesloten|gesloten\s+worden|"
    r"fusie|fuseert|fuseren|reorganisatie|bezuiniging\w*|banen|ontslagen\s+vallen|"
    r"gedwongen\s+ontslag\w*|opgeheven|opheffing|formatie|krimp)\b")
_PUPIL_MATTER: Final = Lazy(
    r"\b(?:zorgoverleg|zorgdossier|zorgleerling|zorgplan|ondersteuningsplan|opp|"
    r"ontwikkelingsperspectief\w*|jeugdzorg|veilig\s+thuis|ambulant\s+begeleider|"
    r"speciaal\s+(?:basis)?onderwijs|sbo|iq|intelligentieonderzoek|dyslexieverklaring|"
    r"dyscalculie\w*|faalangst\w*|begeleiding|hulpverlening|psycholoog|gedragsproblemen|"
    r"leerachterstand|blijft\s+zitten|zittenblijven|doubleert|geschorst|schorsing|"
    r"verwijderd\s+van\s+school|van\s+school\s+(?:gestuurd|getrapt|af)|opgepakt|gearresteerd|"
    r"scheiden|gescheiden|scheiding|uit\s+elkaar\s+(?:zijn|gaan|gegaan)|gevangenis|uit\s+huis\s+geplaatst|pleeggezin|pleegouders|"
    r"huiselijk\s+geweld|thuis\s+niet\s+goed|schulden|voedselbank|dakloos|woont\s+nu\s+bij|"
    r"zwanger|overleden|zelfmoord\w*|suicid\w*|automutilatie|snijdt\s+zich\w*|anorexia|"
    r"eetstoornis|"
    # crisis and care outside the family: "zit in de crisisopvang", "is opgenomen op de
    # crisisafdeling", "zit in een instelling", "het ging thuis niet meer"
    r"crisis\w+|in\s+(?:de|een)\s+(?:opvang|instelling|jeugdinstelling|kliniek|leefgroep|"
    r"gezinshuis)|opgenomen\s+(?:in|op|bij)\s+(?:de|een|het)\s+(?:\w+\s+)?(?:ziekenhuis|kliniek|"
    r"crisis\w*|ggz|psychiatri\w*|afdeling|instelling)|ggz|"
    r"(?:het\s+)?(?:ging|gaat)\s+(?:het\s+)?thuis\s+(?:[\w']+\s+)?niet\s+(?:meer|goed)|"
    r"thuis\s+(?:ging|gaat)\s+het\s+(?:[\w']+\s+)?niet\s+(?:meer|goed)|"
    # a diagnosis or a measure of the school's care: "heeft PTSS", "een eigen begeleider",
    # "een aangepast rooster", "een rugzakje"
    r"\w*stoornis|ptss|trauma|zelfbeschadiging|"
    r"(?:eigen|persoonlijke|vaste)\s+(?:begeleider|begeleidster|schaduw|onderwijsassistent)|"
    r"aangepast\s+(?:rooster|programma|lesprogramma)|rugzak(?:je)?|zorgteam|"
    r"thuiszitter|leerplichtambtenaar)\b")
# The writer's own matters and their family's: theirs to tell.
_OWN: Final = Lazy(
    r"\b(?:ik|mijn|m'n|mn|wij|we|onze|ons)\s+(?:[\w']+\s+){0,1}?(?:zoon|dochter|kind|kinderen|"
    r"zoontje|dochtertje|broer\w*|zus|zusje|zussen|vader|moeder|man|vrouw|ben|heb|hebben|zijn|"
    r"word|wordt|krijg)\b|\b(?:mijn|m'n|onze)\s+(?!(?:\w*klas|school|\w*groep|les|mentor\w*|juf|"
    r"meester|docent|collega|leerling\w*|team)\b)[a-z]+\s+(?:heeft|is|zit|krijgt|moet|gaat|ligt|"
    r"mag|kan)\b")
# The writer's own departure is theirs to tell: "ik ga zelf na de zomer naar een andere school".
_OWN_CHANGE: Final = Lazy(
    r"\bik\s+(?:ga|stop|vertrek|zeg\s+op|neem\s+afscheid|ben\s+ontslagen)\b|"
    r"\b(?:ga|stop|vertrek)\s+ik\b")
# The staff member did it, to someone: "die leraar die mij heeft geschorst".
_AGENT: Final = Lazy(
    r"\b(?:die|dat|deze|wie)\s+(?:mij|me|hem|haar|ons|jou|je|mijn\s+\w+|onze\s+\w+|de\s+\w+)\s+"
    r"(?:heeft\s+|had\s+)?(?:geschorst|ontslagen)\b")
_GENERAL: Final = Lazy(
    r"\b(?:leerlingen|ouders|kinderen)\s+die\b|\b(?:heeft|hebt)\s+u\s+zorgen\b|"
    r"\bals\s+(?:je|uw\s+kind|een\s+leerling)\b|\b(?:een|elke|iedere)\s+leerling\b")
# "ze verdient het om ontslagen te worden": a wish, not news.
_WISH: Final = Lazy(r"\b(?:verdient|verdienen|moet|moeten|zou|zouden|hoort|hopelijk|"
                          r"hoop)\b[^.!?\n]{0,30}?\b(?:ontslagen|geschorst)\b")
# Health that is nobody's confidential matter: a pupil with the flu.
_MILD_HEALTH: Final = frozenset(wordlists.words("school_signals", "mild health"))


# The words one of which a sentence about a confidential matter holds (``Cues``).
_TOPIC_WORDS: Final = words(
    "ontslagen ontslag geschorst actief nonactief burn burnout overspannen functioneringsgesprek "
    "beoordelingsgesprek disciplinair disciplinaire waarschuwing verslaafd therapie stopt stoppen "
    "vertrekt vertrekken weg weggaat opgezegd zegt pensioen terug terugkomt zwangerschapsverlof "
    "vervangen overgeplaatst baan school dicht sluit sluiten gesloten fusie fuseert fuseren "
    "reorganisatie bezuiniging bezuinigingen banen opgeheven opheffing formatie krimp zorgoverleg "
    "zorgdossier zorgleerling zorgplan ondersteuningsplan opp ontwikkelingsperspectief jeugdzorg "
    "veilig ambulant speciaal sbo iq intelligentieonderzoek dyslexieverklaring dyscalculie "
    "faalangst begeleiding hulpverlening psycholoog gedragsproblemen leerachterstand zitten "
    "zittenblijven doubleert schorsing verwijderd gestuurd getrapt opgepakt gearresteerd scheiden "
    "gescheiden scheiding gevangenis geplaatst pleeggezin pleegouders huiselijk thuis schulden "
    "voedselbank dakloos woont elkaar zwanger overleden zelfmoord suicide automutilatie snijdt "
    "anorexia eetstoornis opvang instelling jeugdinstelling kliniek leefgroep gezinshuis "
    "opgenomen ggz ptss trauma zelfbeschadiging begeleider begeleidster schaduw "
    "onderwijsassistent rooster programma lesprogramma rugzak rugzakje zorgteam thuiszitter "
    "leerplichtambtenaar "
    "crisisopvang crisisafdeling crisisgezin crisisplaatsing crisisdienst crisisopname "
    "hechtingsstoornis gedragsstoornis angststoornis eetstoornis persoonlijkheidsstoornis "
    "ontwikkelingsstoornis stoornis")


def confidential(doc: _Doc, cues: Cues, data: list[Span],
                 org_spans: list[tuple[int, int]]) -> bool:
    text = doc.norm.text
    if _MARKED.search(text):
        return True
    names = _name_spans(doc, data)
    unannounced = _UNANNOUNCED.search(text)
    for number in cues.sentences(_TOPIC_WORDS):
        sentence = doc.sentence_text(number) if doc.sent_bounds else text
        start = doc.sent_bounds[number][0] if doc.sent_bounds else 0
        end = start + len(sentence)
        staff = re.search(rf"\b{_STAFF}\b", sentence)
        named = any(start <= s < end for s, _e in names) or _named_before(
            doc, number, sentence, names)
        if staff or named:
            if _PERSONNEL.search(sentence) and not _OWN.search(sentence) and \
                    not _GENERAL.search(sentence) and not _WISH.search(sentence) and \
                    not _AGENT.search(sentence):
                return True
            if unannounced and _STAFF_CHANGE.search(sentence) and not _OWN_CHANGE.search(sentence):
                return True
        if unannounced and _CLOSURE.search(sentence) and (
                org_spans or re.search(r"\b(?:school|locatie|vestiging|afdeling|team|"
                                       r"organisatie|stichting)\b", text)
                or re.search(r"\b(?:reorganisatie|fusie|banen)\b", sentence)):
            return True
        if named and _PUPIL_MATTER.search(sentence) and not _OWN.search(sentence) and \
                not _GENERAL.search(sentence):
            return True
    for span in data:
        if span.kind == "health" and span.text.lower() not in _MILD_HEALTH:
            number = doc.sentence_of(_norm_pos(doc, span.start))
            sentence = doc.sentence_text(number)
            if _OWN.search(sentence) or _GENERAL.search(sentence):
                continue
            # someone the reader can tell: a name or a staff title here or just before
            low, high = doc.sent_bounds[max(0, number - 1)] if doc.sent_bounds else (0, 0)
            high = doc.sent_bounds[number][1] if doc.sent_bounds else len(text)
            if any(low <= s < high for s, _e in names) or re.search(
                    rf"\b{_STAFF}\b", text[low:high]):
                return True
    return False


def _named_before(doc: _Doc, number: int, sentence: str, names: list[tuple[int, int]]
                  ) -> bool:
    """A sentence about "hij"/"zij" right after a sentence that names someone: "Daan uit 1B
    heeft een eigen begeleider gekregen? Hij wordt steeds geschorst"."""
    if number == 0 or not re.match(r"\s*(?:hij|zij|ze)\b", sentence):
        return False
    low, high = doc.sent_bounds[number - 1]
    return any(low <= s < high for s, _e in names)


def _norm_pos(doc: _Doc, original: int) -> int:
    """The normalised offset of an original offset (the first character at or after it)."""
    return min(bisect.bisect_left(doc.norm.idx, original), max(0, len(doc.norm.text) - 1))


def _name_spans(doc: _Doc, data: list[Span]) -> list[tuple[int, int]]:
    """People's names; a name that is also an ordinary word ("Mensen" at the start of a
    sentence) does not make a sentence about someone."""
    common = name_lists().common
    return [(_norm_pos(doc, s.start), _norm_pos(doc, s.end)) for s in data
            if s.kind == "name" and not all(w in common for w in s.text.lower().split())]


# -- reputation -------------------------------------------------------------------------

_DAMNING: Final = (
    r"(?:zooitje|puinhoop|bende|rotzooi|janboel|schande|ramp|drama|gevangenis|hel|lachertje|"
    r"grap|aanfluiting|poppenkast|gekkenhuis|zinkend\s+schip|slecht|slechte|slechtst\w*|"
    r"waardeloos|waardeloze|belachelijk|schandalig|incompetent\w*|onbekwaam|corrupt|"
    r"kut|klote|kanker|tyfus|shit|bagger|ruk|om\s+te\s+huilen|niks\s+waard|nergens\s+goed\s+voor|"
    r"prutsers|amateurs|amateuristisch|een\s+stel\s+\w+|een\s+zootje|een\s+zooi|crimineel|"
    r"onveilig|levensgevaarlijk|een\s+doolhof|een\s+hok|verschrikkelijk|vreselijk|"
    r"een\s+fabriek|een\s+nachtmerrie|de\s+hel|de\s+slechtste|"
    r"(?:een|één)\s+grote\s+(?:opvang|creche|kinderopvang|speeltuin|chaos|bende|puinhoop|"
    r"poppenkast|zooi|gekkenhuis|dierentuin))"
)
_HARM_PATTERNS: Final = (
    # "<the school> is een zooitje", "die school van jullie is echt een gevangenis"
    rf"(?P<school>SCHOOL)\s+(?:[\w']+\s+){{0,3}}?(?:is|zijn|was|blijft|wordt|lijkt)\s+"
    rf"(?:(?:echt|gewoon|zo|een|totaal|helemaal|compleet|echt\s+wel|nog\s+steeds|ook|de)\s+)*"
    rf"{_DAMNING}\b",
    # "de slechtste school", "wat een kutschool", "incompetente leiding"
    r"\b(?:slechtste|slechte|waardeloze|vreselijke|verschrikkelijke|belachelijke|achterlijke|"
    r"onveilige|kut|klote|rot|kanker|tyfus|tering|k\*t|bagger|ruk|shit)\s*(?:school|schooltje|"
    r"tent)\b",
    r"\bincompetente\s+(?:leiding|directie|schoolleiding|leraren|docenten|mensen)\b",
    # advice to stay away
    r"\bstuur\s+(?:je|uw|jullie)\s+(?:kind|kinderen|zoon|dochter|kids)\s+(?:[\w']+\s+){0,3}?"
    r"(?:nooit|niet|never)\b",
    r"\b(?:haal|haalt)\s+(?:je|uw|jullie)\s+(?:kind|kinderen|zoon|dochter|kids)\s+"
    r"(?:[\w']+\s+){0,3}?(?:weg|van\s+(?:deze|die|de)\s+school)\b",
    r"\braad\s+(?:[\w']+\s+){0,3}?(?:iedereen|jullie|u|je|ouders|niemand)\s+(?:[\w']+\s+){0,8}?"
    r"(?:af|aan)\b",
    r"\bblijf\s+(?:er\s+|hier\s+)?(?:ver\s+|lekker\s+)?(?:weg|vandaan)\b",
    r"\bkies\s+(?:[\w']+\s+){0,2}?(?:niet|nooit)\s+(?:voor|deze|die)\b",
    r"\bniet\s+aan\s+te\s+raden\b|\b(?:1|een)\s+ster\b",
    r"\bschaam\s+(?:me|mij)\s+(?:[\w']+\s+){0,2}?(?:voor|dat\s+ik\s+er)\b",
)
# The school failing at its task, said as a fact: "op mijn school wordt nauwelijks
# lesgegeven", "je leert er echt 0", "de directie kijkt de andere kant op", "de leraren
# zitten de hele dag op hun telefoon", "zonde van het belastinggeld". Each needs the school
# in the text; a reason or a day ("vandaag ... vanwege de sportdag") makes it news.
_LEADERS: Final = (
    r"(?:directie|leiding|schoolleiding|bestuur|rector|directeur|leraren|docenten|mentoren|"
    r"leerkrachten)"
)
# Each pattern with the words one of which its sentence must hold (``Cues``).
_FAILING: Final = (
    (Lazy(r"\b(?:wordt|worden|werd)\s+(?:er\s+)?(?:[\w']+\s+){0,3}?(?:nauwelijks|amper|"
          r"bijna\s+(?:niet|geen)|zelden|niks|niets)\s+(?:les\s+)?(?:gegeven|lesgegeven|"
          r"geleerd)\b"),
     words("gegeven lesgegeven geleerd")),
    (Lazy(r"\b(?:leren|leert|leer)\s+(?:ze|je|jullie|de\s+kinderen|de\s+leerlingen|kinderen|"
          r"leerlingen|je\s+kind|uw\s+kind|mijn\s+\w+)?\s*(?:[\w']+\s+){0,3}?(?:helemaal\s+|echt\s+|"
          r"gewoon\s+|gwn\s+|egt\s+)?(?:niks|niets|0|nul|geen\s+(?:ene\s+)?(?:moer|reet|bal|fuck))\b"
          r"(?!\s+(?:over|van|met|uit|bij|aan|om|op)\b)"),
     words("leren leert leer")),
    (Lazy(rf"\b{_LEADERS}\s+(?:[\w']+\s+){{0,5}}?(?:kijkt|kijken|keek|keken)\s+"
          r"(?:[\w']+\s+)?(?:de\s+andere\s+kant\s+op|weg)\b"),
     words("kijkt kijken keek keken")),
    (Lazy(rf"\b{_LEADERS}\s+(?:[\w']+\s+){{0,3}}?(?:doet|doen|deed|deden|grijpt|grijpen|greep)\s+"
          r"(?:[\w']+\s+){0,3}?(?:niks|niets|nooit\s+in|niet\s+in)\b"
          r"|\bniemand\s+(?:[\w']+\s+){0,2}?(?:grijpt|greep|doet|deed)\s+(?:er\s+)?(?:[\w']+\s+)?"
          r"(?:in|iets)\b"
          rf"|\b(?:doet|doen|grijpt|grijpen)\s+(?:de\s+)?{_LEADERS}\s+(?:[\w']+\s+){{0,2}}?"
          r"(?:niks|niets|nooit\s+in|niet\s+in)\b"),
     words("grijpt grijpen greep niks niets niemand")),
    (Lazy(r"\b(?:leraren|docenten|juffen|meesters|leerkrachten)\s+(?:[\w']+\s+){0,3}?"
          r"(?:zitten|zit|hangen)\s+(?:[\w']+\s+){0,4}?op\s+(?:hun|d'r|z'n)\s+(?:telefoon|mobiel)\b"),
     words("telefoon mobiel")),
    (Lazy(r"\bzonde\s+van\s+(?:het|je|jullie|ons|uw|mijn)\s+(?:belasting)?geld\b|"
          r"\bweggegooid\s+(?:belasting)?geld\b"),
     words("zonde weggegooid")),
    (Lazy(r"\b(?:kom|ga)\s+(?:hier|daar|er)\s+(?:[\w']+\s+)?(?:niet|nooit)\s+(?:heen|naartoe)\b"),
     words("heen naartoe")),
)
_FAILING_WORDS: Final = frozenset().union(*(triggers for _rule, triggers in _FAILING))
_NEWS: Final = Lazy(
    r"\b(?:vanwege|wegens|omdat|door\s+(?:de|het|ziekte)|in\s+verband\s+met|ivm|vandaag|morgen|"
    r"deze\s+week|volgende\s+week|tijdens|maandag\w*|dinsdag\w*|woensdag\w*|donderdag\w*|"
    r"vrijdag\w*|middag|ochtend|vakantie|studiedag\w*|sportdag|"
    # a condition: "je leert er niks als je niet oplet"
    r"als\s+(?:je|jij|u|ze|hij|zij)\s+(?:[\w']+\s+)?(?:niet|nooit|geen)|tenzij)\b")
_IN_SCHOOL: Final = Lazy(r"\b(?:school\w*|er|daar|hier|directie|leiding|leraren|docenten)\b")
_SCHOOL_TARGET: Final = (
    r"(?:deze|die|onze|jullie|de|dat|het|zo'?n|hun|jouw|je|mijn)\s+school|(?:de|deze|die)\s+"
    r"(?:directie|schoolleiding|leiding|bestuur|leraren|docenten|stichting)(?:\s+hier)?"
)


@lru_cache(maxsize=64)
def _harm_rules(org: str) -> tuple[Lazy, ...]:
    target = f"{_SCHOOL_TARGET}|{org}" if org else _SCHOOL_TARGET
    return tuple(Lazy(p.replace("SCHOOL", target)) for p in _HARM_PATTERNS)


_ABOUT_SCHOOL: Final = Lazy(r"\b(?:school|directie|schoolleiding|hier|naartoe|erheen)\b")


_HARM_WORDS: Final = words(
    "zooitje puinhoop bende rotzooi janboel schande ramp drama gevangenis hel lachertje grap "
    "aanfluiting poppenkast gekkenhuis schip slecht slechte slechtst slechtste waardeloos "
    "waardeloze belachelijk schandalig incompetent incompetente onbekwaam corrupt kut klote "
    "kanker tyfus tering shit bagger ruk huilen waard nergens prutsers amateurs amateuristisch "
    "stel zootje zooi crimineel onveilig levensgevaarlijk doolhof hok verschrikkelijk vreselijk "
    "fabriek nachtmerrie kutschool rotschool kankerschool tyfusschool teringschool kloteschool "
    "vreselijke verschrikkelijke belachelijke achterlijke onveilige stuur haal haalt raad blijf "
    "raden ster schaam rot kies grote")


def reputation_harm(doc: _Doc, cues: Cues, org: str) -> bool:
    """``org`` is the pattern of the school's own names ("" for none)."""
    text = doc.norm.text
    names_school = bool(_ABOUT_SCHOOL.search(text)) or bool(org and re.search(org, text))
    if names_school and cues.has(_FAILING_WORDS) and _failing(doc, cues, org):
        return True
    if not cues.has(_HARM_WORDS):
        return False
    for index, rule in enumerate(_harm_rules(org)):
        for match in cues.finditer(rule, _HARM_WORDS):
            if index >= 3 and not names_school:
                continue   # advice to stay away needs the school in the text
            if index == 1 and re.match(r"(?:rijschool|dansschool)", match.group()):
                continue
            before = text[max(0, match.start() - 20):match.start()]
            if re.search(r"\b(?:geen|niet|nooit|zeker\s+geen)\s+(?:\w+\s+)?$", before):
                continue
            inside = match.group()
            if index == 0 and re.search(r"\b(?:geen|niet)\b", inside):
                continue
            number = doc.sentence_of(match.start())
            sentence = doc.sentence_text(number)
            if re.search(r"\b(?:klopt\s+(?:niet|niks|helemaal\s+niet)|onzin|niet\s+waar|"
                         r"(?:ben|is)\s+(?:[\w']+\s+)?niet\s+(?:zo|waar))\b", sentence):
                continue
            if doc.quoted(match.start(), match.end()):
                continue
            return True
    return False


def _failing(doc: _Doc, cues: Cues, org: str) -> bool:
    text = doc.norm.text
    for rule, triggers in _FAILING:
        for match in cues.finditer(rule, triggers):
            sentence = doc.sentence_text(doc.sentence_of(match.start()))
            if _NEWS.search(sentence) or doc.quoted(match.start(), match.end()):
                continue
            # the school in the same clause: "mijn zoon leert thuis niks, op school ..." is not
            low = max(text.rfind(c, 0, match.start()) for c in ",;:.!?\n") + 1
            highs = [i for i in (text.find(c, match.end()) for c in ",;:.!?\n") if i >= 0]
            clause = text[low:min(highs, default=len(text))]
            if not (_IN_SCHOOL.search(clause) or (org and re.search(org, clause))):
                continue
            if re.search(r"\b(?:klopt\s+(?:niet|niks|helemaal\s+niet)|onzin|niet\s+waar|"
                         r"(?:ben|is)\s+(?:[\w']+\s+)?niet\s+(?:zo|waar)|zeggen\s+dat)\b",
                         sentence):
                continue
            return True
    return False
