"""What the analyser tells a school leader beyond abuse and personal data (issue 11): a
boundary an adult crosses with a pupil, a statement that may be a crime, confidential
school information, a text that runs the school down, whether the text is about the
school at all, and a writer who gives their own number.

Sentences as staff, parents and pupils write them; plain pytest, no Django.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from protocolwijzer.analysis import (
    BOUNDARY_KINDS,
    CRIMINAL_KINDS,
    Roster,
    TextAnalysis,
    analyse_text,
)

HET_BAKEN = ("Het Baken", "OSG Het Baken")
WILLIBRORD = ("Willibrord-Miland", "De Groeiling", "Willibrord", "Miland")
DEV_SET = Path(__file__).resolve().parents[3] / "bench" / "data" / "text" / "school_dev.jsonl"

# The message of issue 11: a teacher to a pupil, in a private Instagram message.
GROOMING = ("Hoi Lisa, je zag er echt mooi uit vandaag. Zullen we na school samen afspreken? "
            "Alleen wij tweeën. Zeg het niet tegen je ouders hè 😉")


def boundary(text: str) -> tuple[str, ...]:
    return analyse_text(text).boundary_kinds


def criminal(text: str) -> tuple[str, ...]:
    return analyse_text(text).criminal_kinds


# --- boundary crossing ------------------------------------------------------------------

def test_the_grooming_message_of_the_issue_crosses_three_boundaries() -> None:
    analysis = analyse_text(GROOMING)
    assert analysis.boundary_crossing
    assert analysis.boundary_kinds == ("looks", "secrecy", "meeting_alone")
    assert not analysis.abusive   # not abuse: a kind of its own


@pytest.mark.parametrize(("text", "kind"), [
    ("wat ben jij knap geworden zeg, je lijkt wel 18", "looks"),
    ("Die jurk stond je gisteren op het gala heel goed", "looks"),
    ("Mooie ogen heb je trouwens 😍", "looks"),
    ("je zag er egt mooi uit vndg 😍", "looks"),
    ("Juf Sanne, u ziet er vandaag heel mooi uit!", "looks"),
    ("Ik denk de hele tijd aan je. Ik ben een beetje verliefd op je geloof ik", "romantic_sexual"),
    ("Hoi schatje, ik mis je nu al 😘 dikke kus", "romantic_sexual"),
    ("stuur me nudes", "romantic_sexual"),
    ("Dit blijft tussen ons, afgesproken?", "secrecy"),
    ("Vertel niks aan je moeder over wat ik je gestuurd heb", "secrecy"),
    ("zeg t nie tege je ouders ok", "secrecy"),
    ("Verwijder dit gesprek na het lezen", "secrecy"),
    ("Kom zaterdag maar naar mijn huis, mijn vrouw is er niet.", "meeting_alone"),
    ("wil je na de training nog even alleen met mij blijven in de kleedkamer?", "meeting_alone"),
    ("Misschien kunnen we eens buiten school afspreken", "meeting_alone"),
    ("Ik heb een cadeautje voor je 🎁", "gifts"),
    ("Ik stuur je 50 euro beltegoed", "gifts"),
    ("Ik regel wel wat robux voor je als je me terug appt", "gifts"),
    ("stuur eens een foto van jezelf", "picture_request"),
    ("Kun je een selfie sturen? Gewoon voor mij 😊", "picture_request"),
    ("stuur ff n pic van jezelf", "picture_request"),
])
def test_what_an_adult_may_not_write_to_a_pupil_is_boundary_crossing(text: str,
                                                                      kind: str) -> None:
    assert kind in boundary(text)


@pytest.mark.parametrize("text", [
    "Mooie foto's van de musical! Wat hebben jullie het goed gedaan.",
    "We spreken af om 9 uur bij school, neem je lunch mee.",
    "Vergeet je gymspullen niet morgen!",
    "Wat knap van je dat je die toets zo goed hebt gemaakt!",
    "haha jij bent echt knap in wiskunde, kan je me helpen met het huiswerk",
    "Knap gedaan Daan, je presentatie zag er heel mooi uit",
    "Kun je een foto van je huiswerk sturen? Dan kijk ik het na.",
    "Mag ik een foto van je maken voor de schoolkrant?",
    "Stuur de foto's van de schoolreis even in de groep 📸",
    "Wie neemt er morgen een cadeautje mee voor de lootjes? Max 5 euro",
    "Ik heb voor jullie allemaal een kleine verrassing, tot morgen!",
    "Niks verklappen tegen juf Anna hè, het is een verrassing voor haar verjaardag! 🎉",
    "Ik wil het graag even onder vier ogen met je bespreken, kom je naar lokaal 12?",
    "Dikke kus van mama en papa, veel plezier op kamp! ❤️",
    "De leerlingen van groep 8 zagen er prachtig uit tijdens de eindmusical!",
])
def test_ordinary_school_messages_cross_no_boundary(text: str) -> None:
    assert boundary(text) == ()


@pytest.mark.parametrize(("text", "kinds"), [
    # a pupil to a teacher, in the u-form
    ("juf u bent echt zo knap 😍🔥 stuur ff een foto van u in bikini dan laat ik u met rust. "
     "en niet tegen meneer dirk zeggen he 🤫",
     {"looks", "romantic_sexual", "picture_request", "secrecy"}),
    ("Meester, u bent zo'n knappe man 😳", {"looks"}),
    ("mevrouw wat bent u mooi vandaag", {"looks"}),
    ("mevr u heeft echt mooie ogen, heeft u al een vriend? 😏", {"looks", "romantic_sexual"}),
    ("Meneer kunt u een foto van uzelf sturen? Gewoon voor mij 🥺", {"picture_request"}),
    ("meneer u zag er egt hot uit op t schoolfeest 🔥 stuur n pic",
     {"looks", "romantic_sexual", "picture_request"}),
    # someone named not to be told
    ("Zeg maar niks tegen mevrouw Jansen over ons gesprekje 😉", {"secrecy"}),
    ("niet tegen de andere leraren zeggen dat ik dit stuur hoor", {"secrecy"}),
])
def test_the_same_boundaries_are_crossed_when_the_reader_is_u(text: str, kinds: set[str]
                                                               ) -> None:
    assert kinds <= set(boundary(text))


@pytest.mark.parametrize("text", [
    "Mevrouw, kunt u de foto's van de excursie in de klassenapp zetten?",
    "juf u ziet er moe uit vandaag, gaat het wel goed met u?",
    "Meneer, u heeft echt een mooie auto 😍 is dat een Tesla?",
    "Kunt u mij een foto van het huiswerk sturen? Ik ben mijn agenda kwijt.",
    "Niet tegen meester Kees zeggen, we hebben een cadeau voor zijn afscheid 🎁",
    "Vertel het aan je mentor of aan meneer Bakker als je ergens mee zit.",
    "die foto van fleur zonder kleren gaat rond, wie heeft hem?",   # a third person
])
def test_ordinary_requests_to_a_teacher_and_surprises_cross_no_boundary(text: str) -> None:
    assert boundary(text) == ()


@pytest.mark.parametrize("text", [
    "hou je bek",
    "Je bent een loser en je ziet er niet uit",
])
def test_an_insult_is_abuse_but_not_boundary_crossing(text: str) -> None:
    analysis = analyse_text(text)
    assert analysis.abusive
    assert not analysis.boundary_crossing


@pytest.mark.parametrize("text", [
    "Stuur nooit foto's van jezelf naar iemand die je niet kent.",
    "Als een volwassene zegt dat je iets geheim moet houden voor je ouders, vertel het dan.",
    "In de les over grooming: volwassenen die zeggen 'dit blijft tussen ons' of om een foto "
    "van je vragen. Vertel het altijd aan je ouders.",
    "Wat je bij de vertrouwenspersoon vertelt, blijft tussen jullie, tenzij je in gevaar bent.",
])
def test_a_warning_or_a_lesson_about_grooming_is_not_grooming(text: str) -> None:
    assert boundary(text) == ()


# --- possibly criminal -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("morgen neem ik een mes mee naar school en dan ben je dood", "threat"),
    ("heb naaktfoto's van lisa uit 3b, wie wil ze hebben? 🔥", "sexual_image_minor"),
    ("stuur die nudes van sanne maar door in de groep haha", "sexual_image_minor"),
    ("Betaal 200 euro of ik stuur je naaktfoto's naar je hele klas", "sextortion"),
    ("stuur meer of ik deel je pics met je ouders 😈", "sextortion"),
    ("Die kankerjoch woont op de Kerkstraat 12, gaan we vanavond allemaal langs 😈",
     "doxxing_call"),
    ("Zijn nummer is 06-48392017, bel hem allemaal kapot", "doxxing_call"),
    ("iedereen moet die nieuwe jongen morgen in elkaar slaan", "incitement"),
    ("Laten we hem na school opwachten en in elkaar trappen", "incitement"),
    ("alle moslims zijn terroristen", "discrimination"),
    ("meester de vries is een pedo, let op je kinderen", "defamation"),
    ("zij steelt uit de kas van de ouderraad, iedereen weet het", "defamation"),
    ("Juf Petra komt elke ochtend dronken voor de klas", "defamation"),
])
def test_statements_that_may_be_a_crime_are_possibly_criminal(text: str, kind: str) -> None:
    analysis = analyse_text(text)
    assert analysis.possibly_criminal
    assert kind in analysis.criminal_kinds


@pytest.mark.parametrize(("text", "kind"), [
    # sextortion for money, and the many ways of exposing
    ("als je me niet voor vrijdag 50 euro tikkie stuurt zet ik je naaktfoto in de groepsapp van "
     "de klas ⏰", "sextortion"),
    ("Stuur me 50 euro, anders zet ik die foto's van jou in je ondergoed op insta.", "sextortion"),
    ("ik heb je naaktfoto al in de groep gezet 😂 als je me geen 50 euro stuurt gaat ie naar de "
     "hele school", "sextortion"),
    ("Betaal mij 25 euro anders krijgt de hele klas je naaktfoto te zien", "sextortion"),
    ("Ik heb opnames van jou via je webcam. Betaal 500 euro, anders stuur ik ze naar al je "
     "contacten.", "sextortion"),
    # someone's private picture passed on, a sexual sign instead of a word
    ("kijk wat lisa naar jayden heeft gestuurd 🍑😂😂 stuur door naar iedereen",
     "sexual_image_minor"),
    ("heeft iemand die snap die lotte naar daan stuurde? 🍆 dm", "sexual_image_minor"),
    # where a teacher lives, with a call to go along
    ("Meester Jansen woont op de Kerkstraat 12. Wie gaat er vanavond met me mee om hem eens "
     "flink de waarheid te zeggen?? DELEN!!!", "doxxing_call"),
    # "iemand moet", a reward, done to them
    ("Iemand moet die mentor van klas 3 eens flink in elkaar slaan.", "incitement"),
    ("Er moet gewoon iemand die directeur in elkaar slaan", "incitement"),
    ("ik geef 20 euro aan wie die jongen uit 2a morgen in elkaar slaat 💸", "incitement"),
    ("die mentor moet gewoon eens flink in elkaar geslagen worden", "incitement"),
    ("Wie durft meester Rob een klap te geven? Ik film het 😂", "incitement"),
    # accusations in any tense, the accused named earlier in the sentence
    ("Meneer De Vries heeft aan meisjes uit onze klas gezeten en hij verkoopt drugs aan "
     "leerlingen. Deel dit!", "defamation"),
    ("De directeur zat vroeger aan kinderen, daarom moest hij weg. DELEN", "defamation"),
    ("Juf Sanne heeft geld uit de pot van de schoolreis gepakt", "defamation"),
    ("meneer jansen heeft het geld van het kamp in zijn eigen zak gestoken", "defamation"),
    # a group named by an adjective and a plural, or in the sentence before
    ("Die Marokkaanse jongens bij ons op school zijn gewoon allemaal tuig", "discrimination"),
    ("Sinds er zoveel Marokkaanse kinderen op school zitten is het niveau ingestort. Dat tuig "
     "hoort hier niet, stuur ze allemaal terug!!", "discrimination"),
])
def test_each_family_of_possibly_criminal_statements_is_recognised(text: str, kind: str
                                                                    ) -> None:
    assert kind in criminal(text)


@pytest.mark.parametrize("text", [
    "haha als je me geen chips geeft zet ik die foto van jou met dat gekke hoedje in de groep 😂",
    "Stuur me vóór vrijdag 15 euro voor de klassenfoto, anders kan ik je foto niet bestellen.",
    "Let op: er gaan berichten rond waarin iemand geld eist, anders wordt een naaktfoto gedeeld. "
    "Betaal niet en meld het.",
    "kijk wat lisa naar jayden heeft gestuurd 😂😂 een meme van meneer de vries",
    "moet je zien wat oma me heeft gestuurd 🍑🍑 de eerste perziken uit haar tuin",
    "Juf Anna is jarig en woont op de Kerkstraat 12 🎉 Wie gaat er mee om bloemen te brengen?",
    "Iemand moet die mentor van klas 3 eens flink de waarheid vertellen.",
    "Iemand moet hem even helpen met pakken voor het kamp.",
    "Iemand heeft de conciërge gisteren in elkaar geslagen, de politie doet onderzoek.",
    "Meneer De Vries heeft aan de meisjes uit onze klas uitgelegd hoe de toets werkt.",
    "Meneer De Vries heeft de hele ouderavond aan tafel gezeten met de ouders.",
    "De juf zat aan de kinderen voor te lezen toen de bel ging.",
    "De Marokkaanse jongens van 3b hebben gewonnen. Stuur ze allemaal terug naar de klas.",
])
def test_look_alikes_of_the_families_are_not_criminal(text: str) -> None:
    assert criminal(text) == ()


def test_hate_at_one_person_named_by_an_adjective_is_no_group_insult() -> None:
    analysis = analyse_text("Die Marokkaanse jongen in mijn klas is tuig")
    assert "discrimination" in analysis.abuse_kinds
    assert "discrimination" not in analysis.criminal_kinds


@pytest.mark.parametrize("text", [
    "we maken ze af zaterdag bij de wedstrijd 💪⚽",
    "Er gaat een naaktfoto van een leerling rond. Stuur hem niet door, verwijder hem en meld "
    "het bij je mentor. Doorsturen is strafbaar.",
    "In de les over sexting leerden we dat het doorsturen van naaktfoto's strafbaar is.",
    "Als iemand dreigt jouw foto's te verspreiden als je niet betaalt: meld het bij de politie.",
    "Lever je pasfoto uiterlijk vrijdag in, anders komt er geen foto op je schoolpas.",
    "Oma woont op de Kerkstraat 5, we gaan zondag langs met de kinderen",
    "Sla je boek open op bladzijde 42",
    "Pak hem! riep iedereen bij tikkertje op het schoolplein 😂",
    "Meester de Vries speelt de dief in de musical, hij is geweldig!",
    "Meester de Vries is geen pedo, stop met die roddels!",
    "In de les hebben we besproken wat een pedofiel is en hoe je jezelf beschermt.",
    "meester de vries is echt een idioot",
])
def test_lessons_warnings_games_plays_and_plain_insults_are_not_criminal(text: str) -> None:
    assert criminal(text) == ()


def test_a_slur_at_one_person_is_abuse_but_not_group_discrimination() -> None:
    analysis = analyse_text("jij vuile homo")
    assert "discrimination" in analysis.abuse_kinds
    assert "discrimination" not in analysis.criminal_kinds


def test_pictures_held_over_the_reader_are_sextortion_a_threat_and_a_picture_request() -> None:
    analysis = analyse_text("als je me geen nieuwe foto's stuurt zet ik die van vorige week "
                            "online")
    assert {"sextortion", "threat"} <= set(analysis.criminal_kinds)
    assert "picture_request" in analysis.boundary_kinds


# --- confidential ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "orgs"), [
    ("VERTROUWELIJK: verslag van het zorgoverleg over groep 6, niet verspreiden.", ()),
    ("Juf Fatima stopt na de zomer, maar dat mag nog niemand weten hoor!", ()),
    ("Onder ons: de locatie Miland gaat volgend jaar dicht, dat wordt pas in maart "
     "bekendgemaakt.", WILLIBRORD),
    ("Daan uit groep 5 is geschorst, hij mag een week niet komen.", ()),
    ("Even tussen ons: de ouders van Sem gaan scheiden en hij woont nu bij zijn vader.", ()),
    ("Lisa heeft een dyslexieverklaring en krijgt extra tijd bij toetsen", ()),
    ("Mijn collega meester Ruud zit al weken thuis met een burn-out.", ()),
    # not announced: the others do not know yet
    ("Net gehoord dat onze teamleider na de zomer vertrekt naar een andere school. Het team "
     "weet nog van niks!", ()),
    ("De leerlingen hebben nog geen idee, maar meester Tom gaat volgend jaar naar een andere "
     "school.", ()),
    # a pupil's crisis care, an own supervisor, a pupil named in the sentence before
    ("Jesse uit mijn klas zit sinds maandag in de crisisopvang omdat het thuis niet meer ging.",
     ()),
    ("Fenna uit mijn klas zit in een instelling, het ging thuis echt niet meer.", ()),
    ("Wisten jullie dat Daan uit klas 1B een eigen begeleider heeft gekregen? Hij wordt steeds "
     "geschorst vanwege zijn gedrag.", ()),
])
def test_confidential_school_information_is_recognised(text: str, orgs: tuple[str, ...]
                                                       ) -> None:
    assert analyse_text(text, organisation_names=orgs).confidential


@pytest.mark.parametrize("text", [
    "Juf Fatima neemt na dertig jaar afscheid. Vrijdag is er een afscheidsfeest, iedereen is "
    "welkom!",
    "We gaan zorgvuldig en vertrouwelijk om met de gegevens van uw kind.",
    "Leerlingen die geschorst worden, krijgen een gesprek met de teamleider.",
    "Mijn zoon is vandaag geschorst en ik vind het echt belachelijk!!",
    "Ik heb zelf ADHD en ik vind het fijn als de juf dat weet.",
    "Het geheim van een goede spreekbeurt? Oefenen, oefenen, oefenen.",
    "De school is morgen gesloten vanwege de storm.",
    "Ik ga zelf na de zomer naar een andere school; mijn collega's weten het nog niet.",
    "Mijn zoon zit sinds maandag in de crisisopvang, het is een zware tijd voor ons.",
    "Leerlingen die een eigen begeleider krijgen, bespreken we eerst in het zorgteam.",
    "die leraar die mij heeft geschorst staat nu bij de jumbo",
])
def test_announced_news_policy_and_the_writers_own_matters_are_not_confidential(
        text: str) -> None:
    assert not analyse_text(text).confidential


# --- reputation ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Deze school is een zooitje, ze doen helemaal niks tegen pesten",
    "Stuur je kind hier nooit naartoe!!! Het Baken is de slechtste school van de stad",
    "wat een kutschool is het baken ook",
    "Het Baken? Blijf er ver weg van. Incompetente leiding.",
    "Ik raad iedereen af om hun kinderen naar deze school te sturen.",
    "haal je kinderen weg van die school, het is een schande",
    # the school failing at its task
    "Eerlijk? Op mijn school wordt nauwelijks lesgegeven, het is één grote opvang en de "
    "directie kijkt de andere kant op. Zonde van jullie belastinggeld.",
    "op onze school doen de leraren gwn niks, je leert er echt 0 💀 kom hier niet heen",
    "Onze school is één grote crèche geworden; niemand grijpt in.",
])
def test_running_the_school_down_harms_its_name(text: str) -> None:
    assert analyse_text(text, organisation_names=HET_BAKEN).reputation_harm


@pytest.mark.parametrize("text", [
    "Het Baken is echt een fijne school, mijn kinderen gaan er met plezier heen.",
    "Geen slechte school hoor, ik ben er best tevreden over.",
    "Ik ben het niet eens met het nieuwe telefoonbeleid van school.",
    "Het lokaal was een zooitje na het feest, wie helpt morgen opruimen?",
    "De schoolreis was een ramp door de regen haha, maar wel gezellig",
    "Mensen zeggen dat Het Baken een slechte school is, maar dat klopt helemaal niet.",
    "Vandaag wordt er nauwelijks lesgegeven vanwege de sportdag, neem je gymkleren mee.",
    "Op school leren ze niks over geld, dat moet anders in het curriculum.",
    "Mijn zoon leert thuis niks, op school gaat het beter.",
    "De directie grijpt in als er gepest wordt, daar ben ik blij mee.",
])
def test_praise_criticism_of_a_decision_and_contradiction_do_not_harm_the_name(
        text: str) -> None:
    assert not analyse_text(text, organisation_names=HET_BAKEN).reputation_harm


# --- school reference ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Trots op de leerlingen van OSG Het Baken!",
    "Wat een leuke ouderavond was het gisteren",
    "Het kamp was zo leuk, ik wil terug!!",
    "Hahaha groep 8 rockt 🤘",
    "Groet, Ahmed (vader van Yara, 2B)",
    "Vergeet je gymspullen niet",
])
def test_the_school_its_people_and_its_events_are_a_school_reference(text: str) -> None:
    assert analyse_text(text, organisation_names=HET_BAKEN).school_reference


def test_a_name_on_the_schools_roster_is_a_school_reference() -> None:
    text = "Gefeliciteerd met je verjaardag noor!! 🎉"
    assert not analyse_text(text).school_reference
    assert analyse_text(text, roster=Roster.of(["Noor Visser"])).school_reference


@pytest.mark.parametrize("text", [
    "Wie gaat er zaterdag mee naar de film?",
    "Lekker weertje vandaag ☀️",
    "Ik heb morgen een afspraak bij de tandarts om 10 uur.",
    "Ik zit op de rijschool",
])
def test_a_text_about_something_else_is_no_school_reference(text: str) -> None:
    assert not analyse_text(text).school_reference


# --- own contact details ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ik rij zaterdag en heb nog 3 plekken vrij. Bel me maar op 06-12345678 als je kind mee wil.",
    "Mijn nummer is 06 4321 8765, app me even als jullie er zijn",
    "Voor vragen kunt u mij mailen: marieke.jansen@gmail.com",
    "Je kunt me bereiken op 0475-654321 (na 18.00 uur).",
    "Groet, Ahmed (vader van Yara, 2B) 06-98765432",
    # to whoever answers
    "Wie mee wil rijden kan me bellen of appen: 06-12345678. Groetjes, Ingrid",
    "Degene die een blauwe jas heeft gevonden, kan me bellen op 06-34561278.",
    "Interesse in de carpool? Bellen of appen naar 0612345678 (moeder van Sara)",
])
def test_the_writers_own_number_offered_is_not_private_data(text: str) -> None:
    analysis = analyse_text(text)
    assert analysis.own_contact_details
    assert analysis.has_personal_data          # still reported, with its span
    assert not analysis.has_private_data       # but not someone else's information


@pytest.mark.parametrize("text", [
    "Bel mijn moeder maar op 06-12345678, zij weet het.",
    "Dit is het nummer van Tim: 06-34567890",
    "Zijn mail is tim.bakker@gmail.com, stuur hem maar wat",
    "Wie mee wil rijden kan Karin appen: 06-22334455",
    "Wie vragen heeft kan zijn vader bellen op 06-11223355",
])
def test_someone_elses_number_stays_private_data(text: str) -> None:
    analysis = analyse_text(text)
    assert not analysis.own_contact_details
    assert analysis.has_private_data


def test_an_own_number_beside_someone_elses_leaves_the_text_with_private_data() -> None:
    analysis = analyse_text("Bel me op 06-11111111 of bel mijn man op 06-22222222")
    assert analysis.own_contact_details
    assert analysis.has_private_data
    assert [s.text for s in analysis.personal_data if
            (s.start, s.end) in analysis.own_contact_spans] == ["06-11111111"]


def test_app_me_without_a_number_offers_no_contact_details() -> None:
    assert not analyse_text("Bel me maar als er iets is!").own_contact_details


# --- the development set -----------------------------------------------------------------

def _labels(item: dict[str, Any], analysis: TextAnalysis
            ) -> tuple[dict[str, bool], dict[str, bool]]:
    flags = ("confidential", "reputation_harm", "school_reference", "own_contact_details")
    gold = {**{f"boundary:{k}": k in item["boundary"] for k in BOUNDARY_KINDS},
            **{f"criminal:{k}": k in item["criminal"] for k in CRIMINAL_KINDS},
            **{f: bool(item[f]) for f in flags}}
    found = {**{f"boundary:{k}": k in analysis.boundary_kinds for k in BOUNDARY_KINDS},
             **{f"criminal:{k}": k in analysis.criminal_kinds for k in CRIMINAL_KINDS},
             **{f: bool(getattr(analysis, f)) for f in flags}}
    return gold, found


def test_the_development_set_keeps_every_category_precise_and_most_cases_found() -> None:
    """A floor, not the figures (``bench/text_quality.py`` prints those): no category may
    fall below 0.9 precision or 0.8 recall on the development cases."""
    counts: dict[str, list[int]] = {}
    for line in DEV_SET.read_text("utf-8").splitlines():
        item = json.loads(line)
        analysis = analyse_text(item["text"], organisation_names=item["organisation_names"],
                                public_contacts=item["public_contacts"],
                                roster=Roster.of(item["roster"]))
        gold, found = _labels(item, analysis)
        for category, expected in gold.items():
            tp_fp_fn = counts.setdefault(category, [0, 0, 0])
            if expected and found[category]:
                tp_fp_fn[0] += 1
            elif found[category]:
                tp_fp_fn[1] += 1
            elif expected:
                tp_fp_fn[2] += 1
    low = {category: (tp, fp, fn) for category, (tp, fp, fn) in counts.items()
           if (tp + fp and tp / (tp + fp) < 0.9) or (tp + fn and tp / (tp + fn) < 0.8)}
    assert low == {}
    assert len(counts) == len(BOUNDARY_KINDS) + len(CRIMINAL_KINDS) + 4
