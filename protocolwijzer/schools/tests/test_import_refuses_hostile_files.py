"""A hostile or broken export file is refused on the import page with a message that
names the limit or the problem, and changes nothing: no student, no pending import."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from protocolwijzer.schools import importing
from protocolwijzer.schools.models import Group, PendingImport, Person
from protocolwijzer.schools.tests.personas import Personas, sign_in

UPLOAD = reverse("schools:import_upload")
COLUMNS = reverse("schools:import_columns")
PREVIEW = reverse("schools:import_preview")
HEADER = "Leerlingnummer;Roepnaam;Voorvoegsel;Achternaam;Geboortedatum;Groep"
GOOD_ROW = "5001;Daan;de;Vries;12-03-2016;Groep 5"


@pytest.fixture(autouse=True)
def _english(client: Client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def leader(client: Client, personas: Personas) -> Personas:
    sign_in(client, personas.user("schoolleider"))
    return personas


def _database() -> tuple[int, int, int]:
    return (Person.objects.count(), Group.objects.count(), PendingImport.objects.count())


def _csv(*lines: str) -> bytes:
    return "\r\n".join((HEADER, *lines)).encode("utf-8")


def _xlsx_with(parts: dict[str, bytes]) -> bytes:
    """A real workbook with some of its parts replaced or added."""
    workbook = Workbook()
    workbook.active.append(HEADER.split(";"))
    workbook.active.append(GOOD_ROW.split(";"))
    plain = io.BytesIO()
    workbook.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, parts.pop(name, None) or source.read(name))
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def _sheet(rows: bytes) -> bytes:
    return (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + rows + b"</sheetData></worksheet>")


SHEET = "xl/worksheets/sheet1.xml"
HOSTILE_FILES = {
    # 6,000 columns and 7,000 one-cell rows: 55 KB that used to take 750 MB.
    "wide header": (_csv().replace(HEADER.encode(), ";".join(f"k{i}" for i in range(6000))
                                     .encode()) + b"\r\nx" * 7000,
                    "Row 1 has more than 200 columns"),
    "huge cell": (_csv(GOOD_ROW, "5002;" + "x" * 200_000 + ";;Visser;;"),
                  "more than 1.000 characters"),
    "long cell": (_csv(GOOD_ROW, "5002;" + "x" * 1_001 + ";;Visser;;"),
                  "Row 3, column Roepnaam: the cell holds more than 1.000 characters"),
    "too many rows": (_csv(*(f"{n};A;;B;;" for n in range(20_001))),
                      "more than 20.000 rows"),
    "one XLSX row of 300,000 cells (13 KB)": (
        _xlsx_with({SHEET: _sheet(b'<row r="1">' + b"<c><v>1</v></c>" * 300_000 + b"</row>")}),
        "Row 1 has more than 200 columns"),
    "an XLSX stating A1:XFD1048576 with 40,001 rows": (
        _xlsx_with({SHEET: _sheet(b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>'
                                           % (n, n) for n in range(1, 40_002)))}),
        "more than 20.000 rows"),
    "zip bomb XLSX (60 MB unpacked)": (_xlsx_with({"xl/padding.xml": b" " * 60_000_000}),
                                       "Unpacked, this Excel file is larger than 50 MB"),
    "XLSX with 3 MB of styles": (_xlsx_with({"xl/styles.xml": b" " * 3_000_000}),
                                 "a part of it is larger than 2 MB"),
    "damaged XLSX": (b"PK\x03\x04" + b"\x00" * 500, "The Excel file is damaged"),
    "binary": (bytes(range(256)) * 40, "This is not a CSV or XLSX file we can read"),
    "UTF-16 without a byte order mark": ((HEADER + "\r\n" + GOOD_ROW).encode("utf-16-le"),
                                         "This is not a CSV or XLSX file we can read"),
    "NUL bytes in a CSV": (_csv(GOOD_ROW, "5002;No\x00or;;Visser;;"),
                           "This is not a CSV or XLSX file we can read"),
}


@pytest.mark.parametrize("kind", HOSTILE_FILES)
def test_a_hostile_file_is_refused_on_the_page_with_its_limit_and_changes_nothing(
        client: Client, leader: Personas, kind: str) -> None:
    data, message = HOSTILE_FILES[kind]
    before = _database()

    response = client.post(UPLOAD, {"source": "parnassys",
                                    "file": SimpleUploadedFile("export.csv", data)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors["file"]  # named at the file field
    assert _database() == before


@pytest.mark.parametrize("cell", [" =HYPERLINK(\"http://x\")", "\u00a0=1+1", "\u2007+31",
                                  "\u200b@SUM(A1)", "\r=1", "\u3000-1", "＝1"])
def test_a_formula_behind_leading_whitespace_is_refused_in_the_preview(
        client: Client, leader: Personas, cell: str) -> None:
    before = _database()
    quoted = cell.replace('"', '""')
    upload = client.post(UPLOAD, {"source": "parnassys", "file": SimpleUploadedFile(
        "export.csv", _csv(GOOD_ROW, f'5002;"{quoted}";;Visser;;'))})
    assert upload.status_code == 302
    form = client.get(COLUMNS).context["form"]
    client.post(COLUMNS, {name: form[name].value() or "" for name in importing.FIELDS})

    errors = client.get(PREVIEW).context["errors"]
    client.post(PREVIEW, {"action": "confirm"})

    assert [(e["row"], e["column"]) for e in errors] == [(3, "Roepnaam")]
    assert "formula" in errors[0]["message"]
    assert Person.objects.count() == before[0]
