"""Issue 16, the editor's second round: an article's title, text and plain summary are
edited beside its rules and checked the same way; the MR reads what changed in the wording;
the AVG check is on the editor, the version page and the import's review; a concept can be
deleted; and the import's proposals can all be confirmed at once."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.protocols.models import Adoption
from protocolwijzer.protocols.tests.conftest import copy_concept
from protocolwijzer.schools.tests.personas import Personas, sign_in
from tests.protocol_documents import TABLE

A5_WITH_PARENTS = ("Het is voor medewerkers, leerlingen en ouders niet toegestaan om foto-, "
                   "film- en geluidsopnamen van schoolgerelateerde situaties op de sociale "
                   "media te zetten tenzij betrokkenen hier uitdrukkelijk toestemming voor "
                   "plaatsing hebben gegeven;")
# A.8 asking for explicit consent, in the wording the AVG check's own tests call compliant.
A8_EXPLICIT = ("Op de website van Willibrord-Miland worden alleen foto’s van leerlingen "
               "geplaatst als hun ouders/verzorgers daar vooraf toestemming voor gaven.")
OPT_OUT_ADVICE = "A.8: Foto&#x27;s: zwijgen is geen toestemming"


@pytest.fixture
def leader(client: Client, willibrord: Personas) -> Client:
    sign_in(client, willibrord.schoolleider.user)
    return client


def _form_of(page: str) -> dict[str, list[str]]:
    """The editor form's fields as the browser would send them."""
    data: dict[str, list[str]] = {}
    for name, value in re.findall(r'name="(rule-\d+-roles)" value="(\w+)" checked', page):
        data.setdefault(name, []).append(value)
    for name, text in re.findall(
            r'<textarea[^>]*name="((?:rule|article)-[\w.-]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = [html.unescape(text)]
    for name, value in re.findall(r'<input type="text" id="[^"]*" name="(article-[\w.-]+)" '
                                  r'value="([^"]*)"', page):
        data[name] = [html.unescape(value)]
    return data


def _index(page: str, article_id: str) -> str:
    return re.search(rf'data-article="(\d+)">\s*<h2 id="kop-{re.escape(article_id)}"',
                     page).group(1)


def _editor(client: Client, adoption: Adoption) -> tuple[str, dict[str, list[str]]]:
    page = client.get(reverse("protocols:edit", kwargs={"pk": adoption.pk})).content.decode()
    return page, _form_of(page)


def _url(name: str, adoption: Adoption) -> str:
    return reverse(f"protocols:{name}", kwargs={"pk": adoption.pk})


# -- the article's text, title and summary ----------------------------------------------------

def test_a5s_text_names_parents_and_only_those_lines_of_the_file_change(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    before = adoption.source_yaml
    page, data = _editor(leader, adoption)
    a5 = _index(page, "A.5")
    assert data[f"article-{a5}-text"][0].startswith("Het is voor medewerkers en leerlingen")
    data[f"article-{a5}-text"] = [A5_WITH_PARENTS]
    data[f"article-{a5}-clause-who"] = ["medewerkers, leerlingen en ouders"]
    data[f"article-{a5}-summary"] = ["Zet geen foto's van school op sociale media. Dat geldt "
                                     "ook voor ouders."]

    assert leader.post(_url("edit_check", adoption), data).json()["valid"] is True
    assert leader.post(_url("edit", adoption), data).status_code == 302

    adoption.refresh_from_db()
    changed = [(old, new) for old, new in zip(before.splitlines(), adoption.source_yaml
                                              .splitlines(), strict=True) if old != new]
    assert [new.strip() for _old, new in changed] == [
        f'text: "{A5_WITH_PARENTS}"',
        'summary: {nl: "Zet geen foto\'s van school op sociale media. Dat geldt ook voor '
        'ouders."}',
        '- {id: who, text: "medewerkers, leerlingen en ouders", rules: [A.5-recordings, '
        'A.5-people-not-stated]}']


def test_the_mr_reads_the_changed_wording_marked_word_by_word(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    page, data = _editor(leader, adoption)
    a5 = _index(page, "A.5")
    data[f"article-{a5}-text"] = [A5_WITH_PARENTS]
    data[f"article-{a5}-clause-who"] = ["medewerkers, leerlingen en ouders"]
    leader.post(_url("edit", adoption), data)
    leader.post(_url("adoption_submit", adoption), {"bodies": ["MR"],
                                                    "submitted_on": "2026-09-01"})

    mr = Client()
    sign_in(mr, willibrord.mr_lid.user)
    read = mr.get(_url("adoption", adoption)).content.decode()

    assert "Wat is er in de tekst veranderd?" in read
    wording = read[read.index('class="wording-list"'):read.index("</ul>", read.index(
        'class="wording-list"'))]
    assert "A.5" in wording and "A.8" not in wording
    # Old and new, each named for a screen reader as well as struck through or underlined.
    hidden = '<span class="visually-hidden">'
    assert (f"<del>{hidden}[geschrapt: </span>leerlingen{hidden}]</span></del>"
            f"<ins>{hidden}[toegevoegd: </span>ouders{hidden}]</span></ins>") in wording
    # A comma after a word is a comma added, not the word replaced.
    assert f"{hidden}[geschrapt: </span>medewerkers" not in wording
    assert A5_WITH_PARENTS in read  # the whole text of this version


def test_an_emptied_text_is_refused_naming_the_article_and_field_and_nothing_is_saved(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    before = adoption.source_yaml
    page, data = _editor(leader, adoption)
    data[f"article-{_index(page, 'A.8')}-text"] = ["  "]

    check = leader.post(_url("edit_check", adoption), data).json()
    response = leader.post(_url("edit", adoption), data)

    assert check["valid"] is False
    assert check["problems"][0]["where"] == "A.8 · tekst"
    assert "De tekst van artikel A.8 mag niet leeg zijn" in check["problems"][0]["message"]
    assert response.status_code == 200
    assert "Er is niets opgeslagen" in response.content.decode()
    adoption.refresh_from_db()
    assert adoption.source_yaml == before


def test_a_text_that_no_longer_holds_a_clause_names_that_clause(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    page, data = _editor(leader, adoption)
    data[f"article-{_index(page, 'A.5')}-text"] = [A5_WITH_PARENTS]

    check = leader.post(_url("edit_check", adoption), data).json()

    assert check["valid"] is False
    assert [p["where"] for p in check["problems"]] == ["A.5 · clausule who"]
    # The refused page keeps what was typed.
    assert A5_WITH_PARENTS in html.unescape(leader.post(_url("edit", adoption),
                                                        data).content.decode())


# -- the AVG check ----------------------------------------------------------------------------

def test_the_avg_advice_on_a8_shows_until_a8_asks_for_explicit_consent(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    page, data = _editor(leader, adoption)
    assert OPT_OUT_ADVICE in page and "Bron: AVG art. 4 lid 11" in page
    a8 = _index(page, "A.8")
    data[f"article-{a8}-text"] = [A8_EXPLICIT]
    data[f"article-{a8}-clause-unless"] = ["als hun ouders/verzorgers daar vooraf toestemming "
                                           "voor gaven"]

    check = leader.post(_url("edit_check", adoption), data).json()
    assert check["valid"] is True
    assert "photo-opt-out" not in [a["check"] for a in check["advice"]]
    assert "zwijgen is geen toestemming" not in check["advice_html"]
    assert leader.post(_url("edit", adoption), data).status_code == 302
    assert OPT_OUT_ADVICE not in _editor(leader, adoption)[0]

    leader.post(_url("adoption_submit", adoption), {"bodies": ["MR"],
                                                    "submitted_on": "2026-09-01"})
    mr = Client()
    sign_in(mr, willibrord.mr_lid.user)
    read = mr.get(_url("adoption", adoption)).content.decode()
    assert "AVG-check van de tekst" in read and OPT_OUT_ADVICE not in read


def test_the_mr_reads_the_avg_advice_on_a_version_that_keeps_a8(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    leader.post(_url("adoption_submit", adoption), {"bodies": ["MR"],
                                                    "submitted_on": "2026-09-01"})
    mr = Client()
    sign_in(mr, willibrord.mr_lid.user)

    read = mr.get(_url("adoption", adoption)).content.decode()

    assert OPT_OUT_ADVICE in read and "Bron: AVG art. 4 lid 11" in read


def _review(client: Client, name: str, text: str) -> str:
    response = client.post(reverse("protocols:import"), {
        "document": SimpleUploadedFile(name, text.encode("utf-8"))})
    assert response.status_code == 302
    return client.get(reverse("protocols:import_review")).content.decode()


def test_the_import_review_shows_the_avg_advice_naming_the_article(leader: Client) -> None:
    page = _review(leader, "protocol.txt", "Protocol sociale media\n\nAfspraken\n\n1. De "
                   "school zet foto's van leerlingen op de website, tenzij ouders daar "
                   "bezwaar tegen maken.\n")

    assert "AVG-check van de tekst" in page
    assert "afspraken.1: Foto&#x27;s: zwijgen is geen toestemming" in page
    assert "Bron: AVG art. 4 lid 11" in page


# -- "Alles bevestigen" on the import's review --------------------------------------------------

def test_confirm_all_sets_every_proposal_and_saving_confirms_them(leader: Client) -> None:
    _review(leader, "tabel.txt", TABLE.read_text(encoding="utf-8"))
    form = leader.get(reverse("protocols:import_review")).context["form"]
    fields = {name: str(field.initial) for name, field in form.fields.items()}
    proposals = [name for name in fields if name.startswith("besluit-")]
    assert len(proposals) > 1

    shown = leader.post(reverse("protocols:import_review"), {**fields, "confirm_all": ""})

    assert shown.status_code == 200 and not Adoption.objects.exists()
    assert "Elk voorstel staat nu op Bevestigen" in shown.content.decode()
    bound = shown.context["form"]
    assert {bound[name].value() for name in proposals} == {"confirm"}
    saved = leader.post(reverse("protocols:import_review"),
                        {**{name: bound[name].value() for name in fields}, "save": ""})
    assert saved.status_code == 302
    protocol = yaml.safe_load(Adoption.objects.get().source_yaml)
    assert protocol["rules"] and not any("proposed" in rule for rule in protocol["rules"])


# -- deleting a concept -----------------------------------------------------------------------

def test_a_concept_is_deleted_after_the_question_and_the_deletion_is_audited(
        leader: Client, willibrord: Personas) -> None:
    adoption = copy_concept(leader, willibrord)
    assert _url("adoption_delete", adoption) in _editor(leader, adoption)[0]

    question = leader.get(_url("adoption_delete", adoption))
    assert question.status_code == 200
    assert "Ja, verwijder dit concept" in question.content.decode()
    assert Adoption.objects.filter(pk=adoption.pk).exists()

    response = leader.post(_url("adoption_delete", adoption))

    assert response.status_code == 302 and response.url == reverse("protocols:adoptions")
    assert not Adoption.objects.filter(pk=adoption.pk).exists()
    event = AuditEvent.objects.get(action="protocol_concept_deleted")
    assert event.detail["adoption"] == adoption.pk


def test_a_submitted_version_is_kept_and_others_cannot_delete_a_concept(
        leader: Client, willibrord: Personas) -> None:
    submitted = copy_concept(leader, willibrord)
    leader.post(_url("adoption_submit", submitted), {"bodies": ["MR"],
                                                     "submitted_on": "2026-09-01"})
    concept = copy_concept(leader, willibrord)
    mr, teacher = Client(), Client()
    sign_in(mr, willibrord.mr_lid.user)
    sign_in(teacher, willibrord.teacher.user)

    refused = leader.post(_url("adoption_delete", submitted))

    assert refused.url == _url("adoption", submitted)
    assert mr.post(_url("adoption_delete", concept)).status_code == 403
    assert teacher.post(_url("adoption_delete", concept)).status_code == 403
    assert Adoption.objects.filter(pk__in=[submitted.pk, concept.pk]).count() == 2
    assert not AuditEvent.objects.filter(action="protocol_concept_deleted").exists()
