"""What may follow, on the checker's page (issue 11, point 9): possible measures, mildest
first, after the article's sentence that makes them depend on how serious it was, and the
hard words of the sanctions explained at level B1 for the student who reads them.

Willibrord sancties.5: "Afhankelijk van de ernst van de uitlatingen, gedragingen en
gevolgen worden naar leerlingen en/of ouders/verzorgers toe maatregelen genomen welke
variéren van waarschuwing, schorsing en verwijdering van school"."""

import html
import re
from typing import Any

from django.test import Client
from django.utils import translation

from protocolwijzer import i18n
from protocolwijzer.checks.tests.helpers import post_check
from protocolwijzer.engine.sanctions import glossary
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.protocols.tests.conftest import WILLIBRORD
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import Personas, sign_in

# Willibrord A.1: "Het is medewerkers en leerlingen niet toegestaan tijdens de lessen actief
# te zijn op sociale media tenzij door de leerkrachten hiervoor toestemming is gegeven."
ON_TIKTOK_IN_CLASS = {"action": "use_social_media", "context": "lesson",
                      "school_related": "yes", "channel": "tiktok"}
# Roermond C.4: "Het is voor medewerkers niet toegestaan om via social media (bv facebook)
# contact te hebben met ouders, leerlingen of oud-leerlingen."
CONTACT_WITH_A_STUDENT = {"action": "contact", "context": "off_duty", "school_related": "yes",
                          "channel": "facebook", "target_role": "student"}


def _explanation(term_id: str) -> str:
    return next(term.explanation["nl"] for term in glossary() if term.id == term_id)


def _section(response: Any) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<section class="consequences"')
    return page[start:page.index("</section>", start)]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _ladder(section: str) -> list[str]:
    return [html.unescape(name) for name in
            re.findall(r'<span class="ladder__name">(.*?)</span>', section)]


def test_a_student_on_tiktok_in_class_reads_possible_measures_mildest_first(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    do_set_school_protocol(members.school, builtin_versions[WILLIBRORD])
    sign_in(client, members.student.user)

    section = _section(post_check(client, **ON_TIKTOK_IN_CLASS))

    article = builtin_versions[WILLIBRORD].engine_protocol().articles["sancties.5"].text
    quote = re.search(r'<blockquote class="article__text">(.*?)</blockquote>', section, re.S)
    assert quote is not None and html.unescape(quote.group(1)) == article
    assert _ladder(section) == ["waarschuwing", "schorsing", "verwijdering van school"]
    # The sentence introduces the ladder; the ladder says the measures are possible ones.
    assert section.index("<blockquote") < section.index('<ol class="ladder">')
    assert "mogelijke maatregelen, van licht naar zwaar" in _text(section)
    # The article's sentence stands in place of the file's short text, not beside it.
    assert _text(section).count("Afhankelijk van de ernst") == 1
    # No heading names a measure: the heading says what *may* follow.
    assert re.findall(r"<h3[^>]*>(.*?)</h3>", section) == ["Wat er kan gebeuren"]


def test_a_student_sees_what_each_measure_and_each_hard_word_means(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    do_set_school_protocol(members.school, builtin_versions[WILLIBRORD])
    sign_in(client, members.student.user)

    text = _text(_section(post_check(client, **ON_TIKTOK_IN_CLASS)))

    # sancties.4: "maken zich mogelijk schuldig aan verwijtbaar gedrag. Alle correspondentie
    # omtrent dit onderwerp wordt opgenomen in het leerlingendossier."
    assert "Uitleg: verwijtbaar gedrag, correspondentie, leerlingendossier" in text
    for term in ("verwijtbaar-gedrag", "correspondentie", "leerlingendossier", "waarschuwing",
                 "schorsing", "verwijdering-van-school"):
        assert _explanation(term) in text, term
    assert text.count(_explanation("schorsing")) == 1


def test_a_teachers_ladder_puts_a_berisping_before_a_schorsing_and_explains_the_terms(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    # Roermond sancties.A.1 "plichtsverzuim", sancties.A.2 "rechtspositionele maatregelen
    # ... welke variëren van een waarschuwing, schorsing, berispingen, ontslag en ontslag op
    # staande voet."
    sign_in(client, members.teacher.user)

    section = _section(post_check(client, **CONTACT_WITH_A_STUDENT))

    assert _ladder(section) == ["waarschuwing", "berisping", "schorsing", "ontslag",
                                "ontslag op staande voet"]
    text = _text(section)
    assert _explanation("plichtsverzuim") in text
    assert _explanation("rechtspositionele-maatregelen") in text
    assert "Artikel sancties.A.2 in het protocol" in text


def test_the_explanations_follow_the_pages_language(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    do_set_school_protocol(members.school, builtin_versions[WILLIBRORD])
    sign_in(client, members.student.user)
    client.cookies["django_language"] = "en"

    try:
        text = _text(_section(post_check(client, **ON_TIKTOK_IN_CLASS)))
    finally:  # the middleware set both for this thread; later tests expect Dutch
        translation.activate("nl")
        i18n.activate("nl")

    english = next(t.explanation["en"] for t in glossary() if t.id == "verwijtbaar-gedrag")
    assert "Explained: culpable behaviour" in text
    assert english in text
