"""Issue 17: a school adds an article to its concept ("A.13 Kunstmatige intelligentie") or
removes one it does not want, on the editor's page. Only the new article's lines are
written, only the removed article's lines go; what refers to an article keeps it; the MR
reads the new and the removed article in the wording diff."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.engine.protocol import load_protocol_text
from protocolwijzer.protocols.models import Adoption
from protocolwijzer.protocols.tests.conftest import copy_concept
from protocolwijzer.schools.tests.personas import Personas, sign_in

AI_TEXT = ("Medewerkers en leerlingen gebruiken kunstmatige intelligentie alleen met "
           "gegevens die niemand schaden; zij zetten er geen namen of foto's van anderen in.")
AI_SUMMARY = "Gebruik AI zorgvuldig. Zet er geen namen of foto's van anderen in."
NEW_A13 = ("      - id: A.13\n"
           '        title: {nl: "Kunstmatige intelligentie"}\n'
           "        kind: informative\n"
           f'        text: "{AI_TEXT}"\n'
           f'        summary: {{nl: "{AI_SUMMARY}"}}\n')
A3_LINES = (
    "      - id: A.3\n"
    '        title: {nl: "Je bent zelf verantwoordelijk", en: "You are responsible yourself"}\n'
    "        kind: informative\n"
    '        text: "De betrokkene is persoonlijk verantwoordelijk voor de inhoud welke hij of '
    'zij publiceert op de sociale media."\n'
    '        summary: {nl: "Jij bent zelf verantwoordelijk voor wat je op sociale media zet.", '
    'en: "You are personally responsible for what you post."}\n')


@pytest.fixture
def leader(client: Client, willibrord: Personas) -> Client:
    sign_in(client, willibrord.schoolleider.user)
    return client


def _url(name: str, adoption: Adoption) -> str:
    return reverse(f"protocols:{name}", kwargs={"pk": adoption.pk})


def _add(client: Client, adoption: Adoption, **fields: str):
    data = {"place": "after:A.12", "article_id": "A.13", "title": "Kunstmatige intelligentie",
            "text": AI_TEXT, "summary": AI_SUMMARY, **fields}
    return client.post(_url("article_add", adoption), data)


def _submit_and_read_as_mr(leader: Client, adoption: Adoption, p: Personas) -> str:
    leader.post(_url("adoption_submit", adoption), {"bodies": ["MR"],
                                                    "submitted_on": "2026-09-01"})
    mr = Client()
    sign_in(mr, p.mr_lid.user)
    page = mr.get(_url("adoption", adoption)).content.decode()
    start = page.index('class="wording-list"')
    return page[start:page.index("</ul>", start)]


def test_an_added_article_is_written_in_its_place_shown_in_the_editor_and_to_the_mr(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    before = adoption.source_yaml
    editor = leader.get(_url("edit", adoption)).content.decode()
    assert "Artikel toevoegen" in editor and '<option value="after:A.12">' in editor

    answer = _add(leader, adoption)

    assert answer.status_code == 302
    assert answer["Location"].endswith("/bewerken/#artikel-A.13")
    adoption.refresh_from_db()
    after = adoption.source_yaml
    # Exactly the new block, right after A.12 and before part B; every other byte as it was.
    assert after.count(NEW_A13) == 1
    assert after.replace(NEW_A13, "", 1) == before
    assert after.index(NEW_A13) < after.index("  - id: B\n") \
        and after.index("      - id: A.12\n") < after.index(NEW_A13)
    event = AuditEvent.objects.get(action="protocol_article_added")
    assert event.detail["article"] == "A.13"

    editor = leader.get(_url("edit", adoption)).content.decode()
    assert 'id="artikel-A.13"' in editor and "Artikel A.13" in editor
    assert 'value="Kunstmatige intelligentie"' in editor and html.escape(AI_SUMMARY) in editor
    assert "Artikel A.13 verwijderen" in editor

    wording = _submit_and_read_as_mr(leader, adoption, willibrord)
    assert "A.13" in wording and "nieuw artikel" in wording
    assert f"toegevoegd: </span>{html.escape(AI_TEXT)}" in wording


@pytest.mark.parametrize(("fields", "says"), [
    ({"article_id": "A.5"}, "Er is al een artikel A.5. Kies een nummer dat nog niet bestaat"),
    ({"article_id": "B.9"}, "Een artikel in deel A krijgt een nummer zoals A.13"),
    ({"title": "  "}, "De titel mag niet leeg zijn"),
    ({"text": ""}, "De tekst mag niet leeg zijn"),
    ({"place": ""}, "Kies waar het nieuwe artikel komt"),
], ids=["duplicate-number", "number-of-another-part", "empty-title", "empty-text",
        "no-place"])
def test_a_new_article_that_is_not_complete_is_refused_naming_the_field_and_nothing_is_saved(
        leader: Client, willibrord: Personas, fields: dict[str, str], says: str) -> None:
    adoption = copy_concept(leader, willibrord)
    before = adoption.source_yaml

    answer = _add(leader, adoption, **fields)

    assert answer.status_code == 400
    page = answer.content.decode()
    assert says in page
    assert "Het artikel is niet toegevoegd" in page
    # The form shows what was typed, so nothing has to be typed again.
    assert html.escape(AI_SUMMARY) in page
    adoption.refresh_from_db()
    assert adoption.source_yaml == before
    assert not AuditEvent.objects.filter(action="protocol_article_added").exists()


def test_removing_an_article_no_rule_refers_to_takes_out_exactly_its_lines(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    before = adoption.source_yaml
    question = leader.get(_url("article_remove", adoption) + "?artikel=A.3")
    assert question.status_code == 200
    assert "Ja, verwijder artikel A.3" in question.content.decode()

    answer = leader.post(_url("article_remove", adoption), {"artikel": "A.3"})

    assert answer.status_code == 302
    adoption.refresh_from_db()
    assert before.count(A3_LINES) == 1
    assert adoption.source_yaml == before.replace(A3_LINES, "", 1)
    assert AuditEvent.objects.get(action="protocol_article_removed").detail["article"] == "A.3"
    editor = leader.get(_url("edit", adoption)).content.decode()
    assert 'id="artikel-A.3"' not in editor and 'id="artikel-A.4"' in editor

    wording = _submit_and_read_as_mr(leader, adoption, willibrord)
    assert "A.3" in wording and "artikel verwijderd" in wording


def test_removing_an_article_takes_its_own_rules_with_it_and_says_so(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    question = leader.get(_url("article_remove", adoption) + "?artikel=A.5").content.decode()
    assert ("De 2 regels gaan mee (A.5-recordings, A.5-people-not-stated): de check beslist "
            "daar niet meer mee.") in question
    assert "Ja, verwijder artikel A.5" in question

    answer = leader.post(_url("article_remove", adoption), {"artikel": "A.5"})

    assert answer.status_code == 302
    adoption.refresh_from_db()
    assert "id: A.5" not in adoption.source_yaml and "article: A.5\n" not in adoption.source_yaml
    assert "id: A.6-no-friends" in adoption.source_yaml  # the next rule stays whole
    assert load_protocol_text(adoption.source_yaml).articles.get("A.5") is None
    event = AuditEvent.objects.get(action="protocol_article_removed")
    assert event.detail["rules"] == "A.5-recordings, A.5-people-not-stated"


def test_an_article_whose_rule_another_articles_clause_names_stays(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    before = adoption.source_yaml
    question = leader.get(_url("article_remove", adoption) + "?artikel=A.6").content.decode()
    # The question already says why not, and offers no button.
    assert "A.12 · clausule unless" in question and "Ja, verwijder" not in question

    answer = leader.post(_url("article_remove", adoption), {"artikel": "A.6"})

    assert answer.status_code == 400
    assert ("Artikel A.6 kan niet weg, want andere delen van het protocol verwijzen ernaar: "
            "A.12 · clausule unless.") in answer.content.decode()
    adoption.refresh_from_db()
    assert adoption.source_yaml == before
    assert not AuditEvent.objects.filter(action="protocol_article_removed").exists()


def test_an_article_a_consequence_and_another_articles_clause_point_at_stays(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    page = leader.post(_url("article_remove", adoption),
                       {"artikel": "sancties.3"}).content.decode()
    assert "gevolg 4 (maatregelen)" in page and "A.9 · clausule consequence" in page
    page = leader.post(_url("article_remove", adoption),
                       {"artikel": "doelgroep.1"}).content.decode()
    assert "reikwijdte 1" in page


def test_a_submitted_version_offers_neither_adding_nor_removing(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    leader.post(_url("adoption_submit", adoption), {"bodies": ["MR"],
                                                    "submitted_on": "2026-09-01"})
    adoption.refresh_from_db()
    frozen = adoption.source_yaml

    page = leader.get(_url("adoption", adoption)).content.decode()
    assert "Artikel toevoegen" not in page and "artikel-verwijderen" not in page
    assert leader.get(_url("edit", adoption))["Location"] == _url("adoption", adoption)
    assert _add(leader, adoption)["Location"] == _url("adoption", adoption)
    assert leader.post(_url("article_remove", adoption),
                       {"artikel": "A.3"})["Location"] == _url("adoption", adoption)

    adoption.refresh_from_db()
    assert adoption.source_yaml == frozen
    assert not AuditEvent.objects.filter(action__in=["protocol_article_added",
                                                     "protocol_article_removed"]).exists()


@pytest.mark.parametrize("persona", ["teacher", "mr_lid"])
def test_a_teacher_or_mr_member_cannot_add_or_remove_an_article(
        leader: Client, willibrord: Personas, persona: str) -> None:
    adoption = copy_concept(leader, willibrord)
    before = adoption.source_yaml
    other = Client()
    sign_in(other, getattr(willibrord, persona).user)

    assert _add(other, adoption).status_code == 403
    assert other.get(_url("article_remove", adoption) + "?artikel=A.3").status_code == 403
    assert other.post(_url("article_remove", adoption), {"artikel": "A.3"}).status_code == 403
    adoption.refresh_from_db()
    assert adoption.source_yaml == before
