"""The loop no school app closes (issue 14), on a phone: a mentor checks a post for the
school's Instagram, publishes it and logs it with the pupil on it; the parent withdraws
consent for social media on their page and reads that the school takes down what it
published; communicatie finds the take-down task for that publication and that child
from the menu, marks it done; the audit log says so in words. An accessibility scan of
every page on the way; each page fits the phone's width."""

from __future__ import annotations

import os

import pytest
from django.utils import timezone

from protocolwijzer.audit.wording import short_name
from protocolwijzer.consent.actions import do_record_decision
from protocolwijzer.consent.guardian import do_make_guardian_link
from protocolwijzer.consent.models import Purpose
from protocolwijzer.publications.models import Publication, TakedownTask
from protocolwijzer.schools.models import Person
from tests.browser.conftest import (
    fits_the_screen,
    menu,
    serious_accessibility_violations,
    sign_in_to_demo,
    sign_out,
)

pytestmark = pytest.mark.slow

SCHOOL = "basisschool-de-wilgenhoek"  # follows Willibrord: social media only with a yes
GROUP = "Groep 7"
WHAT = "Foto's van de sportdag"


def looked_at(page, name: str) -> None:
    """The page must pass the scan and fit; a screenshot for a person to look at."""
    assert serious_accessibility_violations(page) == [], page.url
    assert fits_the_screen(page), page.url
    if os.environ.get("PW_SCREENSHOT_DIR"):
        width = page.viewport_size["width"]
        page.screenshot(path=f"{os.environ['PW_SCREENSHOT_DIR']}/takedown-{width}-{name}.png",
                        full_page=True)


def test_a_parent_withdraws_instagram_and_communicatie_takes_the_post_down_on_a_phone(
        phone, live_server, demo):
    the_loop(phone, live_server.url)


def test_the_same_on_a_desktop(page, live_server, demo):
    the_loop(page, live_server.url)


def the_loop(phone, base: str) -> None:
    school = Person.objects.filter(school__slug=SCHOOL).first().school
    child = (Person.objects.filter(school=school, group__name=GROUP, role="leerling")
             .order_by("last_name", "first_name").first())
    parent = child.guardians.get()
    mentor = Person.objects.get(school=school, role="mentor", group__name=GROUP)
    communicatie = Person.objects.get(school=school, role="communicatie")
    leader = Person.objects.get(school=school, role="schoolleiding")
    social = Purpose.objects.get(school=school, code="sociale-media")
    do_record_decision(child, social, "given", decided_by=parent, how="guardian_page")

    # The mentor checks the post for the school's Instagram: allowed.
    sign_in_to_demo(phone, base, mentor)
    menu(phone, "Check")
    phone.get_by_label("Iets plaatsen of posten").check()
    phone.get_by_label("Op het werk, buiten de lessen").check()
    phone.locator("input[name=school_related][value=yes]").check()
    phone.get_by_label("Waar?").select_option("instagram")
    phone.get_by_label("Het account van de school").check()
    phone.locator("input[name=foto-0-students_given]").fill("1")
    phone.get_by_role("button", name="Check", exact=True).click()
    phone.wait_for_load_state()
    assert "Toegestaan" in phone.locator("#uitslag h2").inner_text()
    looked_at(phone, "1-check-allowed")

    # "Ik heb het gepubliceerd": the form knows the check, the channel and the class.
    phone.get_by_role("link", name="Ik heb het gepubliceerd").click()
    phone.wait_for_url("**/publicaties/nieuw/**")
    assert phone.get_by_text("Na je controle van").is_visible()
    assert phone.get_by_label("Klas").input_value() == str(child.group_id)
    phone.get_by_label("Wat heb je gepubliceerd?").fill(WHAT)
    phone.get_by_label("Link").fill("https://www.instagram.com/p/sportdag-groep-7/")
    phone.get_by_label(child.full_name).check()
    looked_at(phone, "2-log-form")
    phone.get_by_role("button", name="Opslaan in het logboek").click()
    phone.wait_for_url("**/publicaties/*/")
    assert phone.get_by_text("De publicatie staat in het logboek.").is_visible()
    # The demo's school year holds publications of its own (issue 16): find this one.
    publication = Publication.objects.get(description=WHAT)
    assert list(publication.students.all()) == [child]
    assert publication.check_record is not None
    looked_at(phone, "3-publication")
    sign_out(phone)

    # The parent withdraws consent for social media on their phone.
    _link, token = do_make_guardian_link(parent, None)
    phone.goto(f"{base}/toestemming/ouder/{token}/")
    phone.locator(f"section[data-child='{child.pk}']").get_by_role(
        "group", name=social.name).locator("input[value=refused]").check()
    phone.locator("form.guardian-form button[type=submit]").click()
    phone.wait_for_url("**opgeslagen=1")
    summary = phone.locator(".takedown-summary")
    assert "De school haalt het uiterlijk" in summary.inner_text()
    assert WHAT not in phone.locator("main").inner_text()  # not what, not where
    assert "instagram" not in summary.inner_text().lower()
    looked_at(phone, "4-parent-withdrew")
    task = TakedownTask.objects.get(publication=publication)
    assert (task.publication, task.student, task.status) == (publication, child, "open")

    # Communicatie finds the task from the menu, for that publication and that child.
    sign_in_to_demo(phone, base, communicatie)
    menu(phone, "Weghalen")
    card = phone.locator(".takedown").filter(has_text=child.full_name)
    assert WHAT in card.inner_text()
    looked_at(phone, "5-tasks")
    card.get_by_role("link", name=child.full_name).click()
    phone.wait_for_url(f"**/publicaties/weghalen/{task.pk}/")
    assert phone.get_by_role("link", name=publication.link).is_visible()
    looked_at(phone, "6-task")
    phone.get_by_label("Weggehaald: de leerling is er niet meer in te zien").check()
    phone.get_by_role("button", name="Afvinken als gedaan").click()
    phone.wait_for_url("**/publicaties/weghalen/")
    assert phone.get_by_text(f"Gedaan: {child.full_name} is uit").is_visible()
    assert phone.get_by_text("Er hoeft niets weg.").is_visible()
    looked_at(phone, "7-task-done")
    task.refresh_from_db()
    assert (task.status, task.done_by, timezone.localdate(task.done_at)) == (
        "removed", communicatie.user, timezone.localdate())
    menu(phone, "Publicaties")
    assert phone.get_by_role("link", name=WHAT).is_visible()
    looked_at(phone, "7b-publication-log")
    menu(phone, "Mijn school")
    phone.get_by_role("link", name="Meldingen per e-mail: elke keer of één keer per week").click()
    phone.get_by_label("Eén overzicht per week, op maandag").check()
    phone.get_by_role("button", name="Keuze opslaan").click()
    assert phone.get_by_text("Je keuze is opgeslagen.").is_visible()
    looked_at(phone, "7c-mail-preferences")
    sign_out(phone)

    # The audit log says so, in words.
    sign_in_to_demo(phone, base, leader)
    menu(phone, "Weghalen")
    phone.get_by_role("link", name="De termijn van de school voor weghalen, en hoe lang "
                      "het logboek bewaard blijft").click()
    assert phone.get_by_label("Werkdagen om weg te halen wat gepubliceerd is, na een "
                              "intrekking").input_value() == "5"
    looked_at(phone, "8a-terms")
    menu(phone, "Logboek")
    log = phone.locator("main").inner_text()
    assert f"{short_name(communicatie)} haalde {short_name(child)} weg uit een publicatie" in log
    assert f"Toestemming ingetrokken: {short_name(child)} moet uit een publicatie" in log
    assert "takedown_task" not in log
    looked_at(phone, "8b-audit-log")
