"""Must-show 1 of issue 15, clicked through: a parent reports on her phone a TikTok video
a pupil posted of her son's class, with a screenshot; the mentor triages it on a desktop
to a violation of Roermond A.5; the pupil's measures are exactly those sancties.B.1 names
(waarschuwing, schorsing, verwijdering van school); the chosen waarschuwing is in the
leerlingendossier export, a PDF rendered to images and read back; the dossier page reads
on a phone.

Set PW_SCREENSHOTS=/some/dir to keep a screenshot of every step and the PDF's pages."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw

from protocolwijzer.incidents.models import Case, DossierEntry
from protocolwijzer.incidents.tests.dossier_world import follow_roermond
from protocolwijzer.media.tests.private_storage import use_private_storage
from protocolwijzer.schools.tests.personas import make_personas
from tests.browser.conftest import SHOTS, fits_the_screen, serious_accessibility_violations, shot
from tests.browser.test_who_may_not_be_in_the_photo import sign_in

pytestmark = pytest.mark.slow

SB1_MEASURES = ["waarschuwing", "schorsing", "verwijdering van school"]
A5_QUOTE = "foto-, film- en geluidsopnamen van schoolgerelateerde situaties"


@pytest.fixture
def private_media(tmp_path: Path, settings: Any) -> Path:
    return use_private_storage(tmp_path, settings)


def tiktok_screenshot(path: Path) -> Path:
    """A phone screenshot of a TikTok video, as a parent would send it."""
    image = Image.new("RGB", (390, 844), (22, 24, 35))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 120, 370, 640), fill=(70, 90, 120))
    draw.text((30, 660), "@noor.v  ·  klas 1A haha", fill=(255, 255, 255))
    draw.text((30, 690), "#school #lol", fill=(200, 200, 200))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def pdf_pages(pdf: Path, folder: Path) -> tuple[list[Path], str]:
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(folder / "page")],
                   check=True)
    pages = sorted(folder.glob("page*.png"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return pages, " ".join(text.split())


def printed_on(png: Path) -> float:
    """The share of the page that is not white (a blank page is 0)."""
    with Image.open(png) as image:
        histogram = image.convert("L").histogram()
    return sum(histogram[:200]) / sum(histogram)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils missing")
def test_a_parents_tiktok_report_ends_as_a_warning_in_the_leerlingendossier(
        page, phone, live_server, transactional_db, private_media, tmp_path):
    p = make_personas()
    follow_roermond(p)
    base = live_server.url
    pupil = p.classmate  # Noor Visser, 1A: she posted the video
    today = timezone.localdate().isoformat()

    # The parent, on her phone: the report with the screenshot.
    sign_in(phone, base, p.parent.user.email)
    phone.get_by_role("link", name="Melden", exact=True).first.click()
    phone.wait_for_url("**/melden/")
    phone.locator("textarea[name=description]").fill(
        "Noor Visser uit 1A heeft een filmpje uit de klas op TikTok gezet, met Sem en "
        "andere kinderen erop. Niemand is iets gevraagd.")
    phone.locator("select[name=platform]").select_option("tiktok")
    phone.locator("input[name=happened_on]").fill(today)
    phone.locator(f"input[name=involved][value='{p.student.pk}']").check()
    phone.locator("input[name=files]").set_input_files(
        str(tiktok_screenshot(tmp_path / "tiktok.png")))
    shot(phone, "incident1-1-parent-report")
    assert fits_the_screen(phone)
    assert serious_accessibility_violations(phone) == []
    phone.locator("form.report-form button[type=submit]").click()
    phone.wait_for_url("**/melden/status/**")
    shot(phone, "incident1-2-parent-status")
    case = Case.objects.get(school=p.school)
    assert case.handler == p.mentor  # Sem is in 1A: its mentor handles it
    assert case.evidence.count() == 1 or case.reports.get().evidence.count() == 1

    # The mentor, on a desktop: link the pupil, triage, see the measures, decide.
    sign_in(page, base, p.mentor.user.email)
    page.goto(f"{base}/meldingen/overzicht/")
    page.locator(f"a[href='/meldingen/{case.pk}/']").first.click()
    page.wait_for_url(f"**/meldingen/{case.pk}/")
    assert page.get_by_text("tiktok.png").first.is_visible()
    page.locator("select[name=person]").select_option(str(pupil.pk))
    page.locator("input[name=part][value=subject]").check()
    page.locator(f"form[action='/meldingen/{case.pk}/koppelen/'] button").click()
    page.wait_for_url(f"**/meldingen/{case.pk}/**")

    page.goto(f"{base}/meldingen/{case.pk}/triage/")
    page.locator("input[name=actor_role][value=student]").check()
    page.locator("input[name=action][value=publish]").check()
    page.locator("input[name=context][value=off_duty]").check()
    page.locator("input[name=school_related][value=yes]").check()
    page.locator("select[name=channel]").select_option("tiktok")
    page.locator("select[name=account]").select_option("personal")
    page.locator("select[name=media_kind]").select_option("video")
    page.locator("input[name=media_people]").fill("4")
    page.locator("input[name=media_students]").check()
    page.locator("select[name=media_consent]").select_option("unknown")
    shot(page, "incident1-3-mentor-triage")
    page.locator("form.triage-form button[type=submit]").click()
    page.wait_for_url(f"**/meldingen/{case.pk}/**")
    case.refresh_from_db()
    assert case.protocol_id == "praktijkonderwijs-roermond-2015"
    assert "A.5" in case.articles

    block = page.locator(f"#maatregel-{pupil.pk}")
    block.scroll_into_view_if_needed()
    shot(page, "incident1-4-mentor-measures")
    assert block.locator(".measure-options .ladder__name").all_inner_texts() == SB1_MEASURES
    assert set(block.locator(".measure-options .finding__article").all_inner_texts()) == {
        "sancties.B.1"}
    # The form offers the same three, and nothing else (its fields carry the pupil's id).
    prefix = f"m{pupil.pk}-"
    assert block.locator(f"input[name='{prefix}measure']").evaluate_all(
        "els => els.map(e => e.value)") == SB1_MEASURES
    block.locator(f"input[name='{prefix}measure'][value=waarschuwing]").check()
    block.locator(f"input[name='{prefix}decided_on']").fill(today)
    block.locator(f"textarea[name='{prefix}reason']").fill(
        "Eerste keer; Noor heeft het filmpje zelf verwijderd en sorry gezegd.")
    block.locator("button[type=submit]").click()
    page.wait_for_url(f"**/meldingen/{case.pk}/**")
    entry = DossierEntry.objects.get(person=pupil)
    assert entry.file == "leerlingendossier" and entry.measure.measure == "waarschuwing"

    # The leerlingendossier, reached from the people on the case page: the page and its
    # PDF, looked at as images.
    page.locator("#mensen").get_by_role("link", name="Dossier van Noor Visser").click()
    page.wait_for_url(f"**/dossier/{pupil.pk}/")
    assert page.get_by_role("heading", name="Leerlingendossier van Noor Visser").is_visible()
    shot(page, "incident1-5-dossier-page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als pdf").click()
    pdf = tmp_path / "dossier.pdf"
    download_info.value.save_as(pdf)
    pages, text = pdf_pages(pdf, tmp_path)
    if SHOTS:
        for number, png in enumerate(pages, start=1):
            shutil.copy(png, Path(SHOTS) / f"incident1-6-pdf-page{number}.png")
    assert len(pages) == 1 and printed_on(pages[0]) > 0.02
    assert "Leerlingendossier van Noor Visser" in text
    assert "waarschuwing" in text and "Mirjam Mentor" in text
    assert "A.5" in text and A5_QUOTE in text and "sancties.B.1" in text
    assert "Noor heeft het filmpje zelf verwijderd" in text

    # The same page on the mentor's phone.
    sign_in(phone, base, p.mentor.user.email)
    phone.goto(f"{base}/dossier/{pupil.pk}/")
    shot(phone, "incident1-7-dossier-phone")
    assert phone.get_by_text("waarschuwing").first.is_visible()
    assert fits_the_screen(phone)
    assert serious_accessibility_violations(phone) == []
