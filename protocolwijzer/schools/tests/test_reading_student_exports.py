"""The pure side of the import: reading CSV/XLSX exports and checking every row."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from protocolwijzer.schools.importing import (
    MAX_BYTES,
    PRESETS,
    FileRefused,
    Table,
    check_mapping,
    guess_mapping,
    read_table,
    validate,
)


@pytest.fixture(autouse=True)
def _english_messages():
    # These tests read the parser's messages in their source language; the pages' tests
    # check the Dutch the school sees.
    with translation.override("en"):
        yield

TODAY = dt.date(2026, 11, 23)
HEADER = "Leerlingnummer;Roepnaam;Voorvoegsel;Achternaam;Geboortedatum;Groep"


def _csv(*lines: str, encoding: str = "utf-8") -> bytes:
    return "\r\n".join((HEADER, *lines)).encode(encoding)


def _checked(data: bytes) -> tuple[list[dict], list]:
    table = read_table(data)
    result = validate(table, guess_mapping(table.headers, "parnassys"), TODAY)
    return result.rows, result.errors


def test_semicolon_csv_with_bom_is_read() -> None:
    table = read_table(b"\xef\xbb\xbf" + _csv("1001;Zoë;van der;Meer;03-04-2016;Groep 5"))

    assert table.headers[0] == "Leerlingnummer"
    assert table.rows == [["1001", "Zoë", "van der", "Meer", "03-04-2016", "Groep 5"]]


def test_comma_csv_in_windows_1252_is_read() -> None:
    data = "Leerlingnummer,Roepnaam,Achternaam\r\n1001,Zoë,Meijer\r\n".encode("cp1252")

    assert read_table(data).rows == [["1001", "Zoë", "Meijer"]]


def test_xlsx_is_read_with_dates_as_dates() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Leerlingnummer", "Roepnaam", "Achternaam", "Geboortedatum"])
    sheet.append([1001, "Sem", "Bakker", dt.datetime(2016, 4, 3)])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rows, errors = _checked(buffer.getvalue())

    assert errors == []
    assert rows[0]["student_number"] == "1001"
    assert rows[0]["date_of_birth"] == "2016-04-03"


def test_a_file_over_the_limit_is_refused() -> None:
    with pytest.raises(FileRefused, match="too large"):
        read_table(b"x" * (MAX_BYTES + 1))


def test_more_than_the_row_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("protocolwijzer.schools.importing.MAX_ROWS", 2)

    with pytest.raises(FileRefused, match="more than 2 rows"):
        read_table(_csv("1;A;;B;;", "2;A;;C;;", "3;A;;D;;"))


def test_a_damaged_xlsx_is_refused() -> None:
    with pytest.raises(FileRefused, match="damaged"):
        read_table(b"PK\x03\x04" + b"\x00" * 100)


def test_guessing_uses_the_preset_and_common_spellings() -> None:
    mapping = guess_mapping(["Stamnr", "Roepnaam", "Achternaam", "Klas", "Opmerking"])

    assert mapping == {"student_number": "Stamnr", "first_name": "Roepnaam",
                       "last_name": "Achternaam", "group": "Klas"}


def test_every_preset_maps_its_own_headers() -> None:
    for source, preset in PRESETS.items():
        assert guess_mapping(list(preset.values()), source) == preset


def test_a_file_without_a_student_number_column_is_refused() -> None:
    with pytest.raises(FileRefused, match="Student number"):
        check_mapping(["Roepnaam", "Achternaam"], {"first_name": "Roepnaam",
                                                   "last_name": "Achternaam"})


@pytest.mark.parametrize("written", ["03-04-2016", "2016-04-03", "03/04/2016"])
def test_dates_are_read_in_the_three_formats(written: str) -> None:
    rows, errors = _checked(_csv(f"1001;Sem;;Bakker;{written};"))

    assert errors == []
    assert rows[0]["date_of_birth"] == "2016-04-03"


@pytest.mark.parametrize(("written", "problem"), [
    ("31-02-2016", "not a date"), ("01-01-2030", "future"), ("31-12-1989", "before 1990")])
def test_bad_dates_are_refused_with_their_row(written: str, problem: str) -> None:
    rows, errors = _checked(_csv("1001;Sem;;Bakker;03-04-2016;", f"1002;Noor;;Visser;{written};"))

    assert len(rows) == 1
    assert [(e.row, e.column) for e in errors] == [(3, "Geboortedatum")]
    assert problem in errors[0].message


def test_duplicate_student_numbers_are_refused() -> None:
    _rows, errors = _checked(_csv("1001;Sem;;Bakker;;", "1001;Noor;;Visser;;"))

    assert [(e.row, e.column) for e in errors] == [(3, "Leerlingnummer")]
    assert "row 2" in errors[0].message


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","klik")', "+31", "-1", "@SUM(A1)",
                                  "\tTab"])
def test_a_cell_that_could_run_as_a_formula_is_refused(cell: str) -> None:
    quoted = cell.replace(chr(34), 2 * chr(34))
    data = HEADER + "\r\n" + f'1001;"{quoted}";;Bakker;;1A'

    _rows, errors = _checked(data.encode())

    assert [(e.row, e.column) for e in errors] == [(2, "Roepnaam")]
    assert "formula" in errors[0].message


def test_a_phone_number_in_a_column_we_do_not_read_is_no_reason_to_refuse() -> None:
    data = HEADER + ";Telefoon ouder\r\n" + "1001;Sem;;Bakker;;1A;+31 6 12345678"

    rows, errors = _checked(data.encode())

    assert errors == []
    assert [row["first_name"] for row in rows] == ["Sem"]


def test_required_cells_and_guardian_e_mail_are_checked() -> None:
    table = Table(["Leerlingnummer", "Roepnaam", "Achternaam", "Achternaam ouder/verzorger 1",
                   "E-mail ouder/verzorger 1"],
                  [["1001", "", "Bakker", "Bakker", "petra@@example"]])

    result = validate(table, guess_mapping(table.headers, "parnassys"), TODAY)

    assert {(e.column, "empty" in e.message or "e-mail" in e.message) for e in result.errors} \
        == {("Roepnaam", True), ("E-mail ouder/verzorger 1", True)}
