"""Backup and restore of the database, the private files and the audit chain.

A backup is a directory:

    manifest.json       format version, database vendor, row counts per table, the SHA-256
                        of every other file, and the audit chain's head
    database.sqlite3    SQLite: a consistent copy made with SQLite's backup API
    database.dump       PostgreSQL: ``pg_dump -Fc`` from the same snapshot as the counts
    files/...           the private files (``MEDIA_ROOT``; ``<PW_DATA_DIR>/media`` when unset)

``do_restore`` checks everything before it replaces anything: the checksums, the vendor, and
the database copy itself, opened as a separate database (SQLite: a temporary copy of the
file; PostgreSQL: a scratch database that is dropped afterwards), where the audit chain must
verify, end at the head in the manifest, and the row counts must match. Only then does it
replace the live database (SQLite: the backup API into the live file; PostgreSQL:
``pg_restore --clean --single-transaction``, all or nothing) and the private files (staged
next to the live directory first, then swapped in by renaming).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess  # nosec B404: pg_dump/pg_restore with argument lists, never a shell
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.db.utils import load_backend
from django.utils.translation import gettext as _

from protocolwijzer.audit import chain

FORMAT = "protocolwijzer-backup"
VERSION = 1
MANIFEST = "manifest.json"
FILES = "files"
DATABASE_FILE = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}


class BackupRefused(Exception):
    """A backup that cannot be made or restored; the message says why, in full."""


@dataclass
class Outcome:
    manifest: dict[str, Any]
    broken: chain.Break | None  # the live audit chain did not verify when backed up


def files_root() -> Path:
    """Where the private files (uploads) live."""
    media = getattr(settings, "MEDIA_ROOT", "")
    return Path(media) if media else Path(settings.DATA_DIR) / "media"


# -- helpers -------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def temporary_alias(using: str, **changes: Any) -> Iterator[str]:
    """A second connection alias like ``using`` with ``changes`` (such as another NAME),
    removed afterwards; so the audit checks can run on a copy of the database."""
    alias = f"pw_backup_{secrets.token_hex(4)}"
    settings_dict = {**connections[using].settings_dict, **changes}
    # Registered for this thread only, not in settings.DATABASES: a connection made on the
    # fly, as Django's test runner also allows.
    connections[alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


def _row_counts(using: str) -> dict[str, int]:
    connection = connections[using]
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(include_views=False)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # nosec B608: table names from the catalogue
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _head_json(head: chain.Head) -> dict[str, Any]:
    return {"count": head.count, "id": head.id, "chain_hash": head.chain_hash}


def _check_copy(alias: str, manifest: dict[str, Any]) -> None:
    """The database copy on ``alias`` must have a verifying chain that ends where the
    manifest says, and the row counts the manifest lists."""
    broken, head = chain.verify(alias)
    if broken is not None:
        raise BackupRefused(_("The audit log in this backup does not verify: %(problem)s. "
                              "Nothing was restored.") % {"problem": broken})
    expected = manifest.get("audit_head") or {}
    if _head_json(head) != expected:
        raise BackupRefused(_(
            "The audit log in this backup ends at event %(id)s (%(count)s events), but the "
            "manifest says event %(expected_id)s (%(expected_count)s events): events were "
            "removed or added after the backup was made. Nothing was restored.") % {
            "id": head.id, "count": head.count, "expected_id": expected.get("id"),
            "expected_count": expected.get("count")})
    counts = _row_counts(alias)
    for table, count in sorted((manifest.get("tables") or {}).items()):
        if counts.get(table) != count:
            raise BackupRefused(_(
                "Table %(table)s has %(found)s rows in the backup's database, but the "
                "manifest says %(count)s. Nothing was restored.") % {
                "table": table, "found": counts.get(table, 0), "count": count})


# -- PostgreSQL tools -----------------------------------------------------------------------

def _pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` of the newest installed PostgreSQL (a newer one can read
    an older server, not the reverse), or the one on PATH."""
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                      key=lambda p: [int(x) if x.isdigit() else 0
                                     for x in p.parent.parent.name.split(".")])
    if versions:
        return str(versions[-1])
    found = shutil.which(name)
    if found:
        return found
    raise BackupRefused(_("%(name)s was not found (not on PATH, not under "
                          "/usr/lib/postgresql/*/bin); install the PostgreSQL client tools.")
                        % {"name": name})


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                          ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if options.get(option):
            env[f"PG{option.upper()}"] = str(options[option])
    return env


def _run(argv: list[str], settings_dict: dict[str, Any], what: str) -> None:
    result = subprocess.run(argv, env=_pg_env(settings_dict), capture_output=True,  # nosec B603
                            text=True, check=False)
    if result.returncode != 0:
        raise BackupRefused(_("%(what)s failed: %(error)s") % {
            "what": what, "error": result.stderr.strip() or result.returncode})


# -- backup ---------------------------------------------------------------------------------

def do_backup(directory: Path, using: str = "default") -> Outcome:
    """Writes a backup of database ``using`` and the private files into ``directory``,
    which must not exist yet or be empty."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupRefused(_("%(directory)s is not empty; a backup goes into a new "
                              "directory.") % {"directory": directory})
    directory.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_FILE:
        raise BackupRefused(_("Backups of a %(vendor)s database are not supported.")
                            % {"vendor": vendor})
    database = directory / DATABASE_FILE[vendor]
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(database)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        with temporary_alias(using, NAME=str(database)) as alias:
            tables = _row_counts(alias)
            broken, head = chain.verify(alias)
    else:
        with temporary_alias(using) as alias, transaction.atomic(using=alias):
            with connections[alias].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            # pg_dump sees exactly what the counts and the chain check see.
            _run([_pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}",
                  "--no-owner", "--no-privileges", f"--file={database}",
                  str(connection.settings_dict["NAME"])],
                 connection.settings_dict, "pg_dump")
            tables = _row_counts(alias)
            broken, head = chain.verify(alias)
    checksums = {database.name: _sha256(database)}
    root = files_root()
    if root.is_dir():
        for source in sorted(root.rglob("*")):
            if source.is_file() and not source.is_symlink():
                relative = source.relative_to(root).as_posix()
                copy = directory / FILES / relative
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy)
                checksums[f"{FILES}/{relative}"] = _sha256(copy)
    manifest = {
        "format": FORMAT, "version": VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "vendor": vendor, "database": database.name, "tables": tables,
        "files": checksums, "audit_head": _head_json(head),
        "audit_verified": broken is None,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                      encoding="utf-8")
    return Outcome(manifest, broken)


# -- restore --------------------------------------------------------------------------------

def read_manifest(directory: Path) -> dict[str, Any]:
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupRefused(_("%(directory)s has no manifest.json: it is not a backup made "
                              "by 'protocolwijzer manage backup'.")
                            % {"directory": directory}) from None
    except (OSError, ValueError) as exc:
        raise BackupRefused(_("%(path)s cannot be read: %(error)s.")
                            % {"path": path, "error": exc}) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(_("%(path)s is not a Protocolwijzer backup manifest.")
                            % {"path": path})
    if manifest.get("version") != VERSION:
        raise BackupRefused(_("%(path)s has format version %(found)s; this version of "
                              "Protocolwijzer restores version %(version)s.") % {
            "path": path, "found": manifest.get("version"), "version": VERSION})
    return manifest


def verify_files(directory: Path, manifest: dict[str, Any]) -> None:
    """Every file the manifest lists is there with its checksum, and no other file is."""
    directory = Path(directory)
    listed: dict[str, str] = manifest.get("files") or {}
    if manifest.get("database") not in listed:
        raise BackupRefused(_("The manifest lists no database file."))
    for name, expected in sorted(listed.items()):
        path = directory / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise BackupRefused(_("The manifest names %(name)s, which is outside the "
                                  "backup.") % {"name": name})
        if not path.is_file():
            raise BackupRefused(_("%(name)s, listed in the manifest, is missing from the "
                                  "backup. Nothing was restored.") % {"name": name})
        if _sha256(path) != expected:
            raise BackupRefused(_("%(name)s does not match its checksum in the manifest: it "
                                  "was changed or damaged after the backup was made. Nothing "
                                  "was restored.") % {"name": name})
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*")
               if p.is_file()} - {MANIFEST}
    extra = sorted(present - set(listed))
    if extra:
        raise BackupRefused(_("%(name)s is in the backup but not in its manifest: the "
                              "backup was changed after it was made. Nothing was restored.")
                            % {"name": extra[0]})


def do_restore(directory: Path, using: str = "default") -> dict[str, Any]:
    """Replaces database ``using`` and the private files with the backup in ``directory``,
    after checking it in full; raises BackupRefused, naming the problem, before touching
    anything live. Returns the manifest."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    connection = connections[using]
    if manifest.get("vendor") != connection.vendor:
        raise BackupRefused(_("This backup is of a %(backup)s database; this installation "
                              "uses %(live)s. Nothing was restored.") % {
            "backup": manifest.get("vendor"), "live": connection.vendor})
    if connection.in_atomic_block:
        raise BackupRefused(_("A restore cannot run inside a database transaction."))
    verify_files(directory, manifest)
    database = directory / manifest["database"]
    root = files_root()
    staging = root.parent / f".{root.name}.restoring-{secrets.token_hex(4)}"
    with tempfile.TemporaryDirectory(prefix="pw-restore-") as scratch_dir:
        if connection.vendor == "sqlite":
            checked = Path(scratch_dir) / "database.sqlite3"
            shutil.copyfile(database, checked)
            with temporary_alias(using, NAME=str(checked)) as alias:
                _check_copy(alias, manifest)
        else:
            _check_in_scratch_database(database, manifest, using)
        # Everything checks out: stage the files, then replace the database and swap.
        _stage_files(directory, manifest, staging)
        try:
            if connection.vendor == "sqlite":
                connection.ensure_connection()
                source = sqlite3.connect(checked)
                try:
                    source.backup(connection.connection)
                finally:
                    source.close()
            else:
                connections[using].close()
                _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction",
                      "--exit-on-error", "--no-owner", "--no-privileges",
                      f"--dbname={connection.settings_dict['NAME']}", str(database)],
                     connection.settings_dict, _("pg_restore into the live database"))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    _swap_files(staging, root)
    return manifest


def _check_in_scratch_database(dump: Path, manifest: dict[str, Any], using: str) -> None:
    settings_dict = connections[using].settings_dict
    scratch = f"{settings_dict['NAME']}_restore_check_{secrets.token_hex(4)}"[:63]
    with temporary_alias(using) as admin:
        quote = connections[admin].ops.quote_name
        try:
            with connections[admin].cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {quote(scratch)}")
        except Exception as exc:
            raise BackupRefused(_(
                "A scratch database to check the backup in cannot be created (the database "
                "user needs the CREATEDB right): %(error)s. Nothing was restored.")
                % {"error": exc}) from None
        try:
            _run([_pg_tool("pg_restore"), "--exit-on-error", "--no-owner", "--no-privileges",
                  f"--dbname={scratch}", str(dump)], settings_dict,
                 _("pg_restore into a scratch database"))
            with temporary_alias(using, NAME=scratch) as alias:
                _check_copy(alias, manifest)
        finally:
            with connections[admin].cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(scratch)} WITH (FORCE)")


def _stage_files(directory: Path, manifest: dict[str, Any], staging: Path) -> None:
    staging.mkdir(parents=True)
    for name in manifest["files"]:
        if name.startswith(f"{FILES}/"):
            target = staging / name.removeprefix(f"{FILES}/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(directory / name, target)


def _swap_files(staging: Path, root: Path) -> None:
    aside = root.parent / f".{root.name}.before-restore-{secrets.token_hex(4)}"
    if root.exists():
        root.rename(aside)
    staging.rename(root)
    shutil.rmtree(aside, ignore_errors=True)
