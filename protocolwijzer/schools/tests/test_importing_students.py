"""Importing students, classes and guardians from an export of the student
administration: preview first, nothing changes until confirmed, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.schools import actions, importing
from protocolwijzer.schools.actions import STUDENTS_IMPORTED, do_import_students
from protocolwijzer.schools.models import Group, ImportMapping, PendingImport, Person
from protocolwijzer.schools.tests.personas import Personas, sign_in


@pytest.fixture(autouse=True)
def _english(client: Client):
    # These tests read the pages and messages in English, the product's second language
    # (chosen with the language switch's cookie); the Dutch is in the catalogue.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield

UPLOAD = reverse("schools:import_upload")
COLUMNS = reverse("schools:import_columns")
PREVIEW = reverse("schools:import_preview")
HEADER = ["Leerlingnummer", "Roepnaam", "Voorvoegsel", "Achternaam", "Geboortedatum", "Groep",
          "Roepnaam ouder/verzorger 1", "Voorvoegsel ouder/verzorger 1",
          "Achternaam ouder/verzorger 1", "E-mail ouder/verzorger 1"]
GOOD_ROWS = [
    ["5001", "Daan", "de", "Vries", "12-03-2016", "Groep 5", "Marieke", "de", "Vries",
     "marieke.devries@example.org"],
    ["5002", "Zoë", "", "Yilmaz", "2015-07-30", "Groep 6", "Ahmed", "", "Yilmaz",
     "ahmed.yilmaz@example.org"],
    ["5003", "Tess", "van der", "Meer", "01/09/2016", "Groep 5", "Ingrid", "", "Bos", ""],
]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    return "\r\n".join(";".join(row) for row in [header, *rows]).encode("utf-8-sig")


def _xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([int(row[0]), *row[1:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _database() -> tuple[int, int, int, int]:
    return (Person.objects.count(), Group.objects.count(),
            Person.children.through.objects.count(),
            Person.objects.filter(is_active=False).count())


def _rows(data: bytes) -> list[dict[str, Any]]:
    table = importing.read_table(data)
    validated = importing.validate(table, importing.guess_mapping(table.headers, "parnassys"),
                                   timezone.localdate())
    assert validated.errors == []
    return validated.rows


def _upload(client: Client, data: bytes, name: str = "export.csv", **extra: Any) -> Any:
    return client.post(UPLOAD, {"source": "parnassys",
                                "file": SimpleUploadedFile(name, data), **extra})


def _upload_and_check(client: Client, data: bytes, name: str = "export.csv",
                      **extra: Any) -> str:
    """Uploads, accepts the proposed columns and returns the preview page."""
    assert _upload(client, data, name, **extra).status_code == 302
    form = client.get(COLUMNS).context["form"]
    mapping = {name: form[name].value() or "" for name in importing.FIELDS}
    assert client.post(COLUMNS, mapping).status_code == 302
    response = client.get(PREVIEW)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def leader(client: Client, personas: Personas) -> Personas:
    sign_in(client, personas.user("schoolleider"))
    return personas


def test_a_good_csv_imports_three_students_with_a_guardian_each_and_their_groups(
        personas: Personas) -> None:
    summary = do_import_students(personas.school, _rows(_csv(GOOD_ROWS)),
                                 personas.user("schoolleider"))

    assert (summary.new_students, summary.new_groups, summary.new_guardians,
            summary.new_links) == (3, 2, 3, 3)
    zoe = Person.objects.get(school=personas.school, student_number="5002")
    assert (zoe.role, zoe.full_name, zoe.group.name, zoe.date_of_birth) == (
        Person.Role.LEERLING, "Zoë Yilmaz", "Groep 6", dt.date(2015, 7, 30))
    assert [g.email for g in zoe.guardians.all()] == ["ahmed.yilmaz@example.org"]
    tess = Person.objects.get(student_number="5003")
    assert [g.full_name for g in tess.guardians.all()] == ["Ingrid Bos"]
    event = AuditEvent.objects.get(action=STUDENTS_IMPORTED)
    assert event.school_id == personas.school.pk
    assert event.detail["new_students"] == 3


def test_importing_the_same_file_again_changes_nothing(personas: Personas) -> None:
    rows = _rows(_csv(GOOD_ROWS))
    do_import_students(personas.school, rows, personas.user("schoolleider"))
    before = _database()

    summary = do_import_students(personas.school, rows, personas.user("schoolleider"))

    assert not summary.changes_anything
    assert summary.unchanged_students == 3
    assert _database() == before


def test_a_changed_export_updates_students_and_guardians(personas: Personas) -> None:
    do_import_students(personas.school, _rows(_csv(GOOD_ROWS)), personas.user("schoolleider"))
    moved = [row.copy() for row in GOOD_ROWS]
    moved[0][5] = "Groep 6"
    moved[1][6] = "Ahmet"

    summary = do_import_students(personas.school, _rows(_csv(moved)),
                                 personas.user("schoolleider"))

    assert (summary.changed_students, summary.changed_guardians, summary.new_guardians,
            summary.unchanged_students) == (1, 1, 0, 2)
    assert Person.objects.get(student_number="5001").group.name == "Groep 6"
    assert Person.objects.get(email="ahmed.yilmaz@example.org").first_name == "Ahmet"


def test_a_student_missing_from_the_file_becomes_a_leaver_and_can_return(
        personas: Personas) -> None:
    personas.student.student_number = "4000"
    personas.student.save(update_fields=["student_number"])

    summary = do_import_students(personas.school, _rows(_csv(GOOD_ROWS)),
                                 personas.user("schoolleider"))

    personas.student.refresh_from_db()
    assert summary.leavers == 1
    assert (personas.student.is_active, personas.student.left_on) == (
        False, timezone.localdate())
    # Students without a student number (added by hand) are not the import's to end.
    personas.classmate.refresh_from_db()
    assert personas.classmate.is_active

    back = [*GOOD_ROWS, ["4000", "Sem", "", "Bakker", "", "1A", "", "", "", ""]]
    summary = do_import_students(personas.school, _rows(_csv(back)),
                                 personas.user("schoolleider"))
    personas.student.refresh_from_db()
    assert summary.returning_students == 1
    assert (personas.student.is_active, personas.student.left_on) == (True, None)


def test_an_existing_guardian_is_found_by_name_and_child(personas: Personas) -> None:
    personas.student.student_number = "4000"
    personas.student.save(update_fields=["student_number"])
    row = ["4000", "Sem", "", "Bakker", "", "1A", "Petra", "", "Bakker", "petra@example.org"]

    summary = do_import_students(personas.school, _rows(_csv([row])),
                                 personas.user("schoolleider"))

    assert (summary.new_guardians, summary.changed_guardians, summary.new_links) == (0, 1, 0)
    personas.parent.refresh_from_db()
    assert personas.parent.email == "petra@example.org"


def test_a_failure_during_the_import_changes_nothing_at_all(
        personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _database()

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the audit log is unavailable")

    # The very last step fails, after every student, group and guardian was written.
    monkeypatch.setattr(actions, "do_record", broken)
    with pytest.raises(RuntimeError):
        do_import_students(personas.school, _rows(_csv(GOOD_ROWS)),
                           personas.user("schoolleider"))

    assert _database() == before
    assert not Group.objects.filter(name="Groep 5").exists()


def test_a_failure_while_saving_a_student_changes_nothing(
        personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    do_import_students(personas.school, _rows(_csv(GOOD_ROWS[:1])),
                       personas.user("schoolleider"))
    before = _database()
    original = Person.objects.bulk_update

    def failing_bulk_update(objs: Any, fields: Any, **kwargs: Any) -> int:
        if any(p.role == Person.Role.OUDER for p in objs):
            raise RuntimeError("disk full")
        return original(objs, fields, **kwargs)

    monkeypatch.setattr(Person.objects, "bulk_update", failing_bulk_update)
    changed = [row.copy() for row in GOOD_ROWS]
    changed[0][6] = "Marie"
    with pytest.raises(RuntimeError):
        do_import_students(personas.school, _rows(_csv(changed)),
                           personas.user("schoolleider"))

    assert _database() == before
    assert Person.objects.filter(student_number="5002").count() == 0


# --- The pages ------------------------------------------------------------------------


def test_the_pages_preview_then_import_a_csv(client: Client, leader: Personas) -> None:
    before = _database()

    page = _upload_and_check(client, _csv(GOOD_ROWS))

    assert "Confirm the import" in page
    assert _database() == before  # nothing changes before confirming
    assert client.post(PREVIEW, {"action": "confirm"}).status_code == 302
    assert Person.objects.filter(school=leader.school, student_number__in=["5001", "5002",
                                                                             "5003"]).count() == 3
    assert not PendingImport.objects.exists()
    assert ImportMapping.objects.get(school=leader.school, source="parnassys").mapping[
        "student_number"] == "Leerlingnummer"


def test_the_pages_import_an_xlsx_and_a_second_import_changes_nothing(
        client: Client, leader: Personas) -> None:
    _upload_and_check(client, _xlsx(GOOD_ROWS), "export.xlsx")
    client.post(PREVIEW, {"action": "confirm"})
    assert Person.objects.get(student_number="5001").date_of_birth == dt.date(2016, 3, 12)
    after_first = _database()

    _upload_and_check(client, _xlsx(GOOD_ROWS), "export.xlsx")
    summary = client.get(PREVIEW).context["summary"]
    client.post(PREVIEW, {"action": "confirm"})

    assert (summary.new_students, summary.changed_students, summary.unchanged_students) == (
        0, 0, 3)
    assert _database() == after_first


def test_cancelling_removes_the_upload_and_changes_nothing(client: Client,
                                                          leader: Personas) -> None:
    before = _database()
    _upload_and_check(client, _csv(GOOD_ROWS))

    client.post(PREVIEW, {"action": "cancel"})

    assert not PendingImport.objects.exists()
    assert _database() == before
    assert client.get(PREVIEW).status_code == 302


def test_a_file_without_a_student_number_column_is_refused(client: Client,
                                                           leader: Personas) -> None:
    before = _database()
    header = ["Nummer?", *HEADER[1:]]
    _upload(client, _csv(GOOD_ROWS, header))

    form = client.get(COLUMNS).context["form"]
    response = client.post(COLUMNS, {name: form[name].value() or "" for name in
                                     importing.FIELDS})

    assert response.status_code == 200
    assert "Student number" in response.content.decode()
    assert client.get(PREVIEW).status_code == 302  # back to choosing columns
    assert _database() == before


@pytest.mark.parametrize(("bad_row", "column", "problem"), [
    (["5004", "Noor", "", "Visser", "31-02-2016", "Groep 5", "", "", "", ""],
     "Geboortedatum", "is not a date"),
    (["5004", "Noor", "", "Visser", "01-01-2099", "Groep 5", "", "", "", ""],
     "Geboortedatum", "in the future"),
    (["5001", "Noor", "", "Visser", "", "Groep 5", "", "", "", ""],
     "Leerlingnummer", "also appears in row 2"),
    (["5004", '=HYPERLINK("http://x","klik")', "", "Visser", "", "Groep 5", "", "", "", ""],
     "Roepnaam", "formula"),
    (["5004", "Noor", "", "Visser", "", "Groep 5", "Kees", "", "Visser", "kees@"],
     "E-mail ouder/verzorger 1", "not a valid e-mail address"),
])
def test_a_file_with_an_error_is_shown_with_its_row_and_cannot_be_imported(
        client: Client, leader: Personas, bad_row: list[str], column: str,
        problem: str) -> None:
    before = _database()
    data = _csv([*GOOD_ROWS, bad_row]).replace(b'"', b"")
    if "HYPERLINK" in bad_row[1]:
        data = _csv(GOOD_ROWS) + b'\r\n5004;"=HYPERLINK(""http://x"",""klik"")";;Visser;;Groep 5'

    page = _upload_and_check(client, data)
    errors = client.get(PREVIEW).context["errors"]
    client.post(PREVIEW, {"action": "confirm"})

    assert [(e["row"], e["column"]) for e in errors] == [(5, column)]
    assert problem in errors[0]["message"]
    assert "Confirm the import" not in page
    assert _database() == before
    assert PendingImport.objects.exists()  # still there: confirming did nothing


def test_a_50_mb_upload_is_refused_before_it_is_read(client: Client, leader: Personas) -> None:
    before = _database()

    # The request only claims 50 MB; the view must refuse on that claim alone, so the
    # (empty) body is never read.
    response = client.generic("POST", UPLOAD, b"", "multipart/form-data; boundary=x",
                              CONTENT_LENGTH=str(50 * 1024 * 1024))

    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert _database() == before
    assert not PendingImport.objects.exists()


def test_a_file_just_over_the_limit_is_refused(client: Client, leader: Personas) -> None:
    data = _csv(GOOD_ROWS) + b"\r\n" + b"x" * importing.MAX_BYTES

    response = _upload(client, data)

    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_declared_50_mb_file_is_refused_without_reading_it() -> None:
    class Unreadable:
        size = 50 * 1024 * 1024

        def seek(self, offset: int) -> None:
            raise AssertionError("must not be touched")

        read = seek

    with pytest.raises(importing.FileRefused, match="too large"):
        importing.read_upload(Unreadable())


def test_a_beheerder_chooses_the_school(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("beheerder"))

    _upload_and_check(client, _csv(GOOD_ROWS), school=personas.sister_school.pk)
    client.post(PREVIEW, {"action": "confirm"})

    assert Person.objects.get(student_number="5001").school == personas.sister_school


def test_a_beheerder_cannot_import_into_another_stichtings_school(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("beheerder"))

    response = _upload(client, _csv(GOOD_ROWS), school=personas.other_school.pk)

    assert response.status_code == 200  # the form refuses the choice
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize("url", [UPLOAD, COLUMNS, PREVIEW])
def test_a_teacher_may_not_import(client: Client, personas: Personas, url: str) -> None:
    sign_in(client, personas.user("teacher"))

    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "confirm"}).status_code == 403


def test_my_school_links_to_the_import_only_for_those_who_may(client: Client,
                                                              personas: Personas) -> None:
    sign_in(client, personas.user("teacher"))
    assert UPLOAD not in client.get(reverse("schools:my_school")).content.decode()
    sign_in(client, personas.user("schoolleider"))
    assert UPLOAD in client.get(reverse("schools:my_school")).content.decode()
