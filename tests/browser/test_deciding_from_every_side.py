"""Decisions from every side (issue 14), clicked through on a phone and a desktop with the
demo school: a pupil of 16 decides on their own page and their parent reads that the pupil
decides; a paper form with its scan shows "vastgelegd door ... namens ..." in the history;
the import preview flags a pupil who is already there and "merge" makes no duplicate; a
role change to schoolleiding asks for the code again; the audit log says it all in words.

Set PW_SCREENSHOT_DIR to keep a screenshot of every page for a person to look at."""

from __future__ import annotations

import datetime
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from django_otp.oath import totp

from protocolwijzer.consent.guardian import do_make_guardian_link
from protocolwijzer.consent.models import Decision, PaperForm
from protocolwijzer.schools.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX
from protocolwijzer.schools.models import Person
from tests.browser.conftest import PHONE, fits_the_screen, serious_accessibility_violations
from tests.browser.test_readme_walkthrough import schoolleider_email, sign_in

pytestmark = pytest.mark.slow

SCHOOL = "praktijkschool-de-maas"
GROUP = "Klas 1A"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def shot(page: Any, name: str) -> None:
    folder = os.environ.get("PW_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=f"{folder}/{name}-{page.viewport_size['width']}.png",
                        full_page=True)


def checked_page(page: Any, name: str) -> None:
    """Every page: no serious accessibility problem, nothing wider than the screen."""
    assert serious_accessibility_violations(page) == []
    assert fits_the_screen(page), name
    shot(page, name)


def students() -> list[Person]:
    return list(Person.objects.filter(school__slug=SCHOOL, group__name=GROUP,
                                      role=Person.Role.LEERLING)
                .select_related("user").order_by("last_name", "first_name"))


def turns(student: Person, years: int) -> None:
    today = timezone.localdate()
    born = today.replace(year=today.year - years) - datetime.timedelta(days=40)
    Person.objects.filter(pk=student.pk).update(date_of_birth=born)


def short(person: Person) -> str:
    return f"{person.first_name} {person.last_name[0]}."


def sign_in_as_pupil(page: Any, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/inloggen" not in page.url


def next_code() -> str:
    """A code the demo authenticator shows within the next half minute: signing in used
    the current one, and a code works once."""
    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX), t0=-30):06d}"


def test_a_pupil_of_16_decides_on_their_own_page_and_their_parent_sees_it(
        browser, phone, live_server, demo):
    pupil = students()[0]
    turns(pupil, 17)
    parent = pupil.guardians.order_by("last_name", "first_name").first()
    base = live_server.url

    # The pupil, signed in on their phone: sign-in lands on the start page, whose tile
    # (and the menu's "Foto's van mij") opens their own page.
    sign_in_as_pupil(phone, base, pupil.user.email)
    phone.get_by_role("link", name="Foto's van jou: wie beslist", exact=True).click()
    phone.wait_for_url("**/toestemming/mijn-keuze/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Foto's en video's van jou"
    assert phone.get_by_text("je bent 16 jaar of ouder").is_visible()
    phone.get_by_role("group", name="Schoolwebsite").get_by_label("ja", exact=True).check()
    phone.get_by_role("group", name="Sociale media van de school").get_by_label(
        "nee", exact=True).check()
    checked_page(phone, "pupil-own-page")
    phone.get_by_role("button", name="Keuze opslaan").click()
    assert phone.get_by_text("Dank je. Je keuze is opgeslagen.").is_visible()
    assert phone.get_by_text("Je koos ja. De school mag foto's van jou gebruiken.").is_visible()
    checked_page(phone, "pupil-saved")
    assert set(Decision.objects.filter(student=pupil).values_list(
        "purpose__code", "choice", "how", "decided_by")) == {
        ("schoolwebsite", "given", "student", pupil.pk),
        ("sociale-media", "refused", "student", pupil.pk)}

    # The parent, with their own link on their own phone: the pupil decides.
    _link, token = do_make_guardian_link(parent, None)
    context = browser.new_context(locale="nl-NL", **PHONE)
    parents_phone = context.new_page()
    parents_phone.goto(f"{base}/toestemming/ouder/{token}/")
    child = parents_phone.locator(f"section[data-child='{pupil.pk}']")
    assert child.get_by_text("beslist zelf").is_visible()
    assert child.get_by_text(f"{pupil.first_name} kiest op een eigen pagina").is_visible()
    assert child.locator("input[type=radio]").count() == 0
    if all(c.date_of_birth for c in parent.children.all()):
        assert parents_phone.get_by_role("button", name="Keuze opslaan").count() == 0
    checked_page(parents_phone, "parent-of-a-pupil-of-16")
    context.close()

    # The schoolleider reads the history and the log.
    leader = Person.objects.get(school__slug=SCHOOL, role=Person.Role.SCHOOLLEIDING)
    phone.context.clear_cookies()
    sign_in(phone, base, schoolleider_email(SCHOOL))
    phone.goto(f"{base}/toestemming/leerlingen/{pupil.pk}/")
    assert phone.get_by_text(f"door de leerling ({pupil.full_name})").first.is_visible()
    checked_page(phone, "history-pupil-decided")
    phone.goto(f"{base}/beheer-log/")
    phone.get_by_label("Soort").select_option(label="alles bij: Toestemming")
    phone.get_by_role("button", name="Toon").click()
    log = phone.locator(".audit-lines")
    assert log.get_by_text(f"{short(pupil)} gaf zelf toestemming voor Schoolwebsite").is_visible()
    assert log.get_by_text(
        f"{short(pupil)} gaf zelf geen toestemming voor Sociale media van de school"
    ).is_visible()
    assert log.get_by_text(f"Ouder van {short(pupil)} opende de eigen link").is_visible()
    checked_page(phone, "audit-log-consent")
    assert leader.user.email not in phone.locator(".audit-lines").inner_text()


def record_a_paper_form_with_its_scan(page: Any, base: str, tmp_path: Path) -> None:
    pupil = students()[1]
    guardian = pupil.guardians.order_by("last_name", "first_name").first()
    leader = Person.objects.get(school__slug=SCHOOL, role=Person.Role.SCHOOLLEIDING)
    scan = tmp_path / "formulier.pdf"
    scan.write_bytes(PDF)
    sign_in(page, base, schoolleider_email(SCHOOL))

    page.goto(f"{base}/toestemming/leerlingen/{pupil.pk}/")
    page.get_by_role("link", name="Papieren formulier vastleggen").click()
    page.wait_for_url("**/papieren-formulier/")
    page.get_by_label("Ondertekend door").select_option(label=guardian.full_name)
    page.get_by_label("Datum op het formulier").fill(timezone.localdate().isoformat())
    page.get_by_role("group", name="Schoolwebsite").get_by_label("ja", exact=True).check()
    page.get_by_label("Scan of foto van het formulier").set_input_files(str(scan))
    checked_page(page, "paper-form-with-scan")
    page.get_by_role("button", name="Papieren formulier opslaan").click()

    page.wait_for_url(f"**/toestemming/leerlingen/{pupil.pk}/")
    line = page.locator(".consent-history li").first
    assert (f"vastgelegd door {leader.full_name} namens {guardian.full_name}"
            in line.inner_text())
    checked_page(page, "history-paper-form")
    with page.expect_download() as download:
        line.get_by_role("link", name="scan downloaden").click()
    assert Path(download.value.path()).read_bytes() == PDF
    assert download.value.suggested_filename.startswith("formulier-")
    assert PaperForm.objects.get(student=pupil).scan


def test_a_paper_form_with_its_scan_on_a_phone(phone, live_server, demo, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "private")
    record_a_paper_form_with_its_scan(phone, live_server.url, tmp_path)


def import_a_pupil_already_there(page: Any, base: str, tmp_path: Path) -> None:
    pupil = students()[2]
    turns(pupil, 12)
    pupil.refresh_from_db()
    born = pupil.date_of_birth.strftime("%d-%m-%Y")
    export = tmp_path / "export.csv"
    export.write_text(
        "Leerlingnummer;Roepnaam;Voorvoegsel;Achternaam;Geboortedatum;Groep\r\n"
        f"9001;{pupil.first_name};{pupil.tussenvoegsel};{pupil.last_name};{born};{GROUP}\r\n",
        encoding="utf-8-sig")
    sign_in(page, base, schoolleider_email(SCHOOL))

    page.goto(f"{base}/school/")
    page.get_by_role("link", name=re.compile("Leerlingen, klassen en ouders importeren|"
                                             "importeren")).first.click()
    page.get_by_label("Leerlingadministratie").select_option("parnassys")
    page.get_by_label("Exportbestand").set_input_files(str(export))
    page.get_by_role("button", name="Uploaden en kolommen kiezen").click()
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_url("**/import/controle/")
    assert page.get_by_text("1 leerling staat er misschien al in").is_visible()
    checked_page(page, "import-preview-duplicate")

    # Confirming without a choice is refused, with the reason.
    page.get_by_role("button", name="Import bevestigen").click()
    assert page.get_by_text("Kies bij elk van hen").is_visible()
    page.get_by_label(f"Dezelfde leerling als {pupil.full_name}: samenvoegen").check()
    page.get_by_role("button", name="Import bevestigen").click()
    assert page.get_by_text("1 leerling stond er al in en is samengevoegd").is_visible()
    same = Person.objects.filter(school__slug=SCHOOL, first_name=pupil.first_name,
                                 last_name=pupil.last_name,
                                 date_of_birth=pupil.date_of_birth)
    assert [(p.pk, p.student_number) for p in same] == [(pupil.pk, "9001")]

    page.goto(f"{base}/beheer-log/")
    page.get_by_label("Persoon").fill(pupil.last_name)
    page.get_by_role("button", name="Toon").click()
    checked_page(page, "audit-log-by-name")


def test_the_import_preview_flags_a_pupil_already_there_on_a_desktop(page, live_server, demo,
                                                                     tmp_path):
    import_a_pupil_already_there(page, live_server.url, tmp_path)


def test_the_import_preview_flags_a_pupil_already_there_on_a_phone(phone, live_server, demo,
                                                                   tmp_path):
    import_a_pupil_already_there(phone, live_server.url, tmp_path)


def test_making_a_pupil_schoolleiding_asks_for_the_code_again(phone, live_server, demo):
    pupil = students()[3]
    base = live_server.url
    sign_in(phone, base, schoolleider_email(SCHOOL))

    phone.goto(f"{base}/school/personen/{pupil.pk}/")
    phone.get_by_label("Rol").select_option(label="schoolleiding")
    phone.get_by_role("button", name="Rol wijzigen").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Bevestig de nieuwe rol"
    assert phone.get_by_text(f"Let op: {pupil.full_name} is nu leerling.").is_visible()
    checked_page(phone, "role-confirm")
    phone.get_by_role("button", name="Ja, wijzig de rol in schoolleiding").click()
    assert phone.get_by_text("Vul de code uit je authenticator-app in").is_visible()
    assert Person.objects.get(pk=pupil.pk).role == Person.Role.LEERLING

    time.sleep(0.1)
    phone.get_by_label("Code uit je authenticator-app").fill(next_code())
    phone.get_by_role("button", name="Ja, wijzig de rol in schoolleiding").click()
    assert phone.get_by_text(f"{pupil.full_name} is nu: schoolleiding.").is_visible()
    assert Person.objects.get(pk=pupil.pk).role == Person.Role.SCHOOLLEIDING
