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
        raise BackupRefused(f"The audit log in this backup does not verify: {broken}. "
                            "Nothing was restored.")
    expected = manifest.get("audit_head") or {}
    if _head_json(head) != expected:
        raise BackupRefused(
            f"The audit log in this backup ends at event {head.id} ({head.count} events), "
            f"but the manifest says event {expected.get('id')} ({expected.get('count')} "
            "events): events were removed or added after the backup was made. Nothing was "
            "restored.")
    counts = _row_counts(alias)
    for table, count in sorted((manifest.get("tables") or {}).items()):
        if counts.get(table) != count:
            raise BackupRefused(
                f"Table {table} has {counts.get(table, 'no')} rows in the backup's database, "
                f"but the manifest says {count}. Nothing was restored.")


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
    raise BackupRefused(f"{name} was not found (not on PATH, not under "
                        "/usr/lib/postgresql/*/bin); install the PostgreSQL client tools.")


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
        raise BackupRefused(f"{what} failed: {result.stderr.strip() or result.returncode}")


# -- backup ---------------------------------------------------------------------------------

def do_backup(directory: Path, using: str = "default") -> Outcome:
    """Writes a backup of database ``using`` and the private files into ``directory``,
    which must not exist yet or be empty."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupRefused(f"{directory} is not empty; a backup goes into a new directory.")
    directory.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_FILE:
        raise BackupRefused(f"Backups of a {vendor} database are not supported.")
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
        raise BackupRefused(f"{directory} has no {MANIFEST}: it is not a backup made by "
                            "'protocolwijzer manage backup'.") from None
    except (OSError, ValueError) as exc:
        raise BackupRefused(f"{path} cannot be read: {exc}.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(f"{path} is not a Protocolwijzer backup manifest.")
    if manifest.get("version") != VERSION:
        raise BackupRefused(f"{path} has format version {manifest.get('version')}; this "
                            f"version of Protocolwijzer restores version {VERSION}.")
    return manifest


def verify_files(directory: Path, manifest: dict[str, Any]) -> None:
    """Every file the manifest lists is there with its checksum, and no other file is."""
    directory = Path(directory)
    listed: dict[str, str] = manifest.get("files") or {}
    if manifest.get("database") not in listed:
        raise BackupRefused("The manifest lists no database file.")
    for name, expected in sorted(listed.items()):
        path = directory / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise BackupRefused(f"The manifest names {name}, which is outside the backup.")
        if not path.is_file():
            raise BackupRefused(f"{name}, listed in the manifest, is missing from the backup.")
        if _sha256(path) != expected:
            raise BackupRefused(f"{name} does not match its checksum in the manifest: it was "
                                "changed or damaged after the backup was made. Nothing was "
                                "restored.")
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*")
               if p.is_file()} - {MANIFEST}
    extra = sorted(present - set(listed))
    if extra:
        raise BackupRefused(f"{extra[0]} is in the backup but not in its manifest: the backup "
                            "was changed after it was made. Nothing was restored.")


def do_restore(directory: Path, using: str = "default") -> dict[str, Any]:
    """Replaces database ``using`` and the private files with the backup in ``directory``,
    after checking it in full; raises BackupRefused, naming the problem, before touching
    anything live. Returns the manifest."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    connection = connections[using]
    if manifest.get("vendor") != connection.vendor:
        raise BackupRefused(f"This backup is of a {manifest.get('vendor')} database; this "
                            f"installation uses {connection.vendor}. Nothing was restored.")
    if connection.in_atomic_block:
        raise BackupRefused("A restore cannot run inside a database transaction.")
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
                     connection.settings_dict, "pg_restore into the live database")
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
            raise BackupRefused(
                "A scratch database to check the backup in cannot be created (the database "
                f"user needs the CREATEDB right): {exc}. Nothing was restored.") from None
        try:
            _run([_pg_tool("pg_restore"), "--exit-on-error", "--no-owner", "--no-privileges",
                  f"--dbname={scratch}", str(dump)], settings_dict,
                 "pg_restore into a scratch database")
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
