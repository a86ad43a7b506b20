"""Issue 13 in a real browser, on a desktop and on a phone: a teacher of the demo school
opens the checker from the menu, uploads a group photo (synthetic: faces from the core's
labelled face set, no real children), sees the faces boxed and numbered, tags them from the
class list (typing a name and Enter on the desktop, tapping a face and a name on the
phone), gets "Niet toegestaan" citing A.5 for two pupils whose parents said no for the
school's social media, presses "Vervaag 2 gezichten", gets "Toegestaan" for the blurred
version and downloads it: a metadata reader finds no EXIF, GPS or XMP, and the two faces
are coarse blocks.

Screenshots of every step go to $PW_SCREENSHOT_DIR when it is set (for a person to look
at; never into the repository)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from protocolwijzer.checks.tests.photos import (
    class_with_consent,
    deviation_from_blocks,
    make_group_photo,
)
from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.schools.demo import DEMO_PASSWORD
from protocolwijzer.schools.models import Group, Person
from tests.browser.conftest import fits_the_screen, menu, serious_accessibility_violations

pytestmark = pytest.mark.slow

SCHOOL = "praktijkschool-de-maas"  # follows Roermond: A.5 needs explicit consent
GROUP = "Klas 1A"


def shot(page, name: str) -> None:
    folder = os.environ.get("PW_SCREENSHOT_DIR")
    if folder:
        width = page.viewport_size["width"]
        page.screenshot(path=f"{folder}/foto-{width}-{name}.png", full_page=True)


def teacher_of(group: Group) -> Person:
    return (Person.objects.filter(teaches=group, role=Person.Role.MEDEWERKER,
                                  user__isnull=False).select_related("user")
            .order_by("last_name").first())


def metadata_of(path: Path) -> dict[str, object]:
    """Every tag a metadata reader finds (exiftool, Debian's libimage-exiftool-perl)."""
    exiftool = shutil.which("exiftool")
    if exiftool is None:
        pytest.fail("exiftool is missing: scripts/test installs libimage-exiftool-perl.")
    out = subprocess.run([exiftool, "-json", "-a", "-G1", str(path)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)[0]


def walk(page, base_url: str, tmp_path: Path, *, phone: bool) -> None:
    group = Group.objects.get(school__slug=SCHOOL, name=GROUP)
    no, yes = class_with_consent(group, refused=2, given=3)
    teacher = teacher_of(group)
    photo = make_group_photo(seed=2, faces=5)
    upload = tmp_path / "klassenfoto.jpg"
    upload.write_bytes(photo.jpeg)

    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("E-mailadres").fill(teacher.user.email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    # From the menu, never a typed address.
    menu(page, "Check")
    page.wait_for_url("**/check/")

    page.get_by_label("Iets plaatsen of posten").check()
    page.get_by_label("Op het werk, buiten de lessen").check()
    page.locator("input[name=school_related][value=yes]").check()
    page.get_by_label("Waar?").select_option("instagram")
    page.get_by_label("Het account van de school").check()
    page.locator("input[name=foto-0-photo]").set_input_files(str(upload))
    shot(page, "1-formulier")
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_load_state()

    # The faces, boxed and numbered over the photo.
    boxes = page.locator("[data-faces] [data-face]")
    assert boxes.count() == 5
    item = MediaItem.objects.get()
    assert fits_the_screen(page)
    page.locator("#foto-1").scroll_into_view_if_needed()
    shot(page, "2-gezichten")
    assert serious_accessibility_violations(page) == []

    # Who is who, from the class list: faces 1 and 2 said no, 3 to 5 yes.
    pupils = {1: no[0], 2: no[1], 3: yes[0], 4: yes[1], 5: yes[2]}
    names = page.locator("[data-names] button")
    assert names.filter(has_text=no[0].full_name).count() == 1
    if phone:
        for number, pupil in pupils.items():
            page.locator(f'[data-faces] [data-face="{number}"] .face__box').tap()
            names.filter(has_text=pupil.full_name).tap()
    else:
        page.locator('[data-faces] [data-face="1"] .face__box').click()
        search = page.get_by_label("Wie is het? Typ een naam")
        for number, pupil in pupils.items():
            # The next untagged face is picked by itself; a number key picks one too.
            search.press(str(number))
            search.fill(pupil.first_name)
            search.press("Enter")
    for number, pupil in pupils.items():
        assert page.locator(f"select[name=foto-0-face_{number}]").input_value() == \
            f"s{pupil.pk}"
    shot(page, "3-getagd")
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_load_state()
    shot(page, "3b-na-controle")

    verdict = page.locator("#uitslag")
    assert "Niet toegestaan" in verdict.locator("h2").inner_text()
    assert "A.5" in verdict.inner_text()
    for pupil in no:
        assert verdict.get_by_text(pupil.full_name).is_visible()
    fix = verdict.get_by_role("button", name="Vervaag 2 gezichten")
    assert fix.is_visible()
    assert fits_the_screen(page)
    shot(page, "4-niet-toegestaan")
    assert serious_accessibility_violations(page) == []

    fix.click()
    page.wait_for_load_state()
    verdict = page.locator("#uitslag")
    assert "Toegestaan" in verdict.locator("h2").inner_text()
    assert "vervaagde versie" in verdict.inner_text()
    item.refresh_from_db()
    assert item.status == MediaItem.Status.DONE
    assert fits_the_screen(page)
    shot(page, "5-toegestaan")
    assert serious_accessibility_violations(page) == []

    with page.expect_download() as download_info:
        verdict.get_by_role("link", name="Vervaagde versie downloaden").click()
    saved = tmp_path / "vervaagd.jpg"
    download_info.value.save_as(saved)

    tags = metadata_of(saved)
    groups = {key.split(":", 1)[0] for key in tags if ":" in key}
    assert not groups & {"EXIF", "IFD0", "ExifIFD", "GPS", "XMP", "XMP-dc", "IPTC",
                         "ICC_Profile", "MakerNotes"}, tags
    assert not any("GPS" in key or "XMP" in key for key in tags), tags
    blurred = Image.open(saved)
    original = Image.open(upload)
    for face in MediaFace.objects.filter(item=item).order_by("number"):
        if face.number in (1, 2):
            assert deviation_from_blocks(blurred, face.box) < 3
            assert deviation_from_blocks(original, face.box) > 8


def test_a_teacher_blurs_two_pupils_on_a_class_photo_on_a_desktop(
        page, live_server, demo, tmp_path):
    walk(page, live_server.url, tmp_path, phone=False)


def test_a_teacher_blurs_two_pupils_on_a_class_photo_on_a_phone(
        phone, live_server, demo, tmp_path):
    walk(phone, live_server.url, tmp_path, phone=True)
