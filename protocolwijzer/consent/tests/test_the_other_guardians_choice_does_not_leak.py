"""Two guardians of one child who disagree: each sees their own choice and, where the
school cannot publish, only that not everyone who decides said yes, never whose choice
(issue 10, point 12). The same holds for a guardian's data download."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client

from protocolwijzer.accounts.models import User
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.guardian import do_make_guardian_link
from protocolwijzer.consent.models import ConsentSettings, Purpose
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import PASSWORD, make_personas, sign_in

NOT_EVERYONE = ("Niet iedereen die hierover beslist heeft ja gezegd. De school gebruikt "
                "de foto's dan niet.")


@pytest.fixture
def p(db):
    personas = make_personas()
    do_set_up_consent(personas.school)
    personas.father = Person.objects.create(
        school=personas.school, first_name="Joost", last_name="Bakker",
        role=Person.Role.OUDER, user=User.objects.create_user(
            "joost.bakker@de-maas.example", PASSWORD, name="Joost Bakker"))
    personas.father.children.add(personas.student)
    social = Purpose.objects.get(school=personas.school, code="sociale-media")
    # The mother (persona "parent") says yes, the father says no.
    do_record_decision(personas.student, social, "given", decided_by=personas.parent,
                       how="guardian_page")
    do_record_decision(personas.student, social, "refused", decided_by=personas.father,
                       how="guardian_page")
    personas.social = social
    return personas


def guardian_page(guardian) -> str:
    _link, token = do_make_guardian_link(guardian, None)
    browser = Client()
    browser.get(f"/toestemming/ouder/{token}/")
    body = html.unescape(browser.get("/toestemming/ouder/").content.decode())
    return body[body.index("<main"):body.index("</main>")]


def status_of(page: str, purpose: Purpose) -> str:
    fieldset = page[page.index(f"<legend>{purpose.name}</legend>"):]
    return fieldset[:fieldset.index("</fieldset>")]


def test_the_guardian_who_said_yes_sees_only_that_not_everyone_said_yes(p):
    page = guardian_page(p.parent)
    shown = status_of(page, p.social)
    assert "U heeft ja gekozen." in shown and NOT_EVERYONE in shown
    assert 'value="given" checked' in shown and 'value="refused" checked' not in shown
    assert "Nu: nee" not in page  # the combined state that gave the other's choice away
    assert p.father.first_name not in page


def test_the_guardian_who_said_no_sees_their_own_no(p):
    page = guardian_page(p.father)
    shown = status_of(page, p.social)
    assert "U heeft nee gekozen. De school gebruikt de foto's niet." in shown
    assert p.parent.first_name not in page


def test_a_guardian_who_has_not_chosen_does_not_see_the_other_guardians_choice(p):
    grandmother = Person.objects.create(school=p.school, first_name="Ria", last_name="Bakker",
                                        role=Person.Role.OUDER)
    grandmother.children.add(p.student)
    shown = status_of(guardian_page(grandmother), p.social)
    assert ("U heeft nog niet gekozen. De school gebruikt de foto's pas als iedereen die "
            "hierover beslist ja heeft gezegd.") in shown
    assert "checked" not in shown


def test_under_the_latest_wins_rule_a_later_yes_is_explained_without_a_name(p):
    ConsentSettings.objects.filter(school=p.school).update(
        disagreement=ConsentSettings.Disagreement.LATEST_WINS)
    do_record_decision(p.student, p.social, "given", decided_by=p.parent,
                       how="guardian_page")
    shown = status_of(guardian_page(p.father), p.social)
    assert "U heeft nee gekozen. Op deze school telt de laatste keuze" in shown
    assert p.parent.first_name not in shown


def test_a_guardians_data_download_holds_only_their_own_decisions(client, p):
    sign_in(client, p.parent.user)
    response = client.get("/toestemming/mijn-gegevens/")
    body = response.content.decode()
    data = json.loads(body)
    child = data["students"][0]
    assert [(d["choice"], d["decided_by"]) for d in child["decisions"]] == [
        ("given", p.parent.full_name)]
    current = next(x["current"] for x in child["purposes"] if x["code"] == "sociale-media")
    assert current == {"your_choice": "given", "may_appear": False,
                       "explanation": "U heeft ja gekozen. " + NOT_EVERYONE}
    assert "Joost" not in body and "disagree" not in body


def test_the_other_guardian_downloads_their_own_no_only(client, p):
    sign_in(client, p.father.user)
    data = json.loads(client.get("/toestemming/mijn-gegevens/").content)
    assert [d["choice"] for d in data["students"][0]["decisions"]] == ["refused"]
    assert "Petra" not in json.dumps(data)


@pytest.mark.parametrize("silence", [Purpose.Silence.MEANS_NO, Purpose.Silence.MEANS_YES])
def test_a_guardian_who_has_not_chosen_reads_the_same_whatever_the_other_chose(p, silence):
    # What the page says to a guardian without a choice of their own may depend on the
    # school's rule for silence, never on whether the other guardian said yes, no or
    # nothing: only "the school cannot publish" may show, and that without whose choice.
    Purpose.objects.filter(pk=p.social.pk).update(silence=silence)
    p.social.refresh_from_db()
    seen = {}
    for other in ("given", "refused", None):
        student = Person.objects.create(school=p.school, first_name="Kind", last_name=other
                                        or "geen", role=Person.Role.LEERLING, group=p.group_1a)
        silent, other_guardian = (
            Person.objects.create(school=p.school, first_name=name, last_name="Ouder",
                                  role=Person.Role.OUDER) for name in ("Stil", "Ander"))
        silent.children.add(student)
        other_guardian.children.add(student)
        if other:
            do_record_decision(student, p.social, other, decided_by=other_guardian,
                               how="guardian_page")
        seen[other] = status_of(guardian_page(silent), p.social)
    seen = {other: re.sub(r'name="c\d+-p\d+"', "", shown) for other, shown in seen.items()}
    texts = set(seen.values())
    if silence == Purpose.Silence.MEANS_NO:
        assert len(texts) == 1, texts
    else:
        # With "no answer means yes", a no of the other is the one thing that may show:
        # the school cannot publish because not everyone said yes.
        assert seen["given"] == seen[None]
        assert NOT_EVERYONE.split(".")[0] in seen["refused"]
