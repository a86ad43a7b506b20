"""Reading and checking an export of the student administration (ParnasSys, Magister,
Somtoday): students, their class and their guardians.

Pure: no database, no files on disk. ``read_table`` turns the bytes of a CSV or XLSX file
into a header and rows of text; ``validate`` applies the column mapping and checks every
row, returning plain JSON-ready rows and the errors per row. What the rows change in the
database is decided by ``schools.actions`` (``plan_import``, ``do_import_students``).

Every refusal is a full sentence for the person uploading: they fix the file in their
student administration and upload it again, so a message names the row (as the
spreadsheet numbers it: the header is row 1) and the column (as the file names it).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
EARLIEST_BIRTH_DATE = dt.date(1990, 1, 1)
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")
# A cell that a spreadsheet program would run as a formula when someone later opens an
# export of our data (CSV/formula injection, OWASP). No real name, number or address
# starts this way, so such a cell is refused rather than quietly changed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

SOURCES: dict[str, Promise] = {
    "parnassys": gettext_lazy("ParnasSys"),
    "magister": gettext_lazy("Magister"),
    "somtoday": gettext_lazy("Somtoday"),
    "other": gettext_lazy("Another system"),
}

GUARDIANS = 2
STUDENT_FIELDS: dict[str, Promise] = {
    "student_number": gettext_lazy("Student number"),
    "first_name": gettext_lazy("First name"),
    "tussenvoegsel": gettext_lazy("Surname prefix"),
    "last_name": gettext_lazy("Surname"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "group": gettext_lazy("Group or class"),
}
GUARDIAN_PARTS = ("first_name", "tussenvoegsel", "last_name", "email")
_GUARDIAN_LABELS: dict[str, Promise] = {
    "first_name": gettext_lazy("Guardian %(number)s: first name"),
    "tussenvoegsel": gettext_lazy("Guardian %(number)s: surname prefix"),
    "last_name": gettext_lazy("Guardian %(number)s: surname"),
    "email": gettext_lazy("Guardian %(number)s: e-mail address"),
}
GUARDIAN_FIELDS = tuple(f"guardian{n}_{part}" for n in range(1, GUARDIANS + 1)
                        for part in GUARDIAN_PARTS)
FIELDS = (*STUDENT_FIELDS, *GUARDIAN_FIELDS)
REQUIRED_FIELDS = ("student_number", "first_name", "last_name")


def field_label(name: str) -> str:
    if name in STUDENT_FIELDS:
        return str(STUDENT_FIELDS[name])
    number, part = name.removeprefix("guardian").split("_", 1)
    return str(_GUARDIAN_LABELS[part]) % {"number": number}


def _guardian_preset(first: str, prefix: str, last: str, email: str) -> dict[str, str]:
    preset = {}
    for n in range(1, GUARDIANS + 1):
        for part, header in zip(GUARDIAN_PARTS, (first, prefix, last, email), strict=True):
            preset[f"guardian{n}_{part}"] = header.format(n=n)
    return preset


# Column names as the three systems' exports are assumed to call them. These are
# plausible examples, NOT copied from real exports: check them against an actual export
# of each system (and its version and export template) before relying on them. A school
# whose headers differ maps its columns once; the mapping is remembered per school.
PRESETS: dict[str, dict[str, str]] = {
    "parnassys": {
        "student_number": "Leerlingnummer", "first_name": "Roepnaam",
        "tussenvoegsel": "Voorvoegsel", "last_name": "Achternaam",
        "date_of_birth": "Geboortedatum", "group": "Groep",
        **_guardian_preset("Roepnaam ouder/verzorger {n}", "Voorvoegsel ouder/verzorger {n}",
                           "Achternaam ouder/verzorger {n}", "E-mail ouder/verzorger {n}"),
    },
    "magister": {
        "student_number": "Stamnr", "first_name": "Roepnaam",
        "tussenvoegsel": "Tussenv", "last_name": "Achternaam",
        "date_of_birth": "Geb.datum", "group": "Klas",
        **_guardian_preset("Roepnaam verzorger {n}", "Tussenv verzorger {n}",
                           "Achternaam verzorger {n}", "E-mail verzorger {n}"),
    },
    "somtoday": {
        "student_number": "Leerlingnummer", "first_name": "Roepnaam",
        "tussenvoegsel": "Voorvoegsel", "last_name": "Achternaam",
        "date_of_birth": "Geboortedatum", "group": "Stamgroep",
        **_guardian_preset("Roepnaam ouder {n}", "Voorvoegsel ouder {n}",
                           "Achternaam ouder {n}", "E-mailadres ouder {n}"),
    },
}
# Other common spellings, for guessing when no preset fits.
_ALIASES: dict[str, tuple[str, ...]] = {
    "student_number": ("leerlingnummer", "leerling nummer", "llnr", "stamnummer", "stamnr",
                       "student number", "studentnummer"),
    "first_name": ("roepnaam", "voornaam", "first name"),
    "tussenvoegsel": ("voorvoegsel", "tussenvoegsel", "tussenvoegsels", "tussenv"),
    "last_name": ("achternaam", "naam", "surname", "last name"),
    "date_of_birth": ("geboortedatum", "geb.datum", "geb. datum", "date of birth"),
    "group": ("groep", "klas", "stamgroep", "basisgroep", "class"),
}


class FileRefused(Exception):
    """The whole file cannot be used; ``message`` says why, as a full sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Table:
    headers: list[str]
    # Every cell as text, each row as long as the header.
    rows: list[list[str]]

    def as_json(self) -> dict[str, Any]:
        return {"headers": self.headers, "rows": self.rows}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        return cls(list(data["headers"]), [list(row) for row in data["rows"]])


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it; 0 for the file as a whole
    column: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Validated:
    # JSON-ready rows: only the mapped fields, plus "row" and "guardians".
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def too_large_message() -> str:
    return _("The file is too large: an import may be at most %(limit)s MB. Export only "
             "the columns you need, or one location at a time.") % {
        "limit": MAX_BYTES // (1024 * 1024)}


def read_upload(upload: Any) -> tuple[Table, str]:
    """The table in an uploaded file and the SHA-256 of its bytes. The size the upload
    declares is checked before a byte is read, and at most MAX_BYTES + 1 are read."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise FileRefused(too_large_message())
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    return read_table(data), hashlib.sha256(data).hexdigest()


def read_table(data: bytes) -> Table:
    """The header and rows of a CSV or XLSX export; FileRefused when it cannot be used.

    What the file is follows from its bytes (an XLSX file is a ZIP archive), never from
    its name. Empty rows are skipped.
    """
    if len(data) > MAX_BYTES:
        raise FileRefused(too_large_message())
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    rows = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data)
    header: list[str] | None = None
    body: list[list[str]] = []
    for raw in rows:
        cells = ["" if cell is None else _text(cell) for cell in raw]
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [cell.strip() for cell in cells]
            continue
        if len(body) >= MAX_ROWS:
            raise FileRefused(_("The file has more than %(limit)s rows. Import one location "
                                "or one part of the school at a time.") % {
                "limit": f"{MAX_ROWS:,}".replace(",", ".")})
        body.append(cells)
    if header is None:
        raise FileRefused(_("The file is empty."))
    while header and not header[-1]:
        header.pop()
    if len(set(filter(None, header))) != len([h for h in header if h]):
        raise FileRefused(_("Two columns in the first row have the same name. Give every "
                            "column its own name."))
    width = len(header)
    return Table(header, [(row + [""] * width)[:width] for row in body])


def _text(cell: Any) -> str:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _csv_rows(data: bytes) -> Iterable[list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in Windows-1252 unless told otherwise.
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise FileRefused(_("This is not a CSV or XLSX file we can read. Export the list "
                            "from your student administration as CSV or Excel (.xlsx)."))
    first_line = text.split("\n", 1)[0]
    # Dutch exports use ';' (the comma is the decimal separator); others use ','.
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise FileRefused(_("The CSV file is damaged: a quotation mark is not closed."
                            )) from None


def _xlsx_rows(data: bytes) -> Iterable[list[Any]]:
    # openpyxl parses its XML through defusedxml when that is installed (it is), so
    # entity expansion and external entities are refused.
    from openpyxl import load_workbook

    try:
        # Unpacked size first: a small ZIP can hold gigabytes.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > 20 * MAX_BYTES:
            raise FileRefused(too_large_message())
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > MAX_ROWS + 1000:  # room for empty rows; read_table counts
                    break
            return rows
        finally:
            workbook.close()
    except FileRefused:
        raise
    except Exception:
        # Damaged or hostile archives raise many kinds of errors (zipfile, XML, KeyError).
        raise FileRefused(_("The Excel file is damaged or not an .xlsx file. Save it again "
                            "as Excel workbook (.xlsx) or export it as CSV.")) from None


def _fold(header: str) -> str:
    return " ".join(header.casefold().replace("_", " ").split())


def guess_mapping(headers: list[str], source: str = "",
                  remembered: dict[str, str] | None = None) -> dict[str, str]:
    """Field -> header, for the headers this file has: the remembered mapping first, then
    the source's preset, then common spellings."""
    by_fold = {_fold(h): h for h in headers if h}
    mapping: dict[str, str] = {}
    candidates: list[dict[str, str]] = [remembered or {}, PRESETS.get(source, {}),
                                        *PRESETS.values()]
    for name in FIELDS:
        for candidate in candidates:
            header = candidate.get(name)
            if header and _fold(header) in by_fold:
                mapping[name] = by_fold[_fold(header)]
                break
        else:
            for alias in _ALIASES.get(name, ()):
                if alias in by_fold and by_fold[alias] not in mapping.values():
                    mapping[name] = by_fold[alias]
                    break
    return mapping


def check_mapping(headers: list[str], mapping: dict[str, str]) -> None:
    """FileRefused when a required field has no column or a column is used twice."""
    missing = [field_label(name) for name in REQUIRED_FIELDS
               if mapping.get(name) not in headers]
    if missing:
        raise FileRefused(_("Choose the column with: %(fields)s. Without it the students "
                            "cannot be imported.") % {"fields": ", ".join(missing)})
    used = [header for header in mapping.values() if header]
    if len(used) != len(set(used)):
        raise FileRefused(_("Each column can be used for one field only."))


_email = EmailValidator()
# The model's field lengths (schools.Person, schools.Group).
_MAX_LENGTHS = {"student_number": 40, "tussenvoegsel": 20, "email": 254}


def parse_date(text: str, today: dt.date) -> dt.date:
    """A date of birth in one of DATE_FORMATS; ValueError with a message otherwise."""
    for date_format in DATE_FORMATS:
        try:
            value = dt.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
        if value > today:
            raise ValueError(_("The date of birth %(date)s lies in the future.") % {
                "date": text})
        if value < EARLIEST_BIRTH_DATE:
            raise ValueError(_("The date of birth %(date)s is before 1990.") % {"date": text})
        return value
    raise ValueError(_("“%(date)s” is not a date. Write it as dd-mm-yyyy, such as "
                       "31-12-2015.") % {"date": text[:40]})


def validate(table: Table, mapping: dict[str, str], today: dt.date) -> Validated:
    """Every row checked against the mapping. Rows with errors are left out of ``rows``;
    a file with any error is not imported at all."""
    check_mapping(table.headers, mapping)
    column = {name: table.headers.index(header) for name, header in mapping.items()
              if header and header in table.headers}
    # Only the cells we store can ever reach an export of ours; a column we do not read
    # (a guardian's "+31 6 ..." phone number, say) is no reason to refuse the file.
    stored = sorted(set(column.values()))
    result = Validated()
    seen: dict[str, int] = {}
    for index, cells in enumerate(table.rows):
        number = index + 2
        errors = [RowError(number, table.headers[i] or "?", _(
            "This cell starts with “%(char)s”, which a spreadsheet could run as a formula. "
            "Remove that character in the student administration.") % {
                "char": repr(cells[i][0])[1:-1]})
            for i in stored if cells[i].startswith(FORMULA_STARTS)]
        values = {name: cells[i].strip() for name, i in column.items()}
        for name in REQUIRED_FIELDS:
            if not values[name]:
                errors.append(RowError(number, mapping[name], _("This cell is empty; it is "
                                                                "required.")))
        student_number = values["student_number"]
        if student_number in seen:
            errors.append(RowError(number, mapping["student_number"], _(
                "Student number %(number)s also appears in row %(row)s.") % {
                "number": student_number, "row": seen[student_number]}))
        elif student_number:
            seen[student_number] = number
        row: dict[str, Any] = {"row": number}
        for name in STUDENT_FIELDS:
            if name in values:
                row[name] = values[name]
        if values.get("date_of_birth"):
            try:
                row["date_of_birth"] = parse_date(values["date_of_birth"], today).isoformat()
            except ValueError as error:
                errors.append(RowError(number, mapping["date_of_birth"], str(error)))
        row["guardians"] = []
        for n in range(1, GUARDIANS + 1):
            guardian = {part: values.get(f"guardian{n}_{part}", "") for part in GUARDIAN_PARTS}
            if not any(guardian.values()):
                continue
            guardian["email"] = guardian["email"].lower()
            if guardian["email"]:
                try:
                    _email(guardian["email"])
                except ValidationError:
                    errors.append(RowError(number, mapping[f"guardian{n}_email"], _(
                        "“%(email)s” is not a valid e-mail address.") % {
                        "email": guardian["email"][:80]}))
            if not guardian["last_name"]:
                errors.append(RowError(number, mapping.get(f"guardian{n}_last_name") or "?", _(
                    "Guardian %(number)s has no surname.") % {"number": n}))
            row["guardians"].append(guardian)
        for name, value in values.items():
            limit = _MAX_LENGTHS.get(name.split("_", 1)[1] if name.startswith("guardian")
                                     else name, 100)
            if len(value) > limit:
                errors.append(RowError(number, mapping[name], _(
                    "This cell is longer than %(limit)s characters.") % {"limit": limit}))
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(row)
    return result
