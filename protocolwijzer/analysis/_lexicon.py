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
        stinkerd heks zwakkeling aasgier nitwit zakkenwasser zuiplap
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
        smous smousen pindachinees pindachinezen
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
    lesbienne transgender hindoe syrier somalier aziaat islamiet migrant immigrant
    homoseksueel transpersoon statushouder gelukszoeker moslima jodin molukker
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
    slechtste fucking fokking
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
COMPOUND_HEADS: Final = PERSON_NOUNS | frozenset(
    "lijer hoer slet zak lul bek kop volk mensen".split())

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
    marokkaan turk meiden
    asielzoekerskinderen vluchtelingenkinderen migrantenkinderen allochtonenkinderen
    buitenlanderskinderen asielzoekersgezinnen vluchtelingengezinnen moslimkinderen
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
    verafschuwen gruwel uitstaan spuugzat irriteren irriteert fuck gruwelen verachten
    veracht minacht minachten kots kotsen spuug spugen woedend razend kriebels rillingen
    walging onpasselijk afstotend afschuw woede kookt jeuk schijtziek doodziek strontziek
    kokhalzen walgt verafschuwd verfoei verfoeien gruw gruwt onuitstaanbaar weerzin
    weerzinwekkend kotsneiging braakneiging
""".split())

DEHUMANISING: Final = frozenset("""
    ongedierte ratten rat kakkerlakken kakkerlak parasieten parasiet beesten beest dieren
    dier apen aap virus plaag vuil vuilnis afval tuig uitschot zwijnen varkens vee honden
    wormen bacterien gedrocht gedrochten monsters monster geldwolven apenvolk kamelen geiten
    onmensen kanker kankergezwel gezwel tumor pest pestilentie ziekte gespuis schorem gajes
    rotzooi ballast bloedzuigers bloedzuiger hyenas bavianen gorillas chimpansees apenkoppen
    beestachtig beestachtige onmenselijk onmenselijke untermenschen tuigvolk vuilnisbelt
    riool smeerlappen stinkdieren luizen vlooien sprinkhanen zwerm insecten insect schimmel
    schimmels maden wespen bacterie virussen kuddes kudde slaven beestjes kutvolk tyfusvolk
    kankervolk rotvolk geitenvolk woestijnvolk uitvaagsel uitvaagsels rioolratten
    straatratten hondjes zwijn wilden holbewoners onkruid biggen slachtvee termieten mieren
    kevers larven slijm drek stront poep kots pus zweer zweren karkassen kadavers
    afvalproduct afvalproducten wanproduct mislukkingen vergissingen vergissing tumoren
    epidemie lepra besmettelijk besmettelijke
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
    mannenhaters kasplantjes kankergezwel oorzaak vuilnisbak weerzinwekkend weerzinwekkende
    misselijkmakend misselijkmakende verachtelijk verachtelijke afschuwelijk afschuwelijke
    afstotelijk afstotelijke onuitstaanbaar onuitstaanbare onbeschaafd onbeschaafde barbaars
    barbaarse gewelddadig gewelddadige hypocriet hypocriete hebberig hebberige inhalig
    inhalige gluiperig gluiperige achterbaks achterbakse parasitair parasitaire inferieur
    inferieure pathetisch pathetische armzalig armzalige zwakzinnig zwakzinnige imbecielen
    moordenaars pedofielen pedos kindermisbruikers bedreiging plaaggeesten verderf
    verderfelijk verderfelijke duivels duivelse kwaadaardig kwaadaardige geestesziek
    geesteszieke psychopaten psychopathisch gestoorden walgelijker viezer smeriger stommer
    luier achterlijker misbaksels misbaksel gedegenereerd gedegenereerde ontaard ontaarde
    onbetrouwbaarder leugenaar dief verkrachter terrorist kil kille nep gevoelloos
    gevoelloze zwak zwakke sluw sluwe eng enge griezelig griezelige irritant luidruchtig
    luidruchtige chagrijnig chagrijnige corrupt corrupte betweterig betweterige zeurend
    zeurende ongeschikt ongeschikte ziekelijk ziekelijke levensgevaarlijk levensgevaarlijke
    fanatiek fanatieke fanatici lomp lompe onnozele zuiplappen zuiplap zakkenwassers
    zakkenwasser nitwits etterbakjes mafkezen stinkerd stinkerds heks heksen zwakkeling
    zwakkelingen aasgieren robots klonen mislukte criminaliteit ellende vervuilen vervuild
    kapotmaken verzieken verziekt profiteren profiteert steelt beroven roven bedriegen
    verspreiden woekeren kaalvreten opvreten uitkramen parasiteren psychiatrische
    psychiatrisch patienten gebruiksvoorwerpen gebruiksvoorwerp fatsoenloos fatsoenloze
    vieste smerigste domste inteelt achterlijken hersendood hersendode stomste
    agressieveling asociaal asociale asocialen arrogant bekrompen bijgelovig bijgelovige
    brutaal brutale dwaas dwaze dwazen egoistisch egoistische geniepig geniepige
    gevaarlijker gewetenloos gewetenloze grof grove haatdragend haatdragende hebzuchtig
    hebzuchtige hysterisch hysterische incompetent incompetente jaloers kinderachtig
    kinderachtige kwaadaardiger laf laffe lafaards leugenachtige mislukt naief naieve
    oneerlijk oneerlijke onbekwaam onbekwame onbeleefd onbeleefde ondankbaar ondankbare
    ongemanierd ongemanierde ongeschoold ongeschoolde onhygienisch onhygienische onnuttig
    onontwikkeld onontwikkelde onredelijk onwetend onwetende opdringerig opdringerige
    overgevoelig primitiever schaamteloos schaamteloze sloom slome sloompies stompzinnig
    stompzinnige stupide tuig uitgekookt vals valse verwend verwende vijandig vijandige
    vreselijk vreselijke wreed wrede zielloos zwakbegaafd zwakbegaafde onderontwikkeld
    onderontwikkelde labiel labiele vuiler lelijker zwakker leeglopers leegloper klaplopers
    klaploper uitkeringstrekkers zakkenrollers fraudeurs bedelaars relschoppers raddraaiers
    lastpakken lastpak luilakken luiwammesen dieventuig boeven boef schurken schurk
    gangsters extremisten fanaten haatpredikers vijanden indringers indringer bezetters
    invasie overname omvolking vervuiling besmetting
""".split())

# Violence done to a group, said as a wish, a norm or a plan.
GROUP_THREATS: Final = frozenset("""
    opgehangen ophangen afmaken afgemaakt vermoorden vermoord doodmaken doodschieten
    doodgeschoten neerschieten neergeschoten terugschieten vergassen vergast uitroeien
    uitgeroeid verbranden verbrand opblazen opgeblazen afslachten afgeslacht executeren
    martelen gemarteld opsluiten geslagen getrapt slaan trappen kogel ketting kamp kampen
    deporteren gedeporteerd bloeden neersteken neergestoken steek sla elimineren klap
    klappen schop pakken
    sterven sterf sterft doden gedood afknallen afgeknald neerknallen neergeknald
    uitmoorden uitgemoord lynchen gelyncht onthoofden onthoofd stenigen gestenigd
    verdrinken verzuipen creperen verrekken castreren gecastreerd steriliseren
    gesteriliseerd afschieten afgeschoten platbranden aanvallen afrekenen opruimen
    opgeruimd vernietigen vernietigd uitschakelen wurgen villen verkrachten verkracht
    opgesloten doodslaan doodgeslagen doodsteken doodgestoken neerslaan ophangen
    afgeranseld afranselen kapotslaan kapotgeslagen folteren gefolterd vergiftigen
    vergiftigd uitgeroeid opknopen opgeknoopt kogels
    wegjagen weggejaagd platbranden platgebrand knuppel knuppels opwachten sleur sleuren
    bom bommen wurg bungelen lantaarnpaal lantaarnpalen ketens geweld timmeren
    inslapen prikkeldraad opgepakt oppakken afgetuigd aftuigen molesteren
    verzopen doodrijden overrijden steken afmaak mep meppen
    rammen afranselen kelen gaskamer gaskamers ovens concentratiekamp
""".split())

# "terug naar de klas", "weg naar huis": sent back where pupils belong, not out of the country.
_CLASS_PLACE: Final = (
    r"\s+(?:de\s+|het\s+|hun\s+|je\s+|jullie\s+)?(?:klas|les|lokaal|school|huis|plek|bank|"
    r"ouders|kamer|gym|gymzaal|zaal|bus|hotel|kamp|tafel|kantoor|groep|speelplaats|schoolplein|"
    r"aula|kluisjes|bed|tent)\b"
)
# Where a group is told it does not belong.
GROUP_EXCLUSION: Final = (
    r"horen\s+(?:hier\s+)?niet|hoort\s+(?:hier\s+)?niet|niet\s+welkom|het\s+land\s+uit|"
    r"oprotten|rot\s+op|(?:pleur|flikker|sodemieter|donder|tyf|tief)\s+op|opdonderen|optiefen|"
    r"optyfen|terug\s+(?:in|op)\s+(?:de|een)\s+boot|"
    rf"terug\s+naar(?!{_CLASS_PLACE})|weg\s+met|eruit|moeten\s+weg|"
    r"mogen\s+niet\s+meedoen|"
    r"niet\s+tussen|thuisblijven|niet\s+op\s+(?:onze|deze)\s+school|uitzetten|van\s+school\s+af|"
    r"niet\s+in\s+(?:een\s+)?(?:normale|onze|deze)\s+\w+|(?:niet\s+)?thuishoren|"
    r"(?:horen|hoort)\s+(?:[\w'-]+\s+){0,3}?in\s+(?:een|de|het)\s+(?:tehuis|inrichting|kamp|"
    r"kooi|gesticht|gevangenis|cel|dierentuin|hok)|"
    r"(?:niet|nooit)\s+(?:meer\s+)?mee\s+(?:mogen|mag)\s+doen|(?:rechten|"
    r"stemrecht)\s+(?:moeten\s+)?"
    r"(?:verliezen|afpakken|afnemen)|minder\s+rechten|opgenomen\s+(?:moeten|worden)|"
    r"in\s+de\s+gaten\s+houden|ver\s+(?:weg\s+)?(?:van|bij)\s+\w+\s+(?:houden|vandaan)|"
    r"thuis\s+(?:te\s+)?blijven|mond\s+(?:moeten\s+)?houden|over\s+de\s+grens|"
    r"uit\s+(?:mijn|onze|de)\s+buurt|buiten\s+de\s+deur|geen\s+plaats|"
    r"(?:leren|gaan)\s+werken|niet\s+serieus\s+(?:nemen|genomen)|uitgezet|uitgewezen|"
    r"uitwijzen|teruggestuurd|weggestuurd|gedeporteerd|verbannen|verjaagd|weggejaagd|"
    r"uit\s+het\s+zicht|achter\s+slot\s+en\s+grendel|"
    # "stuur ze allemaal terug", "ze moeten allemaal terug" (not to class, not home)
    rf"(?:stuur|sturen)\s+(?:ze|hen|die)\s+(?:[\w'-]+\s+){{0,2}}?(?:terug|weg)\b"
    rf"(?!\s+naar{_CLASS_PLACE})|"
    rf"(?:moeten|moet)\s+(?:gewoon\s+)?allemaal\s+terug\b(?!\s+naar{_CLASS_PLACE})"
)

# A positive word negated to deny a group its worth: "zijn geen echte mensen".
NEGATED_POSITIVE: Final = (
    r"geen\s+(?:echte\s+)?(?:mensen|vrouwen|mannen|nederlanders|meisjes|jongens)|"
    r"nooit\s+(?:echte\s+)?(?:vrouwen|mannen|mensen)|niet\s+(?:eens\s+)?waard|"
    r"geen\s+(?:respect|rechten)|niet\s+normaal|ni(?:ets|ks)\s+waard|niet\s+menselijk|"
    r"niet\s+(?:gelijkwaardig|gelijk)|geen\s+plek|n(?:ooit|iet)\s+te\s+vertrouwen|"
    r"niet\s+(?:zo\s+)?(?:slim|intelligent|goed|eerlijk|normaal)\s+als|"
    r"geen\s+(?:enkele?|greintje)\s+(?:respect|waarde|fatsoen|verstand|hersens|beschaving|talent|"
    r"nut|gevoel|empathie|geweten|intelligentie)|geen\s+(?:enkele?\s+)?[\w'-]+\s+die\s+(?:eerlijk|"
    r"normaal|slim|goed|fatsoenlijk|te\s+vertrouwen|deugt|werkt)|"
    r"(?:nooit|geen)\s+(?:enig\s+)?respect|niet\s+in\s+staat|ni(?:ets|ks)\s+fatsoenlijks|"
    r"geen\s+volwaardige|ni(?:ets|ks)\s+goed|geen\s+(?:gevoel|geweten|hersens|hersenen|ziel|"
    r"verstand|talent|"
    r"fatsoen|beschaving|cultuur|manieren)|nooit\s+(?:het\s+)?waard|(?:nooit|niet)\s+als\s+"
    r"(?:mijn|onze|een)\s+gelijke|niet\s+beschaafd|geen\s+echte|niet\s+slim\s+genoeg|"
    r"nooit\s+(?:een\s+)?goede|ni(?:ets|ks)\s+(?:bijdragen|bij\s+te\s+dragen)|"
    r"ni(?:ets|ks)\s+(?:anders|meer)\s+dan|niet\s+(?:kunnen\s+)?nadenken|kunnen\s+(?:het\s+)?"
    r"(?:toch\s+)?niet\b|voor\s+ni(?:ets|ks)\s+anders|"
    r"niets\s+om\s+trots|nooit\s+(?:een\s+)?(?:slimme|eerlijke|normale)|nooit\s+echte|"
    r"kunnen\s+(?:toch\s+)?(?:niks|niets)|om\s+normaal\s+te\s+doen|snappen\s+er\s+\w*\s*niks"
)

# Slur-like words that also have an ordinary sense, with the context that shows it.
_ZOO: Final = (r"\b(?:dierentuin|apenheul|jungle|oerwoud|puppy'?s|pups|nest|welpen|fokker|"
               r"dierenarts|vlooien|bananen|wild|kooi|safari|natuurfilm|biologie)\b")
_MONGOLIA: Final = (r"\b(?:mongolie|mongoolse|ulaanbaatar|dzjengis|khan|steppe|nomade\w*|azie|"
                    r"rijk|veroverden|geschiedenis|aardrijkskunde|tent|yurt)\b")
LITERAL_SENSES: Final = {
    "makak": _ZOO, "makakken": _ZOO, "makaken": _ZOO, "aap": _ZOO, "apen": _ZOO, "teef": _ZOO,
    "teven": _ZOO, "mongool": _MONGOLIA, "mongolen": _MONGOLIA,
}
# Of those, the names of a people: with a capital inside a sentence they name the people.
PEOPLE_NAMES: Final = frozenset("mongool mongolen".split())

# Four-letter words of hate that are repaired when two neighbouring letters are swapped.
SHORT_CUES: Final = frozenset("haat dood walg vies tuig kots".split())

# Ordinary words that are one letter away from a salient word, so never "repaired" into it
# (deduce's list of common Dutch words is used as well).
REAL_WORDS: Final = frozenset("""
    besten bedreigen bedreigd negen zeven palen polder beste rat raten sterk sterft stinkt
    spuit hater hoed hoer woede woedend dieren dienen diner kamen kampen slaven slagen
    laten lagen homo tuin vliegen wegen zaken maken rijen dodo kost
""".split())

# Words that glued-together text is cut into ("ikhaatmoslims" -> "ik haat moslims").
FUNCTION_WORDS: Final = frozenset("""
    ik je jij u hij zij ze we wij jullie hun hen het de een dit dat die deze daar hier wat
    wie zijn is ben bent was waren in op aan van voor met bij naar uit om te tot en of
    maar niet geen wel ook al nog zo echt heel erg allemaal alle gewoon toch dan als
    maak maken ga gaan kom komen sla slaan af dood kapot elkaar hoofd hebben heeft heb
    moeten moet mogen mag kunnen kan willen wil horen hoort hier weg net zoals
    land eruit keuken tehuis genezen worden terug
""".split())
