"""Hate against a group of people (``_group_hits``): a group and a hateful cue in one
sentence ("ik haat moslims", "Waarom zijn Marokkanen altijd zulke criminelen?"), or a cue
about "ze" in the next sentence ("Er komen Marokkanen in de klas. Ze zijn tuig."), with
negated positives ("zijn geen echte mensen") as cues. Insults at other groups of people
("alle brugklassers zijn snotapen") are insults. A group named as the one wronged ("ik
haat het als mensen moslims discrimineren") or history told ("Joden werden in de oorlog
vermoord") is not hate. ``_against_group`` tells whether a discrimination hit is aimed at
a group rather than at one person (art. 137c-137e Sr, ``offences``).

The words for groups and for what is said of them are in ``data/groups.txt`` and
``data/hate.txt``. Where a group is told it does not belong (``_GROUP_EXCLUSION``) and the
positives negated to deny it its worth (``_NEGATED_POSITIVE``) stay patterns here: they
are phrases with optional words and exceptions, which a list of words cannot say.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Final

from . import _lexicon as lex
from . import regexcache as re  # re, with compiled patterns kept between processes
from . import wordlists
from .abuse import _Hit
from .document import _Doc
from .terms import _GROUP_SET, _GROUP_WORDS, _lookup

# "terug naar de klas", "weg naar huis": sent back where pupils belong, not out of the country.
_CLASS_PLACE: Final = (
    r"\s+(?:de\s+|het\s+|hun\s+|je\s+|jullie\s+)?(?:klas|les|lokaal|school|huis|plek|bank|"
    r"ouders|kamer|gym|gymzaal|zaal|bus|hotel|kamp|tafel|kantoor|groep|speelplaats|schoolplein|"
    r"aula|kluisjes|bed|tent)\b"
)
# Where a group is told it does not belong.
_GROUP_EXCLUSION: Final = (
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
_NEGATED_POSITIVE: Final = (
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


_PROTECTED_GROUP: Final = re.compile_by_letter(
    rf"\b(?:(?:{'|'.join(lex.GROUP_ADJECTIVES)})(?:\s+(?:{'|'.join(lex.GROUP_PERSONS)}))?"
    r"|(?:mensen|kinderen|leerlingen|jongen|meisje|iemand)\s+met\s+(?:een\s+)?(?:beperking|"
    r"handicap|autisme|adhd|down|syndroom\s+van\s+down)"
    r"|(?:moslim|trans|homo|joden|turken|marokkanen)\w+"
    rf"|(?:kanker|kut|tering|tyfus)(?:{'|'.join(re.escape(g) for g in _GROUP_WORDS)})"
    # "best goed, voor een meisje"; the places of a group ("een bom bij die moskee")
    r"|(?<=voor een )(?:meisje|vrouw|meid)|moskee|moskeeen|synagoge|azc|asielzoekerscentrum"
    rf"|(?:{'|'.join(re.escape(g) for g in _GROUP_WORDS)}))(?![\w'])"
    r"|\b(?:zijn|is|ben)\s+(?:turks|marokkaans|pools|joods|moslim|homo|trans|lesbisch|"
    r"gehandicapt|surinaams|antilliaans)\b"
)
# A group of people that is not a protected group: insults at it are insults.
_PEOPLE_PLURAL: Final = re.compile_words(
    r"\b(?:alle\s+|die\s+|de\s+)?(?P<g>[a-z][\w'-]*(?:ers|aars|fans|isten|anten|enten|aren|ici|"
    r"vegans|mensen)|(?:"
    r"leraren|docenten|juffen|meesters|jongens|meiden|ouders|leerlingen|mentoren|"
    r"kinderen|politici|vegans|boeren))\s+(?:[\w'-]+\s+){0,3}?(?:zijn|blijven|worden|"
    r"bestaat\s+uit)\b"
    r"|\b(?:die\s+)?(?:hele\s+)?(?P<k>klas)\s+\w+\s+(?:is|bestaat\s+uit)\b")
# Every hateful phrase begins with one of these letters (a test reads the pattern to check):
# the search passes over every other place at once instead of trying each phrase there.
_HATE_START: Final = "abdefghiklmnoprstuvwz"
_HATE_SOURCE: Final = (
    rf"(?=[{_HATE_START}])(?:"
    rf"(?P<exclusion>{_GROUP_EXCLUSION})|(?P<negpos>{_NEGATED_POSITIVE})"
    r"|(?P<emotion>niet\s+uitstaan|ziek\s+van|kan\s+niet\s+tegen|klaar\s+mee|"
    r"vertrouw\w*\s+(?:[\w'-]+\s+){0,2}?niet|mis\s+in\s+(?:het|hun)\s+hoofd|"
    r"ziek\s+in\s+(?:het|hun)\s+hoofd)"
    r"|(?P<threat>in\s+elkaar\s+(?:slaan|geslagen|getrapt|trappen)|de\s+zee\s+in|"
    r"aan\s+de\s+ketting|met\s+harde\s+hand|op\s+hun\s+bek|in\s+de\s+fik|"
    r"moeten\s+dood|(?:niet|nergens)\s+veilig|weten\s+waar\s+(?:jullie|ze|jij|je)|"
    # harm wished, owed or planned: "moeten allemaal sterven", "verdienen de dood",
    # "ik wil ze zien lijden", "mogen van mij verrekken"
    r"(?:moeten|moet|mogen|mag|zouden|zou|verdienen|verdient|horen|hoort|wens\w*|hoop|"
    r"wil|willen|laat|laten|zal|zullen)\b[^.!?]{0,40}?\b(?:dood|sterven|lijden|"
    r"branden|rotten|boeten|verdwijnen|uitsterven|weg\s+van\s+de\s+aardbodem)\b|"
    r"de\s+dood\s+(?:verdienen|verdient|waard)|dood\s+aan\b|tijd\s+voor\s+een\s+(?:zuivering|"
    r"oplossing)|(?:af|weg)\s+moeten|laten\s+verdwijnen|"
    # a plan of the writer's own: "ik maak elke Turk af", "we maken ze kapot"
    r"\b(?:ik|we|wij)\s+(?:[\w'-]+\s+)?(?:ga|gaan|zal|zullen|kom|komen|maak|maken)\b[^.!?]{0,80}?"
    r"\b(?:pijn\s+doen|lesje\s+leren|platbranden|bom|opwachten|in\s+elkaar)\b|"
    r"\b(?:maak|maken)\s+(?:(?:we|wij|ik)\s+)?(?:elke|alle|al\s+die|die|ze|jullie|hem|"
    r"haar)\b[^.!?]{0,40}?\b(?:af|kapot)\b|"
    r"\bkrijg\w*\s+(?:ze|hij|je|jij|die)\s+een\s+(?:klap|dreun|mep|schop|kogel|pak\s+slaag)|"
    r"\banders\s+(?:ben|is|zijn)\s+(?:je|jij|ze|hij|jullie)\b[^.!?]{0,20}?\bdood|"
    r"\bdwars\s+door\b|\bsteen\s+door\b|ervoor\s+zorgen\s+dat\s+(?:geen|niemand))"
    # a put-down without a swear word: a comparison, a role, a "too ... to"
    r"|(?P<implicit>minder\s+(?:waard|intelligent|slim|menselijk|capabel|beschaafd|ontwikkeld)|"
    r"(?:zijn|is)\s+te\s+(?:dom|emotioneel|zwak|lui|primitief|achterlijk|stom|gevoelig|"
    r"onnozel)\s+(?:om|voor)|te\s+veel\s+(?:macht|invloed|rechten|praatjes)|"
    r"eigendom\s+van|horen\s+(?:thuis\s+)?in\s+de\s+keuken|achter\s+het\s+aanrecht|"
    r"(?:niet|nooit)\s+(?:te\s+)?vertrouwen|(?:nooit|niet)\s+geboren|"
    r"(?:mogen|moeten|zouden)\s+(?:geen|nooit)\s+(?:kinderen|rechten|stemrecht)|"
    r"(?:zouden|mogen|moeten)\s+niet\b[^.!?]{0,30}?\b(?:mogen\s+)?(?:stemmen|werken|trouwen|"
    r"bestaan|leven|wonen|studeren|lesgeven|adopteren|rondlopen)\b|"
    r"te\s+veel\s+(?:van\s+die\s+)?[\w'-]+\s+(?:in\s+(?:dit|ons|onze|nederland|europa|de\s+(?:stad|"
    r"wijk|klas|buurt))|hier)\b|te\s+veel\s+[\w'-]+\s*(?:[.!?]|$)|"
    r"kunnen\s+(?:gewoon\s+|echt\s+|toch\s+)?niet\s+(?:autorijden|rijden|rekenen|denken|"
    r"nadenken|leiden|leidinggeven|lezen|schrijven|integreren|normaal\s+doen)|"
    r"kosten\s+(?:[\w'-]+\s+){0,3}?(?:alleen\s+maar\s+)?(?:geld|handenvol)|"
    r"(?:ons|onze)\s+(?:geld|belastinggeld|banen|huizen|woningen)\b|op\s+onze\s+kosten|(?:kots|"
    r"spuug|schijt|pis)\s+(?:op|aan)|"
    r"afkomen|(?:opgesloten|opsluiten|weggestopt|wegstoppen|deporteren|"
    r"terugsturen|wegsturen)\b|zijn\s+(?:allemaal\s+)?(?:hetzelfde|een\s+pot\s+nat)|"
    r"(?:verdienen|verdient)\s+(?:het\s+)?(?:geen|niks|niets|niet\s+beter|niet\s+(?:om\s+)?"
    r"(?:te\s+)?(?:leven|bestaan))|\bbeter\s+dood\b|"
    r"alleen\s+(?:maar\s+)?goed\s+voor|ni(?:ks|ets)\s+te\s+zoeken|nooit\s+iets\s+(?:fatsoenlijks|"
    r"goeds|nuttigs|slims)|"
    r"geen\s+(?:enkel\s+)?recht\b|niet\s+(?:eens\s+)?slim\s+genoeg|"
    r"te\s+(?:dom|lomp|zwak|lui|stom|emotioneel)\s+(?:en|om|voor)\b|"
    # "ik heb niets tegen ..., maar", "best slim, voor een meisje", questions that assume
    r"\bni(?:ets|ks)\s+tegen\b[^.!?]{1,40}?\bmaar\b|\bniet\s+racistisch\b[^.!?]{0,40}?\bmaar\b|"
    r"\b(?:best|heel|vrij|redelijk|verrassend|best\s+wel)\s+[\w'-]+,?\s+voor\s+een\b|"
    r"\bbeschermen\s+tegen\b|\bander\s+soort\s+(?:volk|mensen)|\bnooit\s+naast\s+(?:een|eentje|zo'n)\b|"
    r"\bals\s+(?:buurman|buren|collega|schoonzoon|schoondochter|leraar|baas|premier|"
    r"directeur|arts|piloot)\s*\?\s*(?:nooit|dan|echt\s+niet|over\s+mijn\s+lijk)|"
    r"\book\s+maar\s+een\s+[\w'-]+\s+die\s+(?:niet|geen)\b|"
    r"\booit\s+(?:een\s+)?[\w'-]+\s+(?:ontmoet|gezien|gekend)\s+die\s+(?:niet|geen)\b|"
    r"\b(?:kunnen|kan|mogen|mag)\s+[\w'-]+\s+(?:eigenlijk\s+)?(?:wel|nog|uberhaupt)\s+"
    r"(?:nadenken|denken|lezen|rekenen|autorijden|meepraten|meedoen|stemmen|werken|iets|"
    r"rondlopen|bestaan|leven)))"
)


def _spread(alternative: str) -> list[tuple[str, str]] | None:
    """``alternative`` as the alternatives it amounts to, in order, each as its first
    letter and the rest (``regexcache._letter_pairs``), also where it opens with a word
    boundary ("\\bik" -> ("i", "(?<!\\wi)k"): before a letter a boundary is "no word
    character before it") or with an optional group ("(?:niet\\s+)?x" is "niet\\s+x",
    then "x": a greedy "?" tries the group first); None when it has not that form."""
    if alternative.startswith(r"\b"):
        pairs = _spread(alternative[2:])
        return None if pairs is None else [
            (letter, rf"(?<!\w{letter}){tail}") for letter, tail in pairs]
    if alternative.startswith("(?:"):
        close = re._closing(alternative, 0)
        rest = alternative[close + 1:]
        if close > 0 and rest[:1] == "?" and rest[1:2] not in ("?", "+"):
            with_group = _spread(alternative[:close + 1] + rest[1:])
            without = _spread(rest[1:])
            return None if with_group is None or without is None else with_group + without
    return re._letter_pairs(alternative)


def _letter_tree(entries: list[tuple[str, str]], kinds: dict[str, str]) -> str:
    """The alternatives ``entries`` (kind, pattern), in their order, as a tree of their
    letters: "niet\\s+a", "nooit", "niet\\s+b" as "n(?:i(?:e(?:t(?:\\s+a|\\s+b)))|o...)".
    The matches are the same: at a place only the alternatives that go on with the letter
    read there can match, and those are tried in their order. The search reads each letter
    once instead of once for every alternative that begins with it. Each run of
    alternatives of one kind is a named group, its name in ``kinds``."""
    pairs: list[tuple[str, str, str]] = []
    if len(entries) > 1:
        for kind, tail in entries:
            some = re._letter_pairs(tail)
            if some is None:
                pairs = []
                break
            pairs += [(letter, kind, rest) for letter, rest in some]
    if not pairs:   # one alternative, or one that does not go on with a letter
        groups = []
        for kind in dict.fromkeys(k for k, _tail in entries):
            name = f"{kind}_{len(kinds)}"
            kinds[name] = kind
            groups.append(f"(?P<{name}>{'|'.join(t for k, t in entries if k == kind)})")
        return groups[0] if len(groups) == 1 else f"(?:{'|'.join(groups)})"
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for letter, kind, rest in pairs:
        by_letter.setdefault(letter, []).append((kind, rest))
    branches = [letter + _letter_tree(some, kinds) for letter, some in sorted(by_letter.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _by_letter_kinds(source: str) -> tuple[str, dict[str, str]]:
    """``(?=[...])(?:(?P<kind>a1|b1|a2)|(?P<other>b2)|...)`` written as a tree of letters
    (``_letter_tree``), with the names of its groups mapped back to the kinds: the same
    matches, each in a group of the same kind. The search tries the alternatives that go
    on with the letters at a place instead of some 150 (the phrases are not bound to the
    start of a word, so the search stops at nearly every letter)."""
    body = source[source.index("(?:") + 3:-1]
    entries: list[tuple[str, str]] = []
    for group in re._alternatives(body):
        kind = group[len("(?P<"):group.index(">")]
        for alternative in re._alternatives(group[group.index(">") + 1:-1]):
            pairs = _spread(alternative)
            if pairs is None:
                raise ValueError(f"not by letter: {alternative}")
            entries += [(kind, letter + tail) for letter, tail in pairs]
    kinds: dict[str, str] = {}
    return _letter_tree(entries, kinds), kinds


@cache
def _hate_phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """The hateful phrases as a tree of letters, and its groups' kinds: built and compiled
    when a text first names a group (about 20 ms, which a one-off check of a post that
    names none need not spend)."""
    tree, kinds = _by_letter_kinds(_HATE_SOURCE)
    return re.compile(tree), kinds


# A group named as the one harmed, or a wrong done to it condemned: the hurtful words
# around it are not said of the group ("Ik haat het als mensen moslims discrimineren").
_VICTIM: Final = re.compile_by_letter(
    r"\b(?:discrimin\w*|racisme|homofobie|seksisme|transfobie|antisemitisme|islamofobie|"
    r"moslimhaat|jodenhaat|vreemdelingenhaat|haatzaai\w*|xenofobie|vooroorde\w*|"
    r"gediscrimineerd|uitgescholden|gepest|aangevallen|buitengesloten|achtergesteld|"
    r"slachtoffers?|opkomen\s+voor|beschermen(?!\s+tegen)|steunen|solidair|haat\s+tegen|"
    r"haat\s+(?:[\w'-]+\s+){0,3}?krijgen|over\s+zich\s+heen|uitgelachen|scheldpartij\w*|"
    r"behandeld|mishandeld|stop\s+met\s+(?:die|de|deze|alle|dat|jullie)\s+(?:haat|gehaat)|"
    r"(?:(?:sommige|andere|veel)\s+mensen|mensen\s+die)\s+(?:[\w'-]+\s+){1,4}?(?:bedreigen|"
    r"pesten|uitschelden|discrimineren|"
    r"aanvallen|slaan|haten)|(?:pesten|uitschelden|uitlachen|buitensluiten|bedreigen|"
    r"aanvallen)\s+(?:is|vind\w*)|(?:de|alle|veel|zoveel|online)\s+haat|hoe\s+(?:er\s+)?(?:over|"
    r"met|tegen)\s+[^.!?]{1,40}?\s+"
    r"(?:wordt|worden)\s+(?:gepraat|omgegaan|gesproken|behandeld|gedaan))\b")
_WISH: Final = re.compile_words(
    r"\b(?:moeten|moet|mogen|zouden|zou|horen|verdienen|wil|willen|hoop|wens\w*)\b")
# History told or remembered: "Joden werden in de oorlog vermoord".
_HISTORY: Final = re.compile_words(
    r"\b(?:oorlog|holocaust|shoah|geschiedenis|herdenk\w*|vergeten|werden|tweede\s+"
    r"wereldoorlog|slavernij|kolonial\w*|eeuw|nazi\w*|genocide|vroeger)\b")
_REFERS_BACK: Final = re.compile_words(
    r"\b(?:ze|zij|hun|hen|die|het\s+zijn|zulke|dat\s+soort|allemaal)\b")
_NEGATED_AFTER: Final = re.compile_words(
    r"^\s*(?:(?:de\s+|die\s+|alle\s+)?[\w']+\s+)?(?:helemaal\s+|echt\s+|totaal\s+|"
    r"absoluut\s+)?(?:niet|nooit)\b")
_NOT_BEFORE: Final = re.compile_words(r"\b(?:niet|geen|nooit)\s+(?:[\w'-]+\s+)?$")


@lru_cache(maxsize=8192)
def _cue_kind(word: str) -> str | None:
    if word in lex.GROUP_THREATS:
        return "threat"
    if word in lex.HATE_EMOTIONS and word != "uitstaan":
        return "emotion"
    if word in lex.DEHUMANISING or word in lex.NEGATIVE_ATTRIBUTES:
        return "attribute"
    term = _lookup(word)
    if term is not None and term.strength in (lex.STRONG, lex.WEAK):
        return "attribute"
    for prefix in lex.CURSE_PREFIXES[:5]:   # "kankerirritant", "kutvolk"
        if word.startswith(prefix) and (word[len(prefix):] in lex.NEGATIVE_ATTRIBUTES
                                        or word[len(prefix):] in lex.DEHUMANISING):
            return "attribute"
    return None


def _sentence_cues(doc: _Doc, start: int, end: int) -> list[tuple[str, int, int]]:
    """The hateful things said in text[start:end]: (kind, start, end), negated ones
    left out ("zijn niet lui", "geen dieven"); a negated positive is a cue itself."""
    text = doc.norm.text
    cues: list[tuple[str, int, int]] = []
    history = _HISTORY.search(text, start, end) is not None
    told = history and not _WISH.search(text, start, end)   # told, not wished
    phrases, kind_of = _hate_phrases()
    for match in phrases.finditer(text, start, end):
        said = kind_of[match.lastgroup or ""]
        if told and said in ("threat", "implicit", "exclusion"):
            continue   # "Homo's zijn vroeger in veel landen opgesloten"
        if said == "implicit" and _NOT_BEFORE.search(text[max(start, match.start() - 20):
                                                          match.start()]):
            continue   # "zijn niet minder waard"
        cues.append((said, match.start(), match.end()))
    toks = doc.toks_between(start, end)
    for i, tok in enumerate(toks):
        kind = _cue_kind(tok.word)
        if kind is None or any(c[1] <= tok.start < c[2] for c in cues):
            continue
        if _NOT_BEFORE.search(text[max(start, tok.start - 20):tok.start]):
            continue
        nxt = toks[i + 1].word if i + 1 < len(toks) else ""
        if kind == "threat" and history:
            continue   # "Joden werden in de oorlog vermoord"
        if kind == "emotion" and nxt == "het":
            continue   # "ik haat het als ...": a feeling about what happens
        if (kind == "attribute" and tok.word.endswith("e") and nxt
                and _cue_kind(nxt) is None and nxt not in _GROUP_SET
                and nxt not in lex.FUNCTION_WORDS and nxt not in lex.PERSON_NOUNS
                and nxt not in lex.GROUP_PERSONS):
            continue   # "een gevaarlijke reis": said of the journey, not of the group
        cues.append((kind, tok.start, tok.end))
    return cues


@lru_cache(maxsize=2)
def group_mentions(text: str) -> tuple[tuple[int, int], ...]:
    """Where a normalised text names a protected group: read once for the group rules and
    for whether the text names a group at all (``score.RuleView.names_group``)."""
    return tuple((m.start(), m.end()) for m in _PROTECTED_GROUP.finditer(text))


_GROUP_KINDS: Final = {"threat": ("threat", "discrimination"),
                       "exclusion": ("exclusion", "discrimination")}


def _group_hits(doc: _Doc) -> list[_Hit]:
    """Hate against a group: a group and a hateful cue in one sentence ("ik haat
    moslims", "Waarom zijn Marokkanen altijd zulke criminelen?"), or a cue about "ze" in
    the sentence after the group ("Er komen Marokkanen in de klas. Ze zijn tuig.").
    Insults at other groups of people ("alle brugklassers zijn snotapen") are insults."""
    text = doc.norm.text
    groups = group_mentions(text)
    hits: list[_Hit] = []
    sentences = doc.sent_bounds or [(0, len(text))]
    for number, (s_start, s_end) in enumerate(sentences):
        here = [g for g in groups if s_start <= g[0] < s_end]
        before = [g for g in groups if number and sentences[number - 1][0] <= g[0]
                  < sentences[number - 1][1]]
        cues = None
        if not (here or before):
            pass   # no group here or just before: only the plural people below
        elif _VICTIM.search(text, s_start, s_end):
            pass   # the group is the one wronged, or the wrong is condemned
        elif here:
            cues = _sentence_cues(doc, s_start, s_end)
            cues = [c for c in cues if not any(g[0] <= c[1] < g[1] for g in here)]
        elif before and (_REFERS_BACK.search(text, s_start, s_end) or len(
                doc.toks_between(*sentences[number - 1])) <= 4):   # "Joden? Tuig."
            cues = _sentence_cues(doc, s_start, s_end)
            here = [(s_start, s_start)]
        if cues:
            g_start = min(g[0] for g in here)
            g_end = max(g[1] for g in here)
            if re.search(r"\bniet\s+(?:alle|elke|iedere)\s+$", text[s_start:g_start]):
                cues = [c for c in cues if c[0] not in ("attribute", "implicit")]
            for kind, c_start, c_end in cues:
                if kind == "emotion" and (_NEGATED_AFTER.search(text[c_end:s_end]) or re.search(
                        r"^[^,;.!?]{0,30}?\b(?:helemaal\s+|echt\s+)?niet\b",
                        text[max(g_end, c_end):s_end])):
                    continue   # "ik haat moslims helemaal niet"
                for abuse_kind in _GROUP_KINDS.get(kind, ("discrimination",)):
                    hits.append(_Hit(abuse_kind, min(g_start, c_start), max(g_end, c_end),
                                     "group"))
            continue
        for match in _PEOPLE_PLURAL.finditer(text, s_start, s_end):
            for kind, _c_start, c_end in _sentence_cues(doc, match.end(), s_end):
                if kind == "attribute":
                    hits.append(_Hit("insult", match.start(), c_end, "group"))
                    break
    return hits


_PLURAL_GROUPS: Final = frozenset(lex.GROUPS_PLURAL) | frozenset(
    w for w in lex.GROUPS_PEJORATIVE | lex.GROUPS_EXTRA if w.endswith(("en", "s", "'s")))
# A group named in the plural by an adjective ("Turkse kinderen") or a compound
# ("asielzoekerskinderen").
_PLURAL_PERSONS: Final = "|".join(wordlists.words("groups", "plural persons"))
_PLURAL_MENTION: Final = re.compile_words(
    rf"\b(?:{'|'.join(lex.GROUP_ADJECTIVES)})\s+(?:{_PLURAL_PERSONS})\b"
    rf"|\b(?:{'|'.join(re.escape(g) for g in lex.GROUPS_PLURAL)}|migranten|moslim)"
    rf"(?:{_PLURAL_PERSONS})\b")
# A group's places: violence against a mosque is aimed at its people.
_GROUP_PLACES: Final = frozenset(wordlists.words("groups", "places"))
_VIOLENCE_TO_PLACE: Final = re.compile_words(
    r"\b(?:in\s+de\s+fik|in\s+brand|opblazen|bom|aanslag|kapot|beklad\w*|verniel\w*)\b")


def _against_group(doc: _Doc, hit: _Hit) -> bool:
    """Whether a discrimination hit is aimed at a group (art. 137c-137e Sr), not at one
    person: a group named in the plural within the hit ("alle moslims", "die Marokkaanse
    jongens"), or, for a hit of the group engine that opens its sentence ("Dat tuig hoort
    hier niet"), in the sentence before it; a group's place attacked."""
    if hit.kind != "discrimination":
        return False
    text = doc.norm.text
    said = text[hit.start:hit.end]
    words = set(re.findall(r"[a-z']+", said))
    if words & _PLURAL_GROUPS or (words & _GROUP_PLACES and hit.family == "group"
                                  and _VIOLENCE_TO_PLACE.search(text)):
        return True
    if hit.family != "group":
        return False
    if _PLURAL_MENTION.search(said):
        return True
    number = doc.sentence_of(hit.start)
    if number == 0 or not doc.sent_bounds or text[doc.sent_bounds[number][0]:hit.start].strip():
        return False
    before = doc.sentence_text(number - 1)
    return bool(_PLURAL_MENTION.search(before)
                or set(re.findall(r"[a-z']+", before)) & _PLURAL_GROUPS)
