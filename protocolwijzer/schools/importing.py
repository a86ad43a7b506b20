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
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.formulas import formula_start, starts_like_formula

# The limits of one upload, checked before or while the file is parsed so that no file
# can make the server hold more than a few times its own size (docs/input-limits.md).
# A real export of a large school has some 2,000 students and a few dozen columns.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 1_000
# All the text of the table together. In CSV it cannot exceed the file; an XLSX file can
# repeat one long shared string in every cell, so this is what bounds it there.
MAX_TEXT_CHARS = 2 * MAX_BYTES
MAX_CELLS = 500_000
# The unpacked size of an XLSX archive (a small ZIP can hold gigabytes).
MAX_UNPACKED_BYTES = 10 * MAX_BYTES
EARLIEST_BIRTH_DATE = dt.date(1990, 1, 1)
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")

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
    # Every cell as text, each row at most as long as the header: the empty cells at
    # the end of a row are not kept (a file with a wide header and short rows stays small).
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


def _count(value: int) -> str:
    # Written the Dutch way (20.000), as the school's own documents write it.
    return f"{value:,}".replace(",", ".")


def _too_many_rows() -> FileRefused:
    return FileRefused(_("The file has more than %(limit)s rows. Import one location or one "
                         "part of the school at a time.") % {"limit": _count(MAX_ROWS)})


def _too_many_columns(row: int) -> FileRefused:
    return FileRefused(_("Row %(row)s has more than %(limit)s columns. Export only the "
                         "columns you need.") % {"row": row, "limit": _count(MAX_COLUMNS)})


def _too_many_cells() -> FileRefused:
    return FileRefused(_("The file has more than %(limit)s cells. Export only the columns "
                         "you need, or one location at a time.") % {"limit": _count(MAX_CELLS)})


def _not_readable() -> FileRefused:
    return FileRefused(_("This is not a CSV or XLSX file we can read. Export the list from "
                         "your student administration as CSV (UTF-8) or Excel (.xlsx)."))


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
    its name. Empty rows are skipped. The rows are read one at a time and every limit
    (MAX_ROWS, MAX_COLUMNS, MAX_CELL_CHARS, MAX_CELLS, MAX_TEXT_CHARS) is checked as they
    come, so a hostile file is refused before it is held in memory. A row keeps the cells
    under a column name, without the empty ones at its end.
    """
    if len(data) > MAX_BYTES:
        raise FileRefused(too_large_message())
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    rows = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data)
    header: list[str] | None = None
    width = 0
    body: list[list[str]] = []
    cells_seen = text_chars = 0
    for number, raw in enumerate(rows, start=1):
        # Counted with the empty rows, so a file of empty rows ends too.
        if number > 2 * MAX_ROWS:
            raise _too_many_rows()
        if raw.count(None) + raw.count("") == len(raw):
            continue
        if len(raw) > MAX_COLUMNS and any(cell not in (None, "") for cell in raw[MAX_COLUMNS:]):
            raise _too_many_columns(number)
        # Once the header is known, the cells beyond it are never looked at.
        cells = ["" if cell is None else _text(cell)
                 for cell in raw[:MAX_COLUMNS if header is None else width]]
        for index, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                column = header[index] if header and index < len(header) and header[index] \
                    else _column_letter(index)
                raise FileRefused(_(
                    "Row %(row)s, column %(column)s: the cell holds more than %(limit)s "
                    "characters. No name or address is that long; check the export.") % {
                    "row": number, "column": column, "limit": _count(MAX_CELL_CHARS)})
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [cell.strip() for cell in cells]
            while header and not header[-1]:
                header.pop()
            if len(set(filter(None, header))) != len([h for h in header if h]):
                raise FileRefused(_("Two columns in the first row have the same name. Give "
                                    "every column its own name."))
            width = len(header)
            continue
        if len(body) >= MAX_ROWS:
            raise _too_many_rows()
        row = cells[:width]
        while row and not row[-1]:
            row.pop()
        cells_seen += width
        text_chars += sum(map(len, row))
        if cells_seen > MAX_CELLS:
            raise _too_many_cells()
        if text_chars > MAX_TEXT_CHARS:
            raise FileRefused(_("The file holds more than %(limit)s characters of text. "
                                "Export only the columns you need, or one location at a "
                                "time.") % {"limit": _count(MAX_TEXT_CHARS)})
        body.append(row)
    if header is None:
        raise FileRefused(_("The file is empty."))
    return Table(header, body)


def _column_letter(index: int) -> str:
    """The spreadsheet's name of the column at ``index`` (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _text(cell: Any) -> str:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" (tab-separated UTF-16).
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Excel on Windows saves "CSV" in Windows-1252 unless told otherwise.
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        # Binary data, or UTF-16/UTF-32 text without its byte order mark.
        raise _not_readable()
    first_line = text.split("\n", 1)[0]
    # Dutch exports use ';' (the comma is the decimal separator); others use ',' or a tab.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                # The csv module's own cap (128 KB) on one cell: far beyond MAX_CELL_CHARS.
                raise FileRefused(_(
                    "Row %(row)s: a cell holds more than %(limit)s characters. No name or "
                    "address is that long; check the export.") % {
                    "row": reader.line_num, "limit": _count(MAX_CELL_CHARS)}) from None
            raise FileRefused(_("The CSV file is damaged: a quotation mark is not closed."
                                )) from None
        yield row


def _xlsx_rows(data: bytes) -> Iterator[Sequence[Any]]:
    # openpyxl parses its XML through defusedxml when that is installed (it is), so
    # entity expansion and external entities are refused. What defusedxml does not
    # bound (the size, the number of rows and cells, one row of a million cells) is
    # checked on the archive first, without openpyxl.
    from openpyxl import load_workbook

    _check_xlsx_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # Damaged or hostile archives raise many kinds of errors (zipfile, XML, KeyError).
        raise _damaged_xlsx() from None
    try:
        sheet = workbook.worksheets[0]
        # The dimension the file states may be false (A1:XFD1048576 pads every row to
        # 16,384 cells); the rows are read as they are, one column past the limit.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception:
                raise _damaged_xlsx() from None
            yield row
    except IndexError:
        raise _damaged_xlsx() from None
    finally:
        workbook.close()


def _damaged_xlsx() -> FileRefused:
    return FileRefused(_("The Excel file is damaged or not an .xlsx file. Save it again as "
                         "Excel workbook (.xlsx) or export it as CSV."))


# The elements <row>, <c> (a cell) and <si> (a shared string), with any namespace prefix.
# Element names cannot contain "<", so matching the bytes is safe; a match is at most
# 38 bytes long and starts with "<".
_PREFIX = rb"<(?:[A-Za-z_][\w.-]{0,31}:)?"
_XLSX_ROW = re.compile(_PREFIX + rb"row[\s/>]")
_XLSX_CELL = re.compile(_PREFIX + rb"c[\s/>]")
_XLSX_STRING = re.compile(_PREFIX + rb"si[\s/>]")
_XLSX_CHUNK = 1024 * 1024
# Parts openpyxl reads besides the worksheets and the shared strings (styles, theme,
# workbook) are small in any real export; a large one is a way to exhaust memory.
MAX_XLSX_PART_BYTES = 2 * 1024 * 1024


def _check_xlsx_archive(data: bytes) -> None:
    """FileRefused unless the archive is within the limits: its unpacked size, every row
    at most MAX_COLUMNS cells, at most 2 * MAX_ROWS rows and MAX_CELLS cells and shared
    strings. Streams every part once, never unpacking more than a chunk at a time (the
    sizes in a ZIP's directory bound what zipfile will unpack)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if sum(info.file_size for info in parts) > MAX_UNPACKED_BYTES:
                raise FileRefused(_(
                    "Unpacked, this Excel file is larger than %(limit)s MB. Export only the "
                    "columns you need, or export the list as CSV.") % {
                    "limit": MAX_UNPACKED_BYTES // (1024 * 1024)})
            rows = cells = strings = 0
            for info in parts:
                name = info.filename.casefold()
                if (info.file_size > MAX_XLSX_PART_BYTES and "worksheets/" not in name
                        and not name.endswith("sharedstrings.xml")):
                    raise FileRefused(_(
                        "This Excel file holds more than a list (a part of it is larger than "
                        "%(limit)s MB). Export the list as CSV instead.") % {
                        "limit": MAX_XLSX_PART_BYTES // (1024 * 1024)})
                in_row = 0
                tail = b""
                with archive.open(info) as part:
                    while True:
                        chunk = part.read(_XLSX_CHUNK)
                        buffer = tail + chunk
                        if not buffer:
                            break
                        # The window ends before a "<" that may start an element the next
                        # chunk completes; what follows waits for that chunk.
                        cut = buffer.rfind(b"<", max(0, len(buffer) - 64)) if chunk else -1
                        cut = len(buffer) if cut == -1 else cut
                        window, tail = buffer[:cut], buffer[cut:]
                        strings += len(_XLSX_STRING.findall(window))
                        # Counted per row: the first piece continues the current row.
                        for index, piece in enumerate(_XLSX_ROW.split(window)):
                            if index:
                                rows += 1
                                in_row = 0
                                if rows > 2 * MAX_ROWS:
                                    raise _too_many_rows()
                            found = len(_XLSX_CELL.findall(piece))
                            in_row += found
                            cells += found
                            if in_row > MAX_COLUMNS:
                                raise _too_many_columns(rows)
                        if cells > MAX_CELLS or strings > MAX_CELLS:
                            raise _too_many_cells()
                        if not chunk:
                            break
    except FileRefused:
        raise
    except Exception:
        # zipfile's errors for a damaged archive, a bad CRC, an unknown compression.
        raise _damaged_xlsx() from None


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
    width = len(table.headers)
    for index, row in enumerate(table.rows):
        number = index + 2
        cells = (row + [""] * width)[:width]
        # Checked before anything is trimmed: a spreadsheet skips leading spaces too.
        errors = [RowError(number, table.headers[i] or "?", _(
            "This cell starts with “%(char)s”, which a spreadsheet could run as a formula. "
            "Remove that character in the student administration.") % {
                "char": repr(formula_start(cells[i]))[1:-1]})
            for i in stored if starts_like_formula(cells[i])]
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
