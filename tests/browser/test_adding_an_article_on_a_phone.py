"""Issue 17 in a real browser on a phone: the schoolleider of De Wilgenhoek (which follows
Willibrord) copies its protocol, adds "A.13 Kunstmatige intelligentie" after A.12 from the
editor (the number is suggested when the place is chosen), finds it in the editor like the
other articles, and is asked before removing it again. Nothing is wider than the screen.

Screenshots go to $PW_SCREENSHOTS when it is set (for a person to look at; never into the
repository): the phone's, and at the end the same editor at desktop width."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from protocolwijzer.protocols.models import Adoption
from protocolwijzer.schools.models import Person, School
from tests.browser.conftest import (
    DESKTOP,
    fits_the_screen,
    serious_accessibility_violations,
    sign_in_to_demo,
)

pytestmark = pytest.mark.slow

SCHOOL = "basisschool-de-wilgenhoek"
AI_TEXT = ("Medewerkers en leerlingen gebruiken kunstmatige intelligentie alleen met "
           "gegevens die niemand schaden.")


def shot(page, name: str, *, full: bool = False) -> None:
    folder = os.environ.get("PW_SCREENSHOTS")
    if folder:
        width = page.viewport_size["width"]
        page.screenshot(path=f"{folder}/artikelen-{width}-{name}.png", full_page=full)


def test_a_schoolleider_adds_an_article_on_a_phone(phone, live_server, demo):
    page = phone
    school = School.objects.get(slug=SCHOOL)
    leader = Person.objects.get(school=school, role=Person.Role.SCHOOLLEIDING,
                                user__isnull=False)
    sign_in_to_demo(page, live_server.url, leader)
    page.goto(f"{live_server.url}/protocol/versies/")
    page.get_by_role("button", name="Kopieer en pas aan").click()
    page.wait_for_url("**/bewerken/")

    page.get_by_role("link", name="Artikel toevoegen").click()
    form = page.locator("#artikel-toevoegen")
    expect(form).to_be_in_viewport()
    form.get_by_label("Waar komt het?").select_option("after:A.12")
    expect(form.get_by_label("Artikelnummer")).to_have_value("A.13")  # the first free one
    form.get_by_label("Titel").fill("Kunstmatige intelligentie")
    form.get_by_label("Tekst, zoals die geldt").fill(AI_TEXT)
    form.get_by_label("In gewone woorden (B1)").fill("Gebruik AI zorgvuldig.")
    assert fits_the_screen(page)
    shot(page, "1-artikel-toevoegen")
    form.get_by_role("button", name="Voeg het artikel toe").click()
    page.wait_for_load_state()

    assert "Artikel A.13 is toegevoegd" in page.locator("main").inner_text()
    article = page.locator('[id="artikel-A.13"]')
    expect(article.get_by_label("Titel")).to_have_value("Kunstmatige intelligentie")
    expect(article.get_by_label("Tekst, zoals die geldt")).to_have_value(AI_TEXT)
    remove = article.get_by_role("link", name="Artikel A.13 verwijderen")
    remove.scroll_into_view_if_needed()
    expect(remove).to_be_in_viewport()
    assert fits_the_screen(page)
    shot(page, "2-toegevoegd")
    assert serious_accessibility_violations(page) == []
    adoption = Adoption.objects.get(school=school, status=Adoption.Status.CONCEPT)
    assert "      - id: A.13\n" in adoption.source_yaml

    remove.click()
    page.wait_for_load_state()
    assert "Wil je dit artikel uit het concept halen?" in page.locator("main").inner_text()
    assert fits_the_screen(page)
    shot(page, "3-verwijderen-vraag")
    page.get_by_role("button", name="Ja, verwijder artikel A.13").click()
    page.wait_for_load_state()
    assert "Artikel A.13 is uit het concept gehaald" in page.locator("main").inner_text()
    assert page.locator('[id="artikel-A.13"]').count() == 0

    # The same editor at desktop width, for the person looking at the screenshots.
    if os.environ.get("PW_SCREENSHOTS"):
        editor = page.url.split("#")[0]
        context = page.context.browser.new_context(locale="nl-NL", **DESKTOP)
        context.add_cookies(page.context.cookies())  # the same session (a code counts once)
        desktop = context.new_page()
        desktop.goto(editor)
        desktop.locator('[id="artikel-A.12"]').scroll_into_view_if_needed()
        expect(desktop.locator('[id="artikel-A.12"] h2')).to_be_in_viewport()
        desktop.wait_for_timeout(500)
        shot(desktop, "4-editor-artikel")
        desktop.get_by_role("link", name="Artikel toevoegen").click()
        expect(desktop.locator("#add-heading")).to_be_in_viewport()
        desktop.wait_for_timeout(500)
        shot(desktop, "5-artikel-toevoegen")
        desktop.goto(editor.replace("bewerken/", "artikel-verwijderen/") + "?artikel=A.6")
        shot(desktop, "6-verwijderen-geweigerd")
        context.close()
