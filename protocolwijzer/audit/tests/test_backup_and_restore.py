"""``manage backup`` and ``manage restore`` round-trip the database, the private files and
the audit chain, and a backup whose audit log does not verify is refused before anything
live changes (issue 10, point 14). Runs on SQLite and PostgreSQL (scripts/test)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation
from pytest_django import Settings

from protocolwijzer.audit import chain, triggers
from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.backup import _row_counts, do_backup
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)  # a restore replaces whole tables


@pytest.fixture
def media(tmp_path: Path, settings: Settings) -> Path:
    root = tmp_path / "data" / "media"
    (root / "uploads" / "2026").mkdir(parents=True)
    (root / "uploads" / "2026" / "schoolreis.jpg").write_bytes(b"\xff\xd8" + bytes(range(256)))
    (root / "imports" / "leerlingen.csv").parent.mkdir()
    (root / "imports" / "leerlingen.csv").write_text("Voornaam;Achternaam\nSem;de Vries\n")
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def history(personas: Personas) -> list[AuditEvent]:
    leader = personas.user("schoolleider")
    return [do_record(Action.PERSON_VIEWED, actor=leader, school=personas.school,
                      target=person, ip="192.0.2.9")
            for person in (personas.student, personas.classmate, personas.student_1b)]


def _checksums(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}


def _backup(directory: Path) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("backup", str(directory), stdout=out)
    return out.getvalue()


def _restore(directory: Path) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("restore", str(directory), "--no-input", stdout=out)
    return out.getvalue()


def _wipe(media: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)


def _counts() -> dict[str, int]:
    return _row_counts("default")


@pytest.mark.usefixtures("history")
def test_backup_wipe_restore_gives_the_same_rows_files_and_a_verifying_chain(
        tmp_path: Path, media: Path) -> None:
    counts, files, head = _counts(), _checksums(media), chain.head()
    _backup(tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())

    _wipe(media)
    assert AuditEvent.objects.count() == 0 and not media.exists()
    _restore(tmp_path / "backup")

    assert _counts() == counts == manifest["tables"]
    assert _checksums(media) == files
    assert chain.first_broken_event() is None and chain.head() == head
    assert manifest["vendor"] == connection.vendor
    assert manifest["audit_head"]["chain_hash"] == head.chain_hash
    assert triggers.installed(connection)
    # the restored log is still append-only and the chain goes on
    do_record(Action.SIGN_IN, actor_email="na-herstel@de-maas.example")
    assert chain.first_broken_event() is None


@pytest.mark.usefixtures("history", "media")
def test_the_manifest_lists_every_file_with_its_checksum(tmp_path: Path) -> None:
    _backup(tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())

    assert manifest["format"] == "protocolwijzer-backup" and manifest["version"] == 1
    assert set(manifest["files"]) == {manifest["database"], "files/imports/leerlingen.csv",
                                      "files/uploads/2026/schoolreis.jpg"}
    assert manifest["tables"]["audit_auditevent"] == AuditEvent.objects.count()
    assert manifest["audit_verified"] is True


def test_a_backup_whose_audit_log_was_changed_is_refused_and_nothing_changes(
        tmp_path: Path, media: Path, history: list[AuditEvent], personas: Personas) -> None:
    # An operator changes an event past the triggers, then a backup is made of that.
    triggers.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET ip = %s WHERE id = %s",
                       ["198.51.100.1", history[1].pk])
    triggers.install(connection)
    with pytest.raises(CommandError, match="does not verify"):
        _backup(tmp_path / "tampered")
    # Later the live installation is clean again, with other data.
    _wipe(media)
    media.mkdir()
    (media / "nieuw.txt").write_text("blijft staan")
    do_record(Action.SIGN_IN, actor_email="nieuw@de-maas.example")
    counts, files, head = _counts(), _checksums(media), chain.head()

    with pytest.raises(CommandError) as refused:
        _restore(tmp_path / "tampered")

    assert f"event {history[1].pk}" in str(refused.value)
    assert "audit log in this backup does not verify" in str(refused.value)
    assert (_counts(), _checksums(media), chain.head()) == (counts, files, head)
    assert chain.first_broken_event() is None


@pytest.mark.usefixtures("history")
def test_a_backup_with_a_changed_file_is_refused_naming_the_file(
        tmp_path: Path, media: Path) -> None:
    _backup(tmp_path / "backup")
    (tmp_path / "backup" / "files" / "imports" / "leerlingen.csv").write_text("Noor;Bakker\n")
    (media / "live.txt").write_text("live")
    counts, files = _counts(), _checksums(media)

    changed = re.escape("files/imports/leerlingen.csv does not match")
    with pytest.raises(CommandError, match=changed):
        _restore(tmp_path / "backup")

    assert (_counts(), _checksums(media)) == (counts, files)


@pytest.mark.usefixtures("history", "media")
def test_a_backup_with_removed_events_and_a_fitting_checksum_is_refused(
        tmp_path: Path) -> None:
    """SQLite only: the database copy is a plain file to edit. The last events are cut off
    (the chain itself still links) and the checksum is made to fit: the head in the
    manifest gives it away."""
    if connection.vendor != "sqlite":
        pytest.skip("edits the SQLite copy; PostgreSQL's dump is covered by the test above")
    _backup(tmp_path / "backup")
    copy = tmp_path / "backup" / "database.sqlite3"
    db = sqlite3.connect(copy)
    db.execute("DROP TRIGGER audit_event_no_delete")
    db.execute("DELETE FROM audit_auditevent WHERE id = (SELECT max(id) FROM audit_auditevent)")
    db.commit()
    db.close()
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["database.sqlite3"] = hashlib.sha256(copy.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="events were removed or added"):
        _restore(tmp_path / "backup")
    assert Person.objects.exists()


def test_a_backup_of_the_other_database_kind_is_refused(tmp_path: Path, db: None) -> None:
    do_backup(tmp_path / "backup")
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["vendor"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="Nothing was restored"):
        _restore(tmp_path / "backup")


def test_a_directory_without_a_manifest_is_refused(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError, match=re.escape("manifest.json")):
        _restore(tmp_path)


def test_a_backup_never_overwrites_an_earlier_one(tmp_path: Path, db: None) -> None:
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "manifest.json").write_text("{}")

    with pytest.raises(CommandError, match="not empty"):
        _backup(tmp_path / "backup")
