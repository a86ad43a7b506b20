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
        prutser kluns snitch verrader weirdo mongooltje mongooltjes travo polak polakken
        makak makakken kankergezwel mannenhaters vuilnisbak
        opkankeren optyfen opsodemieteren opdonderen oplazeren
    """),
    **_terms(INSULT, WEAK, """
        idioot idiot debiel dom stom achterlijk gestoord gestoorde lelijk dik zielig
        waardeloos nutteloos walgelijk eikel lul drol etter aap varken koe rund ezel
        kakkerlak rat hond beest sul watje zeur zeurpiet nerd noob stumper stakker freak
        psycho psychopaat griezel oen tuig uitschot stupid mislukt pedofiel clown boomer
        sloeber nepperd
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

# Belittling forms of group words: never neutral.
GROUPS_PEJORATIVE: Final = frozenset("""
    marokkaantjes turkjes zwartjes negertjes hoofddoekjes transen mocro's buitenlandertjes
    wijven
""".split())

GROUPS_PLURAL: Final = (
    "moslims joden christenen turken marokkanen surinamers antillianen polen roemenen "
    "bulgaren buitenlanders allochtonen vluchtelingen asielzoekers chinezen afrikanen "
    "arabieren zwarten negers homo's homos lesbiennes lesbo's transgenders "
    "gehandicapten autisten zigeuners hindoes syriers somaliers vrouwen trans"
).split()

# Adjectives that turn a following word for a person into an insult.
PEJORATIVE_ADJ: Final = frozenset("""
    vuile vuil vieze smerige gore stomme domme achterlijke debiele idiote gestoorde
    walgelijke waardeloze minderwaardige stinkende lelijke kut kanker tyfus tering
    kolere klere rot kankere tyfuse incompetente domste stomste achterlijkste lelijkste
    slechtste
""".split())

# Milder adjectives that only insult together with an animal or weak insult noun
# ("dikke koe"), not with an ordinary person noun ("dikke vriend").
MILD_ADJ: Final = frozenset("dikke dik zielige lelijk vette lui luie".split())

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

# --- Hate against groups -------------------------------------------------------------------
# The words for a group, besides GROUPS_SINGULAR, GROUPS_PLURAL and GROUPS_PEJORATIVE:
# more names and slurs, and "Marokkaanse jongens", "Turkse buren" (an adjective with or
# without a word for people).

GROUPS_EXTRA: Final = frozenset("""
    moslima's islamieten homoseksuelen homofielen biseksuelen transpersonen transvrouwen
    transmannen lhbti'ers lhbtiers statushouders gelukszoekers migranten immigranten
    aziaten roma polakken makakken bosnegers negers neger flikkers flikker travo's travo
    autist autisten downies gehandicapten gehandicapte kreupelen jood joden zwarte zwarten
    homo homo's homos lesbienne lesbiennes trans transgender transgenders moslim moslims
    marokkaan turk
""".split())
GROUP_ADJECTIVES: Final = tuple("""
    marokkaanse turkse surinaamse antilliaanse poolse joodse islamitische zwarte
    gehandicapte autistische lesbische homoseksuele transgender afrikaanse arabische
    chinese roemeense bulgaarse syrische somalische buitenlandse allochtone
""".split())
GROUP_PERSONS: Final = tuple("""
    mensen jongens meiden meisjes vrouwen mannen kinderen leerlingen buren gasten types
    families gezinnen nederlanders jongen meisje man vrouw kind leerling buurman buurvrouw
    gast collega vader moeder
""".split())
# What is said of a group (a protected one, or any group of people) that makes a statement
# hateful. Used together with a group in the same sentence; see ``text._group_hits``.

HATE_EMOTIONS: Final = frozenset("""
    haat haten hate hekel afkeer walg walgen kotsmisselijk kotsziek misselijk verafschuw
    verafschuwen gruwel uitstaan spuugzat irriteren irriteert fuck
""".split())

DEHUMANISING: Final = frozenset("""
    ongedierte ratten rat kakkerlakken kakkerlak parasieten parasiet beesten beest dieren
    dier apen aap virus plaag vuil vuilnis afval tuig uitschot zwijnen varkens vee honden
    wormen bacterien gedrocht gedrochten monsters monster geldwolven apenvolk
    kamelen geiten onmensen
""".split())

NEGATIVE_ATTRIBUTES: Final = frozenset("""
    lui luie dom domme dommer stom stomme vies vieze smerig smerige crimineel criminele
    criminelen gevaarlijk gevaarlijke achterlijk achterlijke minderwaardig minderwaardige
    waardeloos waardeloze onbetrouwbaar onbetrouwbare leugenaars dieven verkrachters
    terroristen profiteurs uitvreters stinken stinkt stinkende gestoord gestoorde ziek zieke
    abnormaal abnormale pervers perverse walgelijk walgelijke nutteloos nutteloze dronken
    zuipers zuipen stelen jatten idioot idioten debiel debielen primitief primitieve
    barbaren onnozel gekken freaks hersenloos hersenloze nietsnutten kakkers arrogante
    irritante sadistische snotapen mislukkelingen zeurkousen losers sukkels eikels
    klootzakken hufters lelijk lelijke dik dikke vet vette tokkies aandachtshoeren
    oplichters bedriegers leeghoofden zielig zielige gemeen gemene agressief agressieve
    gierig gierige last gevaar schande liegen liegt leugenachtig ziekte verpesten verpest
    mannenhaters kasplantjes kankergezwel oorzaak vuilnisbak
""".split())

# Violence done to a group, said as a wish, a norm or a plan.
GROUP_THREATS: Final = frozenset("""
    opgehangen ophangen afmaken afgemaakt vermoorden vermoord doodmaken doodschieten
    doodgeschoten neerschieten neergeschoten terugschieten vergassen vergast uitroeien
    uitgeroeid verbranden verbrand opblazen opgeblazen afslachten afgeslacht executeren
    martelen gemarteld opsluiten geslagen getrapt slaan trappen kogel ketting kamp kampen
    deporteren gedeporteerd bloeden neersteken neergestoken steek sla elimineren klap
    klappen schop pakken
""".split())

# Where a group is told it does not belong.
GROUP_EXCLUSION: Final = (
    r"horen\s+(?:hier\s+)?niet|hoort\s+(?:hier\s+)?niet|niet\s+welkom|het\s+land\s+uit|"
    r"oprotten|rot\s+op|terug\s+naar|weg\s+met|eruit|moeten\s+weg|mogen\s+niet\s+meedoen|"
    r"niet\s+tussen|thuisblijven|niet\s+op\s+(?:onze|deze)\s+school|uitzetten|van\s+school\s+af|"
    r"niet\s+in\s+(?:een\s+)?(?:normale|onze|deze)\s+\w+"
)

# A positive word negated to deny a group its worth: "zijn geen echte mensen".
NEGATED_POSITIVE: Final = (
    r"geen\s+(?:echte\s+)?(?:mensen|vrouwen|mannen|nederlanders|meisjes|jongens)|"
    r"nooit\s+(?:echte\s+)?(?:vrouwen|mannen|mensen)|niet\s+(?:eens\s+)?waard|"
    r"geen\s+(?:respect|rechten)|niet\s+normaal|ni(?:ets|ks)\s+waard|niet\s+menselijk|"
    r"niet\s+(?:gelijkwaardig|gelijk)|geen\s+plek|n(?:ooit|iet)\s+te\s+vertrouwen|"
    r"niet\s+(?:zo\s+)?(?:slim|intelligent|goed|eerlijk|normaal)\s+als|geen\s+(?:enkele?|greintje)|"
    r"niets\s+om\s+trots|nooit\s+(?:een\s+)?(?:slimme|eerlijke|normale)|nooit\s+echte|"
    r"kunnen\s+(?:toch\s+)?(?:niks|niets)|om\s+normaal\s+te\s+doen|snappen\s+er\s+\w*\s*niks"
)

# Words that glued-together text is cut into ("ikhaatmoslims" -> "ik haat moslims").
FUNCTION_WORDS: Final = frozenset("""
    ik je jij u hij zij ze we wij jullie hun hen het de een dit dat die deze daar hier wat
    wie zijn is ben bent was waren in op aan van voor met bij naar uit om te tot en of
    maar niet geen wel ook al nog zo echt heel erg allemaal alle gewoon toch dan als
    maak maken ga gaan kom komen sla slaan af dood kapot elkaar hoofd hebben heeft heb
    moeten moet mogen mag kunnen kan willen wil horen hoort hier weg net zoals
""".split())
