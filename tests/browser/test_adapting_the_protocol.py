"""Issue 16 in a real browser, on a desktop and on a phone: the schoolleider of De
Wilgenhoek (which follows Willibrord) copies its protocol from the menu, ticks "ouders" on
A.5's rule so parents are bound too, reads in plain Dutch what that changes, changes A.5's
text to name parents (and the clause it touches, which the editor names), submits it to
the MR, records the MR's instemming with its date and minutes, adopts it and puts it in
force from next week. The MR reads the changed text, marked word by word. A parent's check
of a Facebook photo with a pupil whose consent is unknown is then forbidden for a day on or
after that date, and still allowed for today.

Screenshots of every step go to $PW_SCREENSHOTS when it is set (for a person to look at;
never into the repository)."""

from __future__ import annotations

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from protocolwijzer.protocols.models import Adoption
from protocolwijzer.schools.models import Person, School
from tests.browser.conftest import (
    fits_the_screen,
    menu,
    serious_accessibility_violations,
    sign_in_to_demo,
)

pytestmark = pytest.mark.slow

SCHOOL = "basisschool-de-wilgenhoek"
A5_WITH_PARENTS = ("Het is voor medewerkers, leerlingen en ouders niet toegestaan om foto-, "
                   "film- en geluidsopnamen van schoolgerelateerde situaties op de sociale "
                   "media te zetten tenzij betrokkenen hier uitdrukkelijk toestemming voor "
                   "plaatsing hebben gegeven;")


def shot(page, name: str, *, full: bool = True) -> None:
    folder = os.environ.get("PW_SCREENSHOTS")
    if folder:
        width = page.viewport_size["width"]
        page.screenshot(path=f"{folder}/versies-{width}-{name}.png", full_page=full)


def check_as_parent(page, on: datetime.date) -> str:
    page.locator("input[name=action][value=publish]").check()
    page.locator("input[name=context][value=off_duty]").check()
    page.locator("input[name=school_related][value=yes]").check()
    page.locator("select[name=channel]").select_option("facebook")
    page.locator("input[name=account][value=personal]").check()
    page.locator("input[name=foto-0-students_unknown]").fill("1")
    page.locator("input[name=date]").fill(on.isoformat())
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_load_state()
    return page.locator("#uitslag").inner_text()


def walk(page, base_url: str) -> None:
    school = School.objects.get(slug=SCHOOL)
    old = school.protocol
    leader = Person.objects.get(school=school, role=Person.Role.SCHOOLLEIDING,
                                user__isnull=False)
    parent = (Person.objects.filter(school=school, role=Person.Role.OUDER, user__isnull=False)
              .order_by("pk").first())
    mr_member = (Person.objects.filter(school=school, role=Person.Role.MR_LID,
                                       user__isnull=False).order_by("pk").first())
    today = timezone.localdate()
    in_force = today + datetime.timedelta(days=7)

    sign_in_to_demo(page, base_url, leader)
    menu(page, "Protocolversies")
    assert fits_the_screen(page)
    page.get_by_role("button", name="Kopieer en pas aan").click()
    page.wait_for_url("**/bewerken/")
    shot(page, "1-concept")
    # The AVG check of the copied text: Willibrord's A.8 is opt-out.
    assert "A.8: Foto's: zwijgen is geen toestemming" in page.locator("#avg-advice").inner_text()

    rule = page.locator("fieldset.editor-rule", has=page.locator("legend",
                                                                 has_text="A.5-recordings"))
    rule.scroll_into_view_if_needed()
    rule.get_by_label("ouders").check()
    changes = page.locator("#changes")
    changes.get_by_text("Ouders mogen na deze wijziging").wait_for(timeout=90_000)
    sentence = changes.inner_text()
    assert ("Ouders mogen na deze wijziging foto's of video's niet meer plaatsen op Facebook "
            "of in de klassenapp zonder toestemming van wie erop staat (A.5).") in sentence
    assert fits_the_screen(page)
    rule.scroll_into_view_if_needed()
    shot(page, "2-ouders-aangevinkt", full=False)  # the preview stays in view
    assert serious_accessibility_violations(page) == []

    article = page.locator('[id="artikel-A.5"]')
    article.get_by_label("Tekst, zoals die geldt").fill(A5_WITH_PARENTS)
    # The clause "medewerkers en leerlingen" is no longer in the text: the editor says so.
    problem = article.locator(".editor-article__problems")
    problem.get_by_text("A.5 · clausule who").wait_for(timeout=30_000)
    article.scroll_into_view_if_needed()
    shot(page, "2b-tekst-en-clausule", full=False)
    article.get_by_label("Clausule who").fill("medewerkers, leerlingen en ouders")
    expect(problem).to_have_text("", timeout=30_000)
    page.locator("form.protocol-editor[data-valid=yes]").wait_for(timeout=30_000)
    assert fits_the_screen(page)
    page.get_by_role("button", name="Concept opslaan").click()
    page.wait_for_load_state()
    assert "Het concept is opgeslagen" in page.content()

    page.get_by_role("link", name="Ter instemming voorleggen").first.click()
    page.wait_for_load_state()
    page.locator("input[name=bodies][value=MR]").check()
    # The version's page works out what changes in practice (some 48,000 decisions, a few
    # seconds) unless the editor's preview already did; on the threaded live server that
    # preview may still be running, so this page may take longer than a click's 10 s.
    page.get_by_role("button", name="Voorleggen", exact=True).click(timeout=60_000)
    page.wait_for_load_state(timeout=60_000)
    main = page.locator("main").inner_text()
    assert "Ouders mogen na deze wijziging" in main
    assert "Wat is er in de tekst veranderd?" in main
    assert page.locator(".wording ins", has_text="ouders").count() >= 1
    assert fits_the_screen(page)
    shot(page, "3-voorgelegd")

    page.locator("input[name=outcome][value=given]").check()
    page.locator("input[name=decided_on]").fill(today.isoformat())
    page.get_by_label("Verwijzing naar de notulen").fill("Notulen MR, punt 4")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_load_state()
    assert "Notulen MR, punt 4" in page.locator("main").inner_text()
    page.get_by_role("button", name="Vaststellen", exact=True).click()
    page.wait_for_load_state()
    page.locator("input[name=in_force_from]").fill(in_force.isoformat())
    page.get_by_role("button", name="In werking laten treden").click()
    page.wait_for_load_state()
    assert "in werking vanaf" in page.locator("main").inner_text()
    assert fits_the_screen(page)
    shot(page, "4-in-werking-vanaf")
    assert serious_accessibility_violations(page) == []

    adoption = Adoption.objects.get(school=school, implicit=False)
    assert adoption.in_force_from == in_force and adoption.decisions.get().body == "MR"
    school.refresh_from_db()
    assert school.protocol == old  # next week, not yet today

    # The MR reads exactly the changed text, and what changed in it.
    sign_in_to_demo(page, base_url, mr_member)
    page.goto(f"{base_url}/protocol/versies/{adoption.pk}/")
    assert page.locator(".wording", has_text="A.5").locator("del").first.inner_text()
    page.get_by_text("De hele tekst van deze versie").click()
    assert A5_WITH_PARENTS in page.locator("main").inner_text()
    assert fits_the_screen(page)
    shot(page, "4b-mr-leest")
    assert serious_accessibility_violations(page) == []

    sign_in_to_demo(page, base_url, parent)
    menu(page, "Check")
    verdict = check_as_parent(page, in_force)
    assert "Niet toegestaan" in verdict and "A.5" in verdict
    assert fits_the_screen(page)
    shot(page, "5-ouder-na-de-datum")
    verdict = check_as_parent(page, in_force - datetime.timedelta(days=1))
    assert "Niet toegestaan" not in verdict and "Toegestaan" in verdict
    shot(page, "6-ouder-voor-de-datum")


def test_a_schoolleider_binds_parents_and_the_checker_follows_from_the_date_desktop(
        page, live_server, demo):
    walk(page, live_server.url)


def test_a_schoolleider_binds_parents_and_the_checker_follows_from_the_date_phone(
        phone, live_server, demo):
    walk(phone, live_server.url)
