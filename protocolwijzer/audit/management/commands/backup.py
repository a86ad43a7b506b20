"""``manage backup DIR``: the database, the private files and the audit chain's head in one
directory, with a manifest of checksums (backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from protocolwijzer.audit.backup import BackupRefused, do_backup


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Writes a backup of the database, the private files and the audit log "
                 "into a new directory.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help=_("A new or empty directory."))
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS,
                            help=_("The database to back up (default: default)."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = do_backup(options["directory"], options["database"])
        except BackupRefused as exc:
            raise CommandError(_("No backup was made: %(reason)s") % {"reason": exc}) from None
        manifest = outcome.manifest
        self.stdout.write(_("Backup written to %(directory)s: %(rows)s rows in %(tables)s "
                            "tables, %(files)s files, audit log head %(head)s.") % {
            "directory": options["directory"], "rows": sum(manifest["tables"].values()),
            "tables": len(manifest["tables"]), "files": len(manifest["files"]),
            "head": f"{manifest['audit_head']['id'] or 0}:{manifest['audit_head']['chain_hash']}"})
        if outcome.broken is not None:
            raise CommandError(_("The backup was written, but the audit log does not verify: "
                                 "%(problem)s. It cannot be restored until that is resolved.")
                               % {"problem": outcome.broken})
