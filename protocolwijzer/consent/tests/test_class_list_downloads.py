"""A teacher prints the class list (PDF) or opens it in Excel (XLSX): it reads well, it
is safe to open, and only the people who may see the list on screen get it."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import make_personas, sign_in

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="pdftoppm/pdftotext missing: apt-get install poppler-utils (scripts/test does)")


@pytest.fixture
def p(db):
    personas = make_personas()
    do_set_up_consent(personas.school, opt_out=("schoolwebsite",))
    social = Purpose.objects.get(school=personas.school, code="sociale-media")
    do_record_decision(personas.student, social, "given", decided_by=personas.parent,
                       how="guardian_page")
    return personas


def fill_group(p, count: int) -> None:
    """Enough classmates for the list to run over more than one page."""
    Person.objects.bulk_create(
        Person(school=p.school, first_name=f"Leerling{n:02d}", last_name="Extra",
               role=Person.Role.LEERLING, group=p.group_1a) for n in range(count))


def download(client: Client, user, group, extension: str):
    sign_in(client, user)
    return client.get(f"/toestemming/groepen/{group.pk}/lijst.{extension}")


@needs_poppler
def test_the_printed_class_list_shows_every_student_and_purpose_on_a_landscape_page(
        client, p, tmp_path):
    fill_group(p, 40)
    sixteen = timezone.localdate() - datetime.timedelta(days=17 * 365)
    Person.objects.filter(pk=p.classmate.pk).update(date_of_birth=sixteen)
    response = download(client, p.teacher.user, p.group_1a, "pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="toestemming-1A.pdf"'
    pdf = tmp_path / "lijst.pdf"
    pdf.write_bytes(response.content)

    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    width, height = png_size(png.read_bytes())
    # A4 landscape at 60 dpi: 297 x 210 mm is 702 x 496 pixels.
    assert abs(width - 702) <= 1 and abs(height - 496) <= 1

    pages = pdftotext(pdf).split("\f")
    text = " ".join(" ".join(page.split()) for page in pages)
    for student in (p.student, p.classmate, *Person.objects.filter(last_name="Extra")):
        assert student.full_name in text
    for purpose in Purpose.objects.filter(school=p.school):
        assert purpose.name.split()[0] in text
    assert p.student_1b.full_name not in text
    assert "De Maas" in text and "1A" in text
    real_pages = [page for page in pages if page.strip()]
    assert len(real_pages) == 2
    last_purpose = Purpose.objects.filter(school=p.school).order_by("order").last().name
    for number, page in enumerate(real_pages, start=1):
        # The header row repeats, and the footer says "page 1 of 2" in any language.
        assert last_purpose in " ".join(page.split())
        footer = page.strip().splitlines()[-1]
        assert re.search(rf"\b{number} \w+ {len(real_pages)}$", footer.strip())
    assert "(16+)" in text  # Noor is 17 and has not decided herself


def test_the_excel_class_list_never_runs_a_name_as_a_formula(client, p):
    p.classmate.first_name = "=HYPERLINK(1)"
    p.classmate.save(update_fields=["first_name"])
    response = download(client, p.teacher.user, p.group_1a, "xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    names = [sheet.cell(row=r, column=1) for r in range(2, sheet.max_row + 1)]
    evil = next(cell for cell in names if "HYPERLINK" in str(cell.value))
    assert evil.data_type == "s" and evil.value.startswith("=HYPERLINK")
    header = [cell.value for cell in sheet[1]]
    assert len(header) == 1 + Purpose.objects.filter(school=p.school).count()
    assert {cell.value for cell in names} >= {p.student.full_name}
    assert sheet.max_row == 1 + 2  # Sem and Noor, not the student of 1B


@pytest.mark.parametrize("extension", ["pdf", "xlsx"])
def test_downloading_the_class_list_is_written_to_the_audit_log(client, p, extension):
    download(client, p.teacher.user, p.group_1a, extension)
    event = AuditEvent.objects.get(action="consent_list_exported")
    assert event.detail == {"students": 2, "format": extension}
    assert event.school_id == p.school.pk


@pytest.mark.parametrize("extension", ["pdf", "xlsx"])
def test_a_student_cannot_download_the_class_list(client, p, extension):
    assert download(client, p.student.user, p.group_1a, extension).status_code == 403
    assert not AuditEvent.objects.filter(action="consent_list_exported").exists()


@pytest.mark.parametrize("extension", ["pdf", "xlsx"])
def test_another_schools_class_list_cannot_be_downloaded(client, p, extension):
    assert download(client, p.teacher.user, p.other_group, extension).status_code == 404


def test_the_class_list_page_links_to_the_downloads(client, p):
    sign_in(client, p.teacher.user)
    body = client.get(f"/toestemming/groepen/{p.group_1a.pk}/").content.decode()
    assert f"/toestemming/groepen/{p.group_1a.pk}/lijst.pdf" in body
    assert f"/toestemming/groepen/{p.group_1a.pk}/lijst.xlsx" in body


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
