"""The leerlingendossier / personeelsdossier export (issue 15): a PDF per person with every
entry (date, the article quoted from the protocol file, the measure, who decided, why); the
copy for the person concerned (AVG art. 15) leaves every other person out. The PDFs are
rendered to images and read back, as the class list's test does."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.tests.test_class_list_downloads import png_size
from protocolwijzer.incidents.dossier import dossier_lines, dossier_pdf, entries_for
from protocolwijzer.incidents.tests.dossier_world import follow_roermond, warned_case
from protocolwijzer.schools.tests.personas import make_personas, sign_in

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="pdftoppm/pdftotext missing: apt-get install poppler-utils (scripts/test does)")

A5_QUOTE = "foto-, film- en geluidsopnamen van schoolgerelateerde situaties"


@pytest.fixture
def p(db):
    personas = make_personas()
    follow_roermond(personas)
    warned_case(personas)
    return personas


def as_images_and_text(pdf: bytes, tmp_path: Path) -> tuple[list[Path], str]:
    """The PDF's pages as PNG images (as a person sees them) and the text on them."""
    path = tmp_path / "dossier.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    # The text as the rendered pages carry it (pdftotext reads the same glyphs).
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return pages, " ".join(text.split())


def ink(png: Path) -> float:
    """The share of the page that is not white: an empty page is 0."""
    from PIL import Image

    with Image.open(png) as image:
        histogram = image.convert("L").histogram()
        return sum(histogram[:200]) / sum(histogram)


@needs_poppler
def test_the_leerlingendossier_shows_the_warning_with_the_article_quoted(p, tmp_path):
    pages, text = as_images_and_text(dossier_pdf(p.student, for_subject=False), tmp_path)
    assert len(pages) == 1
    width, height = png_size(pages[0].read_bytes())
    # A4 portrait at 60 dpi: 210 x 297 mm is 496 x 702 pixels.
    assert abs(width - 496) <= 1 and abs(height - 702) <= 1
    assert ink(pages[0]) > 0.02  # the page is printed on, not blank
    assert "Leerlingendossier van Sem Bakker" in text
    assert "De Maas" in text
    assert "waarschuwing" in text
    assert "A.5" in text and A5_QUOTE in text
    assert "sancties.B.1" in text and "verwijtbaar gedrag" in text
    assert "Saskia Leiding" in text  # who decided, for the school's own copy
    assert "Noor Visser" in text  # the reason as written, in the school's copy


@needs_poppler
def test_the_copy_for_the_pupil_leaves_out_every_other_person(p, tmp_path):
    _pages, text = as_images_and_text(dossier_pdf(p.student, for_subject=True), tmp_path)
    assert "Sem Bakker" in text and "waarschuwing" in text and A5_QUOTE in text
    for other in (p.classmate, p.mentor, p.schoolleider, p.classmate_parent):
        assert other.first_name not in text
        assert other.last_name not in text
    assert "06-12345678" not in text
    assert "schoolleiding" in text  # who decided, by their role
    assert "AVG art. 15" in text


def test_a_person_without_entries_gets_an_empty_dossier(p):
    assert list(entries_for(p.classmate)) == []
    assert dossier_lines(p.classmate, for_subject=True) == []
    assert dossier_pdf(p.classmate, for_subject=True).startswith(b"%PDF")


def test_downloading_a_dossier_is_written_to_the_audit_log(client, p):
    sign_in(client, p.schoolleider.user)
    response = client.get(f"/dossier/{p.student.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action="dossier_exported")
    assert event.detail == {"person": p.student.pk, "entries": 1, "copy": "school"}
    assert event.school_id == p.school.pk
