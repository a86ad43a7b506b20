"""Behaviour of the Dutch text analyser, on sentences as they are written around a school.

Plain pytest: the analyser is pure standard library and needs no Django.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

from protocolwijzer.analysis import Span, analyse_text

ROERMOND = ("Stichting Praktijkonderwijs Roermond e.o.", "Praktijkonderwijs Roermond")
WILLIBRORD = ("Willibrord-Miland", "De Groeiling", "Willibrord", "Miland")


def found(text: str, kind: str) -> list[str]:
    analysis = analyse_text(text)
    return [span.text for span in analysis.personal_data if span.kind == kind]


def abuse(text: str) -> tuple[str, ...]:
    return analyse_text(text).abuse_kinds


# --- personal data --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("Bel me even op 06-12345678 als je later bent.", "06-12345678"),
    ("Mijn nummer is 06 1234 5678, app maar.", "06 1234 5678"),
    ("0612345678 is het nummer van de moeder van Sem.", "0612345678"),
    ("Bereikbaar op 020-1234567 tussen 9 en 12.", "020-1234567"),
    ("Bel de praktijk: 0475 123456.", "0475 123456"),
    ("Het nummer van de opvang is 010 - 123 45 67.", "010 - 123 45 67"),
    ("Bel (0475) 123456 voor een afspraak.", "(0475) 123456"),
])
def test_dutch_phone_number_is_personal_data(text: str, number: str) -> None:
    assert found(text, "phone") == [number]


@pytest.mark.parametrize(("text", "number"), [
    ("Mijn vader is bereikbaar via +31 6 12345678.", "+31 6 12345678"),
    ("Stuur een berichtje naar +31(0)6-12345678.", "+31(0)6-12345678"),
    ("Vanuit het buitenland: 0031 6 12345678.", "0031 6 12345678"),
])
def test_phone_number_with_country_code_is_personal_data(text: str, number: str) -> None:
    assert found(text, "phone") == [number]


def test_phone_number_written_out_in_words_is_personal_data() -> None:
    text = "Mijn nummer is nul zes een twee drie vier vijf zes zeven acht, bel maar."
    assert found(text, "phone") == ["nul zes een twee drie vier vijf zes zeven acht"]


@pytest.mark.parametrize("text", [
    "In 2024 hadden we 1200 leerlingen en het schoolreisje kostte 12345678 euro totaal.",
    "De les begint om 08:30 en de toets is op 01-02-2024 12:00 in lokaal 112.",
    "Groep 8 haalde gemiddeld 534 punten op de eindtoets van 2025.",
    "Bestel voor 19,95 euro, ordernummer 4521.",
    "Postcode 6041 AB ligt in Roermond.",
])
def test_years_amounts_times_and_short_numbers_are_not_phone_numbers(text: str) -> None:
    assert found(text, "phone") == []


def test_school_public_contacts_are_not_personal_data() -> None:
    text = ("Vragen? Mail info@school.nl of bel +31 475 123456. Voor de mentor: "
            "j.jansen@school.nl of 06-12345678.")
    analysis = analyse_text(text, public_contacts=["info@school.nl", "0475-123456",
                                                   "www.school.nl"])
    assert [(s.kind, s.text) for s in analysis.personal_data] == [
        ("email", "j.jansen@school.nl"), ("phone", "06-12345678")]


def test_email_address_is_personal_data() -> None:
    text = "Stuur je werkstuk naar sanne.devries2011@hotmail.com voor vrijdag."
    assert found(text, "email") == ["sanne.devries2011@hotmail.com"]


@pytest.mark.parametrize(("text", "postcode"), [
    ("Wij wonen in 6041 AB Roermond.", "6041 AB"),
    ("Adres: Kerkstraat 12, 1234AB Ergens", "1234AB"),
    ("postcode 5211xz graag invullen", "5211xz"),
])
def test_dutch_postcode_is_personal_data(text: str, postcode: str) -> None:
    assert found(text, "postcode") == [postcode]


@pytest.mark.parametrize("text", [
    "Postcode 1234 SA bestaat niet, 1234 SD en 1234 SS ook niet.",
    "Het kenteken was 1234ABC, niet te lezen.",
    "We fietsten 2000km en de foto is 4000mb groot.",
])
def test_strings_that_are_not_postcodes_are_ignored(text: str) -> None:
    assert found(text, "postcode") == []


@pytest.mark.parametrize(("text", "address"), [
    ("Ik woon op de Kerkstraat 12 in Roermond.", "Kerkstraat 12"),
    ("Het pakketje ligt op Hoofdweg 3a.", "Hoofdweg 3a"),
    ("Zij woont op de Laan van Meerdervoort 100.", "Laan van Meerdervoort 100"),
    ("Het feest is op het Julianaplein 4 bis, iedereen welkom.", "Julianaplein 4 bis"),
    ("Prins Hendrikkade 21 is het kantoor van de stichting.", "Prins Hendrikkade 21"),
    ("ik woon op kerkstraat 7 hoor", "kerkstraat 7"),
])
def test_street_and_house_number_is_an_address(text: str, address: str) -> None:
    assert found(text, "address") == [address]


@pytest.mark.parametrize("text", [
    "Groep 8 en klas 3 gaan samen op kamp.",
    "We gingen 2 keer naar het pretpark en bleven 3 dagen.",
    "Op het schoolplein 2 keer per dag toezicht.",
])
def test_groups_classes_and_counts_are_not_addresses(text: str) -> None:
    assert found(text, "address") == []


@pytest.mark.parametrize(("text", "bsn"), [
    ("Het BSN van Daan is 123456782.", "123456782"),
    ("BSN: 123.456.782 (zie formulier)", "123.456.782"),
    ("Burgerservicenummer 111 222 333 ingevuld.", "111 222 333"),
])
def test_bsn_passing_the_eleven_check_is_personal_data(text: str, bsn: str) -> None:
    assert found(text, "bsn") == [bsn]


def test_nine_digit_number_failing_the_eleven_check_is_not_a_bsn() -> None:
    assert found("Ordernummer 123456789 is verzonden.", "bsn") == []


@pytest.mark.parametrize(("text", "iban"), [
    ("Maak het geld over naar NL91ABNA0417164300.", "NL91ABNA0417164300"),
    ("Rekening NL91 ABNA 0417 1643 00 t.n.v. de ouderraad", "NL91 ABNA 0417 1643 00"),
    ("Oma's rekening: DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
])
def test_iban_passing_mod_97_is_personal_data(text: str, iban: str) -> None:
    assert found(text, "iban") == [iban]


def test_iban_with_a_wrong_check_digit_is_ignored() -> None:
    assert found("Maak over naar NL91ABNA0417164301.", "iban") == []


@pytest.mark.parametrize(("text", "date"), [
    ("Daan is geboren op 12 maart 2011.", "12 maart 2011"),
    ("Geboortedatum: 12-03-2011", "12-03-2011"),
    ("Sanne (geb. 3/7/2012) zit in groep 7.", "3/7/2012"),
    ("Lotte is op 14 mei jarig, neem traktatie mee!", "14 mei"),
])
def test_date_of_birth_is_personal_data(text: str, date: str) -> None:
    assert found(text, "date") == [date]


@pytest.mark.parametrize("text", [
    "De musical is op 12 juni 2025 in de aula.",
    "Op 5 mei 1945 werd Nederland bevrijd, daar gaat de les over.",
    "Inleveren voor 01-02-2026 bij de mentor.",
])
def test_event_and_history_dates_are_not_personal_data(text: str) -> None:
    assert found(text, "date") == []


@pytest.mark.parametrize(("text", "condition"), [
    ("Daan heeft ADHD, dus hij mag even bewegen.", "ADHD"),
    ("Zij zit in een depressie sinds de zomer.", "depressie"),
    ("Hij is ziek thuis met zijn astma.", "astma"),
    ("Mijn moeder is opgenomen in het ziekenhuis.", "opgenomen in het ziekenhuis"),
    ("Lisa heeft een dyslexieverklaring.", "dyslexieverklaring"),
    ("Mijn zoon krijgt medicatie voor zijn concentratie.", "medicatie"),
    ("Juf Petra is zwanger van haar tweede.", "zwanger"),
])
def test_health_information_about_a_person_is_personal_data(text: str, condition: str
                                                            ) -> None:
    assert condition in found(text, "health")


@pytest.mark.parametrize("text", [
    "ADHD is een veelvoorkomende stoornis.",
    "Wij hebben ervaring met leerlingen met autisme.",
    "Een leerling met dyslexie krijgt extra tijd bij toetsen.",
    "Hij hield een spreekbeurt over diabetes.",
    "Ik ben ziek van al die regels.",
])
def test_general_health_statement_is_not_personal_data(text: str) -> None:
    assert found(text, "health") == []


@pytest.mark.parametrize(("text", "number"), [
    ("Leerlingnummer: 204512, groep 6b.", "204512"),
    ("Haar stamnummer is 88123.", "88123"),
])
def test_student_number_is_personal_data(text: str, number: str) -> None:
    assert found(text, "student_number") == [number]


@pytest.mark.parametrize(("text", "name"), [
    ("Juf Anna is vandaag afwezig.", "Anna"),
    ("Meneer De Vries is onze nieuwe directeur.", "De Vries"),
    ("Mijn zoon Daan zit in groep 5.", "Daan"),
    ("Daan heeft ADHD.", "Daan"),
])
def test_names_in_clear_person_contexts_are_personal_data(text: str, name: str) -> None:
    assert found(text, "name") == [name]


def test_spans_point_into_the_original_text_and_are_sorted() -> None:
    text = ("Hoi! Géén idee waarom, maar Daan heeft ADHD. Bel 06-12345678 of mail "
            "d.devries@voorbeeld.nl, adres Kerkstraat 12, 6041 AB. IBAN NL91ABNA0417164300.")
    spans = analyse_text(text).personal_data
    assert {s.kind for s in spans} >= {"name", "health", "phone", "email", "address",
                                       "postcode", "iban"}
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    for span in spans:
        assert text[span.start:span.end] == span.text


# --- abuse ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Je bent een loser.",
    "Die leraar is een idioot.",
    "Wat een debiel, serieus.",
    "Jij aap, laat me met rust.",
    "Sanne is een sukkel.",
    "Ik vind je echt dom.",
    "die stomme juf geeft altijd huiswerk",
    "Wat een kankerleraar.",
    "kk lelijk ben je",
    "hou je bek",
    "krijg de tering",
])
def test_insult_aimed_at_a_person_is_abusive(text: str) -> None:
    assert abuse(text) == ("insult",)


@pytest.mark.parametrize("text", [
    "Jesse, je werkstuk is echt waardeloos. Ik snap niet hoe iemand zo dom kan zijn.",
    "Ik begrijp echt niet hoe jij zo achterlijk kunt zijn",
    "je tekening is gewoon bagger",
    "Hoe kan iemand zo dom zijn? Je hebt de opdracht weer niet gelezen.",
])
def test_running_down_the_reader_or_their_work_is_an_insult(text: str) -> None:
    assert abuse(text) == ("insult",)


@pytest.mark.parametrize("text", [
    "Ik snap niet hoe iemand zo dom kan zijn om door rood te fietsen.",
    "Mijn werkstuk is echt waardeloos 😭",
    "Je werkstuk was niet waardeloos hoor, alleen te kort.",
    "Je werkstuk is nog niet af, lever het vrijdag in.",
    "De wifi op school is waardeloos vandaag.",
    "je spel was echt ruk vandaag bij voetbal haha",
])
def test_a_remark_about_nobody_present_ones_own_work_or_a_game_is_no_insult(text: str) -> None:
    assert abuse(text) == ()


@pytest.mark.parametrize("text", [
    "je bent echt een l o s e r",
    "wat een looooser ben jij",
    "je bent een l0s3r",
    "wat een 1d10ot",
    "kkr op man",
    "tyf op",
])
def test_disguised_insults_are_recognised(text: str) -> None:
    assert abuse(text) == ("insult",)


@pytest.mark.parametrize("text", [
    "Ik maak je af.",
    "Ik weet waar je woont.",
    "Ik sla je in elkaar na school.",
    "Als ik je zie sla ik je in elkaar.",
    "Pas maar op jij.",
    "Je gaat eraan morgen.",
    "Je krijgt klappen.",
    "Ik neem morgen een mes mee naar school.",
])
def test_threat_is_abusive(text: str) -> None:
    analysis = analyse_text(text)
    assert analysis.threat
    assert analysis.abuse_kinds == ("threat",)


@pytest.mark.parametrize("text", [
    "Iedereen moet hem blokkeren.",
    "Niemand mag met haar praten.",
    "Gooi hem uit de groep.",
    "Iedereen moet Sanne blokkeren!",
    "Sanne hoort er niet bij.",
])
def test_call_to_exclude_someone_is_abusive(text: str) -> None:
    assert abuse(text) == ("exclusion",)


def test_publishing_someones_address_is_doxxing() -> None:
    text = "Dit is het adres van Tim: Kerkstraat 12, 1234 AB Roermond. Ga allemaal langs!"
    analysis = analyse_text(text)
    assert "doxxing" in analysis.abuse_kinds
    assert {s.kind for s in analysis.personal_data} == {"name", "address", "postcode"}


def test_spreading_a_number_with_a_call_to_action_is_doxxing() -> None:
    assert abuse("Haar nummer is 06-12345678, bel haar allemaal!") == ("doxxing",)


@pytest.mark.parametrize("text", [
    # the subject, then a clause, then where they live; a call to go along
    "Deze meneer Hendriks, de leraar die mijn zoon heeft geschorst, woont op de Lindenlaan 12. "
    "Wie gaat er vanavond met mij even langs?",
    "Die juf van groep 5 woont gewoon op de Berkenlaan 4. Wie gaat er morgen met me mee?",
])
def test_where_a_teacher_lives_with_a_call_to_go_along_is_doxxing(text: str) -> None:
    assert "doxxing" in abuse(text)


@pytest.mark.parametrize("text", [
    "Dit is het adres van de school: Kerkstraat 12.",
    "Oma woont op de Kerkstraat 5, daar logeren we.",
    "Het nummer van de coach is 06-12345678.",
    "Juf Anna is jarig en woont op de Kerkstraat 12. Wie gaat er mee om bloemen te brengen?",
    "Het nummer van de moeder van Daan is 06-98765432, bel haar maar.",
])
def test_sharing_an_address_without_hostility_is_not_doxxing(text: str) -> None:
    assert abuse(text) == ()


@pytest.mark.parametrize(("text", "kind"), [
    ("vuile slet", "sexual"),
    ("je moeder is een hoer", "sexual"),
    ("stuur me nudes of ik zet je foto online", "sexual"),
    ("alle moslims zijn terroristen", "discrimination"),
    ("ga terug naar je eigen land", "discrimination"),
    ("vuile jood", "discrimination"),
    ("jij mongool", "discrimination"),
    ("kankerturk", "discrimination"),
])
def test_sexual_and_discriminating_insults_are_abusive(text: str, kind: str) -> None:
    assert kind in abuse(text)


@pytest.mark.parametrize("text", [
    # wished or planned harm, said without a swear word
    "Alle zwarte mensen verdienen de dood.",
    "Gehandicapten zouden opgesloten moeten worden.",
    "Ik zou alle homo's wel willen afknallen.",
    "We maken die vluchtelingen in het park allemaal kapot.",
    # put-downs by comparison, role or insinuation
    "Vrouwen zijn te emotioneel om leiding te geven.",
    "Zwarte mensen zijn minder intelligent dan wij.",
    "Ik heb niets tegen moslims, maar naast me in de trein hoeft niet.",
    "Ze rekent best goed, voor een meisje.",
    "Heb jij ooit een Marokkaan gezien die niet liegt?",
    # a negated positive, a group in the previous sentence, a misspelled group word
    "Transpersonen verdienen geen enkel respect.",
    "Immigranten? Stuk voor stuk profiteurs.",
    "Mozlims zijn een plaag.",
    "Gehandicapten zijn echt kankerirritant.",
])
def test_hate_against_a_group_is_abusive_in_its_many_phrasings(text: str) -> None:
    assert "discrimination" in abuse(text), text



@pytest.mark.parametrize("text", [
    # counter-speech and quoting to condemn
    "'Loser' roepen is gemeen, stop daarmee.",
    "Zeggen dat iemand een idioot is, is pesten.",
    "Iemand 'loser' noemen? Dat is pesten.",
    "Ze riepen 'homo' naar hem, dat is discriminatie.",
    "'Ik maak je af' zeggen is niet grappig, ook niet als grap.",
    "Hij noemde haar een hoer en dat vinden we heel erg.",
    # anti-bullying messages
    "Stop pesten!",
    "Niemand verdient het om gepest te worden.",
    "Niemand mag buitengesloten worden in onze klas.",
    # neutral mentions of groups
    "Onze moslimleerlingen vieren het Suikerfeest.",
    "Een leerling met autisme krijgt extra begeleiding.",
    "Moslims zijn geen terroristen.",
    "De joden werden in de oorlog vervolgd, daarover gaat de les.",
    # idioms and sport
    "Dat was een moordende toets.",
    "Ik ben kapot na die toets.",
    "Dat concert was killing!",
    "Ik ga dood van het lachen.",
    "We maken ze af bij voetbal zaterdag!",
    "Je bent dood in Fortnite haha",
    # negations and self-mockery
    "Je bent geen loser!",
    "Niemand is een loser.",
    "We moeten hem niet blokkeren.",
    "Ik ga je niet slaan hoor.",
    "Ik ben zo'n sukkel, sleutels vergeten.",
    # profanity and words that are not aimed at anyone
    "kut, mijn fiets is stuk",
    "Die toets was echt kanker.",
    "Dat is idioot, de bus is weer te laat.",
    "Gym is stom.",
    "We zochten eikels in het bos.",
    "Als je dik bent is sporten soms lastig.",
    "Pas maar op voor de gladheid.",
    "Iedereen moet de app verwijderen voor de toets.",
    # ordinary words that look like stretched insults
    "Negeer die opmerking maar.",
    "De stoom kwam uit de pan bij scheikunde.",
    "Hij is een snelle eter.",
    "Mijn broer is gestoord grappig.",
    # speaking up for a group, telling its history, a group word near a harmless one
    "Ik haat het als mensen moslims discrimineren.",
    "De haat tegen vluchtelingen in de reacties maakt me misselijk.",
    "\"Vrouwen horen in de keuken\" is een belachelijke uitspraak.",
    "Joden werden in de oorlog vermoord, dat mogen we nooit vergeten.",
    "Ik walg niet van homo's, ik walg van mensen die ze uitschelden.",
    "Antillianen zijn niet minder waard dan wie dan ook.",
    "Vluchtelingen hebben een gevaarlijke reis achter de rug.",
    "De meiden uit de techniekklas zijn de besten van het jaar.",
    "Negen leerlingen deden mee aan de quiz.",
    # a slur-like word in its ordinary sense, or reclaimed by its own group
    "In de dierentuin zaten de makaken in de zon.",
    "Bij aardrijkskunde ging het over de Mongolen op de steppe.",
    "Wij zijn trotse Polakken en dat mag iedereen weten.",
    "Tering man, de bus is alweer te laat.",
])
def test_harmless_text_is_not_abusive(text: str) -> None:
    analysis = analyse_text(text)
    assert not analysis.abusive, analysis.abuse_kinds
    assert analysis.abuse_spans == ()


def test_abuse_spans_cover_the_offending_words() -> None:
    text = "Hoi allemaal. Tim, je bent echt een loser en ik maak je af."
    analysis = analyse_text(text)
    assert analysis.abuse_kinds == ("insult", "threat")
    pieces = [text[start:end] for start, end in analysis.abuse_spans]
    assert "loser" in pieces
    assert any(piece.startswith("ik maak je af") for piece in pieces)


# --- disclaimers and employee mention ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Dit bericht geeft mijn persoonlijke mening weer en niet die van de school.",
    "Dit is mijn eigen mening.",
    "Mening van mezelf, niet van mijn werkgever.",
    "De standpunten en meningen in dit bericht zijn mijn eigen persoonlijke meningen en "
    "staan los van Willibrord-Miland.",
    "Ik schrijf dit op persoonlijke titel.",
    "Persoonlijke titel.",
])
def test_own_opinion_disclaimer_is_recognised(text: str) -> None:
    analysis = analyse_text(text)
    assert analysis.own_opinion_disclaimer
    assert not analysis.third_party_disclaimer


@pytest.mark.parametrize("text", [
    "Dit is géén persoonlijke mening.",
    "Dit is niet mijn eigen mening maar het standpunt van de school.",
    "Mijn mening is dat de toets te moeilijk was.",
])
def test_negated_or_ordinary_opinion_is_not_a_disclaimer(text: str) -> None:
    assert not analyse_text(text).own_opinion_disclaimer


@pytest.mark.parametrize("text", [
    "Ik ben niet verantwoordelijk voor reacties van anderen.",
    "Reacties van anderen zijn voor hun rekening.",
    "Wij zijn niet verantwoordelijk voor de inhoud en uitlatingen van derden.",
])
def test_third_party_disclaimer_is_recognised(text: str) -> None:
    analysis = analyse_text(text)
    assert analysis.third_party_disclaimer
    assert not analysis.own_opinion_disclaimer


def test_responsibility_for_own_website_is_not_a_third_party_disclaimer() -> None:
    assert not analyse_text("Ik ben niet verantwoordelijk voor de inhoud van de website."
                            ).third_party_disclaimer


def test_both_disclaimers_in_one_post_are_recognised_separately() -> None:
    analysis = analyse_text("Op persoonlijke titel. Ik ben niet verantwoordelijk voor "
                            "reacties van anderen.")
    assert analysis.own_opinion_disclaimer and analysis.third_party_disclaimer


@pytest.mark.parametrize(("text", "organisations"), [
    ("Ik ben medewerker van Willibrord-Miland.", WILLIBRORD),
    ("Ik ben medewerker van Willibrord Miland en trots!", WILLIBRORD),
    ("Ik werk zelf bij De Groeiling.", WILLIBRORD),
    ("Als docent bij Praktijkonderwijs Roermond zie ik veel talent.", ROERMOND),
    ("ik werk al jaren bij praktijkonderwijs roermond", ROERMOND),
    ("Als leerkracht van deze school ben ik trots op onze leerlingen.", ()),
    ("Ik ben hier docent sinds 2015.", ()),
    ("Ik werk op deze school en zie dat elke dag.", ()),
    ("Sinds 2019 werk ik bij De Groeiling als onderwijsassistent.", WILLIBRORD),
    ("Op De Groeiling, waar ik lesgeef, gaat dat anders.", WILLIBRORD),
    ("Teamleider onderbouw, Praktijkonderwijs Roermond", ROERMOND),
])
def test_writer_who_works_at_the_school_is_an_employee_mention(
        text: str, organisations: tuple[str, ...]) -> None:
    assert analyse_text(text, organisation_names=organisations).employee_mention


@pytest.mark.parametrize("text", [
    "Ik werk niet bij Willibrord-Miland.",
    "Ik ben geen medewerker van De Groeiling.",
    "Ik werkte vroeger bij De Groeiling.",
    "Als oud-docent van deze school mis ik het.",
    "Ik ben moeder van een leerling op deze school.",
    "Ik zit op deze school in groep 8.",
    "Ik werk bij de bakker om de hoek.",
])
def test_non_employee_or_negated_statement_is_not_an_employee_mention(text: str) -> None:
    assert not analyse_text(text, organisation_names=WILLIBRORD).employee_mention


# --- result object ---------------------------------------------------------------------

def test_to_dict_is_json_ready() -> None:
    text = "Je bent een loser, bel me op 06-12345678. Dit is mijn eigen mening."
    result = analyse_text(text).to_dict()
    assert json.loads(json.dumps(result)) == result
    assert result == {
        "personal_data": [{"kind": "phone", "text": "06-12345678", "start": 29, "end": 40}],
        "abuse": {"abusive": True, "score": 0.95, "kinds": ["insult"], "spans": [[12, 17]],
                  "profanity": False},
        "own_opinion_disclaimer": True,
        "third_party_disclaimer": False,
        "employee_mention": False,
        "readability": {"level": "A2", "flesch_douma": 105.0, "words": 12, "sentences": 2,
                        "words_per_sentence": 6.0, "syllables_per_word": 1.25,
                        "long_words": 0.0},
        "boundary_crossing": False,
        "boundary_kinds": [],
        "confidential": False,
        "reputation_harm": False,
        "possibly_criminal": False,
        "criminal_kinds": [],
        "school_reference": False,
        "own_contact_details": True,
    }


def test_empty_text_gives_an_empty_analysis() -> None:
    analysis = analyse_text("")
    assert (analysis.personal_data, analysis.abusive, analysis.abuse_kinds,
            analysis.abuse_score, analysis.profanity) == ((), False, (), 0.0, False)
    assert not analysis.has_personal_data and not analysis.threat
    assert analysis.readability is not None and analysis.readability.level is None


def test_result_types_are_frozen() -> None:
    span = Span("email", "a@b.nl", 0, 6)
    with pytest.raises(AttributeError):
        span.kind = "phone"  # type: ignore[misc]


# numpy sums the model's weights for long texts only (model.ARRAYS_FROM); it is a
# dependency of the product already (photos), and a short post's check never loads it.
_BEYOND_THE_STANDARD_LIBRARY = {"model_arrays.py": {"numpy"}}


def test_package_imports_only_the_standard_library() -> None:
    package = Path(__file__).resolve().parents[1]
    for source in package.glob("*.py"):
        allowed = _BEYOND_THE_STANDARD_LIBRARY.get(source.name, set())
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top in allowed, (source.name, name)
