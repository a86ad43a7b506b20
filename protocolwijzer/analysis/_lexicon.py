"""Hand-written Dutch word lists for :mod:`protocolwijzer.analysis.text`.

Written for this project; no third-party list was copied. All words are in the
normalised form the analyser compares against: lowercase, accents removed.

A term has a *category* (the abuse kind it signals) and a *strength*:

``strong``
    insulting on its own ("loser", "klootzak"); still ignored when the writer
    uses it about themselves, negates it or condemns it.
``weak``
    also has a harmless reading ("dom", "eikel" is an acorn, "lul" a verb), so it
    only counts when it is aimed at a person ("je bent dom", "die juf is een eikel").
``identity``
    a word for who someone is ("homo", "autist") that only becomes an insult in an
    insulting construction ("vuile homo", "jij autist", "wat een homo").
"""

from __future__ import annotations

from typing import Final

INSULT: Final = "insult"
SEXUAL: Final = "sexual"
DISCRIMINATION: Final = "discrimination"

STRONG: Final = "strong"
WEAK: Final = "weak"
IDENTITY: Final = "identity"


def _terms(category: str, strength: str, words: str) -> dict[str, tuple[str, str]]:
    return {word: (category, strength) for word in words.split()}


TERMS: Final[dict[str, tuple[str, str]]] = {
    **_terms(INSULT, STRONG, """
        loser looser sukkel klootzak kloothommel hufter lamzak lapzwans mafkees malloot klojo
        kneus trut teef bitch kreng etterbak ettertje smeerlap viespeuk viezerik vuilak
        vetzak vetklep dikzak dikkerd lelijkerd mormel dombo domkop dommerd dommerik
        stommeling stommerik sufferd imbeciel randdebiel halvezool halvegare zielenpoot
        zielepoot zielepiet nietsnut mislukkeling engerd slijmbal schoft zeikerd oetlul
        rotzak pedo motherfucker asshole dickhead cunt kys stfu oprotten opflikkeren
        opkankeren optyfen opsodemieteren opdonderen oplazeren
    """),
    **_terms(INSULT, WEAK, """
        idioot idiot debiel dom stom achterlijk gestoord gestoorde lelijk dik zielig
        waardeloos nutteloos walgelijk eikel lul drol etter aap varken koe rund ezel
        kakkerlak rat hond beest sul watje zeur zeurpiet nerd noob stumper stakker freak
        psycho psychopaat griezel oen tuig uitschot stupid mislukt pedofiel
    """),
    **_terms(SEXUAL, STRONG, """
        hoer hoertje hoerenjong hoerenzoon hoerenkind slet sletje slettenbak slettebak
        sloerie snol temeie pijpslet neukslet slut whore kutwijf
    """),
    **_terms(SEXUAL, WEAK, "del"),
    **_terms(DISCRIMINATION, STRONG, """
        neger negerin nikker bosneger zwartjoekel roetmop makak geitenneuker
        kameelneuker poepchinees spleetoog flikker nigger faggot retard mongool spast
        spasticus downie
    """),
    **_terms(DISCRIMINATION, IDENTITY, """
        homo lesbo mietje autist mof zigeuner gehandicapte kreupele terrorist talibaan
    """),
}

# Neutral words for groups of people. Never a hit by themselves; they only count in
# insulting constructions ("vieze moslim", "kankerturk") and in group-hate patterns.
GROUPS_SINGULAR: Final = frozenset("""
    moslim jood christen turk marokkaan surinamer antilliaan pool roemeen bulgaar
    buitenlander allochtoon vluchteling asielzoeker chinees afrikaan arabier zwarte
    lesbienne transgender hindoe syrier somalier
""".split())

GROUPS_PLURAL: Final = (
    "moslims joden christenen turken marokkanen surinamers antillianen polen roemenen "
    "bulgaren buitenlanders allochtonen vluchtelingen asielzoekers chinezen afrikanen "
    "arabieren zwarten negers homo's homos lesbiennes lesbo's transgenders "
    "gehandicapten autisten zigeuners hindoes syriers somaliers"
).split()

# Adjectives that turn a following word for a person into an insult.
PEJORATIVE_ADJ: Final = frozenset("""
    vuile vuil vieze smerige gore stomme domme achterlijke debiele idiote gestoorde
    walgelijke waardeloze minderwaardige stinkende lelijke kut kanker tyfus tering
    kolere klere rot kankere tyfuse
""".split())

# Milder adjectives that only insult together with an animal or weak insult noun
# ("dikke koe"), not with an ordinary person noun ("dikke vriend").
MILD_ADJ: Final = frozenset("dikke dik zielige lelijk vette".split())

SEXUAL_ADJ: Final = frozenset("geile geil".split())

# Curse words on their own: profanity, abuse only when aimed at someone ("kut, mijn fiets
# is stuk" is not; "kutjoch" is, through the compounds below).
PROFANITY: Final = frozenset("""
    kut kanker tering tyfus kolere klere pleuris godverdomme verdomme godver godsamme
    shit fuck fucking fck fok fokking klote kloten kutzooi teringzooi kankerzooi damn wtf
    jezus potverdorie verdorie
""".split())

# Curse words that form insulting compounds: "kankerleraar", "kutjoch", "tyfusjood".
CURSE_PREFIXES: Final = ("kanker", "kut", "tyfus", "tering", "kolere", "klere", "rot", "pest")

PERSON_NOUNS: Final = frozenset("""
    gast gozer jongen meid meisje kind joch jochie wijf vent kerel man vrouw mens
    leraar lerares juf juffrouw meester docent docente mentor directeur directrice
    concierge leerling klasgenoot klasgenote buurman buurvrouw moeder vader broer zus
    zusje broertje opa oma oom tante collega coach trainer scheidsrechter invaller
    stagiair stagiaire ouder ouders leraren leerlingen docenten kinderen jongens meiden
    meisjes mentoren juffen meesters
""".split())

# Nouns after a curse prefix that make the compound an insult ("kutjoch", "rotkind").
COMPOUND_HEADS: Final = PERSON_NOUNS | frozenset("lijer hoer slet zak lul bek kop".split())

FIRST_PERSON: Final = frozenset("ik me mij mezelf mijzelf we wij ons onszelf".split())
SECOND_PERSON: Final = frozenset("je jij jou jouw jullie u ge gij".split())
THIRD_PERSON: Final = frozenset("hij zij ze hem haar hen".split())

COPULAS: Final = frozenset("""
    ben bent is was zijn waren blijft blijf blijven lijkt lijk lijken word wordt worden
    werd bleek voel voelt voelde
""".split())
OPINION_VERBS: Final = frozenset("vind vindt vinden vond noem noemt noemen".split())

# Words skipped when looking for the subject of an insult ("je bent echt zo'n ...").
FILLERS: Final = frozenset("""
    echt gewoon zo een zo'n n 'n heel erg ook toch wel nog best super mega totaal
    helemaal nou ff even altijd soms gwn egt eigenlijk al de het kanker kut tering
    tyfus wat ontzettend enorm zwaar echte zon eens onwijs keihard kei
""".split())

NEGATIONS: Final = frozenset("niet geen nooit niemand allerminst nergens geeneens nimmer".split())

# Capitalised words that are not names even when they start a clause.
NOT_NAMES: Final = frozenset("""
    ik je jij u hij zij ze we wij jullie hun hen het de een dit dat die deze daar hier
    wat wie waar wanneer hoe waarom welke zo zoals als maar en of want dus toen dan ook
    nee ja oke ok hoi hallo hey hee beste lieve geachte dag mijn jouw zijn haar onze
    ons niet geen wel echt gewoon alle iedereen niemand iemand sommige veel weinig
    school klas groep stichting juf meester meneer mevrouw leraar docent mentor
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart
    april mei juni juli augustus september oktober november december vandaag morgen
    gisteren straks nu laatst lol haha
""".split())

SPORT_WORDS: Final = frozenset("""
    voetbal voetballen wedstrijd wedstrijden match hockey basketbal volleybal handbal
    korfbal tennis toernooi competitie finale potje spel game gamen fifa fortnite
    minecraft schaak schaken team ploeg tegenstander tegenstanders scoren doelpunt
    sportdag trefbal quiz kwis battle rematch uitwedstrijd thuiswedstrijd kampioen
    beker zaalvoetbal tikkertje
""".split())
